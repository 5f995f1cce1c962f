"""Record pages that read: a sentence first, then who, the evidence in its sentence, related
records under human headings, every field labelled by its schema title, and how to cite it.

Labels come from the schemas (a field's ``title``), codes from their codelists; every value
from the data passes through render.text / link / external_link.
"""

from __future__ import annotations

from .. import conventions
from ..escape import front_matter
from .evidence import Evidence, evidence_anchor
from .lookup import Lookup
from .lists import index_page
from .render import external_link, page_path, slug, table, text, when

__all__ = ["page_path", "evidence_anchor", "heading", "record_page", "all_pages", "with_front_matter"]

SEARCH_BOOST_ACTORS = 10  # actor pages first in search for their names (Material's search: boost)
EVIDENCE_SECTION = "evidence"
STATEMENTS_SHOWN = 200  # a meeting or actor page lists at most this many statements in full


def heading(table_name: str) -> str:
    return table_name.replace("_", " ").capitalize()


def singular(table_name: str) -> str:
    h = heading(table_name)
    return h[:-1] if h.endswith("s") else h


def with_front_matter(title: str, boost: float | None = None) -> str:
    """escape.front_matter plus Material's search boost (a number the site chose, never data)."""
    fm = front_matter(title)
    if boost is None:
        return fm
    return fm.replace("\n---\n", f"\nsearch:\n  boost: {float(boost)}\n---\n", 1)


# --- pieces ---------------------------------------------------------------------------------------

def cell(lk: Lookup, table_name: str, field: dict, row: dict, up: str) -> str:
    """One value rendered for a page UP levels below the site root ('' or '../')."""
    ds = lk.ds
    name, value = field["name"], row.get(field["name"])
    if value is None:
        return ""
    target = lk.target(table_name, name)
    if target and ds.is_codelist(target):
        return f"{text(lk.label(target, value))} (<code>{text(value)}</code>)"
    if target and target in lk.record_tables:
        return lk.record_link(target, value, up)
    if field.get("codelist"):
        return ", ".join(text(lk.label(field["codelist"], code)) for code in value.split(";"))
    if conventions.is_date(field):
        words = row.get(conventions.words_for(name))
        said = f" — as reported: “{text(words)}”" if words else ""
        return text(when(value)) + said
    if name == "country" or name.endswith("_country"):
        return lk.country_link(value, up)
    if name == "wikidata_qid":
        return lk.wikidata_link(value)
    if name == "url":
        return external_link(value)
    return text(value)


def all_fields(lk: Lookup, table_name: str, row: dict) -> list[str]:
    fields = [f for f in lk.ds.resources[table_name].fields if row.get(f["name"]) is not None
              and f["name"] != "evidence" and not f["name"].endswith(conventions.WORDS_SUFFIX)]
    return ["## All fields", "",
            table(["Field", "Value"], [[text(lk.field_title(table_name, f["name"])), cell(lk, table_name, f, row, "../")]
                                       for f in fields])]


def evidence_section(lk: Lookup, ev: Evidence, table_name: str, row: dict) -> list[str]:
    if not row.get("evidence"):
        return []
    key = lk.ds.key(table_name, row)
    source = row.get("source_id")
    p = ev.passage(table_name, key)
    out = [f"## Evidence {{#{EVIDENCE_SECTION}}}", ""]
    if p is None:
        return out + [f"> {text(row['evidence'])}", "", f"Quoted from {lk.record_link('sources', source, '../')}.", ""]
    before, passage, after = ev.in_sentence(source, p)
    href = f"../{page_path('sources', source)}#{evidence_anchor(table_name, key)}"
    return out + [f'<blockquote class="evidence-quote" markdown="1">\n{text(before, strip=False)}'
                  f'<mark class="evidence here">{text(passage, strip=False)}</mark>{text(after, strip=False)}\n'
                  "</blockquote>", "",
                  f"This record's passage is number [{p.number}] in {lk.record_link('sources', source, '../')}. "
                  f"[See passage {p.number} in the archived text]({href}){{.evidence-link}}", ""]


def cite_box(lk: Lookup, table_name: str, row: dict, site_url: str) -> list[str]:
    ds = lk.ds
    key = ds.key(table_name, row)
    path = page_path(table_name, key)[:-3] + "/"
    permalink = (site_url.rstrip("/") + "/" + path) if site_url else path
    name = ds.package.descriptor.get("title") or ds.package.name
    lines = [f"Dataset: {text(name)}, version {text(ds.package.version)}",
             f"Record: {text(singular(table_name).lower())} <code>{text(key)}</code>",
             f"Permalink: {external_link(permalink) if site_url else '<code>' + text(permalink) + '</code>'}"]
    source = row.get("source_id")
    if source and source in lk.index("sources"):
        src = lk.index("sources")[source]
        lines.append(f"Original source: {text(src.get('publisher') or '')}, “{text(src.get('title'))}”, "
                     f"{text(when(src.get('published_date')))}, {external_link(src.get('url'))}")
    return ['<div class="cite-box" markdown="1">', "", "### Cite this record", "",
            "<br>\n".join(lines), "", "</div>", ""]


def related_list(lk: Lookup, table_name: str, rows: list[dict], limit: int | None = None) -> list[str]:
    date_field = lk.date_field(table_name)
    rows = sorted({lk.ds.key(table_name, r): r for r in rows}.values(),
                  key=lambda r: (r.get(date_field) or "", lk.ds.key(table_name, r)))
    out = []
    for r in rows[:limit]:
        date = f" — {text(when(r.get(date_field)))}" if date_field and r.get(date_field) else ""
        out.append(f"- {lk.record_link(table_name, lk.ds.key(table_name, r), '../')}{date}")
    if limit is not None and len(rows) > limit:
        out.append(f"- … and {len(rows) - limit} more (see the [{heading(table_name).lower()} list](../{slug(table_name)}/index.md))")
    return out + [""] if out else []


def section(title: str, body: list[str]) -> list[str]:
    return [f"## {title}", "", *body] if body else []


# --- sentences ------------------------------------------------------------------------------------

def date_phrase(row: dict, field: str) -> str:
    value = row.get(field)
    if not value:
        return ""
    words = row.get(conventions.words_for(field))
    said = f" (as reported: “{text(words)}”)" if words else ""
    shown = when(value)
    return ("in " if ("only" in shown or "span" in shown) else "on ") + text(shown) + said


def _and(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else (items[0] if items else "")


def meeting_sentence(lk: Lookup, row: dict) -> str:
    people = lk.participants(row["meeting_id"])
    who = [lk.actor_phrase(p["actor_id"], p.get("capacity"), p.get("represents")) for p in people]
    if len(who) == 2 and row.get("format") == "bilateral":
        lead = f"{who[0]} met {who[1]}"
    elif who:
        lead = _and(who) + " took part"
    else:
        lead = f"A {text(lk.code('meetings', 'format', row.get('format'))).lower()} meeting took place"
    place = ", ".join(x for x in [text(row.get("city") or ""), lk.country_name(row.get("country"))] if x)
    out = lead + (f" in {place}" if place else "") + (" " + date_phrase(row, "date") if row.get("date") else "")
    if row.get("parent_meeting_id"):
        out += " — during " + lk.record_link("meetings", row["parent_meeting_id"], "../")
    if row.get("status") and row["status"] != "occurred":
        out += f" ({text(lk.code('meetings', 'status', row['status'])).lower()})"
    return out + "."


def statement_sentence(lk: Lookup, row: dict) -> str:
    kind = text(lk.code("statements", "statement_type", row.get("statement_type"))).lower()
    out = f"{lk.actor_phrase(row['speaker_id'])} made a statement ({kind})"
    if row.get("about_id"):
        out += f" about {lk.record_link('actors', row['about_id'], '../')}"
    if row.get("date"):
        out += " " + date_phrase(row, "date")
    if row.get("meeting_id"):
        out += " at " + lk.record_link("meetings", row["meeting_id"], "../")
    out += "."
    if row.get("quote"):
        out += f" In their words: “{text(row['quote'])}”."
    return out


def invitation_sentence(lk: Lookup, row: dict) -> str:
    out = f"{lk.actor_phrase(row['inviter_id'])} invited {lk.actor_phrase(row['invitee_id'])} to "
    out += (lk.record_link("meetings", row["event_meeting_id"], "../") if row.get("event_meeting_id")
            else text(row.get("event_name") or "an event"))
    place = ", ".join(x for x in [text(row.get("event_city") or ""), lk.country_name(row.get("event_country"))] if x)
    if place:
        out += f" in {place}"
    if row.get("event_date"):
        out += " " + date_phrase(row, "event_date")
    out += "."
    if row.get("issued_date") or row.get("issued_at_meeting_id"):
        out += " The invitation was extended"
        if row.get("issued_at_meeting_id"):
            out += " at " + lk.record_link("meetings", row["issued_at_meeting_id"], "../")
        if row.get("issued_date"):
            out += " " + date_phrase(row, "issued_date")
        out += "."
    if row.get("response"):
        out += f" Response: {text(lk.code('invitations', 'response', row['response'])).lower()}."
    return out


def agreement_sentence(lk: Lookup, row: dict) -> str:
    parties = [lk.actor_phrase(p["actor_id"]) for p in lk.refs("agreement_parties", "agreement_id", row["agreement_id"])]
    out = (f"{text(lk.code('agreements', 'agreement_type', row.get('agreement_type')))}, "
           f"{text(lk.code('agreements', 'status', row.get('status'))).lower()}")
    if parties:
        out += " — between " + _and(parties)
    if row.get("date"):
        out += " " + date_phrase(row, "date")
    if row.get("meeting_id"):
        out += " at " + lk.record_link("meetings", row["meeting_id"], "../")
    return out + "."


def actor_sentence(lk: Lookup, row: dict) -> str:
    out = f"{text(row['name'])}: {text(lk.code('actors', 'actor_type', row.get('actor_type'))).lower()}"
    if row.get("country"):
        out += (" of " if row.get("actor_type") == "person" else ", ISO 3166 code ") + lk.country_link(row["country"], "../")
    if row.get("wikidata_qid"):
        out += ", Wikidata " + lk.wikidata_link(row["wikidata_qid"])
    return out + "."


def source_sentence(lk: Lookup, row: dict) -> str:
    out = f"“{text(row['title'])}”"
    if row.get("publisher"):
        out += f", published by {text(row['publisher'])}"
    if row.get("published_date"):
        out += " " + date_phrase(row, "published_date")
    return out + f". Original: {external_link(row.get('url'))}"


SENTENCES = {"meetings": meeting_sentence, "statements": statement_sentence, "invitations": invitation_sentence,
             "agreements": agreement_sentence, "actors": actor_sentence, "sources": source_sentence}


# --- related records ------------------------------------------------------------------------------

def statement_items(lk: Lookup, rows: list[dict]) -> list[str]:
    """Statements on the pages that list them: what was said (the title), type, date, quote."""
    out = []
    rows = sorted(rows, key=lambda r: (r.get("date") or "", r["statement_id"]))
    for r in rows[:STATEMENTS_SHOWN]:
        kind = text(lk.code("statements", "statement_type", r.get("statement_type")))
        quote = f" “{text(r['quote'])}”" if r.get("quote") else ""
        out.append(f"- {lk.record_link('statements', r['statement_id'], '../')} — {kind}, {text(when(r.get('date')))}.{quote}")
    if len(rows) > STATEMENTS_SHOWN:
        out.append(f"- … and {len(rows) - STATEMENTS_SHOWN} more (see the [statements list](../statements/index.md))")
    return out + [""] if out else []


def participants_section(lk: Lookup, row: dict) -> list[str]:
    people = lk.participants(row["meeting_id"])
    rows = [[lk.record_link("actors", p["actor_id"], "../"), text(p.get("capacity") or ""),
             lk.record_link("actors", p["represents"], "../") if p.get("represents") else "",
             text(lk.code("meeting_participants", "role", p.get("role")))] for p in people]
    return section("Participants", [table(["Who", "Capacity", "For", "Role"], rows)] if rows else [])


def meeting_related(lk: Lookup, row: dict) -> list[str]:
    mid = row["meeting_id"]
    out = section("Statements made at this meeting", statement_items(lk, lk.refs("statements", "meeting_id", mid)))
    out += section("Invitations extended here", related_list(lk, "invitations", lk.refs("invitations", "issued_at_meeting_id", mid)))
    out += section("Invitations to this meeting", related_list(lk, "invitations", lk.refs("invitations", "event_meeting_id", mid)))
    out += section("Agreements made here", related_list(lk, "agreements", lk.refs("agreements", "meeting_id", mid)))
    out += section("Meetings held during it", related_list(lk, "meetings", lk.refs("meetings", "parent_meeting_id", mid)))
    if row.get("parent_meeting_id"):
        out += section("Part of", [f"- {lk.record_link('meetings', row['parent_meeting_id'], '../')}", ""])
    return out


def actor_related(lk: Lookup, row: dict) -> list[str]:
    aid, kind = row["actor_id"], row.get("actor_type")
    people = lk.people_of(row)
    ids = [aid] + [p["actor_id"] for p in people]
    meetings, agreements = lk.index("meetings"), lk.index("agreements")
    out = []
    if kind == "state" and row.get("country"):
        out += section("Meetings held here", related_list(lk, "meetings", lk.refs("meetings", "country", row["country"])))
    attended = [p["meeting_id"] for a in ids for p in lk.refs("meeting_participants", "actor_id", a)]
    attended += [p["meeting_id"] for p in lk.refs("meeting_participants", "represents", aid)]
    out += section("Meetings attended" if kind == "person" else "Meetings it and its people attended",
                   related_list(lk, "meetings", [meetings[m] for m in attended if m in meetings]))
    parties = [p["agreement_id"] for a in ids for p in lk.refs("agreement_parties", "actor_id", a)]
    out += section("Agreements it is party to", related_list(lk, "agreements", [agreements[a] for a in parties if a in agreements]))
    out += section("Invitations extended", related_list(lk, "invitations", [r for a in ids for r in lk.refs("invitations", "inviter_id", a)]))
    out += section("Invitations received", related_list(lk, "invitations", [r for a in ids for r in lk.refs("invitations", "invitee_id", a)]))
    out += section("Statements made", statement_items(lk, [r for a in ids for r in lk.refs("statements", "speaker_id", a)]))
    out += section("Statements about " + ("them" if kind == "person" else "it"),
                   statement_items(lk, lk.refs("statements", "about_id", aid)))
    if people:
        out += section("Its people", [f"- {lk.record_link('actors', p['actor_id'], '../')}"
                                      for p in sorted(people, key=lambda p: p["name"])] + [""])
    return out


def invitation_related(lk: Lookup, row: dict) -> list[str]:
    out = []
    for field, title in [("issued_at_meeting_id", "Extended at"), ("event_meeting_id", "The event")]:
        if row.get(field):
            out += section(title, [f"- {lk.record_link('meetings', row[field], '../')}", ""])
    return out


def agreement_parties_section(lk: Lookup, row: dict) -> list[str]:
    parties = lk.refs("agreement_parties", "agreement_id", row["agreement_id"])
    return section("Parties", [f"- {lk.record_link('actors', p['actor_id'], '../')}" for p in parties] + [""] if parties else [])


def generic_related(lk: Lookup, table_name: str, row: dict) -> list[str]:
    value = row[lk.ds.resources[table_name].primary_key[0]]
    out = []
    for ref in lk.ds.referencing(table_name):
        if ref.table in lk.record_tables:
            title = f"{heading(ref.table)} ({lk.field_title(ref.table, ref.field).lower()})"
            out += section(text(title), related_list(lk, ref.table, lk.refs(ref.table, ref.field, value)))
    return out


WHO = {"meetings": participants_section, "agreements": agreement_parties_section}
RELATED = {"meetings": meeting_related, "actors": actor_related, "invitations": invitation_related,
           "agreements": lambda lk, row: [], "statements": lambda lk, row: [], "sources": lambda lk, row: []}


def record_page(lk: Lookup, ev: Evidence, table_name: str, row: dict, site_url: str = "") -> str:
    title = lk.ds.title(table_name, row)
    # The title MkDocs prints unescaped (<title>, header, search index) comes from the front matter.
    out = [with_front_matter(title, SEARCH_BOOST_ACTORS if table_name == "actors" else None) + f"# {text(title)}", ""]
    kind = f'<span class="record-type">{text(singular(table_name))}</span> · '  # shown in search results too
    out += [kind + (SENTENCES[table_name](lk, row) if table_name in SENTENCES else ""), ""]
    for name in ("summary", "description"):
        if row.get(name) and row[name] != title:
            out += [text(row[name]), ""]
    out += WHO[table_name](lk, row) if table_name in WHO else []
    out += evidence_section(lk, ev, table_name, row)
    out += RELATED[table_name](lk, row) if table_name in RELATED else generic_related(lk, table_name, row)
    out += all_fields(lk, table_name, row)
    out += cite_box(lk, table_name, row, site_url)
    return "\n".join(out) + "\n"


def all_pages(lk: Lookup, ev: Evidence, site_url: str = "",
              downloads: dict[str, list[tuple[str, str]]] | None = None) -> dict[str, str]:
    pages = {}
    for table_name in lk.record_tables:
        pages[f"{slug(table_name)}/index.md"] = index_page(lk, table_name, (downloads or {}).get(table_name, []))
        for row in lk.ds.rows[table_name]:
            pages[page_path(table_name, lk.ds.key(table_name, row))] = record_page(lk, ev, table_name, row, site_url)
    return pages
