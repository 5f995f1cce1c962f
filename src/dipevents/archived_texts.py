"""Archived source texts: where a text_path may point (inside sources/, after symlinks), and
reading one text as the validator accepts it: a regular file within the size limit, with the
recorded SHA-256, valid UTF-8. Every other outcome says why not (``Archived``).
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .limits import MAX_SOURCE_BYTES, MB
from .paths import CHANGED, climbing, safe_path, status, status_of
from .report import show

SOURCES = "sources"  # the table of sources
SOURCE_DIR = "sources"  # the folder of archived texts
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


class Folder:
    """The archived texts of the package at ROOT."""

    def __init__(self, root: Path, read_log: dict[str, str | None] | None = None):
        self.root = root
        self.read_log = {} if read_log is None else read_log  # as tracked_tables.Tables.read_log
        self.plain_dir = _plain_source_dir(root)  # sources/ as a string, when no symlink is on the way

    def source_file(self, text_path: str | None) -> Path | None:
        """The archived file for a text_path, only if it is inside sources/."""
        path, reason = safe_path(self.root, text_path)
        if reason or climbing(text_path) or not path.is_relative_to(self.root / SOURCE_DIR):
            return None
        return path

    def stat(self, text_path: str) -> tuple[Path | None, os.stat_result | None]:
        """``source_file`` and the file's status (None when it cannot be read).

        A plain name, sources/NAME, that is no symlink is what ``safe_path`` would return
        (checked with one lstat); any other path takes the full ``safe_path`` way."""
        folder = self.plain_dir
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

    def read(self, row: dict) -> Archived:
        """The archived text of a source row (see the module's docstring)."""
        path = row.get("text_path")
        if path is None:
            return Archived(message="it has no text_path")
        file, info = self.stat(path)
        if file is None:
            return Archived(None, "source-path", "text_path",
                            climbing(path) or f"{show(path)} is not a file path inside {SOURCE_DIR}/")
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
        after = status_of(file)
        self.read_log[str(file)] = after if after == status(info) else CHANGED
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


def _plain_source_dir(root: Path) -> str | None:
    """sources/ as a string when neither it nor the root is reached through a symlink (the
    usual case): a plain name inside it then resolves to itself, without ``safe_path``."""
    folder = root / SOURCE_DIR
    try:
        if root.resolve() != root or folder.resolve() != folder:
            return None
    except (OSError, RuntimeError):
        return None
    return str(folder)
