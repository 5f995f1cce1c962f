"""A source's archived text with every evidence passage highlighted and linked to its record."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..context import Context
from ..rules.evidence import locate
from .model import Dataset
from .pages import evidence_anchor, page_path
from .render import text


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    anchor: str
    href: str  # relative to a page in sources/
    label: str


def record_href(ds: Dataset, table_name: str, row: dict) -> str:
    """The page that shows a row: its own, or for a link table the record it belongs to."""
    if table_name in ds.record_tables():
        return "../" + page_path(table_name, ds.key(table_name, row))
    for name in ds.resources[table_name].primary_key:
        target = ds.target(table_name, name)
        if target in ds.record_tables():
            return "../" + page_path(target, row[name])
    return "../index.md"


def spans(ds: Dataset, source_id: str, archived: str) -> list[Span]:
    found = []
    for table_name, rows in ds.rows.items():
        for row in rows:
            if row.get("source_id") != source_id or not row.get("evidence") or table_name == "sources":
                continue
            where = locate(archived, row["evidence"])
            if where:
                key = ds.key(table_name, row)
                found.append(Span(*where, evidence_anchor(table_name, key), record_href(ds, table_name, row),
                                  f"{table_name}: {key}"))
    return sorted(found, key=lambda s: (s.start, -s.end, s.anchor))


def highlighted(archived: str, marks: list[Span]) -> str:
    """Markdown paragraphs of the text; <mark> over evidence, numbered links after each passage."""
    archived = unicodedata.normalize("NFC", archived)  # offsets from locate() are in NFC
    number = {s.anchor: i + 1 for i, s in enumerate(marks)}
    paragraphs, pos = [], 0
    for line in archived.split("\n"):
        first, last = pos, pos + len(line)
        pos = last + 1
        cuts = sorted({first, last} | {x for s in marks for x in (s.start, s.end) if first < x < last})
        parts = []
        for a, b in zip(cuts, cuts[1:]):
            parts += [f'<span id="{s.anchor}"></span>' for s in marks if s.start == a]
            piece = text(archived[a:b], strip=False)
            if any(s.start <= a and b <= s.end for s in marks):
                piece = f'<mark class="evidence">{piece}</mark>'
            parts.append(piece)
            parts += [f'<sup>[&#91;{number[s.anchor]}&#93;]({s.href} "{text(s.label)}")</sup>' for s in marks if s.end == b]
        if "".join(parts).strip():
            paragraphs.append("".join(parts))
    return "\n\n".join(paragraphs)


def source_section(ds: Dataset, ctx: Context, row: dict) -> str:
    archived = ctx.source_text(row["source_id"])
    if archived is None:
        return "## Archived text\n\nThe archived text is missing or does not match its SHA-256.\n"
    marks = spans(ds, row["source_id"], archived)
    legend = "\n".join(f"{i + 1}. [{text(s.label)}]({s.href})" for i, s in enumerate(marks))
    return ("## Archived text\n\nHighlighted passages are quoted as evidence; the numbers link to the "
            "records they support.\n\n<div class=\"source-text\" markdown=\"1\">\n\n"
            + highlighted(archived, marks) + "\n\n</div>\n\n## Evidence passages\n\n" + legend + "\n")
