from companion.engine.language import LanguageDetector


def test_english_and_welsh_are_told_apart():
    detector = LanguageDetector()
    assert detector.detect("Great trip to the science museum today, the weather held and everyone had fun") == "en"
    assert detector.detect("Llongyfarchiadau i bawb ar eu gwaith caled heddiw, diolch yn fawr iawn i chi gyd") == "cy"


def test_short_text_gets_the_school_default():
    assert LanguageDetector(default="cy").detect("Da iawn!") == "cy"
    assert LanguageDetector(default="en").detect("lol 😂 #friday") == "en"


def test_detection_is_deterministic():
    text = "Bonjour à tous, une belle journée pour se promener au parc avec les enfants"
    answers = {LanguageDetector().detect(text) for _ in range(5)}
    assert answers == {"fr"}


def test_links_handles_and_hashtags_do_not_decide_the_language():
    detector = LanguageDetector()
    text = "#diwrnodgwych @ysgol https://example.com/llongyfarchiadau Great afternoon at the park with friends"
    assert detector.detect(text) == "en"


def test_plainly_english_posts_skip_langdetect_and_others_do_not():
    from companion.engine.language import plainly_english

    assert plainly_english("Lovely walk with the dog this morning and then a coffee in town with my sister")
    assert plainly_english("ON BEHALF OF THE SCHOOL PLEASE STOP PARKING ON THE ZIGZAGS")
    # Welsh words send a mixed post to langdetect, as do other languages and short texts
    assert not plainly_english("Y disgyblion in my tutor group are so rude, dim parch o gwbl.")
    assert not plainly_english("Bonjour à tous, une belle journée pour se promener au parc avec les enfants")
    assert not plainly_english("No lo contéis, pero van a cerrar el colegio donde trabajo a final de curso.")
    assert not plainly_english("the and to of")


def test_a_plainly_english_post_is_english_without_langdetect(monkeypatch):
    detector = LanguageDetector()
    detector.warm()
    monkeypatch.setattr(detector, "_factory", None)  # langdetect would be loaded again if asked
    monkeypatch.setattr(detector, "_load", lambda: (_ for _ in ()).throw(AssertionError("langdetect asked")))
    assert detector.detect("Such a busy weekend with the kids but we got out for a walk in the sun") == "en"
