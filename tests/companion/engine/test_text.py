from hypothesis import given, strategies as st

from companion.engine.text import fold, name_words, tokenize


@given(st.text())
def test_fold_never_changes_length(text):
    assert len(fold(text)) == len(text)


def test_fold_lowercases_strips_accents_and_straightens_quotes():
    assert fold("Zoë O’Connor–Smith ÉCOLE") == "zoe o'connor-smith ecole"


def test_tokens_split_on_hyphens_and_keep_offsets():
    text = "Isla O’Connor’s hat, Smith - Jones"
    tokens = tokenize(fold(text))
    assert [t.key for t in tokens] == ["isla", "oconnor", "hat", "smith", "jones"]
    assert [text[t.start:t.end] for t in tokens][1] == "O’Connor’s"


def test_name_words_normalise_a_roster_name():
    assert name_words("Zoë O’Connor-Smith") == ["zoe", "oconnor", "smith"]
