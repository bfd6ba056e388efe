from companion.engine.html_text import html_to_text

DRAFT_JS = (
    '<div data-contents="true"><div data-block="true" data-editor="e1" data-offset-key="a-0-0">'
    '<div data-offset-key="a-0-0" class="public-DraftStyleDefault-block public-DraftStyleDefault-ltr">'
    '<span data-offset-key="a-0-0"><span data-text="true">Great day with </span></span>'
    '<span data-offset-key="a-1-0"><span data-text="true">@CryptSchool </span></span>'
    '<span data-offset-key="a-2-0"><img alt="🎉" draggable="false" src="https://abs-0.twimg.com/emoji/v2/svg/1f389.svg"></span>'
    '</div></div><div data-block="true" data-editor="e1" data-offset-key="b-0-0">'
    '<div data-offset-key="b-0-0" class="public-DraftStyleDefault-block"><span data-offset-key="b-0-0">'
    '<span data-text="true">second line</span></span></div></div></div>'
)
LEXICAL = (
    '<p class="xdj266r x11i5rnm" dir="ltr"><span data-lexical-text="true">Proud of </span>'
    '<a href="https://cryptschool.example/news" class="x1i10hfl"><span data-lexical-text="true">our news</span></a><br>'
    '<span data-lexical-text="true">same paragraph</span></p><p class="xdj266r"><br></p>'
    '<p class="xdj266r" dir="ltr"><span data-lexical-text="true">Para two</span></p>'
)


def test_draft_js_blocks_become_lines_and_emoji_their_alt_text():
    assert html_to_text(DRAFT_JS) == "Great day with @CryptSchool 🎉\nsecond line"


def test_lexical_paragraphs_links_and_breaks():
    assert html_to_text(LEXICAL) == "Proud of our news\nsame paragraph\n\nPara two"


def test_scripts_styles_and_comments_are_not_text():
    html = "<div>Hello<script>alert('x')</script><style>p{}</style><!-- note --> there</div>"
    assert html_to_text(html) == "Hello there"


def test_pretty_printed_html_does_not_gain_spaces():
    assert html_to_text("<div>\n  <p>One</p>\n  <p>Two</p>\n</div>") == "One\nTwo"


def test_broken_html_still_gives_text():
    assert html_to_text("<p>unclosed <b>bold <i>text") == "unclosed bold text"


def test_a_parsed_composer_tree_is_freed_at_once_not_left_for_the_garbage_collector():
    """The companion raises the collector's threshold once loaded (server.settle_memory): a
    parsed tree left cyclic would pile up between passes and make one check pay for many."""
    import gc

    paragraph = '<p dir="ltr"><span data-lexical-text="true">line {} <b>bold</b></span><br><img alt="🎉"></p>'
    html = "Top-level words <!-- a comment -->" + "".join(paragraph.format(i) for i in range(40))
    gc.collect()
    gc.disable()
    try:
        for i in range(5):
            html_to_text(html + f"<p>{i}</p>")
        assert gc.collect() == 0
    finally:
        gc.enable()
