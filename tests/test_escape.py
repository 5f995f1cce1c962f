"""dipevents.escape: one function per context, each fed hostile text, each output written out by hand."""

from __future__ import annotations


import pytest

from dipevents import escape

HOSTILE = '</title><script>alert(1)</script>"><img src=x onerror=alert(2)>&lt;b&gt;'


@pytest.mark.parametrize("value, shown", [
    ("a\u202eb", "a\\u202eb"), ("a\u200b\u200c\u200d\u2060\ufeffb", "a\\u200b\\u200c\\u200d\\u2060\\ufeffb"),
    ("\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c",
     "\\u2066\\u2067\\u2068\\u2069\\u202a\\u202b\\u202c\\u202d\\u200e\\u200f\\u061c"),
    ("\x1b[31mred\x07", "\\x1b[31mred\\x07"), ("a\nb\tc\r", "a\\nb\\tc\\r"), ("\u2028\u2029", "\\u2028\\u2029"),
    ("\U000e0041", "\\U000e0041"), ("\udcff", "\\xff"), ("\ud800", "\\ud800"),
    ("Erdoğan – “quoted” \\u202e", "Erdoğan – “quoted” \\u202e"),  # printable text and backslashes unchanged
])
def test_visible(value, shown):
    assert escape.visible(value) == shown
    assert escape.visible(shown) == shown  # idempotent: a message with escaped values can pass again


def test_visible_lines_keeps_line_breaks_only():
    assert escape.visible_lines("one\u202e\ntwo\r\x1b") == "one\\u202e\ntwo\\r\\x1b"


def test_quoted_escapes_quote_and_backslash_and_cuts():
    assert escape.quoted('a"b\\c\u200b') == '"a\\"b\\\\c\\u200b"'
    assert escape.quoted("abcdef", limit=4) == '"abc…"'
    assert escape.quoted(None) == '""'


@pytest.mark.parametrize("value, shown", [("data/x.csv", "data/x.csv"), ("a b", '"a b"'), ("x\u202e", '"x\\u202e"'),
                                          ('q"', '"q\\""'), ("", '""')])
def test_display(value, shown):
    assert escape.display(value) == shown


@pytest.mark.parametrize("value, shown", [("plain", "plain"), ("it's", "'it'\"'\"'s'"),
                                          ("a\u202e'b", "$'a\\u202e\\'b'")])
def test_shell(value, shown):
    assert escape.shell(value) == shown


def test_title_is_plain_text_on_one_line():
    assert escape.title(HOSTILE + "\n  {{ x }}\u200b") == (
        "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"
        "&amp;lt;b&amp;gt; {{ x }}\\u200b")


def test_front_matter_cannot_be_ended_or_extended_by_the_data():
    from mkdocs.utils import meta

    matter = escape.front_matter('x"\n---\nevil: 1\u2028\u200b')
    assert matter == '---\ntitle: "x&quot; --- evil: 1 \\\\u200b"\n---\n\n'
    assert meta.get_data(matter + "# Heading\n") == ("# Heading\n", {"title": "x&quot; --- evil: 1 \\u200b"})


def test_markdown_leaves_nothing_active():
    assert escape.markdown("[x](javascript:a) *b*\n# h \u202e") == (
        "&#91;x&#93;&#40;javascript&#58;a&#41; &#42;b&#42; &#35; h &#92;u202e")
    assert escape.markdown(" a ", strip=False) == " a "


def test_gfm_cell_and_code():
    assert escape.gfm_cell("a | <b> [x](y) $m$ \u202e\n`c`") == "a \\| \\<b\\> \\[x\\](y) \\$m\\$ \\\\u202e \\`c\\`"
    assert escape.gfm_code("a`b|c\u200b") == "``a`b\\|c\\u200b``"
    assert escape.gfm_code("`x") == "`` `x ``"


def test_svg_text():
    assert escape.svg_text('a "b" <c> & $5 *x* \u202e\n d') == (
        "a &#34;b&#34; &#60;c&#62; &#38; &#36;5 &#42;x&#42; &#92;u202e d")


def test_svg_text_reaches_an_inline_svg_as_text_and_stays_inside_its_attribute():
    """The HTML parser reads inline SVG: the payload is one text node and one attribute value."""
    from html.parser import HTMLParser

    payload = '"></text><script>x</script><a href="javascript:y"> ]]> \u202e'
    seen: dict[str, list] = {"tags": [], "attrs": [], "data": []}

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            seen["tags"].append(tag)
            seen["attrs"] += attrs

        def handle_data(self, data):
            seen["data"].append(data)

    Parser(convert_charrefs=True).feed(f'<svg><a data-k="{escape.svg_text(payload)}"><text>'
                                       f"{escape.svg_text(payload)}</text></a></svg>")
    shown = payload.replace("\u202e", "\\u202e")
    assert seen["tags"] == ["svg", "a", "text"]
    assert seen["attrs"] == [("data-k", shown)]
    assert seen["data"] == [shown]
