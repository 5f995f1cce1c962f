"""The timeline and network charts (inline SVG): marks link to record pages, same-day records
stack with a count, many records become counts, the network is directed with edge counts, and
hostile names stay text. Rows are made up here; the schemas are the repository's."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from dipevents.site import charts, network
from dipevents.site.model import Dataset

STATEMENT = {"statement_type": "commitment", "source_id": "src-x", "evidence": "e"}
ACTORS = [{"actor_id": "act-a", "name": "Actor A", "actor_type": "person", "country": "AAA"},
          {"actor_id": "act-b", "name": "Actor B", "actor_type": "person", "country": "BBB"},
          {"actor_id": "act-c", "name": "Actor C", "actor_type": "state", "country": "CCC"}]


@pytest.fixture(scope="module")
def package_ds(tmp_path_factory) -> Dataset:
    from dipevents.site.model import load_dataset
    from tests.support import assemble

    return load_dataset(assemble(tmp_path_factory.mktemp("charts") / "project"))


@pytest.fixture
def make(package_ds):
    """A Dataset with the repository's schemas and the rows given (every other table empty)."""

    def made(**tables: list[dict]) -> Dataset:
        rows = {name: [] for name in package_ds.rows}
        rows["actors"] = ACTORS
        rows.update(tables)
        return Dataset(package_ds.package, rows, package_ds.links, package_ds.tables)

    return made


def statement(i: int, date: str, speaker: str = "act-a", about: str | None = "act-b", **extra) -> dict:
    return {"statement_id": f"stm-{i:03d}", "speaker_id": speaker, "about_id": about, "date": date,
            "summary": f"Statement {i}", **STATEMENT, **extra}


def svg_of(html: str) -> ET.Element:
    """The chart's SVG (XML: the page's entities are numeric references)."""
    return ET.fromstring(re.search(r"<svg .*?</svg>", html, re.S).group(0))


def marks(svg: ET.Element) -> list[ET.Element]:
    return [a for a in svg.iter("a") if a.get("class") == "mark"]


def columns(svg: ET.Element) -> list[ET.Element]:
    return [g for g in svg.iter("g") if g.get("class") == "column"]


def test_same_day_records_stack_in_one_column_with_their_count(make):
    ds = make(statements=[statement(i, "2025-09-02") for i in range(1, 4)] + [statement(4, "2025-09-03")],
              meetings=[{"meeting_id": "mtg-1", "title": "Meeting one", "date": "2025-09-02", "format": "bilateral",
                         "status": "occurred", "source_id": "src-x", "evidence": "e"}])
    svg = svg_of(charts.timeline(ds))
    first, second = columns(svg)
    assert [t.text for t in first.iter("text")] == ["4"] and [t.text for t in second.iter("text")] == ["1"]
    assert [a.get("href") for a in marks(first)] == ["../meetings/mtg-1/", "../statements/stm-001/",
                                                     "../statements/stm-002/", "../statements/stm-003/"]
    rects = [a.find("rect") for a in marks(first)]
    tops = [float(r.get("y")) for r in rects]
    assert tops == sorted(tops, reverse=True)  # stacked upwards, none on another
    assert all(b + float(r.get("height")) <= a for a, b, r in zip(tops, tops[1:], rects[1:]))
    dates = [t.text for t in svg.iter("text") if t.get("class") == "date"]
    assert dates == ["2 Sep 2025", "3 Sep 2025"]
    assert rects[1].find("title").text == "Statement: Statement 1 — 2 September 2025"


def test_every_mark_links_to_a_record_page_or_its_rows(package_ds):
    """Whatever the package holds: each href is a generated record page or an anchor on the page."""
    from dipevents.context import Context
    from dipevents.site.evidence import Evidence
    from dipevents.site.lookup import Lookup
    from dipevents.site.pages import all_pages
    from dipevents.site.views import network_page, timeline_page

    pages = all_pages(Lookup(package_ds), Evidence(package_ds, Context(package_ds.package, package_ds.tables)))
    urls = {"../" + p[:-3] + "/" for p in pages}
    for page in (timeline_page(package_ds), network_page(package_ds)):
        links = [a.get("href") for a in svg_of(page).iter("a")]
        assert links
        for href in links:
            assert href in urls or (href.startswith("#") and f'<span id="{href[1:]}"></span>' in page), href


def test_many_records_on_a_date_become_counts_linking_to_their_rows(make):
    from dipevents.site.views import timeline_page

    many = charts.MAX_STACK + 5
    ds = make(statements=[statement(i, "2025-09-02") for i in range(many)] + [statement(900, "2025-10-01")])
    page = timeline_page(ds)
    svg = svg_of(page)
    assert [(m.get("href"), m.get("data-n")) for m in marks(svg)] == [("#t-2025-09-02", str(many)),
                                                                      ("#t-2025-10-01", "1")]
    assert [t.text for t in svg.iter("text") if t.get("class") == "count"] == [str(many), "1"]
    high = [float(m.find("rect").get("height")) for m in marks(svg)]
    assert high[0] > high[1] * (many - 1)  # heights in proportion to the counts
    assert page.count('<span id="t-2025-09-02"></span>') == 1 and page.count('<span id="t-2025-10-01"></span>') == 1
    assert marks(svg)[0].get("data-k") == f"actor:act-a={many} actor:act-b={many} country:AAA={many} country:BBB={many}"


def test_too_many_dates_are_grouped_by_month_then_by_year(make):
    days = [f"2025-{m:02d}-{d:02d}" for m in (1, 2, 3) for d in range(1, 21)]
    ds = make(statements=[statement(i, day) for i, day in enumerate(days)] + [statement(99, "2025")])
    labels = [c.label for c in charts.columns(ds)]
    assert labels == ["2025 (year only)", "Jan 2025", "Feb 2025", "Mar 2025"]
    years = [f"{y}-01-01" for y in range(1900, 1900 + charts.MAX_COLUMNS // 12 * 13 + 1)]
    ds = make(statements=[statement(i, d) for i, d in enumerate(years)] + [statement(999, "1900-02-01")])
    grouped = charts.columns(ds)
    assert grouped[0].label == "1900" and len(grouped[0].items) == 2 and len(grouped) == len(years)


def test_marks_carry_the_actors_and_countries_of_their_record(make):
    ds = make(meetings=[{"meeting_id": "mtg-1", "title": "M", "date": "2025-09-02", "country": "DDD",
                         "format": "bilateral", "status": "occurred", "source_id": "src-x", "evidence": "e"}],
              meeting_participants=[{"meeting_id": "mtg-1", "actor_id": "act-a", "represents": "act-c",
                                     "role": "participant", "source_id": "src-x", "evidence": "e"}])
    (mark,) = marks(svg_of(charts.timeline(ds)))
    assert mark.get("data-k") == "actor:act-a actor:act-c country:AAA country:CCC country:DDD"
    options = re.findall(r'<option value="([^"]*)">([^<]*)</option>', charts.timeline(ds))
    assert ("actor&#58;act&#45;a", "Actor A (1)") in options
    assert ("country&#58;CCC", "Actor C (1)") in options  # a country is named by its state actor


def edge_of(svg: ET.Element, title_start: str) -> ET.Element:
    (found,) = [a for a in svg.iter("a") if a.get("class") == "edge" and a.find("title").text.startswith(title_start)]
    return found


def test_network_edges_are_directed_and_counted(make):
    from dipevents.site.views import network_page

    ds = make(statements=[statement(i, "2025-09-02") for i in range(3)] + [statement(7, "2025-09-02", "act-b", "act-a")],
              invitations=[{"invitation_id": "inv-1", "inviter_id": "act-a", "invitee_id": "act-b", "event_name": "E",
                            "issued_date": "2025-09-02", "source_id": "src-x", "evidence": "e"}],
              meetings=[{"meeting_id": "mtg-1", "title": "M", "date": "2025-09-02", "format": "bilateral",
                         "status": "occurred", "source_id": "src-x", "evidence": "e"}],
              meeting_participants=[{"meeting_id": "mtg-1", "actor_id": a, "role": "participant", "source_id": "src-x",
                                     "evidence": "e"} for a in ("act-b", "act-a")])
    page = network_page(ds)
    svg = svg_of(page)
    said = edge_of(svg, "Actor A → Actor B: Statement: Speaker → About")
    assert said.find("title").text.endswith(", 3 records")
    assert said.find("text").text == "3" and said.find("path").get("marker-end", "").startswith("url(#arrow-")
    assert said.get("href").startswith("#") and f'<span id="{said.get("href")[1:]}"></span>' in page
    back = edge_of(svg, "Actor B → Actor A: Statement: Speaker → About")
    assert back.get("href") == "../statements/stm-007/" and back.find("text") is None  # one record: no number
    assert edge_of(svg, "Actor A → Actor B: Invitation: Inviter → Invitee").get("href") == "../invitations/inv-1/"
    met = edge_of(svg, "Actor A and Actor B: Same meeting")
    assert met.get("href") == "../meetings/mtg-1/" and met.find("path").get("marker-end") is None
    paths = [a.find("path").get("d") for a in svg.iter("a") if a.get("class") == "edge"]
    assert len(set(paths)) == len(paths) == 4  # parallel edges of one pair are drawn apart
    nodes = {a.find("text").text: a.get("href") for a in svg.iter("a") if a.get("class") == "node"}
    assert nodes == {"Actor A": "../actors/act-a/", "Actor B": "../actors/act-b/"}
    assert re.search(r"Actor A\]\(actors/act-a\.md\) \| Statement&#58; Speaker → About \| \[Actor B\]\(actors/act-b\.md\) "
                     r"\| 3 \|", page)


def test_a_large_network_shows_its_most_connected_actors(make):
    people = [{"actor_id": f"act-{i:03d}", "name": f"Person {i}", "actor_type": "person"} for i in range(200)]
    ds = make(actors=people, statements=[statement(i, "2025-01-01", "act-000", f"act-{i:03d}") for i in range(1, 200)]
              + [statement(500, "2025-01-01", "act-001", "act-002")])
    svg = svg_of(network.network(ds))
    names = {a.find("text").text for a in svg.iter("a") if a.get("class") == "node"}
    assert len(names) == network.MAX_NETWORK_NODES and {"Person 0", "Person 1", "Person 2"} <= names


class Parsed(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = [], [], []
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def test_hostile_names_are_text_in_the_charts(make):
    from tests.site.test_hostile import PAYLOAD, PAYLOADS

    hostile = " ".join(PAYLOADS) + " " + PAYLOAD + "\u202e"
    people = [dict(ACTORS[0], name=hostile), ACTORS[1]]
    ds = make(actors=people, statements=[statement(1, "2025-01-01", summary=hostile)])
    shown = hostile.replace("\u202e", "\\u202e")
    for html in (charts.timeline(ds), network.network(ds)):
        doc = Parsed(html)
        assert "script" not in doc.tags and "img" not in doc.tags and "b" not in doc.tags
        assert not [n for n, _ in doc.attrs if n.startswith("on") or n == "data-xss"]
        assert any(shown in t for t in doc.text)
        assert "\u202e" not in html
    names = [t.text for t in svg_of(network.network(ds)).iter("text")]
    assert shown in names
