"""The network chart: who met, invited, spoke about, represented or made agreements with whom.

Relations come from the schemas, not from a list here: a table with two or more fields naming an
actor gives directed edges (first field to each later one: inviter → invitee, speaker → about,
participant → represents); a table whose primary key is a record and an actor (participants of a
meeting, parties to an agreement) gives undirected edges between the actors of the same record.
Each edge counts its records and links to its record (one) or to its row in the table under the
chart (several); each actor links to its page. At most MAX_NETWORK_NODES actors are drawn: the
most connected, so the picture stays readable (the table lists every edge).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..escape import svg_text as esc
from .charts import (ACTORS, FONT, PALETTE, actor_fields, filter_control, legend, page_href, record_of, svg_open,
                     tokens_attr)
from .model import Dataset

MAX_NETWORK_NODES = 60
NODE_RADIUS = 6
PARALLEL = 16  # px between parallel edges of one pair of actors


@dataclass(frozen=True)
class Relation:
    label: str
    directed: bool


@dataclass
class Edge:
    a: str
    b: str
    relation: Relation
    records: dict[tuple[str, str], None] = field(default_factory=dict)  # (table, key), each once, in order

    @property
    def anchor(self) -> str:
        return slug_of(f"e-{self.a}-{self.b}-{self.relation.label}")


def slug_of(value: str) -> str:
    from .render import slug

    return slug(value)


def relations(ds: Dataset) -> list[tuple[str, Relation, object]]:
    """(table, relation, pairs(row) -> [(a, b)]) for every relation the schemas define (see above)."""
    from .pages import singular

    found = []
    for table_name in ds.resources:
        if ds.is_codelist(table_name):
            continue
        names = actor_fields(ds, table_name)
        titles = {f["name"]: f.get("title") or f["name"] for f in ds.resources[table_name].fields}
        for later in names[1:]:
            label = f"{singular(table_name)}: {titles[names[0]]} → {titles[later]}"
            found.append((table_name, Relation(label, True),
                          lambda row, a=names[0], b=later: [(row[a], row[b])] if row.get(a) and row.get(b) else []))
        key = ds.resources[table_name].primary_key
        members = [n for n in names if n in key]
        parents = [l.target for l in ds.links if l.table == table_name and l.field in key and l.target != ACTORS
                   and l.target in ds.record_tables()]
        if len(key) == 2 and len(members) == 1 and parents:
            found.append((table_name, Relation(f"Same {singular(parents[0]).lower()}", False), None))
    return found


def edges(ds: Dataset) -> list[Edge]:
    """Every edge between two different actors with the records behind it, in a stable order."""
    out: dict[tuple[str, str, str], Edge] = {}

    def add(a: str, b: str, relation: Relation, rec) -> None:
        if a == b or rec is None:
            return
        if not relation.directed and b < a:
            a, b = b, a
        out.setdefault((a, b, relation.label), Edge(a, b, relation)).records[rec] = None

    for table_name, relation, pairs in relations(ds):
        record = record_of(ds, table_name)
        rows = ds.rows.get(table_name, [])
        if pairs is not None:
            for row in rows:
                for a, b in pairs(row):
                    add(a, b, relation, record(row))
            continue
        member = next(n for n in actor_fields(ds, table_name) if n in ds.resources[table_name].primary_key)
        groups: dict[tuple[str, str], list[str]] = {}
        for row in rows:
            rec = record(row)
            if rec is not None and row.get(member):
                groups.setdefault(rec, []).append(row[member])
        for rec, people in groups.items():
            people = sorted(set(people))
            for i, a in enumerate(people):
                for b in people[i + 1:]:
                    add(a, b, relation, rec)
    return [out[k] for k in sorted(out)]


def kept(found: list[Edge]) -> set[str]:
    """The MAX_NETWORK_NODES most connected actors (most edges, then by ID)."""
    degree: dict[str, int] = {}
    for e in found:
        degree[e.a] = degree.get(e.a, 0) + 1
        degree[e.b] = degree.get(e.b, 0) + 1
    return set(sorted(degree, key=lambda n: (-degree[n], n))[:MAX_NETWORK_NODES])


def _layout(nodes: list[str], found: list[Edge]) -> dict[str, tuple[float, float]]:
    """Positions in [0, 1] x [0, 1]: a spring layout (networkx, seeded: the same data, the same picture)."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((e.a, e.b) for e in found)
    if len(nodes) == 1:
        return {nodes[0]: (0.5, 0.5)}
    pos = nx.spring_layout(graph, seed=7)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    return {n: ((float(p[0]) - min(xs)) / span_x, (float(p[1]) - min(ys)) / span_y) for n, p in pos.items()}


def network(ds: Dataset) -> str:
    """The filter, the legend and the chart (HTML for the network page)."""
    actors = ds.index(ACTORS) if ACTORS in ds.rows else {}
    found = edges(ds)
    keep = kept(found)
    shown = [e for e in found if e.a in keep and e.b in keep]
    nodes = sorted(keep, key=lambda n: ((actors.get(n) or {}).get("name") or n, n))
    kinds = list(dict.fromkeys(r for _, r, _ in relations(ds)))
    colour = {r.label: PALETTE[i % len(PALETTE)] for i, r in enumerate(kinds)}
    width = round(min(1080, max(350, 130 * math.sqrt(len(nodes)))))  # a few actors fit a phone unscrolled
    height = round(width * 0.8)
    margin_x, margin_y = 70, 30
    pos = {n: (margin_x + x * (width - 2 * margin_x), margin_y + (1 - y) * (height - 2 * margin_y))
           for n, (x, y) in (_layout(nodes, shown) if nodes else {}).items()}

    def tokens(n: str) -> set[str]:
        country = (actors.get(n) or {}).get("country")
        return {"actor:" + n} | ({"country:" + country} if country else set())

    def name(n: str) -> str:
        return (actors.get(n) or {}).get("name") or n

    counts: dict[str, int] = {}
    for e in shown:
        for t in tokens(e.a) | tokens(e.b):
            counts[t] = counts.get(t, 0) + 1
    out = [svg_open("network", width, height, "Network of actors"),
           f"<title>{esc('Who met, invited, spoke about, represented or made agreements with whom')}</title><defs>"]
    for r in kinds:
        if r.directed:
            out.append(f'<marker id="arrow-{slug_of(r.label)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
                       f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" '
                       f'fill="{colour[r.label]}"/></marker>')
    out.append("</defs>")
    pairs: dict[tuple[str, str], list[Edge]] = {}
    for e in shown:
        pairs.setdefault(tuple(sorted((e.a, e.b))), []).append(e)
    for (p, q), group in pairs.items():
        (x1, y1), (x2, y2) = pos[p], pos[q]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        nx_, ny_ = -(y2 - y1) / length, (x2 - x1) / length  # the normal of p -> q
        for i, e in enumerate(group):
            bend = (i - (len(group) - 1) / 2) * PARALLEL * 2
            cx, cy = (x1 + x2) / 2 + nx_ * bend, (y1 + y2) / 2 + ny_ * bend
            (sx, sy), (tx, ty) = pos[e.a], pos[e.b]
            sx, sy = _towards(sx, sy, cx, cy, NODE_RADIUS + 1)
            tx, ty = _towards(tx, ty, cx, cy, NODE_RADIUS + 2)
            n = len(e.records)
            href = page_href(*next(iter(e.records))) if n == 1 else "#" + e.anchor
            arrow = f' marker-end="url(#arrow-{slug_of(e.relation.label)})"' if e.relation.directed else ""
            sign = "→" if e.relation.directed else "and"
            title = f"{name(e.a)} {sign} {name(e.b)}: {e.relation.label}, {n} record{'s' if n > 1 else ''}"
            mx, my = 0.25 * sx + 0.5 * cx + 0.25 * tx, 0.25 * sy + 0.5 * cy + 0.25 * ty
            label = (f'<text class="edge-count" x="{mx:.1f}" y="{my + FONT / 3:.1f}" text-anchor="middle">{n}</text>'
                     if n > 1 else "")
            out.append(f'<a class="edge" href="{esc(href)}" data-a="{esc(e.a)}" data-b="{esc(e.b)}" '
                       f'data-k="{tokens_attr(tokens(e.a) | tokens(e.b))}"><path d="M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} '
                       f'{tx:.1f},{ty:.1f}" fill="none" stroke="{colour[e.relation.label]}" '
                       f'stroke-width="{1.5 + math.log2(n):.1f}"{arrow}/>{label}<title>{esc(title)}</title></a>')
    degree = {n: sum(1 for e in shown if n in (e.a, e.b)) for n in nodes}
    for n in nodes:
        x, y = pos[n]
        out.append(f'<a class="node" href="{esc(page_href(ACTORS, n))}" data-id="{esc(n)}" data-k="{tokens_attr(tokens(n))}">'
                   f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{NODE_RADIUS}"/>'
                   f'<text x="{x:.1f}" y="{y - NODE_RADIUS - 4:.1f}" text-anchor="middle">{esc(name(n))}</text>'
                   f'<title>{esc(f"{name(n)}: {degree[n]} connections")}</title></a>')
    out.append("</svg>")
    capped = (f" The {MAX_NETWORK_NODES} most connected of {len({x for e in found for x in (e.a, e.b)})} actors "
              "are drawn; the table lists every connection." if len(shown) < len(found) else "")
    note = ("Arrows point from the first actor a record names to the second, as the legend says; a number on "
            "a line counts its records (no number: one record). Select a line to open its record, or its row in "
            "the table below when it has several; select a name to open the actor's page." + capped)
    key = legend([(colour[r.label], r.label + ("" if r.directed else " (no direction)")) for r in kinds])
    # one element: Markdown (and site/fastpage.py) keep a block of HTML that is one element as it is
    return ('<div class="chart-block">' + filter_control(ds, counts, "Show only the connections of") + key + f'<div class="chart-scroll">{"".join(out)}</div>'
            + f'<p class="chart-note">{esc(note)}</p></div>')


def _towards(x: float, y: float, tx: float, ty: float, by: float) -> tuple[float, float]:
    """(x, y) moved BY px towards (tx, ty): an edge stops at the node's rim, so its arrow shows."""
    d = math.hypot(tx - x, ty - y) or 1
    return x + (tx - x) * by / d, y + (ty - y) * by / d
