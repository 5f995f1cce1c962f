"""Record pages, index pages and related-record sections, all derived from the schemas.

A record page shows every field of its row (references as links, codes as labels, dates
with their precision and words as reported), its evidence with a link to the highlighted
passage in the source, and every row of every table that references it.
"""

from __future__ import annotations

from .. import conventions
from ..escape import front_matter
from .model import Dataset
from .render import external_link, link, slug, table, text, when

HIDDEN_IN_RELATED = {"source_id", "evidence", "notes", "summary"}


def page_path(table_name: str, key: str) -> str:
    return f"{slug(table_name)}/{slug(key)}.md"


def evidence_anchor(table_name: str, key: str) -> str:
    return f"ev-{slug(table_name)}-{slug(key)}"


def heading(table_name: str) -> str:
    return table_name.replace("_", " ").capitalize()


def first_date_field(ds: Dataset, table_name: str) -> str | None:
    return next(iter(ds.resources[table_name].date_fields), None)


def cell(ds: Dataset, table_name: str, field: dict, row: dict, up: str) -> str:
    """One value rendered for a page UP levels below the site root ('' or '../')."""
    name, value = field["name"], row.get(field["name"])
    if value is None:
        return ""
    target = ds.target(table_name, name)
    if target and ds.is_codelist(target):
        return f"{text(ds.label(target, value))} (<code>{text(value)}</code>)"
    if target and target in ds.record_tables():
        known = ds.index(target).get(value)
        label = ds.title(target, known) if known else value
        return link(label, f"{up}{page_path(target, value)}")
    if field.get("codelist"):
        return ", ".join(text(ds.label(field["codelist"], code)) for code in value.split(";"))
    if conventions.is_date(field):
        words = row.get(conventions.words_for(name))
        said = f" — as reported: “{text(words)}”" if words else ""
        return text(when(value)) + said
    if name == "url":
        return external_link(value)
    return text(value)


def evidence_block(ds: Dataset, table_name: str, row: dict, up: str) -> str:
    if not row.get("evidence"):
        return ""
    key = ds.key(table_name, row)
    source = row.get("source_id")
    href = f"{up}{page_path('sources', source)}#{evidence_anchor(table_name, key)}"
    return f"> {text(row['evidence'])}\n\n[See this passage in its source]({href})\n"


def record_page(ds: Dataset, table_name: str, row: dict) -> str:
    resource = ds.resources[table_name]
    key = ds.key(table_name, row)
    # The title MkDocs prints unescaped (<title>, header, search index) comes from the front matter.
    out = [front_matter(ds.title(table_name, row)) + f"# {text(ds.title(table_name, row))}", "",
           f"{text(heading(table_name)[:-1] if table_name.endswith('s') else heading(table_name))} "
           f"<code>{text(key)}</code>", ""]
    if row.get("summary"):
        out += [text(row["summary"]), ""]
    shown = [f for f in resource.fields if row.get(f["name"]) is not None and f["name"] != "evidence"
             and not f["name"].endswith(conventions.WORDS_SUFFIX)]
    out.append(table(["Field", "Value"], [[f"<code>{text(f['name'])}</code>", cell(ds, table_name, f, row, "../")]
                                         for f in shown]))
    if row.get("evidence"):
        out += ["## Evidence", "", evidence_block(ds, table_name, row, "../")]
    out += related_sections(ds, table_name, row[resource.primary_key[0]])
    return "\n".join(out) + "\n"


def related_sections(ds: Dataset, table_name: str, value: str) -> list[str]:
    out = []
    for ref in ds.referencing(table_name):
        matches = [r for r in ds.rows[ref.table] if r.get(ref.field) == value]
        if not matches:
            continue
        out += [f"## {text(heading(ref.table))} <small>(as <code>{text(ref.field)}</code>)</small>", ""]
        if ref.table in ds.record_tables():
            date_field = first_date_field(ds, ref.table)
            for r in matches:
                key = ds.key(ref.table, r)
                date = f" — {text(when(r.get(date_field)))}" if date_field and r.get(date_field) else ""
                out.append(f"- {link(ds.title(ref.table, r), f'../{page_path(ref.table, key)}')}{date}")
            out.append("")
        else:
            fields = [f for f in ds.resources[ref.table].fields
                      if f["name"] != ref.field and f["name"] not in HIDDEN_IN_RELATED]
            out.append(table([text(f["name"]) for f in fields],
                             [[cell(ds, ref.table, f, r, "../") for f in fields] for r in matches]))
    return out


def index_page(ds: Dataset, table_name: str) -> str:
    resource = ds.resources[table_name]
    date_field = first_date_field(ds, table_name)
    header = ["Record"] + (["Date"] if date_field else [])
    rows = []
    ordered = sorted(ds.rows[table_name], key=lambda r: (r.get(date_field) or "", ds.key(table_name, r)))
    for r in ordered:
        key = ds.key(table_name, r)
        cells = [link(ds.title(table_name, r), slug(key) + ".md")]
        if date_field:
            cells.append(text(when(r.get(date_field))))
        rows.append(cells)
    return (f"# {text(heading(table_name))}\n\n{text(resource.description)}\n\n"
            f"{len(rows)} record(s). Fields are described in the [data dictionary](../dictionary.md#table-{slug(table_name)}).\n\n"
            + table(header, rows))


def all_pages(ds: Dataset) -> dict[str, str]:
    pages = {}
    for table_name in ds.record_tables():
        pages[f"{slug(table_name)}/index.md"] = index_page(ds, table_name)
        for row in ds.rows[table_name]:
            pages[page_path(table_name, ds.key(table_name, row))] = record_page(ds, table_name, row)
    return pages
