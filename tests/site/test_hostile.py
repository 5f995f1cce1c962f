"""Data holding HTML, Markdown and script payloads is shown as literal text: nothing runs,
nothing is injected, no javascript: link is made.

Two attacks: ten chosen cells (below, with a browser on every kind of page), and every text
field of every table (``everywhere``), where every generated file is scanned."""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.site.support import build, copy_project, serve
from tests.support import read_csv_rows, set_cell, write_csv_rows

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


def _fit(value: str, field: dict) -> str:
    """VALUE cut after its last whole word that fits the field's maxLength (the data stays valid)."""
    limit = field.get("constraints", {}).get("maxLength")
    if limit is None or len(value) <= limit:
        return value
    cut = value[:limit + 1].rsplit(" ", 1)[0]
    return cut if len(cut) <= limit else value[:limit]


def _field(root, table, column) -> dict:
    from dipevents.loader import load

    package, _ = load(root)
    return next(f for f in package.resources[table].fields if f["name"] == column)


def _set(root, table, key, column, value):
    set_cell(root / "data" / f"{table}.csv", key, column, _fit(value, _field(root, table, column)))


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
    if path:  # the home page shows no coded text
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
    assert links.count() >= 1  # in the sentence, the fields and the cite box: each exactly the URL
    assert set(links.evaluate_all("ls => ls.map(l => l.getAttribute('href'))")) == {URL_PAYLOAD}
    assert page.evaluate("typeof window.__xss") == "undefined"
    tab.shot("hostile-source")


# --- every text field of every table --------------------------------------------------------------
#
# Free-text fields (no pattern, no enum, no codelist, not a foreign key: read from the schemas)
# get TEXT appended, empty ones included; evidence and quote get PASSAGE, which is appended to
# the archived text (with its new SHA-256), so the package stays valid and the site is built the
# way CI builds it. PASSAGE also carries a bidi override and a zero-width space: verbatim fields
# may hold them (DE322 rejects them in other free text). Fields that cannot hold a payload and
# stay valid are left alone: identifiers, codes, dates and URLs (their patterns refuse it; the
# URL is attacked above) and the *_as_reported date words (they must say the row's date).
#
# A control site is built from the same package with every payload replaced by a plain word:
# the hostile site must have exactly its files, and every page, search entry and chart exactly
# its elements and attributes, so no payload made a tag or an attribute.

PAYLOADS = ["</title><script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "&lt;b&gt;", "]]>",
            "</script>", "[x](javascript:alert(3))", "{{ config.site_name }}", '{% include "x" %}',
            "<svg onload=alert(4)>"]
INVISIBLE = ["\u202e", "\u200b"]
SHOWN = {"\u202e": "\\u202e", "\u200b": "\\u200b"}  # how pages show them
SITE_NAME = "Diplomatic Events"
ACTOR = "act-vladimir-putin"


def _text(words: list[str]) -> str:
    return "Hostile " + " ".join(words)


def _passage(words: list[str], invisible: list[str]) -> str:
    return "The hostile passage says " + " ".join(words + invisible) + " and ends here."


def _fill(root: Path, words: list[str], invisible: list[str]) -> Path:
    """Put WORDS into every text field of every table of the package at ROOT (see above)."""
    from dipevents import conventions
    from dipevents.loader import load

    package, errors = load(root)
    assert package is not None and not errors
    text, passage = _text(words), _passage(words, invisible)
    for resource in package.resources.values():
        rows = read_csv_rows(root / resource.path)
        coded = {name for fk in resource.foreign_keys for name in fk.fields}
        for field in resource.fields:
            name, col = field["name"], rows[0].index(field["name"])
            for row in rows[1:]:
                if name in {"evidence", "quote"} and row[col]:
                    row[col] = passage
                elif (conventions.is_free_text(field) and not conventions.is_verbatim(name)
                      and name not in coded and not field.get("codelist")):
                    row[col] = _fit((row[col] + " " if row[col] else "") + text, field)
        write_csv_rows(root / resource.path, rows)
    sources = root / "data" / "sources.csv"
    rows = read_csv_rows(sources)
    path_col, hash_col = rows[0].index("text_path"), rows[0].index("text_sha256")
    for row in rows[1:]:
        archive = root / row[path_col]
        archive.write_bytes(archive.read_bytes() + f"\n{passage}\n".encode())
        row[hash_col] = hashlib.sha256(archive.read_bytes()).hexdigest()
    write_csv_rows(sources, rows)
    return root


def _site(tmp_path_factory, name: str, words: list[str], invisible: list[str]) -> Path:
    root = _fill(copy_project(tmp_path_factory.mktemp(name) / "project"), words, invisible)
    proc = build(root, root / "site")
    assert proc.returncode == 0, proc.stdout + proc.stderr  # the payloads keep the package valid
    return root / "site"


@pytest.fixture(scope="module")
def everywhere(tmp_path_factory):
    """(hostile site, control site)."""
    plain = [f"word{i}" for i in range(len(PAYLOADS))]
    return (_site(tmp_path_factory, "everywhere", PAYLOADS, INVISIBLE),
            _site(tmp_path_factory, "control", plain, ["wordx", "wordy"]))


class Markup(HTMLParser):
    """Every element and attribute of an HTML document or fragment, and its text."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[str, ...]]] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.data: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, tuple(name for name, _ in attrs)))
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.data.append(data)

    @property
    def text(self) -> str:
        return "".join(self.data)


def _no_active_markup(doc: Markup, where: str) -> None:
    for tag, name, value in doc.attributes:
        assert not name.startswith("on"), f"{where}: <{tag} {name}>"
        assert not value.strip().lower().startswith(("javascript:", "data:text")), f"{where}: <{tag} {name}={value!r}>"
    assert ("img", ("src", "onerror")) not in doc.elements, where


def _files(site: Path) -> dict[str, Path]:
    return {str(p.relative_to(site)): p for p in sorted(site.rglob("*")) if p.is_file()}


def test_every_generated_file_shows_the_payloads_as_text(everywhere):
    hostile, control = everywhere
    files, controls = _files(hostile), _files(control)
    assert files.keys() == controls.keys()  # a payload made no file and lost none
    scanned = {"html": 0, "search": 0, "svg": 0, "sitemap": 0, "same": 0}
    for rel, path in files.items():
        raw = path.read_bytes()
        if rel.endswith(".html"):
            page, twin = raw.decode(), controls[rel].read_text(encoding="utf-8")
            doc = Markup(page)
            assert doc.elements == Markup(twin).elements, f"{rel}: elements or attributes differ from the control"
            _no_active_markup(doc, rel)
            titles = re.findall(r"<head>.*?<title>(.*?)</title>", page, re.S)
            assert len(titles) == 1 and "<" not in titles[0], f"{rel}: <title>{titles}"
            if '<svg class="chart' in page:  # the timeline and the network: names in the SVG as text
                start = page.index('<svg class="chart')
                chart = page[start:page.index("</svg>", start)]
                assert PAYLOADS[8] in Markup(chart).text or rel != "network/index.html", rel
                scanned["svg"] += 1
            scanned["html"] += 1
        elif rel == "search/search_index.json":
            docs, twins = json.loads(raw)["docs"], json.loads(controls[rel].read_bytes())["docs"]
            assert len(docs) == len(twins)
            for entry, twin in zip(docs, twins):  # the theme shows both as HTML in search results
                for key in ("title", "text"):
                    fragment = Markup(entry[key])
                    assert fragment.elements == Markup(twin[key]).elements, f"search entry {entry['location']}"
                    _no_active_markup(fragment, f"search entry {entry['location']}")
            assert any(PAYLOADS[0] in Markup(e["title"]).text for e in docs)
            assert any(PAYLOADS[1] in Markup(e["text"]).text for e in docs)
            scanned["search"] += 1
        elif rel.startswith("sitemap.xml"):
            unzip = gzip.decompress if rel.endswith(".gz") else bytes
            xml = unzip(raw)
            ET.fromstring(xml)  # well-formed; it lists pages by URL (made from IDs), so it is the control's
            assert xml == unzip(controls[rel].read_bytes()), rel
            scanned["sitemap"] += 1
        elif rel.startswith("data/") and rel.endswith(".csv"):
            continue  # the tables themselves, published for download as CSV (never rendered)
        elif rel.startswith("sources/") and rel.endswith(".txt"):
            # the archived texts, published byte for byte as plain-text downloads (never rendered)
            assert raw == (hostile.parent / rel).read_bytes(), rel
            continue
        else:  # the theme's scripts, styles and images, the downloads: nothing from the data
            assert raw == controls[rel].read_bytes(), rel
            scanned["same"] += 1
        if not rel.startswith("data/"):
            for ch in INVISIBLE:
                assert ch.encode() not in raw, f"{rel} holds U+{ord(ch):04X} unescaped"
    assert scanned["html"] > 50 and scanned["search"] == 1 and scanned["svg"] == 2 and scanned["sitemap"] == 2


def test_record_pages_show_every_payload_in_title_heading_and_evidence(everywhere):
    hostile, _ = everywhere
    page = (hostile / "actors" / ACTOR / "index.html").read_text(encoding="utf-8")
    name = f"Vladimir Putin {_text(PAYLOADS)}"
    (title,) = re.findall(r"<title>(.*?)</title>", page, re.S)
    assert html.unescape(title) == f"{name} - {SITE_NAME}"
    doc = Markup(page)
    assert name in doc.text and _text(PAYLOADS) in doc.text  # the heading and the description
    evidence = (hostile / "meetings" / "mtg-2025-09-02-beijing-sharif-putin" / "index.html").read_text(encoding="utf-8")
    shown = _passage(PAYLOADS, [SHOWN[c] for c in INVISIBLE])
    assert shown in Markup(evidence).text


def test_no_script_runs_on_a_record_page_with_the_title_payload(tab, everywhere):
    hostile, _ = everywhere
    server, url = serve(hostile)
    dialogs: list[str] = []
    tab.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for path in [f"actors/{ACTOR}/", "sources/src-2025-09-02-cpecnews-sharif-putin/", "timeline/"]:
            tab.page.goto(url + path)
            tab.page.wait_for_load_state("load")
            if path.startswith("actors/"):
                assert tab.page.title() == f"Vladimir Putin {_text(PAYLOADS)} - {SITE_NAME}"
                assert tab.page.locator("article svg, article img[src='x']").count() == 0
                tab.shot("hostile-everywhere-actor")
        tab.page.goto(url)  # search results are shown as HTML by the theme
        tab.page.locator("input.md-search__input").click()
        tab.page.keyboard.type("Hostile", delay=30)
        tab.page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        assert "onerror=alert(2)" in tab.page.locator(".md-search-result").inner_text()
        assert tab.page.locator(".md-search-result img, .md-search-result script").count() == 0
        tab.shot("hostile-everywhere-search")
        assert dialogs == []
        assert tab.errors == []
        assert tab.outside_requests() == []
    finally:
        server.shutdown()
