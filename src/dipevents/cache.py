"""Validation results kept between runs, each keyed by the content of what it read.

A validation is a list of steps: reading and schema-checking each table, and each rule. Each
step's result (its errors, and for a table its header and row count) is stored with the
content ids of the files the step actually read: the table files a rule reached through the
context, the archived texts it opened. The next run reuses the result while every one of those
files has the same content, the descriptor and schemas are the same, and the toolkit (its code
and the versions of the libraries it uses) is the same; otherwise the step runs again. A run
with nothing changed reads no table; a run after one table changed re-runs the steps that read
that table.

A file's content id is the SHA-256 of its bytes. Hashing a large table takes time, so, as git
does in its index, the id is remembered with the file's size, modification time, inode and
change time, and reused while those are unchanged. A step that read something that is not a
plain file inside the package (a symlinked text, say) is not stored.

The store is one SQLite file in ``$DIPEVENTS_CACHE_DIR`` (default: ``$XDG_CACHE_HOME/dipevents``,
else ``~/.cache/dipevents``), outside the package: validation never writes into the package.
``DIPEVENTS_CACHE_DIR=off`` (or ``validate --no-cache``) turns the cache off. A store that
cannot be opened, read or written (of another shape, say) is ignored from that moment, and the
run says so: every check runs, as without a cache.

A result is stored only under the content that the step actually read: the readers note each
file's status while they read it (``tracked_tables.Tables.read_log``), and a file whose status
changed during its read, or between its read and the working out of its content id, stores
nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from .paths import CHANGED, status, status_of
from .report import Error

ENV = "DIPEVENTS_CACHE_DIR"
OFF = "off"
SCHEMA_VERSION = 1
_LIBRARIES = ("pandas", "numpy", "pyarrow", "pandera", "regex", "rapidfuzz", "dateparser", "edtf", "pycountry",
              "frictionless")


def location() -> Path | None:
    """The cache folder, or None when the cache is off."""
    value = os.environ.get(ENV)
    if value == OFF:
        return None
    if value:
        return Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dipevents"


# Output stages, after validation (data flows one way): validation never imports them, so a
# change to the site or the downloads keeps the cached results (tests/test_cache.py checks it).
OUTPUT_STAGES = ("site", "export")


def toolkit_id() -> str:
    """The toolkit's own code (every file of the dipevents package but its output stages) and
    the library versions."""
    from importlib import metadata
    import sys

    digest = hashlib.sha256(f"{SCHEMA_VERSION} {sys.version}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).parts[0] in OUTPUT_STAGES:
            continue
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none\0".encode())
    return digest.hexdigest()


def definitions_id(package) -> str:
    """The descriptor and every Table Schema, as loaded."""
    doc = {"descriptor": package.descriptor,
           "schemas": {name: r.schema for name, r in sorted(package.resources.items())}}
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def limits_id() -> str:
    """The limits in force (limits.py, DIPEVENTS_MAX_TABLE_MB): a table over the limit in one
    run may be read in another."""
    from . import limits

    return json.dumps({k: v for k, v in sorted(vars(limits).items()) if k.isupper() and isinstance(v, (int, float, str))})


ABSENT = "absent"
UNCACHEABLE = None


@dataclass
class Inputs:
    """What one step read: package-relative path -> content id (ABSENT for a missing file)."""

    files: dict[str, str | None] = field(default_factory=dict)
    cacheable: bool = True


class Store:
    """The SQLite store of step results and of the content ids of files."""

    def __init__(self, folder: Path, root: Path, package):
        self.folder = folder
        self.broken: str | None = None  # why the store cannot be used: then it stores and finds nothing
        self.db = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(folder / "validate.sqlite", timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, stat TEXT, id TEXT)")
            self.db.execute("CREATE TABLE IF NOT EXISTS steps (key TEXT PRIMARY KEY, inputs TEXT, result TEXT)")
            self.db.execute("SELECT path, stat, id FROM files LIMIT 0")  # a store of another shape fails here
            self.db.execute("SELECT key, inputs, result FROM steps LIMIT 0")
        except (OSError, sqlite3.Error) as exc:
            self._disable(exc)
        self.root = root
        # Not the folder: a copy of the package (a checkout of another branch, the same files
        # elsewhere) reuses the results of the steps whose files it shares.
        self.prefix = hashlib.sha256(f"{toolkit_id()} {definitions_id(package)} {limits_id()}".encode()).hexdigest()
        self._ids: dict[str, str | None] = {}
        self._pending_files: list[tuple] = []
        # absolute path -> status when its content id was worked out; and, from the readers
        # (tracked_tables.Tables.read_log), each file's status while a step read it
        self._seen: dict[str, str] = {}
        self.read_log: dict[str, str | None] = {}

    def content_id(self, rel: str) -> str | None:
        """The content id of ROOT/REL; ABSENT when there is no such file; UNCACHEABLE (None)
        when it is not a regular file reached without a symlink."""
        if rel in self._ids:
            return self._ids[rel]
        if rel.endswith("/"):
            self._ids[rel] = self._folder_id(rel)
            return self._ids[rel]
        path = self.root / rel
        try:
            info = os.lstat(path)
        except (OSError, ValueError):
            self._ids[rel] = ABSENT if not os.path.lexists(self.root / rel) else UNCACHEABLE
            return self._ids[rel]
        if not stat.S_ISREG(info.st_mode) or Path(os.path.realpath(path)) != path:
            self._ids[rel] = UNCACHEABLE
            return UNCACHEABLE
        self._seen[str(path)] = status(info)
        found = self.db.execute("SELECT stat, id FROM files WHERE path = ?", (str(path),)).fetchone()
        self._ids[rel] = self._file_id(str(path), info, found)
        return self._ids[rel]

    def _file_id(self, path: str, info: os.stat_result, found: tuple | None) -> str | None:
        """The SHA-256 of the regular file PATH, or the one remembered (FOUND: signature, id)
        while its status is the same."""
        signature = status(info)
        if found and found[0] == signature and not self._racy(info):
            return found[1]
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as f:
                while chunk := f.read(1 << 22):
                    digest.update(chunk)
        except OSError:
            return UNCACHEABLE
        if status_of(path) != signature:  # changed while hashed: which bytes were hashed is unknown
            return UNCACHEABLE
        if not self._racy(info):  # else its status may not change with its next edit: hashed again next time
            self._pending_files.append((path, signature, digest.hexdigest()))
        return digest.hexdigest()

    def _folder_id(self, rel: str) -> str | None:
        """A folder (REL ends with /): the names and content ids of the files in it; ABSENT when
        there is no such folder; UNCACHEABLE when it or anything in it is not a plain file or
        folder (a symlink, say).

        One directory scan. When the status of every file in it (name, size, times, inode) is
        what it was when its id was last worked out, and none changed in the last two seconds,
        that id is reused (the archived texts: 200k files at 1M meetings); otherwise each file's
        id is looked up or hashed (``_file_id``)."""
        folder = self.root / rel
        if not os.path.lexists(folder):
            return ABSENT
        if not folder.is_dir() or folder.is_symlink() or Path(os.path.realpath(folder)) != folder:
            return UNCACHEABLE
        base = str(folder) + os.sep
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
            listing, statuses, newest = [], [], 0
            for entry in entries:
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISDIR(info.st_mode):
                    content = self._folder_id(f"{rel}{entry.name}/")
                    if content is UNCACHEABLE:
                        return UNCACHEABLE
                    statuses.append(f"{entry.name}/\0{content}")
                    listing.append((entry, info, content))
                    continue
                if stat.S_ISREG(info.st_mode):  # a plain file in a folder reached without a symlink
                    newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
                    self._seen[entry.path] = status(info)
                    statuses.append(f"{entry.name}\0{self._seen[entry.path]}")
                else:
                    return UNCACHEABLE
                listing.append((entry, info, None))
        except OSError:
            return UNCACHEABLE
        signature = hashlib.sha256("\n".join(statuses).encode("utf-8", "surrogateescape")).hexdigest()
        recent = time.time_ns() - newest < 2_000_000_000
        found = self.db.execute("SELECT stat, id FROM files WHERE path = ?", (base,)).fetchone()
        if found and found[0] == signature and not recent:
            return found[1]
        known = {path: (status, content) for path, status, content in self.db.execute(
            "SELECT path, stat, id FROM files WHERE path > ? AND path < ?", (base, base + "\U0010ffff"))}
        digest = hashlib.sha256()
        for entry, info, content in listing:
            if content is None:  # a file (a folder's id was worked out above)
                content = self._file_id(entry.path, info, known.get(entry.path))
            if content is UNCACHEABLE:
                return UNCACHEABLE
            digest.update(f"{entry.name}\0{content}\0".encode("utf-8", "surrogateescape"))
        if not recent:  # as for a file (_file_id): remembered only from a status that is settled
            self._pending_files.append((base, signature, digest.hexdigest()))
        return digest.hexdigest()

    @staticmethod
    def _racy(info: os.stat_result) -> bool:
        """A file changed in the last two seconds may change again within the same timestamp
        (as git's "racily clean" entries): its remembered id is not trusted; it is hashed."""
        import time

        return time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < 2_000_000_000

    def _disable(self, exc: Exception) -> None:
        self.broken = f"{type(exc).__name__}: {exc}"
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
        self.db = None

    def get(self, step: str) -> dict | None:
        """The stored result of STEP if every file it read still has the same content."""
        if self.broken:
            return None
        try:
            return self._get(step)
        except (OSError, sqlite3.Error, ValueError) as exc:  # ValueError: a stored value that is not JSON
            self._disable(exc)
            return None

    def _get(self, step: str) -> dict | None:
        found = self.db.execute("SELECT inputs, result FROM steps WHERE key = ?", (self._key(step),)).fetchone()
        if not found:
            return None
        inputs = json.loads(found[0])
        for rel, content in inputs.items():
            if self.content_id(rel) != content:
                return None
        return json.loads(found[1])

    def put(self, step: str, inputs: Inputs, result: dict) -> None:
        """Store STEP's RESULT under the content ids of what it read; nothing when a file it read
        is not the file whose id was worked out (edited during the run: see ``_read_as_seen``)."""
        if not inputs.cacheable or self.broken:
            return
        try:
            self._put(step, inputs, result)
        except (OSError, sqlite3.Error) as exc:
            self._disable(exc)

    def _put(self, step: str, inputs: Inputs, result: dict) -> None:
        files = {}
        for rel in sorted(inputs.files):
            content = self.content_id(rel)
            if content is UNCACHEABLE or not self._read_as_seen(rel):
                return
            files[rel] = content
        self.db.execute("INSERT OR REPLACE INTO steps VALUES (?, ?, ?)",
                        (self._key(step), json.dumps(files), json.dumps(result, ensure_ascii=False)))

    def _read_as_seen(self, rel: str) -> bool:
        """Whether every file under REL (a file, or a folder ending in /) that a step of this run
        read had, while it was read, the status it had when its content id was worked out: then
        the id is the id of the bytes the step parsed, not of an edit made before or after."""
        path = str(self.root / rel)
        if rel.endswith("/"):
            read = [p for p in self.read_log if p.startswith(path)]
        else:
            read = [path] if path in self.read_log else []
        return all(self.read_log[p] not in (CHANGED, None) and self._seen.get(p) == self.read_log[p] for p in read)

    def close(self) -> None:
        if self.broken:
            return
        try:
            if self._pending_files:
                self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", self._pending_files)
            self.db.close()
        except (OSError, sqlite3.Error) as exc:
            self._disable(exc)

    def _key(self, step: str) -> str:
        return f"{self.prefix}:{step}"


def open_store(package) -> Store | None:
    """The store for PACKAGE, or None when the cache is off. A store that cannot be used (a file
    of another shape, a folder that cannot be written) says why in ``broken`` and finds nothing."""
    folder = location()
    if folder is None:
        return None
    return Store(folder, package.root, package)


def errors_to_json(errors: list[Error]) -> list[list]:
    return [[e.file, e.line, e.column, e.rule.name, e.message, e.hint] for e in errors]


def errors_from_json(rows: list[list]) -> list[Error]:
    return [Error(*row) for row in rows]
