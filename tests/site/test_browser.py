"""A reader in a real browser (Debian's chromium, driven by playwright): pages, search,
evidence links, lists, dark mode, no request leaving localhost. Screenshots go to test-artifacts/."""

from __future__ import annotations

import pytest

BEIJING_TITLE = "Shehbaz Sharif - Vladimir Putin meeting in Beijing"
BEIJING = "meetings/mtg-2025-09-02-beijing-sharif-putin/"
SOURCE = "sources/src-2025-09-02-cpecnews-sharif-putin/"
STATEMENT = "statements/stm-2025-09-02-sharif-dynamic-leader/"
SIZES = {"desktop": (1366, 900), "mobile": (390, 844)}


def h1(page) -> str:
    return page.locator("h1").first.inner_text().rstrip("¶").strip()  # without the permalink sign


@pytest.fixture(params=list(SIZES))
def sized(request, tab):
    width, height = SIZES[request.param]
    tab.page.set_viewport_size({"width": width, "height": height})
    tab.size = request.param
    return tab


def test_reader_journey(tab, site_url):
    page = tab.page
    page.goto(site_url)
    assert h1(page) == "Diplomatic Events"
    assert "statements" in page.locator("article table").first.inner_text()
    tab.shot("home")

    page.goto(site_url + "actors/act-vladimir-putin/")
    assert h1(page) == "Vladimir Putin"
    assert BEIJING_TITLE in page.locator("article").inner_text()

    page.goto(site_url + "timeline/")
    body = page.locator("article").inner_text()
    assert body.index("2024 (year only)") < body.index("2 September 2025") < body.index("November 2025 (month only)")
    tab.shot("timeline")
    assert tab.outside_requests() == []
    assert tab.errors == []


def test_meeting_page_reads_as_a_sentence_then_participants_then_evidence(sized, site_url):
    page = sized.page
    page.goto(site_url + BEIJING)
    assert page.locator("h1").count() == 1
    body = page.locator("article").inner_text()
    assert ("Shehbaz Sharif (Prime Minister, Pakistan) met Vladimir Putin (President, Russia) in Beijing, China "
            "on 2 September 2025 (as reported: “on Tuesday”) — during SCO Council of Heads of State Summit 2025.") in body
    order = [body.index(h) for h in ["Participants", "Evidence", "Statements made at this meeting",
                                     "Invitations extended here", "Part of", "All fields", "Cite this record"]]
    assert order == sorted(order)
    assert "meeting_id" not in body and "parent_meeting_id" not in body  # labels, never raw field names
    assert page.locator("article mark.evidence.here").inner_text().startswith("Prime Minister Shehbaz Sharif")
    assert "Permalink" in body and "mtg-2025-09-02-beijing-sharif-putin" in body
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    sized.shot(f"meeting-{sized.size}")
    assert sized.errors == []


def test_evidence_round_trip_lands_on_a_marked_passage_and_back(sized, site_url):
    page = sized.page
    page.goto(site_url + STATEMENT)
    own = page.locator("#evidence ~ p").filter(has_text="passage is number").first.inner_text()
    number = own.split("[", 1)[1].split("]", 1)[0]
    page.locator("a.evidence-link").click()
    page.wait_for_url(f"**/{SOURCE}#ev-statements-stm-2025-09-02-sharif-dynamic-leader")
    marked = page.locator("mark.evidence.current")
    assert marked.count() >= 1
    passage = "".join(marked.all_inner_texts())  # this passage and no other is marked
    assert passage == ("The prime minister assured President Putin of working closely to enhance mutual "
                       "cooperation and lauded him as a “dynamic leader” committed to strengthening bilateral bonds.")
    assert marked.first.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert marked.first.is_visible() and marked.first.evaluate(
        "m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    sized.shot(f"source-after-evidence-click-{sized.size}")
    note = page.locator(f".ev-note a:text-is('[{number}]')")
    assert note.count() == 1  # the number the record page gave is this passage's footnote
    note.click()
    page.wait_for_url(f"**/{STATEMENT}#evidence")
    assert sized.errors == [] and sized.outside_requests() == []


def test_footnotes_run_in_reading_order(tab, site_url):
    page = tab.page
    page.goto(site_url + SOURCE)
    numbers = [int(t.strip("[]")) for t in page.locator(".source-text .ev-note a").all_inner_texts()]
    assert numbers == sorted(numbers) and numbers[0] == 1
    legend = page.locator("#passages + ol").inner_text()
    assert "Meeting: " + BEIJING_TITLE in legend and "stm-" not in legend  # titles, not raw IDs


def test_list_sorts_and_filters(sized, site_url):
    page = sized.page
    page.goto(site_url + "meetings/")
    table = page.locator(".record-list table")
    page.locator(".dt-search input").wait_for()  # DataTables has taken the table over
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    assert headers == ["Date", "Title", "Place", "Format", "Status", "Participants"]
    title = table.locator("thead th", has_text="Title")
    title.click()
    page.locator(".record-list thead th.dt-ordering-asc").wait_for()
    firsts = table.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert firsts == sorted(firsts, key=str.lower) and len(firsts) > 1
    title.click()
    page.locator(".record-list thead th.dt-ordering-desc").wait_for()
    assert table.locator("tbody tr td:nth-child(2)").all_inner_texts() == sorted(firsts, key=str.lower, reverse=True)
    page.locator(".dt-search input").fill("Beijing")
    rows = table.locator("tbody tr")
    assert rows.count() == 1 and BEIJING_TITLE in rows.first.inner_text()
    assert page.get_by_role("link", name="CSV").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    sized.shot(f"meetings-list-{sized.size}")
    assert sized.errors == [] and sized.outside_requests() == []


def test_country_page_lists_meetings_held_there(sized, site_url):
    page = sized.page
    page.goto(site_url + "actors/act-china/")
    held = page.locator("h2:has-text('Meetings held here') + ul")
    assert BEIJING_TITLE in held.inner_text()
    assert page.locator("a[href='https://www.wikidata.org/wiki/Q148']").count() >= 1
    page.goto(site_url + "actors/act-kazakhstan/")
    assert "SCO summit in Astana 2024" in page.locator("h2:has-text('Meetings held here') + ul").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.goto(site_url + "actors/act-china/")
    sized.shot(f"country-china-{sized.size}")


def test_dark_mode_toggle(tab, site_url):
    page = tab.page
    page.goto(site_url + BEIJING)
    before = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator("label.md-header__button[for^='__palette']").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    after = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert before != after
    tab.shot("meeting-dark")


def test_search_finds_the_actor_page_first(tab, site_url):
    page = tab.page
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type("Putin", delay=30)  # Material searches on key events, not on fill()
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert results.count() > 3
    first = results.first.locator("a").first.get_attribute("href")
    assert first.split("?")[0].rstrip("/").endswith("actors/act-vladimir-putin")
    assert "Actor" in results.first.inner_text()  # the record type is shown
    tab.shot("search-putin")
    assert tab.outside_requests() == []


RENDERED_FONT = """() => [...document.querySelectorAll('svg.chart text')].map(t => {
  const m = t.getScreenCTM();  // user units to screen pixels: the SVG's scale as laid out
  return Math.hypot(m.a, m.b) * parseFloat(getComputedStyle(t).fontSize); })"""


@pytest.mark.parametrize("chart", ["timeline", "network"])
def test_chart_text_is_at_least_12px_as_rendered(sized, site_url, chart):
    page = sized.page
    page.goto(site_url + chart + "/")
    sizes = page.evaluate(RENDERED_FONT)
    assert len(sizes) > 3 and min(sizes) >= 12, sizes
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.locator(".chart-scroll").scroll_into_view_if_needed()
    sized.shot(f"{chart}-{sized.size}")
    assert sized.errors == [] and sized.outside_requests() == []


def test_a_chart_mark_lands_on_its_record(sized, site_url):
    page = sized.page
    page.goto(site_url + "timeline/")
    page.locator(f"svg.timeline a.mark[href='../{BEIJING}']").click()
    page.wait_for_url(f"**/{BEIJING}")
    assert h1(page) == BEIJING_TITLE
    page.goto(site_url + "network/")
    page.locator("svg.network a.node", has_text="Vladimir Putin").click()
    page.wait_for_url("**/actors/act-vladimir-putin/")
    assert h1(page) == "Vladimir Putin"
    assert sized.errors == []


def test_chart_filter_by_actor_or_country(tab, site_url):
    page = tab.page
    page.goto(site_url + "timeline/")
    every = page.locator("svg.timeline a.mark").count()
    page.locator("select[data-chart-filter]").select_option("actor:act-sergey-lavrov")
    shown = page.locator("svg.timeline a.mark:visible")
    assert shown.count() == 1 and page.locator(".chart-filter-result").inner_text() == "1 record"
    assert "actor:act-sergey-lavrov" in shown.first.get_attribute("data-k").split()
    counts = [int(t) for t in page.locator("svg.timeline text.count").all_text_contents()]
    assert sum(counts) == 1  # the columns count what is shown
    page.locator("select[data-chart-filter]").select_option("country:RUS")
    russian = page.locator("svg.timeline a.mark:visible")
    assert 1 < russian.count() < every and all("country:RUS" in k.split() for k in
                                                russian.evaluate_all("ms => ms.map(m => m.dataset.k)"))
    page.locator("select[data-chart-filter]").select_option("")
    assert page.locator("svg.timeline a.mark:visible").count() == every
    tab.shot("timeline-filtered")

    page.goto(site_url + "network/")
    page.locator("select[data-chart-filter]").select_option("actor:act-alexei-overchuk")
    faded = page.locator("svg.network a.node.faded text").all_text_contents()
    clear = page.locator("svg.network a.node:not(.faded) text").all_text_contents()
    assert "Alexei Overchuk" in clear and "Vladimir Putin" in faded  # Overchuk spoke about Pakistan only
    assert page.locator("svg.network a.edge:not(.faded)").count() == 1
    tab.shot("network-filtered")
    assert tab.errors == []
