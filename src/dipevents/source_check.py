"""Archived source texts never change once merged: compare them, and their rows, with a git revision.

``dipevents validate`` proves that each archived text still has the SHA-256 recorded in the
sources table, but a change can edit a text *and* its recorded hash together. This module
compares ``sources/`` and the sources table of the working tree (or of a second revision)
with a base revision, through git:

- a file under ``sources/`` that exists at the base and was modified, deleted, renamed or
  replaced by something else (a symlink, a folder, a submodule) is an error; new files are fine;
- a sources row whose ``source_id`` existed at the base and whose ``text_path`` or
  ``text_sha256`` changed is an error.

The sources table's file is found through each side's own ``datapackage.json``. Nothing here
writes: git runs read-only commands (``ls-tree``, ``cat-file``, ``hash-object`` without ``-w``)
with optional locks off, so not even the index is refreshed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import posixpath
import stat
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import git
from .archived_texts import SOURCE_DIR, SOURCES
from .escape import display, gfm_cell, gfm_code, quoted, shell, visible
from .package import DESCRIPTOR
from .paths import safe_path

# The sources table's columns this check protects (the validator's evidence rules use the same names).
KEY, PATH_FIELD, HASH_FIELD = "source_id", "text_path", "text_sha256"
_KINDS = {"100644": "file", "100755": "file", "120000": "symlink", "160000": "submodule"}
_HINT = "add the corrected text as a new source (`dipevents source add`)"


class CheckError(Exception):
    """The comparison could not be made: not a git repository, an unknown revision, no git."""


@dataclass(frozen=True)
class Problem:
    file: str  # relative to the package root, as git names it (may hold any character)
    line: int | None
    message: str  # one line; names from the data already escaped


@dataclass(frozen=True)
class Entry:
    kind: str  # file, symlink, submodule, directory, special file, missing, or symlinked folder
    oid: str | None = None  # git object id of the content (files and symlinks)


@dataclass
class Outcome:
    base: str  # the base revision as given
    compared: int  # archived texts at the base
    prefix: str = ""  # where the package folder is in the repository ("" at its top), for annotations
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- showing names -------------------------------------------------------------------------

# display (a name for a message) and shell (a copyable shell word) live in escape.py, with
# every other context.


# --- git ---------------------------------------------------------------------------------

def _run_git(repo: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return git.run(repo, *args, stdin=stdin, check=False)
    except git.GitError as exc:
        raise CheckError(str(exc)) from None


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    proc = _run_git(repo, *args, stdin=stdin)
    if proc.returncode:
        raise CheckError(f"git {args[0]} failed: {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout


def _revision(repo: Path, spec: str, option: str) -> str:
    try:
        tree, complaint = git.rev_parse(repo, spec, "tree")
    except git.GitError as exc:
        raise CheckError(str(exc)) from None
    if tree is None:
        if spec.startswith("-"):
            raise CheckError(f"{option} {quoted(spec)} looks like an option, not a git revision")
        raise CheckError(f"{option} {quoted(spec)} is not a git revision of {repo}"
                         + (f" ({complaint})" if complaint else ""))
    return tree


def _tree_entries(repo: Path, tree: str) -> dict[str, Entry]:
    """Every path under sources/ in TREE (relative to REPO), with its kind and object id."""
    out = _git(repo, "ls-tree", "-r", "-z", tree, "--", f"{SOURCE_DIR}/")
    entries = {}
    for item in out.split(b"\0"):
        if item:
            meta, _, name = item.partition(b"\t")
            mode, _, oid = meta.decode().split(" ")
            entries[os.fsdecode(name)] = Entry(_KINDS.get(mode, "special file"), oid)
    return entries


def _hash_files(repo: Path, paths: list[str]) -> dict[str, str]:
    """The blob id git would store for each working-tree file (with the repository's filters)."""
    oids: dict[str, str] = {}
    for i in range(0, len(paths), 200):
        chunk = paths[i:i + 200]
        oids.update(zip(chunk, _git(repo, "hash-object", "--", *chunk).decode().split()))
    return oids


def _worktree_kind(root: Path, rel: str) -> str:
    """What REL is in the working tree, without following symlinks anywhere along its path."""
    path, parts = root, rel.split("/")
    for i, part in enumerate(parts):
        path = path / part
        try:
            mode = os.lstat(path).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return "missing"
        if stat.S_ISLNK(mode):
            return "symlink" if i == len(parts) - 1 else "symlinked folder"
        if i < len(parts) - 1 and not stat.S_ISDIR(mode):
            return "missing"
    return "file" if stat.S_ISREG(mode) else "directory" if stat.S_ISDIR(mode) else "special file"


def _worktree_entries(repo: Path, paths: list[str]) -> dict[str, Entry]:
    kinds = {p: _worktree_kind(repo, p) for p in paths}
    oids = _hash_files(repo, [p for p, k in kinds.items() if k == "file"])
    for p in [p for p, k in kinds.items() if k == "symlink"]:  # a symlink's content is its target
        oids[p] = _git(repo, "hash-object", "--stdin", stdin=os.readlink(os.fsencode(repo / p))).decode().strip()
    return {p: Entry(k, oids.get(p)) for p, k in kinds.items()}


def _worktree_new_files(repo: Path, known: set[str]) -> dict[str, str]:
    """Regular files under sources/ in the working tree that are not in KNOWN, by blob id (first name wins)."""
    found = []
    for folder, _dirs, files in os.walk(repo / SOURCE_DIR):  # does not follow symlinked folders
        for name in files:
            rel = (Path(folder) / name).relative_to(repo).as_posix()
            if rel not in known and stat.S_ISREG(os.lstat(repo / rel).st_mode):
                found.append(rel)
    return {oid: p for p, oid in sorted(_hash_files(repo, found).items(), reverse=True)}


# --- the archived files ------------------------------------------------------------------

def _file_problem(path: str, change: str, base: str) -> Problem:
    return Problem(path, None, f"this archived text was {change} since {display(base)}. Archived texts are never "
                               f"edited: restore it with `git checkout {shell(base)} -- {shell(path)}` and {_HINT}.")


def _change(before: Entry, after: Entry, renamed_to: str | None) -> str | None:
    if after.kind == "missing":
        return f"renamed to {display(renamed_to)}" if renamed_to else "deleted"
    if after.kind == "symlinked folder":
        return "moved behind a symlinked folder"
    if after.kind != before.kind:
        return f"replaced by a {after.kind}"
    return "modified" if after.oid != before.oid else None


def file_problems(repo: Path, base: str, base_tree: str, head_tree: str | None) -> tuple[int, list[Problem]]:
    before = _tree_entries(repo, base_tree)
    if head_tree is None:
        after = _worktree_entries(repo, sorted(before))
        new_files = (lambda: _worktree_new_files(repo, set(before)))
    else:
        head = _tree_entries(repo, head_tree)
        after = {p: head.get(p) or Entry("directory" if any(q.startswith(p + "/") for q in head) else "missing")
                 for p in before}
        new_files = (lambda: {e.oid: p for p, e in sorted(head.items(), reverse=True)
                              if p not in before and e.kind == "file"})
    moved = new_files() if any(e.kind == "missing" for e in after.values()) else {}
    problems = []
    for path in sorted(before):
        change = _change(before[path], after[path], moved.get(before[path].oid))
        if change:
            problems.append(_file_problem(path, change, base))
    return len(before), problems


# --- the sources rows --------------------------------------------------------------------

@dataclass
class SourcesTable:
    file: str | None = None  # the CSV's path, from the descriptor
    rows: dict[str, list[tuple[int, dict]]] = field(default_factory=dict)  # source_id -> (line, row)
    reason: str = ""  # why the table could not be read ("" when it was)


def read_sources(root: Path, read: Callable[[str], bytes | None]) -> SourcesTable:
    """The sources rows of one side; READ returns a file's bytes by relative path, None if absent."""
    raw = read(DESCRIPTOR)
    if raw is None:
        return SourcesTable(reason=f"there is no {DESCRIPTOR}")
    try:
        descriptor = json.loads(raw.decode("utf-8-sig"))
        resource = next(r for r in descriptor["resources"] if isinstance(r, dict) and r.get("name") == SOURCES)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return SourcesTable(reason=f"{DESCRIPTOR} is not valid JSON")
    except (TypeError, KeyError, StopIteration):
        return SourcesTable(reason=f"{DESCRIPTOR} has no resource named {SOURCES}")
    _, unsafe = safe_path(root, resource.get("path"))
    if unsafe:
        return SourcesTable(reason=f"the {SOURCES} table's path in {DESCRIPTOR}: {unsafe}")
    table = SourcesTable(posixpath.normpath(resource["path"]))
    data = read(table.file)
    if data is None:
        table.reason = f"{display(table.file)} does not exist"
        return table
    try:
        reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        header = next(reader, [])
        if not {KEY, PATH_FIELD, HASH_FIELD} <= set(header):
            table.reason = f"{display(table.file)} has no {KEY}, {PATH_FIELD} and {HASH_FIELD} columns"
            return table
        line = reader.line_num + 1
        for record in reader:
            row = dict(zip(header, record))
            if row.get(KEY):
                table.rows.setdefault(row[KEY], []).append((line, row))
            line = reader.line_num + 1
    except (UnicodeDecodeError, csv.Error) as exc:
        table.reason = f"{display(table.file)} cannot be read ({exc})"
    return table


def _worktree_reader(root: Path) -> Callable[[str], bytes | None]:
    def read(rel: str) -> bytes | None:
        path, unsafe = safe_path(root, rel)
        return path.read_bytes() if not unsafe and path.is_file() else None
    return read


def _tree_reader(repo: Path, tree: str) -> Callable[[str], bytes | None]:
    def read(rel: str) -> bytes | None:
        proc = _run_git(repo, "cat-file", "blob", f"{tree}:./{rel}")
        return None if proc.returncode else proc.stdout
    return read


def row_problems(base: str, old: SourcesTable, new: SourcesTable) -> list[Problem]:
    problems = []
    for source_id, [(_, was), *_] in old.rows.items():
        for line, now in new.rows.get(source_id, []):
            changed = [(f, was.get(f, ""), now.get(f, "")) for f in (PATH_FIELD, HASH_FIELD)
                       if was.get(f, "") != now.get(f, "")]
            if changed:
                what = "; ".join(f"{f} was {display(a)}, now {display(b)}" for f, a, b in changed)
                problems.append(Problem(new.file, line, (
                    f"the archived source {display(source_id)} changed since {display(base)} ({what}). An archived "
                    f"source's {PATH_FIELD} and {HASH_FIELD} never change: restore them as they were at "
                    f"{display(base)} and {_HINT}.")))
    return problems


# --- the whole check ---------------------------------------------------------------------

def check(repo: Path, base: str, head: str | None = None) -> Outcome:
    """Compare the archived sources of HEAD (default: the working tree of REPO) with BASE."""
    probe = _run_git(repo, "rev-parse", "--is-inside-work-tree", "--show-prefix")
    if probe.returncode:
        raise CheckError(f"{repo} is not a git repository ({probe.stderr.decode(errors='replace').strip()})")
    inside, _, prefix = probe.stdout.partition(b"\n")
    if head is None and inside != b"true":
        raise CheckError(f"{repo} has no working tree: compare two revisions with --head REV")
    base_tree = _revision(repo, base, "--base")
    head_tree = _revision(repo, head, "--head") if head is not None else None
    compared, problems = file_problems(repo, base, base_tree, head_tree)
    outcome = Outcome(base, compared, os.fsdecode(prefix.rstrip(b"\n")), problems)
    old = read_sources(repo, _tree_reader(repo, base_tree))
    new = read_sources(repo, _worktree_reader(repo) if head_tree is None else _tree_reader(repo, head_tree))
    if old.reason:
        outcome.notes.append(f"the {SOURCES} table at {display(base)} could not be read ({old.reason}): "
                             f"only the files under {SOURCE_DIR}/ were compared")
    elif new.reason and old.rows:
        outcome.problems.append(Problem(new.file or DESCRIPTOR, None, (
            f"the {SOURCES} table cannot be read ({new.reason}), so the rows of the sources archived at "
            f"{display(base)} cannot be compared; run dipevents validate and fix it")))
    else:
        outcome.problems += row_problems(base, old, new)
    return outcome


# --- output ------------------------------------------------------------------------------

def _where(p: Problem) -> str:
    return display(p.file) + (f":{p.line}" if p.line else "")


def _summary(outcome: Outcome) -> str:
    if outcome.problems:
        return (f"{len(outcome.problems)} change(s) to archived sources since {display(outcome.base)}: "
                f"archived texts are immutable once merged.")
    return f"No archived source changed since {display(outcome.base)} ({outcome.compared} archived text(s) compared)."


def render_text(outcome: Outcome) -> str:
    lines = [f"{_where(p)}: error: {visible(p.message)}" for p in outcome.problems]
    lines += [f"note: {visible(n)}" for n in outcome.notes]
    return "\n".join(lines + [_summary(outcome)]) + "\n"


def render_github(outcome: Outcome) -> str:
    """GitHub Actions annotations on the files; the list also goes to the job summary."""
    from .report import _gh_escape, write_step_summary

    out = []
    for p in outcome.problems:
        path = outcome.prefix + p.file  # GitHub wants the path from the repository's top
        props = [f"file={_gh_escape(path, True)}"] if path.isprintable() else []
        props += [f"line={p.line}"] if p.line else []
        props.append("title=archived source changed")
        out.append(f"::error {','.join(props)}::{_gh_escape(_where(p) + ': ' + p.message)}")
    out += [f"::notice title=archived sources::{_gh_escape(n)}" for n in outcome.notes]
    notice = write_step_summary("\n".join(["## dipevents source check", ""]
                                          + [f"- {gfm_code(_where(p))}: {gfm_cell(p.message)}" for p in outcome.problems]
                                          + [gfm_cell(_summary(outcome)), ""]))
    out += [notice] if notice else []
    return "\n".join(out + [_summary(outcome)]) + "\n"


RENDERERS = {"text": render_text, "github": render_github}
