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
