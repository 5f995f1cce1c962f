"""What every rule can see: the package, its tables, and the archived source texts."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

from .package import Package

from .paths import safe_path
from .report import show
from .tables import Table, rows

SOURCES = "sources"
SOURCE_DIR = "sources"
TEXTS = SOURCE_DIR + "/"  # for the cache: every archived text (see cache.Store.content_id)
_SOURCE_PREFIX = SOURCE_DIR + "/"


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

    def source_file(self, text_path: str | None) -> Path | None:
        """The archived file for a text_path, only if it is inside sources/."""
        path, reason = safe_path(self.package.root, text_path)
        if reason or not path.is_relative_to(self.package.root / SOURCE_DIR):
            return None
        return path

    @cached_property
    def _plain_source_dir(self) -> str | None:
        """sources/ as a string when neither it nor the root is reached through a symlink (the
        usual case): a plain name inside it then resolves to itself, without ``safe_path``."""
        root = self.package.root
        folder = root / SOURCE_DIR
        try:
            if root.resolve() != root or folder.resolve() != folder:
                return None
        except (OSError, RuntimeError):
            return None
        return str(folder)

    def _source_stat(self, text_path: str) -> tuple[Path | None, os.stat_result | None]:
        """``source_file`` and the file's status (None when it cannot be read).

        A plain name, sources/NAME, that is no symlink is what ``safe_path`` would return
        (checked with one lstat); any other path takes the full ``safe_path`` way."""
        folder = self._plain_source_dir
        if folder is not None and text_path.startswith(_SOURCE_PREFIX):
            name = text_path[len(_SOURCE_PREFIX):]
            if name not in ("", ".", "..") and "/" not in name and "\\" not in name and "\x00" not in name:
                file = os.path.join(folder, name)
                try:
                    info = os.lstat(file)
                except (OSError, ValueError):
                    info = None
                if info is not None and not stat.S_ISLNK(info.st_mode):
                    return Path(file), info
        path = self.source_file(text_path)
        if path is None:
            return None, None
        try:
            return path, path.stat()
        except OSError:
            return path, None

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
            self._texts[key] = self._archive(row)
        return self._texts[key]

    def _archive(self, row: dict) -> Archived:
        from .limits import MAX_SOURCE_BYTES, MB

        path = row.get("text_path")
        if path is None:
            return Archived(message="it has no text_path")
        file, info = self._source_stat(path)
        if file is None:
            return Archived(None, "source-path", "text_path", f"{show(path)} is not a file path inside {SOURCE_DIR}/")
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
