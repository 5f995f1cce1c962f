"""Where each evidence passage stands in its archived text, numbered in reading order.

Computed once per build (each archived text is searched once per passage) and shared by the
source pages (marks and footnotes) and the record pages ("passage 3 of this source").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..context import Context
from ..rules.evidence import fold, locate_folded
from .model import Dataset
from .render import slug

# Where a sentence ends: ., ! or ? (with closing quotes or brackets) before a space, or a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n")


def evidence_anchor(table_name: str, key: str) -> str:
    return f"ev-{slug(table_name)}-{slug(key)}"


@dataclass(frozen=True)
class Passage:
    table: str
    row: dict
    key: str
    start: int
    end: int
    anchor: str
    number: int  # in reading order: the order its footnote marker appears in the text


class Evidence:
    """Every located passage, by source (in reading order) and by anchor."""

    def __init__(self, ds: Dataset, ctx: Context):
        self.ctx = ctx
        self.texts: dict[str, str | None] = {}
        folded: dict[str, tuple[str, list[int]] | None] = {}  # each text folded once, not once per passage
        self.by_source: dict[str, list[Passage]] = {}
        self.by_anchor: dict[str, Passage] = {}
        found: dict[str, list[tuple]] = {}
        for table_name, rows in ds.rows.items():
            if table_name == "sources" or ds.is_codelist(table_name):
                continue
            for row in rows:
                source, passage = row.get("source_id"), row.get("evidence")
                if not source or not passage:
                    continue
                if source not in folded:
                    archived = self.text(source)
                    folded[source] = fold(archived) if archived else None
                where = locate_folded(folded[source], passage) if folded[source] else None
                if where:
                    key = ds.key(table_name, row)
                    found.setdefault(source, []).append((*where, evidence_anchor(table_name, key), table_name, row, key))
        for source, items in found.items():
            # footnote markers stand at the end of their passage: number them in that order
            items.sort(key=lambda i: (i[1], i[0], i[2]))
            self.by_source[source] = [Passage(t, r, k, s, e, a, n + 1)
                                      for n, (s, e, a, t, r, k) in enumerate(items)]
            self.by_anchor.update((p.anchor, p) for p in self.by_source[source])

    def text(self, source_id: str) -> str | None:
        """The archived text in NFC (the form locate() gives offsets in), or None when unusable."""
        if source_id not in self.texts:
            raw = self.ctx.source_text(source_id)
            self.texts[source_id] = unicodedata.normalize("NFC", raw) if raw is not None else None
        return self.texts[source_id]

    def passage(self, table_name: str, key: str) -> Passage | None:
        return self.by_anchor.get(evidence_anchor(table_name, key))

    def in_sentence(self, source_id: str, p: Passage) -> tuple[str, str, str]:
        """(before, passage, after): the passage with the rest of the sentence(s) it stands in."""
        archived = self.text(source_id) or ""
        start = 0
        for m in _SENTENCE_END.finditer(archived, 0, p.start):
            start = m.end()
        after = _SENTENCE_END.search(archived, max(p.start, p.end - 1))
        end = after.end() if after else len(archived)
        if after and after.group(0) == "\n":
            end = after.start()
        return archived[start:p.start].lstrip(), archived[p.start:p.end], archived[p.end:end]
