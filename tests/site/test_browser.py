"""A reader in a real browser (Debian's chromium, driven by playwright): pages, search,
evidence links, no request leaving localhost. Screenshots go to test-artifacts/."""

from __future__ import annotations

BEIJING_TITLE = "Shehbaz Sharif - Vladimir Putin meeting in Beijing"


def h1(page) -> str:
    return page.locator("h1").first.inner_text().rstrip("¶").strip()  # without the permalink sign


def test_reader_journey(tab, site_url):
    page = tab.page
    page.goto(site_url)
    assert h1(page) == "Diplomatic Events"
    assert "statements" in page.locator("article table").first.inner_text()
    tab.shot("home")

    page.goto(site_url + "actors/act-vladimir-putin/")
    assert h1(page) == "Vladimir Putin"
    assert BEIJING_TITLE in page.locator("article").inner_text()
    tab.shot("actor-putin")

    page.goto(site_url + "timeline/")
    body = page.locator("article").inner_text()
    assert body.index("2024 (year only)") < body.index("2 September 2025") < body.index("November 2025 (month only)")
    assert page.locator("img[src$='timeline.svg']").evaluate("img => img.naturalWidth") > 0
    tab.shot("timeline")

    page.goto(site_url + "sources/src-2025-09-02-cpecnews-sharif-putin/")
    assert page.locator("mark.evidence").count() > 10
    tab.shot("source")
    link = page.locator(".source-text sup a[href*='meetings/mtg-2025-09-02-beijing-sharif-putin']").first
    link.click()
    page.wait_for_url("**/meetings/mtg-2025-09-02-beijing-sharif-putin/")
    assert h1(page) == BEIJING_TITLE
    tab.shot("record-from-evidence")

    assert tab.outside_requests() == []
    assert tab.errors == []


def test_search_finds_putin_offline(tab, site_url):
    page = tab.page
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type("Putin", delay=30)  # Material searches on key events, not on fill()
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert results.count() > 3
    assert "Putin" in page.locator(".md-search-result").inner_text()
    assert "matching documents" in page.locator(".md-search-result__meta").inner_text()
    tab.shot("search-putin")
    assert tab.outside_requests() == []


def test_record_page_links_back_to_its_highlighted_passage(tab, site_url):
    page = tab.page
    page.goto(site_url + "statements/stm-2025-09-02-sharif-dynamic-leader/")
    page.get_by_text("See this passage in its source").click()
    page.wait_for_url("**/sources/src-2025-09-02-cpecnews-sharif-putin/#ev-statements-stm-2025-09-02-sharif-dynamic-leader")
    anchor = page.locator("#ev-statements-stm-2025-09-02-sharif-dynamic-leader")
    assert anchor.count() == 1
    following = anchor.evaluate(
        "a => { let n = a.nextElementSibling; while (n.tagName === 'SPAN') n = n.nextElementSibling; return n.textContent; }")
    assert following.startswith("The prime minister assured President Putin")
    assert tab.outside_requests() == []
