"""Looking a post's words up in a roster index: surnames written the loose ways people write them."""

from companion.engine.text import fold, tokenize
from companion.roster.index import RosterIndex
from companion.roster.names import NameHasher, PersonName, form_word_count, name_forms


def index_of(*people: PersonName) -> RosterIndex:
    index = RosterIndex(NameHasher(b"k" * 32))
    hasher = index.hasher
    for person in people:
        for kind, forms in name_forms(person).items():
            for form in forms:
                index.add(kind, hasher.hash(form), form_word_count(form))
    index.people = len(people)
    return index


def surname_words_after_first(text: str, index: RosterIndex) -> int:
    return index.surname_after(tokenize(fold(text)), 0)


def test_a_surname_after_a_title_in_its_loose_forms():
    index = index_of(PersonName("Kieran", "O'Neill"), PersonName("Helen", "Okonkwo"))
    assert surname_words_after_first("Mr O'Neill", index) == 1
    assert surname_words_after_first("Mr ONeill", index) == 1
    assert surname_words_after_first("Mr O Neill fixed it", index) == 2  # the apostrophe written as a space
    assert surname_words_after_first("Mrs Okonkwos class", index) == 1  # a possessive without its apostrophe
    assert surname_words_after_first("Mr O Brien", index) == 0
    assert surname_words_after_first("Mrs Okon", index) == 0
    assert index.has_surname("okonkwo") and not index.has_surname("")
