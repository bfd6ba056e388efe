"""`matcher = "wording"`: the wording model (companion/engine/wording.py) finds the post worded
like the rule's category, with at least `threshold` probability, and marks its weightiest sentence.

    category = "criticism"
    matcher = "wording"
    model = "wording-model.json"   # beside the rule files
    threshold = 0.55               # 0-1: higher warns less often
    min_words = 10                 # shorter posts are left to the other rules

A wording rule's `[near]`, and an `[unless]` with `within = 0`, look at the whole post and are
tested before the model is asked; an `[unless]` with `within` above 0 looks around the sentence
the model marks ("my son's school" beside the dig, not three paragraphs away). A message may say how sure the model is with `{probability}` (e.g. "82%").

The words of pupils' and staff's full names on the rosters are left out of the model's reading,
as training leaves out every roster name: a name's letters say nothing about the wording, and
another school's names must read the same as this one's.

A post of a few words carries too little wording for the model to judge ("Proud of The
Crypt School" is not the school speaking); on the blind sets every finding the model added
to a post under ten words was wrong.
"""

from __future__ import annotations

from companion.engine.matchers.base import Build, Env, Match, Matcher
from companion.engine.matchers.roster import full_names
from companion.engine.wording import SchoolWords, load_model


class WordingMatcher(Matcher):
    kind = "wording"
    params = ("model", "threshold", "min_words")
    whole_post = True  # [near] looks at the whole post, before the model is asked

    def __init__(self, build: Build) -> None:
        super().__init__(build)
        doc, table = build.doc, build.table
        name = doc.get(table, "model", str, required=True)
        self.model = load_model(doc.path.parent / name)
        self.school = SchoolWords(build.school)  # the school's name read as one word, as in training
        self.category = table["category"]
        if self.category not in self.model.categories:
            raise doc.error("category", f"the wording model {name} was not trained for {self.category!r}; "
                                        f"it knows {', '.join(sorted(self.model.categories))}")
        threshold = doc.get(table, "threshold", float, required=True)
        if not 0 < threshold < 1:
            raise doc.error("threshold", "threshold is a probability between 0 and 1 (e.g. 0.55)")
        self.threshold = float(threshold)
        self.min_words = doc.get(table, "min_words", int, default=10)
        if self.min_words < 1:
            raise doc.error("min_words", "min_words must be 1 or more")

    def find(self, post, env: Env) -> Match | None:
        if len(post.tokens) < self.min_words:
            return None
        names = post.derived("roster-name-words", lambda: roster_name_words(post, env))
        reading = post.derived(("wording", id(self.model)), lambda: self.model.read(post.folded, post.tokens, self.school, names))
        chance = reading.probability(self.category)
        span = self.model.weightiest_sentence(self.category, reading) if chance >= self.threshold else None
        return Match([span], {"probability": f"{chance:.0%}"}) if span else None


def roster_name_words(post, env: Env) -> frozenset[int]:
    """Where the words of full names on the rosters start in the post (none while no roster is imported)."""
    spans = [span for index in env.rosters.values() if index for span in full_names(post, index)]
    if not spans:
        return frozenset()
    return frozenset(t.start for t in post.tokens if any(start <= t.start < end for start, end in spans))
