"""Escaping and honest dates in generated pages."""

from __future__ import annotations

import pytest

from dipevents.site.render import external_link, link, safe_url, text, when


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>", "vbscript:x", "//evil.example/x", "ftp://x.org/a",
                                 "https://", "https://a.org/ b"])
def test_only_http_urls_become_links(url):
    assert safe_url(url) is None
    assert "<a " not in external_link(url)


def test_http_url_is_linked_with_every_active_character_encoded():
    assert external_link('https://a.org/"><b>') == (
        '<a href="https&#58;//a&#46;org/&#34;&#62;&#60;b&#62;" rel="nofollow noopener noreferrer">'
        "https&#58;//a&#46;org/&#34;&#62;&#60;b&#62;</a>")


def test_markdown_inside_a_url_stays_inert():
    rendered = external_link("https://a.b/[x](javascript:alert(1))*em*_u_`c`")
    inner = rendered.split('href="', 1)[1]
    assert not set("[]()*_`<>") & set(inner.split('" rel=')[0])


@pytest.mark.parametrize("href", ["javascript:alert(1)", "x) <img src=x>", "a b.md", 'x".md'])
def test_site_links_refuse_targets_that_are_not_slugs(href):
    with pytest.raises(ValueError):
        link("label", href)


def test_text_leaves_no_markup_or_markdown_active():
    assert text("<b>*x*</b>\n# [a](b)") == "&#60;b&#62;&#42;x&#42;&#60;/b&#62; &#35; &#91;a&#93;&#40;b&#41;"


@pytest.mark.parametrize("value, shown", [("2024", "2024 (year only)"), ("2025-11", "November 2025 (month only)"),
                                          ("2025-09-02", "2 September 2025"), (None, "")])
def test_dates_show_their_precision(value, shown):
    assert when(value) == shown


def test_dictionary_shows_the_project_s_own_field_properties_escaped():
    from dipevents.site.dictionary import _constraints

    shown = _constraints({"name": "x", "type": "string", "description": "d", "notBefore": "date",
                          "idRecipe": ["date", "<b>"], "constraints": {"required": True, "pattern": "[a-z]+"}})
    assert shown == ("pattern: <code>&#91;a&#45;z&#93;&#43;</code><br>idRecipe: <code>&#91;&#34;date&#34;, "
                     "&#34;&#60;b&#62;&#34;&#93;</code><br>notBefore: <code>date</code>")

