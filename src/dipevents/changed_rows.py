"""What changed in the package since a git revision, row by row (``validate --changed-since``).

A table's changed rows are its records that are not among the records of the same file at the
revision (as a multiset: a record added twice is one change). Records are split as the table
reader splits them (a quoted cell may span lines) and compared as the bytes written, wherever
they stand: a row moved is not a change, a row edited in any byte is. A table that did not exist
at the revision, whose header changed, that holds a carriage return, or that cannot be split into
records (not UTF-8, broken quoting) counts as wholly changed.
Files are compared as bytes on disk against the revision's blobs, never through git's view of
the working tree, which attributes (line endings, filters) could bend.

Archived texts need no git: a source row that did not change records the SHA-256 its text had
at the (valid) revision, so its text is unchanged exactly when it still matches that SHA-256
and is usable (see changed_scope.focus).

When the descriptor or a Table Schema differs from the revision, every row may now mean
something else; when the validator runs from the package's repository and its own code
changed, every rule may judge differently: ``Changes.everything`` says why and the validation
checks every row.

Git is run as a subprocess, with the revision checked first (``rev-parse --verify``) and every
argument passed as a list, never through a shell.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import git
from .package import Package

ALL = None  # in Changes.lines: every record of the table counts as changed


class RevisionError(Exception):
    """The revision cannot be compared with: no git, not a repository, no such commit."""


@dataclass
class Changes:
    revision: str  # the commit's full id
    everything: str | None = None  # why every row is checked, when it must be
    lines: dict[str, set[int] | None] = field(default_factory=dict)  # table name -> changed physical lines


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    try:
        return git.run(root, *args, check=check)
    except git.GitError as exc:
        raise RevisionError(str(exc)) from None


def resolve(root: Path, revision: str) -> tuple[str, str]:
    """(commit id, the package folder's path inside the repository, with a trailing slash or empty)."""
    if git.refused(revision):
        raise RevisionError(f"{revision!r} is not a revision")
    if _git(root, "rev-parse", "--is-inside-work-tree", check=False).returncode != 0:
        raise RevisionError(f"{root} is not inside a git repository")
    try:
        commit, _ = git.rev_parse(root, revision, "commit")
    except git.GitError as exc:
        raise RevisionError(str(exc)) from None
    if commit is None:
        raise RevisionError(f"{revision!r} names no commit of this repository")
    return commit, git.text(_git(root, "rev-parse", "--show-prefix"))


def _blob(root: Path, commit: str, path: str) -> bytes | None:
    """The file's bytes at COMMIT, or None when it did not exist there."""
    done = _git(root, "cat-file", "blob", f"{commit}:{path}", check=False)
    return done.stdout if done.returncode == 0 else None


def _blob_id(data: bytes) -> str:
    """The id git gives a file holding DATA (its SHA-1 object name)."""
    import hashlib

    digest = hashlib.sha1(b"blob %d\0" % len(data), usedforsecurity=False)
    digest.update(data)
    return digest.hexdigest()


def _blob_ids(root: Path, commit: str, paths: list[str]) -> dict[str, str]:
    """The blob id of each of PATHS (relative to ROOT) at COMMIT; a path absent there has none."""
    listed = _git(root, "ls-tree", "-z", commit, "--", *paths).stdout
    ids = {}
    for item in listed.split(b"\0"):
        if item:
            meta, _, name = item.partition(b"\t")
            mode, kind, oid = meta.decode().split(" ")
            if kind == "blob" and mode != "120000":
                ids[os.fsdecode(name)] = oid
    return ids


def _records(data: bytes) -> list[tuple[int, bytes]] | None:
    """(first physical line, the record's bytes) for each record after the header, split as the
    table reader splits them (a quoted cell may span lines, and a quote inside an unquoted cell is
    a plain character); None when the file cannot be split so (not UTF-8, broken quoting)."""
    lines = data.split(b"\n")
    if b'"' not in data:  # no quote: every line is a record (the reader sees none after a final LF)
        return list(enumerate(lines[1:-1] if data.endswith(b"\n") else lines[1:], start=2))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    from .limits import MAX_TABLE_BYTES

    if csv.field_size_limit() < MAX_TABLE_BYTES:
        csv.field_size_limit(MAX_TABLE_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, end = [], 0
    try:
        for _ in reader:
            start, end = end + 1, reader.line_num
            if start > 1:
                records.append((start, b"\n".join(lines[start - 1:end])))
    except csv.Error:
        return None
    return records


def changed_lines(now: bytes, before: bytes | None) -> set[int] | None:
    """The first physical lines (1-based) of NOW's records that are not records of BEFORE; None
    (ALL) when the records cannot be compared."""
    if before is None:
        return ALL
    if now == before:
        return set()
    if now.split(b"\n", 1)[0] != before.split(b"\n", 1)[0] or b"\r" in now or b"\r" in before:
        return ALL
    now_records, before_records = _records(now), _records(before)
    if now_records is None or before_records is None:
        return ALL
    return _unmatched(now_records, before_records)


def _unmatched(now: list[tuple[int, bytes]], before: list[tuple[int, bytes]]) -> set[int]:
    """The first lines of NOW's records left over once each record of BEFORE has matched one equal
    record of NOW, earliest first."""
    left = Counter(record for _, record in before)
    changed = set()
    for line, record in now:
        if left[record] > 0:
            left[record] -= 1
        else:
            changed.add(line)
    return changed


def _toolkit_changed(root: Path, commit: str, code: Path | None = None) -> str | None:
    """When the validator runs from the package's own repository, a change to its code (but
    for its output stages, as in cache) or to the pinned libraries since COMMIT: the first
    path changed. A rule that changed must see every row."""
    from .cache import OUTPUT_STAGES

    top = Path(git.text(_git(root, "rev-parse", "--show-toplevel")))
    code = (code or Path(__file__).parent).resolve()
    if not code.is_relative_to(top.resolve()):
        return None
    rel = code.relative_to(top.resolve()).as_posix()
    paths = [rel, *(f":(exclude){rel}/{stage}" for stage in OUTPUT_STAGES), "requirements.lock", "pyproject.toml"]
    done = _git(top, "diff", "--name-only", "--no-renames", "--no-ext-diff", "--no-textconv", "-z", commit, "--",
                *paths)
    changed = [name for name in done.stdout.decode("utf-8", "surrogateescape").split("\0") if name]
    return changed[0] if changed else None


def since(package: Package, revision: str) -> Changes:
    """The rows of PACKAGE changed since REVISION (see the module's docstring)."""
    root = package.root
    commit, prefix = resolve(root, revision)
    changes = Changes(commit)
    definitions = [package.descriptor_file] + sorted({r.schema_path for r in package.resources.values() if r.schema_path})
    for path in definitions:
        try:
            now = (root / path).read_bytes()
        except OSError:
            now = None
        if now != _blob(root, commit, prefix + path):
            changes.everything = f"{path} changed since {revision}"
            return changes
    toolkit = _toolkit_changed(root, commit)
    if toolkit:
        changes.everything = f"{toolkit} changed since {revision}"
        return changes
    stored = _blob_ids(root, commit, [r.path for r in package.resources.values()])
    for name, resource in package.resources.items():
        try:
            now = resource.file.read_bytes()
        except OSError:
            changes.lines[name] = ALL
            continue
        if stored.get(resource.path) == _blob_id(now):
            changes.lines[name] = set()  # the revision's bytes: no line to compare
            continue
        changes.lines[name] = changed_lines(now, _blob(root, commit, prefix + resource.path))
    return changes
