"""Each category on posts written the way staff write them, and on the ordinary posts that
must stay quiet. These examples are our own, not the corpus's."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.evaluation import Evaluator

DATA = Path(__file__).parent / "data"
SATURDAY = "2026-11-21T11:00:00"

FIRES = {
    "pupil_reference": [
        "My Year 9s were brilliant today", "yr 7 parents evening tonight", "Y11 mocks start Monday",
        "year nine are on a trip", "#Year11 you legends", "Teaching 10B tomorrow", "8R made me laugh",
        "Harry in 9C asked me a question", "my tutor group won the quiz", "My GCSE group are ready",
        "A-level class were lovely today", "the sixth formers organised it", "two of my pupils argued",
        "the kids in my class made cards", "a kid in my form is moving away", "the kids at school were hyper",
        "Llongyfarchiadau i ddisgyblion Blwyddyn 7", "Diolch i'r dosbarth 10B", "LLONGYFARCHIADAU i Flwyddyn 9",
        "I've taught thousands of students over the years at this school", "all my form groups over the years",
        "Oliver Bennett scored", "grace hope was a star in rehearsals",
    ],
    "colleague_reference": [
        "My head of department bought doughnuts", "SLT were in the canteen", "my colleagues are the best",
        "The head popped into my lesson", "our deputy head sang karaoke", "my line manager signed it off",
        "Mrs Holloway's cake", "Janet Holloway retires today", "Diolch i fy nghydweithwyr",
        "the leadership at my school have changed the policy again", "the maths teacher next door is hilarious",
        "staff morale is at rock bottom",
    ],
    "criticism": [
        "Management at my school are useless", "This school is a shambles", "Worst head of department ever",
        "Year 10 are the laziest group I've taught", "the parents at my school are a nightmare",
        "SLT haven't got a clue", "our head is a bully", "the leadership here is a joke",
        "this place is badly run and going downhill", "the school treats staff like dirt",
        "Mae'r ysgol hon yn llanast llwyr", "Mae'r pennaeth yn anobeithiol", "8C are feral",
        "the governors are completely out of touch", "Mrs Holloway is two-faced",
    ],
    "offensive_language": [
        "what a f*cking week", "sh1t day", "f u c k mondays", "FUCK this", "what a twat", "Diwrnod ffycin gwael",
        "Immigrants are ruining this country", "Women shouldn't be allowed to teach physics",
        "gays are disgusting", "homosexuality is unnatural", "islam is a sick religion", "go home you lot",
        "that ref was so retarded", "I'll run him over", "I swear I'll kill him", "he deserves a good slap",
        "muslims are all terrorists", "trans people are mentally ill",
    ],
    "personal_data": [
        "ring 07700 900123", "call +44 7700 900789", "landline 01452 523817", "(01452) 523817",
        "email kate.m.sanders@gmail.com", "Party at 14 Kingsholm Road", "GL1 3AX", "DOB 12/03/2012",
        "born on 3 May 2008", "her date of birth is 4th September 2010", "UPN A123456789012",
        "dyddiad geni 12/03/2012",
    ],
    "confidential": [
        "Confidential: Ofsted next week", "Strictly between us, the head is leaving", "off the record...",
        "Keep it quiet but SLT are restructuring", "Don't tell anyone but 11Y smashed their results",
        "Cyfrinachol: arolwg Estyn", "Rhwng ni, mae'r pennaeth yn gadael", "a colleague has been suspended",
        "there's a safeguarding referral going in for a kid in my form",
    ],
    "reference_recommendation": [
        "I highly recommend Sam Jones for any teaching post", "Hire her! She's brilliant",
        "any schools hiring, snap him up", "look no further than Gareth", "I'd recommend Priya to any school",
        "any school would be lucky to have her", "She would be an asset to any department",
        "she'd make a brilliant head of year, hire her",
    ],
    "teaching_use": [
        "Year 10: essays due Friday", "Don't forget your homework", "Revision session moved to Tuesday",
        "coursework deadline is 5 December", "page 42, questions 1-6", "Blwyddyn 10: cofiwch eich gwaith cartref",
        "Essay title: How far was Elizabeth I successful?", "the deadline is still Friday, no extensions",
        "Reminder: test on Friday, revise chapters 3-5", "Sparx homework is due Wednesday",
        "Traethawd erbyn dydd Llun os gwelwch yn dda",
    ],
    "solicitation": [
        "Vote Labour on Thursday", "Please sign my petition", "Use code TEACHER10 for 10% off",
        "DM to order, £25 each", "Come and worship with us this Sunday", "Share this with 10 friends",
        "Earn £500 a week from home", "Join the march on Saturday", "Pleidleisiwch dros Plaid Cymru",
        "Our Alpha course starts Tuesday at St Mark's church, all welcome", "#VoteLabour",
        "Join my team and be your own boss",
    ],
    "speaking_for_school": [
        "On behalf of the school, thank you", "We at The Crypt School are delighted",
        "The school's official position is clear", "The Crypt School would like to apologise",
        "Ar ran yr ysgol, diolch", "Ar ran pawb yn yr ysgol, diolch yn fawr",
        "On behalf of all the staff and pupils, thank you for coming",
        "We are delighted to announce that our pupils have raised £2,000",
    ],
}

QUIET = [
    "Worst weekend ever, rain ruined the BBQ", "Charlie has eaten my slipper", "I hope everyone has a restful half term",
    "Green tea and the crossword", "HARRY STYLES TICKETS!!", "dentist at 10am Saturday", "my B12 is low",
    "the 4G network is awful", "Year of the Dragon", "Happy birthday to my Grace, 7 today", "pottery class tonight",
    "yoga class was brutal", "ran a 10K this morning", "Bought a 4K telly", "M5 closed between J11 and J12",
    "Just voted", "Anyone recommend a good plumber?", "Happy Diwali to everyone celebrating", "Rose gold or silver?",
    "Grace before meals at Nan's", "I will never understand people", "Brown sauce on a bacon sandwich",
    "the kids are finally asleep", "Took the kids to Slimbridge", "Year 2026 resolution: fewer biscuits",
    "Class of 2005 reunion tonight", "my back is 90 years old", "Noson wych yn y dosbarth ioga heno",
    "Penwythnos gwaethaf erioed", "It's 12C and sunny", "Under 12s football this morning", "rugby 7s at Twickenham today",
    "Tesco milk went up to 9p more", "hit me on the head with a ball", "Don't tell anyone but I ate the whole cake",
    "My OU essays are due Friday", "The staff at the restaurant were lovely", "It's a hit", "it's hit or miss",
    "I could kill for a coffee", "this cold is killing me", "Faggots and peas for tea", "My deadline is Friday",
    "The Thai place was great, recommend them", "Kill them with kindness", "women's football was brilliant",
    "Amazing grace hope you all enjoy the concert", "class of their own", "I'm going to smash this marathon",
    "the head of the queue was miles away", "Our team won 10-2 this morning", "Lovely service at St Mary's this morning",
    "I hope Wales win on Saturday", "My son's teacher is lovely", "Happy 40th to my husband Will",
]


@pytest.fixture(scope="module")
def check():
    """check("text", **fields) -> {category: [matched words, …]}, from one companion for the module
    (a temporary data directory with the test rosters, as `postguard eval` builds it)."""
    with Evaluator(DATA) as evaluator:
        def run(text: str, **fields) -> dict[str, list[str]]:
            response = evaluator.companion.check({"text": text, **fields})
            out: dict[str, list[str]] = {}
            for finding in response["findings"]:
                out.setdefault(finding["category"], []).extend(text[s["start"]:s["end"]] for s in finding["spans"])
            return out

        yield run


@pytest.mark.parametrize("category,text", [(c, t) for c, texts in FIRES.items() for t in texts])
def test_fires(check, category, text):
    found = check(text, now=SATURDAY)
    assert category in found, found


@pytest.mark.parametrize("text", QUIET)
def test_stays_quiet(check, text):
    assert check(text, now=SATURDAY) == {}


def test_pupil_image_needs_a_school_or_pupil_context(check):
    image = [{"type": "image", "name": "a.jpg"}]
    assert "pupil_image" in check("Year 7 sports day", attachments=image, now=SATURDAY)
    assert "pupil_image" in check("What a fab school trip to Bath", attachments=image, now=SATURDAY)
    assert "pupil_image" in check("Sports day photos!", attachments=image, now=SATURDAY)
    assert "pupil_image" not in check("Sunday roast done right", attachments=image, now=SATURDAY)
    assert "pupil_image" not in check("Took the kids to the beach", attachments=image, now=SATURDAY)
    assert "pupil_image" not in check("Year 7 sports day", now=SATURDAY)


def test_lesson_time_only_in_lessons_and_only_for_personal_accounts(check):
    assert "lesson_time" in check("Anyone watching the cricket?", now="2026-11-24T10:15:00")
    assert "lesson_time" in check("Morning all", now="2026-11-23T08:50:00")  # tutor period
    assert "lesson_time" not in check("Break time coffee", now="2026-11-24T11:10:00")
    assert "lesson_time" not in check("Weekend starts now", now="2026-11-27T15:10:00")  # end is exclusive
    assert "lesson_time" not in check("Parkrun done", now="2026-11-28T10:15:00")  # Saturday
    assert check("Notice to parents", account={"kind": "school"}, now="2026-11-24T10:15:00") == {}


def test_pupil_contact_for_pupils_on_the_roster_only(check):
    assert "pupil_contact" in check("Add friend", context="friend_request", recipient={"name": "Oliver Bennett"})
    assert "pupil_contact" in check("Follow", context="follow", recipient={"name": "zoe o'connor-smith"})
    assert "pupil_contact" in check("hey", context="message", recipient={"name": "Grace Hope"}, now=SATURDAY)
    assert "pupil_contact" in check("Isla O'Connor", context="friend_request")
    assert check("Add friend", context="friend_request", recipient={"name": "Janet Holloway"}) == {}
    assert check("Follow", context="follow", recipient={"name": "Gary Lineker"}) == {}


def test_profile_naming_the_school(check):
    assert set(check("Maths teacher at The Crypt School", context="profile")) == {"profile_mentions_school", "missing_disclaimer"}
    assert set(check("Head of English | @CryptSchool | Views my own", context="profile")) == {"profile_mentions_school"}
    assert check("Maths teacher, runner. Views my own.", context="profile") == {}


def test_recommendation_context_is_always_a_reference(check):
    assert "reference_recommendation" in check("Daniel is a diligent designer.", context="recommendation")


def test_work_email_is_not_also_personal_data(check):
    found = check("Contact me at s.turner@cryptschool.example", now=SATURDAY)
    assert "work_email" in found and "personal_data" not in found


def test_spans_mark_the_words(check):
    assert check("ring 07700 900123 now", now=SATURDAY)["personal_data"] == ["07700 900123"]
    assert sorted(check("Harry in 9C asked", now=SATURDAY)["pupil_reference"]) == ["9C", "Harry"]
    assert check("Mr Baxter is a complete tw*t", now=SATURDAY)["offensive_language"] == ["tw*t"]
