"""The timeline chart: inline SVG written at build time, every mark a link, a filter by actor or country.

Columns are the dates that have records, in time order (not evenly spaced in time); each record
is one mark, stacked by type, with the column's count above it, and links to its record page.
When a column would hold more marks than fit, the whole chart counts instead: one bar per type
and column, its height proportional to the count, linking to that column's rows in the table
under the chart. Too many dates to show one column each are grouped by month, then by year.

Shared with the network chart (network.py): the SVG frame (text is 12 px at the chart's natural
width, and the chart never shrinks below it: a narrow screen scrolls it sideways), the filter
tokens (``actor:ID``, ``country:CODE``) marks carry in ``data-k``, and the filter's options.
docs/assets/charts.js reads them; every text goes through escape.svg_text.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field

from ..escape import svg_text as esc
from ..isodate import Span, parse
from .model import Dataset
from .render import page_path, slug

ACTORS = "actors"
FONT = 12  # px at the chart's natural width: the rendered size never goes below it
CHAR = 7.2  # a generous width of one character at FONT (sans-serif), to leave room for labels
PALETTE = ["#2b6cb0", "#c05621", "#2f855a", "#805ad5", "#b83280", "#718096", "#b7791f", "#00838f"]
MAX_COLUMNS = 48  # more dates than this are grouped by month, then by year
UNIT = 12  # height of one mark (with GAP) when every record is drawn
GAP = 2
MARK_WIDTH = 22
COLUMN = 30
MAX_STACK = 20  # a column taller than this many marks switches the chart to counts
PLOT_HEIGHT = MAX_STACK * UNIT
MAX_FILTER_ACTORS = 100  # the filter offers the actors in most records (every country is offered)


# --- shared -----------------------------------------------------------------------------------

def svg_open(kind: str, width: int, height: int, label: str, data: str = "") -> str:
    """An inline SVG that fills its container's width, never below its natural WIDTH (so FONT
    px stays FONT px or more) and never above 1.25 times it."""
    return (f'<svg class="chart {kind}" viewBox="0 0 {width} {height}" width="100%" '
            f'style="min-width:{width}px;max-width:{round(width * 1.25)}px" '
            f'font-size="{FONT}" aria-label="{esc(label)}"{data}>')


def page_href(table_name: str, key: str) -> str:
    """A record page's URL from a page one level below the site root (timeline/, network/)."""
    return "../" + page_path(table_name, key)[:-3] + "/"


def record_of(ds: Dataset, table_name: str):
    """For a row of TABLE_NAME, the record whose page shows it: the row itself in a record table,
    else its parent (the record table its primary key points to, e.g. a participant's meeting)."""
    if table_name in ds.record_tables():
        return lambda row: (table_name, ds.key(table_name, row))
    resource = ds.resources[table_name]
    parent = next((l for l in ds.links if l.table == table_name and l.field in resource.primary_key
                   and l.target in ds.record_tables() and l.target != ACTORS), None)
    if parent is None:
        return lambda row: None
    return lambda row: (parent.target, row[parent.field]) if row.get(parent.field) else None


def actor_fields(ds: Dataset, table_name: str) -> list[str]:
    """TABLE_NAME's fields that name an actor, in schema order."""
    linked = {l.field for l in ds.links if l.table == table_name and l.target == ACTORS}
    return [f["name"] for f in ds.resources[table_name].fields if f["name"] in linked]


def _country_fields(ds: Dataset, table_name: str) -> list[str]:
    return [f["name"] for f in ds.resources[table_name].fields
            if f["name"] == "country" or f["name"].endswith("_country")]


def involved(ds: Dataset) -> dict[tuple[str, str], set[str]]:
    """Filter tokens per record: ``actor:ID`` for every actor it or its rows name (participants,
    parties, speaker, inviter...), ``country:CODE`` for its own country fields and those actors'."""
    actors = ds.index(ACTORS) if ACTORS in ds.rows else {}
    tokens: dict[tuple[str, str], set[str]] = {}
    for table_name in ds.resources:
        if ds.is_codelist(table_name) or table_name == ACTORS:
            continue
        names, places, record = actor_fields(ds, table_name), _country_fields(ds, table_name), record_of(ds, table_name)
        if not names and not places:
            continue
        for row in ds.rows.get(table_name, []):
            rec = record(row)
            if rec is None:
                continue
            found = tokens.setdefault(rec, set())
            for name in names:
                if row.get(name):
                    found.add("actor:" + row[name])
                    country = (actors.get(row[name]) or {}).get("country")
                    if country:
                        found.add("country:" + country)
            found |= {"country:" + row[p] for p in places if row.get(p)}
    return tokens


def country_name(ds: Dataset, code: str) -> str:
    """A country's name: its state actor's, else the ISO 3166 name, else the code."""
    for row in ds.rows.get(ACTORS, []):
        if row.get("country") == code and row.get("actor_type") == "state":
            return row["name"]
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return found.name if found else code


def filter_control(ds: Dataset, counts: dict[str, int], prompt: str) -> str:
    """The filter's HTML: PROMPT, then the actors with the highest COUNTS (at most
    MAX_FILTER_ACTORS) and every country, each with its count; charts.js does the filtering."""
    actors = ds.index(ACTORS) if ACTORS in ds.rows else {}
    people = sorted((t for t in counts if t.startswith("actor:")), key=lambda t: (-counts[t], t))[:MAX_FILTER_ACTORS]
    places = [t for t in counts if t.startswith("country:")]

    def options(tokens, name) -> str:
        named = sorted(((name(t.split(":", 1)[1]), t) for t in tokens), key=lambda p: (p[0].lower(), p[1]))
        return "".join(f'<option value="{esc(t)}">{esc(n)} ({counts[t]})</option>' for n, t in named)

    return ('<div class="chart-filter"><label>' + esc(prompt) + ' '
            '<select data-chart-filter><option value="">anyone (no filter)</option>'
            f'<optgroup label="Actors">{options(people, lambda i: (actors.get(i) or {}).get("name") or i)}</optgroup>'
            f'<optgroup label="Countries">{options(places, lambda c: country_name(ds, c))}</optgroup>'
            '</select></label> <output class="chart-filter-result" aria-live="polite"></output></div>')


def legend(items: list[tuple[str, str]]) -> str:
    """An HTML legend (it wraps on a phone): (colour, label) pairs; the labels are escaped here."""
    return ('<ul class="chart-legend">' + "".join(
        f'<li><span class="swatch" style="background:{colour}"></span>{esc(label)}</li>' for colour, label in items)
        + "</ul>")


def tokens_attr(tokens: dict[str, int] | set[str]) -> str:
    """The data-k value: tokens, each with its count when it is not 1."""
    if isinstance(tokens, set):
        return esc(" ".join(sorted(tokens)))
    return esc(" ".join(t if n == 1 else f"{t}={n}" for t, n in sorted(tokens.items())))


# --- timeline ---------------------------------------------------------------------------------

def events(ds: Dataset) -> list[tuple]:
    """(table, row, date field, Span) for every dated record, in time order."""
    found = []
    for table_name in ds.record_tables():
        date_field = next(iter(ds.resources[table_name].date_fields), None)
        for row in ds.rows[table_name] if date_field else []:
            d = parse(row.get(date_field) or "")
            if d:
                found.append((table_name, row, date_field, d))
    return sorted(found, key=lambda e: (e[3].start, e[3].end, e[0], ds.key(e[0], e[1])))


def _short(d) -> str:
    return f"{d.day} {calendar.month_abbr[d.month]} {d.year}"


@dataclass
class Column:
    anchor: str  # the id of its first row in the table under the chart: "t-" + anchor
    label: str
    items: list[tuple] = field(default_factory=list)  # events()


def _key(level: str, d: Span) -> tuple:
    """The sort key of the column a date falls in at LEVEL."""
    s, precision = d.start, d.precision
    if level == "year" or precision == "year":
        return (s.year, 0)
    if level == "month" or precision == "month":
        return (s.year, s.month)
    return (s.year, s.month, s, d.end)


def _column(level: str, key: tuple) -> Column:
    """The column of KEY: its anchor and label."""
    if len(key) == 2 and key[1] == 0:
        return Column(f"{key[0]}", f"{key[0]}" + ("" if level == "year" else " (year only)"))
    if len(key) == 2:
        return Column(f"{key[0]}-{key[1]:02d}", f"{calendar.month_abbr[key[1]]} {key[0]}")
    s, e = key[2], key[3]
    return Column(s.isoformat(), _short(s)) if s == e else Column(f"{s}-{e}", f"{_short(s)} to {_short(e)}")


def columns(ds: Dataset) -> list[Column]:
    """The timeline's columns, in time order: one per date that has records, or per month, or per
    year, whichever first gives at most MAX_COLUMNS."""
    items = events(ds)
    for level in ("date", "month", "year"):
        keyed: dict[tuple, list] = {}
        for item in items:
            keyed.setdefault(_key(level, item[3]), []).append(item)
        if len(keyed) <= MAX_COLUMNS:
            break
    out = []
    for key in sorted(keyed):
        out.append(_column(level, key))
        out[-1].items = keyed[key]
    return out


def lanes(ds: Dataset) -> list[str]:
    """The record tables that have a date, in the package's order (one colour each)."""
    return [t for t in ds.record_tables() if ds.resources[t].date_fields]


def timeline(ds: Dataset, cols: list[Column] | None = None) -> str:
    """The filter, the legend and the chart (HTML for the timeline page) of COLS (default: columns(ds))."""
    from .pages import heading, singular
    from .render import when

    cols, types = columns(ds) if cols is None else cols, lanes(ds)
    colour = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(types)}
    tokens = involved(ds)
    tallest = max((len(c.items) for c in cols), default=0)
    each = tallest <= MAX_STACK  # every record its own mark, else one bar per type and column
    unit = UNIT if each else PLOT_HEIGHT / max(tallest, 1)
    label_room = round(max((len(c.label) for c in cols), default=4) * CHAR) + 8
    width = max(320, COLUMN * len(cols) + 32)
    plot = (tallest if each else MAX_STACK) * UNIT + FONT + 8
    height = plot + label_room
    left = (width - COLUMN * len(cols)) / 2
    counts: dict[str, int] = {}
    out = [svg_open("timeline", width, height, "Records by date, stacked by type",
                    f' data-unit="{unit:g}" data-gap="{GAP}" data-min="{GAP + 1}"'),
           f'<title>{esc("Records by date: one column per date, stacked by type, with counts")}</title>']
    for i, col in enumerate(cols):
        x = left + i * COLUMN + (COLUMN - MARK_WIDTH) / 2
        out.append(f'<g class="column" data-base="{plot}">')
        y = plot
        for t in types:
            mine = [e for e in col.items if e[0] == t]
            if not mine:
                continue
            if each:
                for table_name, row, date_field, _ in mine:
                    key = ds.key(table_name, row)
                    k = tokens.get((table_name, key), set())
                    for token in k:
                        counts[token] = counts.get(token, 0) + 1
                    y -= unit
                    title = f"{singular(table_name)}: {ds.title(table_name, row)} — {when(row[date_field])}"
                    out.append(f'<a class="mark" href="{esc(page_href(table_name, key))}" data-n="1" '
                               f'data-k="{tokens_attr(k)}"><rect x="{x:g}" y="{y:g}" width="{MARK_WIDTH}" '
                               f'height="{unit - GAP:g}" fill="{colour[t]}"><title>{esc(title)}</title></rect></a>')
            else:
                k: dict[str, int] = {}
                for table_name, row, _, _ in mine:
                    for token in tokens.get((table_name, ds.key(table_name, row)), set()):
                        k[token] = k.get(token, 0) + 1
                        counts[token] = counts.get(token, 0) + 1
                h = max(len(mine) * unit, GAP + 1)
                y -= h
                title = f"{heading(t)}, {col.label}: {len(mine)}"
                out.append(f'<a class="mark" href="#t-{slug(col.anchor)}" data-n="{len(mine)}" data-k="{tokens_attr(k)}">'
                           f'<rect x="{x:g}" y="{y:g}" width="{MARK_WIDTH}" height="{h - GAP:g}" fill="{colour[t]}">'
                           f'<title>{esc(title)}</title></rect></a>')
        cx = left + i * COLUMN + COLUMN / 2
        out.append(f'<text class="count" x="{cx:g}" y="{y - 4:g}" text-anchor="middle">{len(col.items)}</text></g>')
        out.append(f'<text class="date" transform="translate({cx + FONT / 3:g},{plot + 6}) rotate(-90)" '
                   f'text-anchor="end">{esc(col.label)}</text>')
    out.append("</svg>")
    key = legend([(colour[t], f"{heading(t)} ({sum(1 for c in cols for e in c.items if e[0] == t)})") for t in types])
    mode = ("Each mark is one record (select it to open its page); the number on a column counts its records."
            if each else "Each bar counts the records of one type in its column (select it to list them below); "
            "the number on a column is its total.")
    # one element: Markdown (and site/fastpage.py) keep a block of HTML that is one element as it is
    return ('<div class="chart-block">' + filter_control(ds, counts, "Show only the records involving") + key
            + f'<div class="chart-scroll">{"".join(out)}</div>'
            + f'<p class="chart-note">{esc(mode)} Columns are the dates that have records, in time order, '
            "not evenly spaced in time.</p></div>")
