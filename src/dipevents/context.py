"""What every rule can see: the package, its tables, and the archived source texts."""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

from .package import Package, safe_path
from .report import show
from .tables import Table, rows

SOURCES = "sources"
SOURCE_DIR = "sources"


@dataclass(frozen=True)
class Archived:
    """A source's archived text, or why there is none usable.

    ``rule`` and ``column`` say what to report on the source's row; ``rule`` is None when
    another check already reports the cause (an empty text_path or text_sha256 is the schema's)."""

    text: str | None = None
    rule: str | None = None
    column: str | None = None
    message: str = ""


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

    def archive(self, row: dict) -> Archived:
        """The archived text of a source row: inside sources/, a regular file within the size
        limit, with the recorded SHA-256, valid UTF-8. Every other outcome says why not."""
        from .limits import MAX_SOURCE_BYTES, MB

        path = row.get("text_path")
        if path is None:
            return Archived(message="it has no text_path")
        file = self.source_file(path)
        if file is None:
            return Archived(None, "source-path", "text_path", f"{show(path)} is not a file path inside {SOURCE_DIR}/")
        try:
            info = file.stat()
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode):
            return Archived(None, "source-path", "text_path", f"{show(path)} does not exist")
        if info.st_size > MAX_SOURCE_BYTES:
            return Archived(None, "too-large", "text_path",
                            f"{path} is larger than {MAX_SOURCE_BYTES // MB} MB, the limit for an archived text; "
                            "it is not read")
        try:
            raw = file.read_bytes()
        except OSError as exc:
            return Archived(None, "source-path", "text_path", f"{path} cannot be read: {exc.strerror}")
        recorded = row.get("text_sha256")
        if not recorded:
            return Archived(message="it has no recorded SHA-256")
        digest = hashlib.sha256(raw).hexdigest()
        if digest != recorded:
            return Archived(None, "source-hash", "text_sha256",
                            f"{path} has SHA-256 {digest}, not the recorded {recorded}")
        try:
            return Archived(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            return Archived(None, "source-encoding", "text_path",
                            f"{path} is not valid UTF-8: byte {raw[exc.start]:#04x} at offset {exc.start} (line {line})")

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
        row = self.sources.get(source_id)
        try:
            return date.fromisoformat(row["published_date"]) if row is not None else None
        except (TypeError, ValueError):
            return None
