"""Escaping and honest dates in generated pages."""

from __future__ import annotations

import pytest

from dipevents.site.render import external_link, safe_url, text, when


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>", "vbscript:x", "//evil.example/x", "ftp://x.org/a",
                                 "https://", "https://a.org/ b"])
def test_only_http_urls_become_links(url):
    assert safe_url(url) is None
    assert "<a " not in external_link(url)


def test_http_url_is_linked_with_its_quotes_escaped():
    assert external_link('https://a.org/"><b>') == (
        '<a href="https://a.org/&quot;&gt;&lt;b&gt;" rel="nofollow noopener noreferrer">'
        "https://a.org/&quot;&gt;&lt;b&gt;</a>")


def test_text_leaves_no_markup_or_markdown_active():
    assert text("<b>*x*</b>\n# [a](b)") == "&#60;b&#62;&#42;x&#42;&#60;/b&#62; &#35; &#91;a&#93;&#40;b&#41;"


@pytest.mark.parametrize("value, shown", [("2024", "2024 (year only)"), ("2025-11", "November 2025 (month only)"),
                                          ("2025-09-02", "2 September 2025"), (None, "")])
def test_dates_show_their_precision(value, shown):
    assert when(value) == shown
