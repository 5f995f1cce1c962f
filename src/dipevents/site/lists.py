"""List pages: one row per record with the columns a reader scans, sortable and filterable in
the browser (DataTables, shipped in the pinned itables wheel and copied into the site at build
time: see assets.py), with the table's downloads linked."""

from __future__ import annotations

from .lookup import Lookup
from .render import slug, table, text, when


def _date(value: str | None) -> str:
    """A date cell that sorts by its ISO form (hidden) and reads as words."""
    if not value:
        return ""
    return f'<span class="sort-key" hidden>{text(value)}</span>{text(when(value))}'


def _actors(lk: Lookup, ids: list[str]) -> str:
    return ", ".join(lk.record_link("actors", i, "../") for i in dict.fromkeys(ids))


def _meetings(lk: Lookup, r: dict) -> list[str]:
    place = ", ".join(x for x in [text(r.get("city") or ""), lk.country_name(r.get("country"))] if x)
    return [_date(r.get("date")), lk.record_link("meetings", r["meeting_id"], "../"), place,
            text(lk.code("meetings", "format", r.get("format"))), text(lk.code("meetings", "status", r.get("status"))),
            _actors(lk, [p["actor_id"] for p in lk.participants(r["meeting_id"])])]


def _statements(lk: Lookup, r: dict) -> list[str]:
    return [_date(r.get("date")), lk.record_link("actors", r["speaker_id"], "../"),
            text(lk.code("statements", "statement_type", r.get("statement_type"))),
            lk.record_link("actors", r["about_id"], "../") if r.get("about_id") else "",
            lk.record_link("statements", r["statement_id"], "../"),
            lk.record_link("meetings", r["meeting_id"], "../") if r.get("meeting_id") else ""]


def _invitations(lk: Lookup, r: dict) -> list[str]:
    event = (lk.record_link("meetings", r["event_meeting_id"], "../") if r.get("event_meeting_id")
             else text(r.get("event_name") or ""))
    return [f"{lk.record_link('actors', r['inviter_id'], '../')} → {lk.record_link('actors', r['invitee_id'], '../')}",
            f"{event} ({lk.record_link('invitations', r['invitation_id'], '../')})", _date(r.get("event_date")),
            text(lk.code("invitations", "response", r.get("response"))), _date(r.get("issued_date"))]


def _agreements(lk: Lookup, r: dict) -> list[str]:
    return [_date(r.get("date")), lk.record_link("agreements", r["agreement_id"], "../"),
            text(lk.code("agreements", "agreement_type", r.get("agreement_type"))),
            text(lk.code("agreements", "status", r.get("status"))),
            _actors(lk, [p["actor_id"] for p in lk.refs("agreement_parties", "agreement_id", r["agreement_id"])])]


def _actors_row(lk: Lookup, r: dict) -> list[str]:
    return [lk.record_link("actors", r["actor_id"], "../"), text(lk.code("actors", "actor_type", r.get("actor_type"))),
            lk.country_link(r.get("country"), "../"), lk.wikidata_link(r.get("wikidata_qid"))]


def _sources(lk: Lookup, r: dict) -> list[str]:
    return [_date(r.get("published_date")), lk.record_link("sources", r["source_id"], "../"),
            text(r.get("publisher") or ""), text(r.get("language") or "")]


# (headers, row function); headers that are field titles are read from the schemas
COLUMNS = {
    "meetings": (lambda lk: [lk.field_title("meetings", f) for f in ("date", "title", "city")][:2]
                 + ["Place", lk.field_title("meetings", "format"), lk.field_title("meetings", "status"), "Participants"],
                 _meetings),
    "statements": (lambda lk: [lk.field_title("statements", f) for f in ("date", "speaker_id", "statement_type", "about_id")]
                   + ["Statement", lk.field_title("statements", "meeting_id")], _statements),
    "invitations": (lambda lk: ["Inviter → invitee", lk.field_title("invitations", "event_name"),
                                lk.field_title("invitations", "event_date"), lk.field_title("invitations", "response"),
                                lk.field_title("invitations", "issued_date")], _invitations),
    "agreements": (lambda lk: [lk.field_title("agreements", f) for f in ("date", "title", "agreement_type", "status")]
                   + ["Parties"], _agreements),
    "actors": (lambda lk: [lk.field_title("actors", f) for f in ("name", "actor_type", "country", "wikidata_qid")],
               _actors_row),
    "sources": (lambda lk: [lk.field_title("sources", f) for f in ("published_date", "title", "publisher", "language")],
                _sources),
}


def _order(lk: Lookup, table_name: str):
    field = lk.date_field(table_name)
    return lambda r: (r.get(field) or "" if field else "", lk.ds.key(table_name, r))


def index_page(lk: Lookup, table_name: str, downloads: list[tuple[str, str]]) -> str:
    ds = lk.ds
    resource = ds.resources[table_name]
    rows = sorted(ds.rows[table_name], key=_order(lk, table_name))
    if table_name in COLUMNS:
        headers, fn = COLUMNS[table_name]
        header, cells = [text(h) for h in headers(lk)], [fn(lk, r) for r in rows]
    else:
        header = ["Record"]
        cells = [[lk.record_link(table_name, ds.key(table_name, r), "../")] for r in rows]
    links = " · ".join(f"[{text(label)}]({href})" for label, href in downloads)
    return (f"# {text(table_name.replace('_', ' ').capitalize())}\n\n{text(resource.description)}\n\n"
            f"{len(rows)} record(s). Download: {links}. Fields are described in the "
            f"[data dictionary](../dictionary.md#table-{slug(table_name)}).\n\n"
            '<div class="record-list" markdown="1">\n\n' + table(header, cells) + "\n</div>\n")
