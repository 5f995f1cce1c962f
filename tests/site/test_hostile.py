"""Data holding HTML, Markdown and script payloads is shown as literal text: nothing runs,
nothing is injected, no javascript: link is made."""

from __future__ import annotations

import hashlib

import pytest
from tests.site.support import build, copy_project, serve
from tests.support import set_cell

PAYLOAD = ('<script>window.__xss=1</script><img src=x onerror="window.__xss=2" data-xss="1">'
           ' **bold** _it_ [click](javascript:window.__xss=3) <b data-xss="2">b</b> {{ x }} $5 & &amp; `code`')
URL_PAYLOAD = 'https://example.org/"><script>window.__xss=4</script>[x](javascript:window.__xss=5)*em*'
SOURCE = "src-2025-09-02-cpecnews-sharif-putin"
TARGETS = [  # (table, key, column)
    ("actors", "act-vladimir-putin", "name"),
    ("actors", "act-vladimir-putin", "description"),
    ("meetings", "mtg-2025-09-02-beijing-sharif-putin", "title"),
    ("meetings", "mtg-2025-09-02-beijing-sharif-putin", "summary"),
    ("meetings", "mtg-2025-09-02-beijing-sharif-putin", "notes"),
    ("meetings", "mtg-2025-09-02-beijing-sharif-putin", "city"),
    ("invitations", "inv-2025-09-02-putin-sharif-sco-heads-of-government-summit", "event_name"),
    ("statements", "stm-2025-09-02-sharif-dynamic-leader", "summary"),
    ("sources", SOURCE, "notes"),
    ("sources", SOURCE, "url"),
]
PAGES = ["", "actors/act-vladimir-putin/", "meetings/mtg-2025-09-02-beijing-sharif-putin/",
         "meetings/", "timeline/", "network/", f"sources/{SOURCE}/", "invitations/",
         "statements/stm-2025-09-02-sharif-dynamic-leader/"]


def _set(root, table, key, column, value):
    set_cell(root / "data" / f"{table}.csv", key, column, value)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for table, key, column in TARGETS:
        _set(root, table, key, column, URL_PAYLOAD if column == "url" else PAYLOAD)
    archive = root / "sources" / f"{SOURCE}.txt"
    archive.write_bytes(archive.read_bytes() + b"\n" + PAYLOAD.encode())
    _set(root, "sources", SOURCE, "text_sha256", hashlib.sha256(archive.read_bytes()).hexdigest())
    proc = build(root, root / "site")
    assert proc.returncode == 0, proc.stdout + proc.stderr  # hostile text is still valid data
    server, url = serve(root / "site")
    yield url
    server.shutdown()


@pytest.mark.parametrize("path", PAGES)
def test_payloads_are_shown_as_text(tab, hostile_url, path):
    page = tab.page
    page.goto(hostile_url + path)
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("[data-xss]").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("article img[src='x']").count() == 0
    if path not in {"", "network/"}:  # the home page shows no coded text; the network shows it in an SVG image
        assert "<script>window.__xss=1</script>" in page.locator("article").inner_text()
        assert "**bold**" in page.locator("article").inner_text()
    assert tab.outside_requests() == []
    assert tab.errors == []


def test_navigation_and_title_escape_the_payload(tab, hostile_url):
    page = tab.page
    page.goto(hostile_url + "actors/act-vladimir-putin/")
    assert page.title().startswith("<script>window.__xss=1</script>")
    assert page.evaluate("typeof window.__xss") == "undefined"
    tab.shot("hostile-actor")


def test_source_url_payload_stays_inside_its_attribute(tab, hostile_url):
    page = tab.page
    page.goto(hostile_url + f"sources/{SOURCE}/")
    links = page.locator("a[rel~='nofollow']")
    assert links.count() == 1
    assert links.first.get_attribute("href") == URL_PAYLOAD
    assert page.evaluate("typeof window.__xss") == "undefined"
    tab.shot("hostile-source")
