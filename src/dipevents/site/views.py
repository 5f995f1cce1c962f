"""Whole-dataset pages: home statistics, timeline, network."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import conventions
from .charts import columns, events
from .model import Dataset
from .render import link, page_path, slug, table, text, when


def csv_path(name: str) -> str:
    """Where a table's CSV is published in the site (resource names are [a-z0-9._-] per the profile)."""
    return f"data/{slug(name)}.csv" if not re.fullmatch(r"[a-z0-9._-]+", name) else f"data/{name}.csv"


def home_stats(ds: Dataset) -> str:
    rows = [[link(n, f"{slug(n)}/index.md") if n in ds.record_tables() else text(n), str(len(ds.rows[n])),
             f"[CSV]({csv_path(n)})", text(ds.resources[n].description)]
            for n in ds.resources if not ds.is_codelist(n)]
    dated = events(ds)
    span = (f"{text(when(dated[0][1][dated[0][2]]))} to {text(when(dated[-1][1][dated[-1][2]]))}"
            if dated else "no dated records yet")
    version = text(ds.package.version)
    return (table(["Table", "Rows", "Download", "What it holds"], rows)
            + f"\nDates range from {span}. Package version {version}.\n")


def timeline_page(ds: Dataset) -> str:
    from .charts import timeline

    rows, cols = [], columns(ds)
    for column in cols:  # the chart's columns: a bar of counts links to its first row
        for i, (table_name, row, field, _) in enumerate(column.items):
            key = ds.key(table_name, row)
            words = row.get(conventions.words_for(field))
            anchor = f'<span id="t-{slug(column.anchor)}"></span>' if i == 0 else ""
            rows.append([anchor + text(when(row[field])), f"“{text(words)}”" if words else "",
                         text(table_name.replace("_", " ")), link(ds.title(table_name, row), page_path(table_name, key))])
    return ("# Timeline\n\nEvery dated record in order. Dates keep the precision the source supports: "
            "a date known only to the year or the month has a column of its own, labelled with the year "
            "or the month, and is listed below as \"(year only)\" or \"(month only)\".\n\n"
            + timeline(ds, cols) + "\n\n" + table(["Date", "As reported", "Type", "Record"], rows))


RECORDS_PER_EDGE = 5  # the network table links this many records of an edge, then counts the rest


def network_page(ds: Dataset) -> str:
    from .network import edges, network

    actors = ds.index("actors")

    def who(actor_id: str) -> str:
        return link(actors[actor_id]["name"] if actor_id in actors else actor_id, page_path("actors", actor_id))

    indexes: dict[str, dict[str, dict]] = {}

    def record(table_name: str, key: str) -> str:
        if table_name not in indexes:
            indexes[table_name] = ds.index(table_name)
        row = indexes[table_name].get(key)
        return link(ds.title(table_name, row) if row else key, page_path(table_name, key))

    rows = []
    for e in edges(ds):
        shown = "<br>".join(record(t, k) for t, k in list(e.records)[:RECORDS_PER_EDGE])
        more = f" and {len(e.records) - RECORDS_PER_EDGE} more" if len(e.records) > RECORDS_PER_EDGE else ""
        rows.append([f'<span id="{e.anchor}"></span>' + who(e.a), text(e.relation.label), who(e.b),
                     str(len(e.records)), shown + more])
    return ("# Network\n\nWho took part in the same meeting or agreement, invited, spoke about or represented "
            "whom.\n\n" + network(ds) + "\n\n" + table(["Actor", "Relation", "Actor", "Records", "Which"], rows))


@dataclass(frozen=True)
class Artifact:
    path: str  # relative to dist/
    size: int
    sha256: str


def _size(n: int) -> str:
    return f"{n / 1024:.1f} KiB" if n >= 1024 else f"{n} B"


def downloads_table(found: list[Artifact]) -> str:
    """The whole package first (zip, SQLite), then a table x format grid, checksums folded away."""
    if not found:
        return ("*This copy of the site was built without the downloads: run `dipevents build` "
                "to produce them.*\n")

    def dl(a: Artifact, label: str | None = None) -> str:
        return f"[{text(label or a.path)}](downloads/{a.path}) ({text(_size(a.size))})"

    lead = [a for a in found if a.path.endswith((".zip", ".sqlite"))]
    grid: dict[str, dict[str, Artifact]] = {}
    rest = []
    for a in found:
        folder, _, name = a.path.partition("/")
        if name and "/" not in name and name.endswith("." + folder):
            grid.setdefault(name.rsplit(".", 1)[0], {})[folder] = a
        elif a not in lead:
            rest.append(a)
    formats = sorted({f for row in grid.values() for f in row})
    out = ["**The whole package:** " + " · ".join(dl(a) for a in lead), ""] if lead else []
    if grid:
        out.append(table(["Table", *[text(f.upper() if f == "json" else f.capitalize()) for f in formats]],
                         [[text(name), *[dl(row[f], f) if f in row else "" for f in formats]]
                          for name, row in sorted(grid.items())]))
    if rest:
        out += ["Other files: " + " · ".join(dl(a) for a in rest), ""]
    sums = table(["File", "SHA-256"], [[text(a.path), f"<code>{text(a.sha256)}</code>"] for a in found if a.sha256])
    out += ['<details class="checksums" markdown="1">', "<summary>SHA-256 checksums</summary>", "", sums, "</details>", ""]
    return "\n".join(out) + "\n"
