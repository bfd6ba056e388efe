"""The finding categories CONTRACT.md fixes; titles and clauses come from rules/categories.toml."""

CATEGORY_IDS = (
    "pupil_reference",
    "colleague_reference",
    "school_reference",
    "missing_disclaimer",
    "pupil_image",
    "criticism",
    "offensive_language",
    "personal_data",
    "confidential",
    "reference_recommendation",
    "teaching_use",
    "solicitation",
    "speaking_for_school",
    "lesson_time",
    "work_email",
    "pupil_contact",
    "profile_mentions_school",
)

SEVERITIES = ("high", "medium", "low")

CONTEXTS = (
    "post", "reply", "comment", "message", "profile", "recommendation",
    "login", "signup", "friend_request", "follow",
)
# Contexts whose `text` is something the teacher wrote for others to read.
WRITING_CONTEXTS = ("post", "reply", "comment", "message", "profile", "recommendation")
