"""What every rule can see: the package, its tables, and the archived source texts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

from .package import Package, safe_path
from .tables import Table, rows

SOURCES = "sources"
SOURCE_DIR = "sources"


@dataclass
class Context:
    package: Package
    tables: dict[str, Table]
    _texts: dict = field(default_factory=dict)

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

    def source_file(self, text_path: str | None) -> Path | None:
        """The archived file for a text_path, only if it is inside sources/."""
        path, reason = safe_path(self.package.root, text_path)
        if reason or not path.is_relative_to(self.package.root / SOURCE_DIR):
            return None
        return path

    @cached_property
    def sources(self) -> dict[str, dict]:
        frame = self.frame(SOURCES)
        if frame is None or "source_id" not in frame:
            return {}
        return {row["source_id"]: row for _, row in rows(frame) if row["source_id"]}

    def source_bytes(self, source_id: str) -> bytes | None:
        if source_id not in self._texts:
            row = self.sources.get(source_id)
            path = self.source_file(row.get("text_path")) if row is not None else None
            try:
                self._texts[source_id] = path.read_bytes() if path and path.is_file() else None
            except OSError:
                self._texts[source_id] = None
        return self._texts[source_id]

    def source_text(self, source_id: str) -> str | None:
        """The archived text, only when its hash matches the recorded one."""
        raw = self.source_bytes(source_id)
        row = self.sources.get(source_id)
        if raw is None or row is None or hashlib.sha256(raw).hexdigest() != row.get("text_sha256"):
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def published(self, source_id: str) -> date | None:
        row = self.sources.get(source_id)
        try:
            return date.fromisoformat(row["published_date"]) if row is not None else None
        except (TypeError, ValueError):
            return None
