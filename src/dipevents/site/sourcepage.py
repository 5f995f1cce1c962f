"""A source's archived text with every evidence passage marked and linked to its record.

Footnote numbers run in reading order (the order their markers appear). Each piece of marked
text carries the numbers of the passages covering it (``ev-N`` classes), so the passage a
reader arrives at (``#ev-...``) is marked on its own (assets/evidence.js, with a CSS :target
sign), and each footnote leads back to its record's evidence section.
"""

from __future__ import annotations

from .evidence import Evidence, Passage
from .lookup import Lookup
from .pages import EVIDENCE_SECTION, singular
from .render import link, page_path, slug, text


def record_href(lk: Lookup, p: Passage) -> str:
    """The page that shows a row (its own, or for a link table the record it belongs to), at its evidence."""
    if p.table in lk.record_tables:
        return f"../{page_path(p.table, p.key)}#{EVIDENCE_SECTION}"
    for name in lk.ds.resources[p.table].primary_key:
        target = lk.target(p.table, name)
        if target in lk.record_tables:
            return f"../{page_path(target, p.row[name])}#{EVIDENCE_SECTION}"
    return "../index.md"


def record_label(lk: Lookup, p: Passage) -> str:
    if p.table in lk.record_tables:
        return f"{singular(p.table)}: {lk.ds.title(p.table, p.row)}"
    parts = [lk.title(lk.target(p.table, n), p.row[n]) for n in lk.ds.resources[p.table].primary_key
             if lk.target(p.table, n) in lk.record_tables]
    return f"{singular(p.table)}: {' — '.join(parts)}"


def highlighted(lk: Lookup, archived: str, marks: list[Passage]) -> str:
    """Markdown paragraphs of the text; <mark> over evidence, numbered links after each passage."""
    paragraphs, pos = [], 0
    for line in archived.split("\n"):
        first, last = pos, pos + len(line)
        pos = last + 1
        here = [s for s in marks if s.start < last and s.end > first or s.start == first]
        cuts = sorted({first, last} | {x for s in here for x in (s.start, s.end) if first < x < last})
        parts = []
        for a, b in zip(cuts, cuts[1:]):
            parts += [f'<span class="ev-anchor" id="{s.anchor}" data-ev="{s.number}"></span>'
                      for s in here if s.start == a]
            piece = text(archived[a:b], strip=False)
            covering = [s.number for s in here if s.start <= a and b <= s.end]
            if covering:
                piece = f'<mark class="evidence {" ".join(f"ev-{n}" for n in covering)}">{piece}</mark>'
            parts.append(piece)
            parts += [f'<sup class="ev-note">[&#91;{s.number}&#93;]({record_href(lk, s)} "{text(record_label(lk, s))}")</sup>'
                      for s in here if s.end == b]
        if "".join(parts).strip():
            paragraphs.append("".join(parts))
    return "\n\n".join(paragraphs)


def source_section(lk: Lookup, ev: Evidence, row: dict, text_href: str | None) -> str:
    source_id = row["source_id"]
    archived = ev.text(source_id)
    if archived is None:
        return "## Archived text\n\nThe archived text is missing or does not match its SHA-256.\n"
    marks = ev.by_source.get(source_id, [])
    legend = "\n".join(f"{s.number}. {link(record_label(lk, s), record_href(lk, s))}" for s in marks)
    download = (f"[Download the archived text]({text_href}) (UTF-8, as archived; "
                f"SHA-256 <code>{text(row.get('text_sha256') or '')}</code>).\n\n") if text_href else ""
    return ("## Archived text {#archived-text}\n\n" + download
            + "Underlined passages are quoted as evidence; the numbers, in reading order, link to the "
            "records they support. The passage you arrive at from a record is marked in orange.\n\n"
            "<div class=\"source-text\" markdown=\"1\">\n\n"
            + highlighted(lk, archived, marks) + "\n\n</div>\n\n## Evidence passages {#passages}\n\n" + legend + "\n")


def text_download_path(source_id: str) -> str:
    return f"sources/{slug(source_id)}.txt"
