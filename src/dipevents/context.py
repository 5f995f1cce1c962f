"""What every rule can see: the package, its tables, and the archived source texts (read through
``archived_texts``, each once per validation)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import pandas as pd

from .archived_texts import SOURCES, TEXTS, Archived, Folder
from .package import Package
from .tables import Table, rows


@dataclass
class Context:
    package: Package
    tables: dict[str, Table]
    _memo: dict = field(default_factory=dict)
    _recorded: int | None = None  # the tracking generation already told that texts are used

    @property
    def _texts(self) -> dict:
        """What rules keep for the rest of the validation (texts, their normalised forms,
        publication dates). A rule that reaches it depends on every archived text and on the
        sources table, whoever filled it: the cache records that (see cache, validate), once
        per step."""
        generation = getattr(self.tables, "generation", None)
        if generation is not None and generation != self._recorded:
            self.tables.use(TEXTS)
            resource = self.package.resources.get(SOURCES)
            if resource is not None:
                self.tables.use(resource.path)
            self._recorded = generation
        return self._memo

    @cached_property
    def _folder(self) -> Folder:
        return Folder(self.package.root, getattr(self.tables, "read_log", None))

    def seeing(self, tables: dict[str, Table]) -> Context:
        """The same package through TABLES (some rows of each), sharing the archived texts
        already read: each depends only on a row's text_path and text_sha256."""
        other = Context(self.package, tables)
        other._memo.update((key, value) for key, value in self._memo.items() if key[0] == "archive")
        return other

    def frame(self, name: str) -> pd.DataFrame | None:
        table = self.tables.get(name)
        return None if table is None else table.frame

    def with_columns(self, name: str, *columns: str):
        """(table, frame) when the table was read and has every column named; else (None, None).

        Rules about one table's columns use it, so a schema that drops a column turns the rule
        off for that table instead of crashing it."""
        table = self.tables.get(name)
        if table is None or table.frame is None or not set(columns) <= set(table.frame.columns):
            return None, None
        return table, table.frame

    def readable(self):
        """(table, frame) for every table whose rows could be read."""
        for table in self.tables.values():
            if table.frame is not None:
                yield table, table.frame

    @property
    def sources(self) -> dict[str, dict]:
        """The sources table's rows by source_id (built once; each use counts as reading it)."""
        memo = self._texts
        if ("sources",) not in memo:
            frame = self.frame(SOURCES)
            memo[("sources",)] = ({} if frame is None or "source_id" not in frame else
                                  {row["source_id"]: row for _, row in rows(frame) if row["source_id"]})
        return memo[("sources",)]

    def archive(self, row: dict) -> Archived:
        """The archived text of a source row: inside sources/, a regular file within the size
        limit, with the recorded SHA-256, valid UTF-8. Every other outcome says why not.

        Read once per (text_path, text_sha256) in a validation, however many rows name it."""
        key = ("archive", row.get("text_path"), row.get("text_sha256"))
        if key not in self._texts:
            self._texts[key] = self._folder.read(row)
        return self._texts[key]

    def archived(self, source_id: str) -> Archived:
        """The archived text of the source SOURCE_ID (read once per validation)."""
        key = ("archived", source_id)
        if key not in self._texts:
            row = self.sources.get(source_id)
            self._texts[key] = self.archive(row) if row is not None else Archived(message="no such source")
        return self._texts[key]

    def source_text(self, source_id: str) -> str | None:
        """The archived text, only when it is usable (see ``archive``); checks that need it and
        get None say so through the evidence-not-checked notice."""
        return self.archived(source_id).text

    def published(self, source_id: str) -> date | None:
        """The source's published_date as a date (None when it has none or no such source);
        parsed once per source."""
        key = ("published", source_id)
        if key not in self._texts:
            row = self.sources.get(source_id)
            try:
                value = date.fromisoformat(row["published_date"]) if row is not None else None
            except (TypeError, ValueError):
                value = None
            self._texts[key] = value
        return self._texts[key]
