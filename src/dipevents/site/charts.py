"""The timeline and the network, drawn to SVG at build time (no JavaScript, no outside request)."""

from __future__ import annotations

import io

from ..escape import chart_label
from ..isodate import parse
from .model import Dataset


def _plain(label: object) -> str:
    """Text for matplotlib (see escape.chart_label)."""
    return chart_label(label)


def _svg(fig) -> str:
    import matplotlib

    matplotlib.rcParams["svg.hashsalt"] = "dipevents"  # stable ids: same data, same bytes
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buf.getvalue()


def _setup():
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update({"svg.fonttype": "none", "font.family": "sans-serif", "font.size": 9})
    import matplotlib.pyplot as plt

    return plt


def events(ds: Dataset) -> list[tuple]:
    """(table, row, date field, FuzzyDate) for every dated record, in time order."""
    found = []
    for table_name in ds.record_tables():
        field = next(iter(ds.resources[table_name].date_fields), None)
        for row in ds.rows[table_name] if field else []:
            d = parse(row.get(field) or "")
            if d:
                found.append((table_name, row, field, d))
    return sorted(found, key=lambda e: (e[3].start, e[3].end, e[0], ds.key(e[0], e[1])))


def timeline_svg(ds: Dataset) -> str:
    from datetime import timedelta

    plt = _setup()
    items = events(ds)
    lanes = sorted({e[0] for e in items})
    fig, ax = plt.subplots(figsize=(10, 1 + 0.7 * max(len(lanes), 1)))
    for table_name, row, field, d in items:
        y = lanes.index(table_name)
        if d.precision == "day":
            ax.plot([d.start], [y], "o", color="#1f4e79", markersize=6)
        else:
            width = (d.end - d.start + timedelta(days=1)).days
            narrow = d.precision != "year"  # a month or a run of days (an interval such as a week)
            ax.barh(y, width, left=d.start, height=0.5 if narrow else 0.3,
                    color="#1f4e79" if narrow else "#9db9d5", alpha=0.6)
    ax.set_yticks(range(len(lanes)), [_plain(n.replace("_", " ")) for n in lanes])
    ax.set_title("Events by date: dots are exact days; bars span the days, month or year a date could fall in")
    ax.grid(axis="x", alpha=0.3)
    fig.autofmt_xdate()
    return _svg(fig)


def edges(ds: Dataset) -> list[tuple[str, str, str]]:
    """(actor, actor, relation): met (same meeting), represents, invited, agreement (parties),
    spoke about (a statement's speaker and its subject)."""
    out = set()
    for table_name, group_field, relation in [("meeting_participants", "meeting_id", "met"),
                                              ("agreement_parties", "agreement_id", "agreement")]:
        groups: dict[str, list[str]] = {}
        for row in ds.rows.get(table_name, []):
            groups.setdefault(row[group_field], []).append(row["actor_id"])
        for members in groups.values():
            members = sorted(set(members))
            out |= {(a, b, relation) for i, a in enumerate(members) for b in members[i + 1:]}
    for table_name, a, b, relation in [("meeting_participants", "actor_id", "represents", "represents"),
                                       ("invitations", "inviter_id", "invitee_id", "invited"),
                                       ("statements", "speaker_id", "about_id", "spoke about")]:
        out |= {(r[a], r[b], relation) for r in ds.rows.get(table_name, []) if r.get(a) and r.get(b) and r[a] != r[b]}
    return sorted(out)


COLOURS = {"met": "#1f4e79", "represents": "#7f7f7f", "invited": "#c55a11", "agreement": "#548235",
           "spoke about": "#7030a0"}


MAX_NETWORK_NODES = 60


def network_svg(ds: Dataset) -> str:
    import networkx as nx

    plt = _setup()
    actors = ds.index("actors")
    graph = nx.MultiGraph()
    pairs = edges(ds)
    for a, b, relation in pairs:
        graph.add_edge(a, b, relation=relation)
    if graph.number_of_nodes() > MAX_NETWORK_NODES:
        # a readable picture (and a layout without scipy): the most connected actors only
        keep = sorted(graph.nodes, key=lambda n: (-graph.degree(n), str(n)))[:MAX_NETWORK_NODES]
        graph = graph.subgraph(keep).copy()
        pairs = [(a, b, r) for a, b, r in pairs if a in graph and b in graph]
    fig, ax = plt.subplots(figsize=(9, 6))
    if graph.number_of_nodes():
        pos = nx.spring_layout(nx.Graph(graph), seed=7)
        for relation, colour in COLOURS.items():
            chosen = [(a, b) for a, b, r in pairs if r == relation]
            offset = list(COLOURS).index(relation) * 0.12
            nx.draw_networkx_edges(graph, pos, edgelist=chosen, edge_color=colour, width=2, ax=ax,
                                   connectionstyle=f"arc3,rad={offset}", arrows=True, arrowstyle="-",
                                   label=relation)
        nx.draw_networkx_nodes(graph, pos, node_color="#f2f2f2", edgecolors="#404040", node_size=120, ax=ax)
        for node, (x, y) in pos.items():
            name = actors[node]["name"] if node in actors else node
            ax.annotate(_plain(name), (x, y), xytext=(0, 9), textcoords="offset points", ha="center", fontsize=9)
        ax.legend(handles=[plt.Line2D([], [], color=c, lw=2, label=r) for r, c in COLOURS.items()],
                  loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        ax.margins(0.15)
    ax.set_title("Who met, represented, invited, made agreements with or spoke about whom")
    ax.axis("off")
    return _svg(fig)
