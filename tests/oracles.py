"""Test oracles, on request (``pytest --oracles``): two cross-checks proving that the validator's
shortcuts agree with its full path on every package a test breaks through ``Pkg``.

1. ``official``: the default checks leave out frictionless' own row-by-row pass (``validate
   --official`` runs it). That is safe only because every fault frictionless finds is reported by
   the default checks at the same file, line and column.
2. ``changed_since``: ``validate --changed-since REV``, against a commit of the unbroken founding
   fixture, gives the full run's errors and verdict (notices about rows nobody changed may be left
   out).

``Pkg.validate`` calls ``check`` after each default validation when the option is on; a
disagreement fails the test that broke the package, there and then. Nothing under ``src/``
knows about these checks. Each test that runs them is marked ``slow`` (tests/conftest.py).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from dipevents.report import Error

_GIT = ["git", "-c", "user.name=tests", "-c", "user.email=tests@example.invalid", "-c", "init.defaultBranch=main",
        "-c", "commit.gpgsign=false"]
_BASE: tuple[str, str] | None = None  # (objects folder, commit) of the unbroken fixture, made once per process
RUNS = {"official": 0, "changed_since": 0}  # how many comparisons this process made (for the oracles' own tests)
ENABLED = False  # pytest --oracles (set by tests/conftest.py)
_CHECKED: set[str] = set()  # the contents (tests.support.snapshot, hashed) both oracles already passed


def git(root: Path, *args: str) -> str:
    return subprocess.run([*_GIT, "-C", str(root), *args], check=True, capture_output=True, text=True).stdout.strip()


def commit_all(root: Path) -> str:
    """Make ROOT a repository with one commit of every file in it; the commit's id."""
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return git(root, "rev-parse", "HEAD")


def unexplained(ours: list[Error], official: list[Error]) -> list[Error]:
    """The official faults the default checks do not report at the same place.

    A fault with a line must have one of ours on that line of that file, in the same column when
    both name one (a fault of a whole row, such as a short row, has no column in one of the two).
    A fault without a line (about the descriptor or a whole file) must have one of ours about the
    same file."""
    files = {e.file for e in ours}
    lines = {(e.file, e.line) for e in ours if e.line is not None}
    cells = {(e.file, e.line, e.column) for e in ours if e.line is not None}
    whole_row = {(e.file, e.line) for e in ours if e.line is not None and e.column is None}
    missed = []
    for fault in official:
        if fault.line is None:
            ok = fault.file in files
        elif fault.column is None:
            ok = (fault.file, fault.line) in lines
        else:
            ok = (fault.file, fault.line, fault.column) in cells or (fault.file, fault.line) in whole_row
        if not ok:
            missed.append(fault)
    return missed


def official_only(root: Path) -> tuple[list[Error], list[Error]]:
    """(the default run's errors, the errors only ``--official`` adds) for the package at ROOT."""
    from dipevents import validate

    ours = validate.run(root).errors
    known = {e.key for e in ours}
    return ours, [e for e in validate.run(root, official=True).errors if e.key not in known]


def check_official(root: Path) -> None:
    ours, official = official_only(root)
    RUNS["official"] += 1
    missed = unexplained(ours, official)
    assert missed == [], "frictionless finds faults the default checks do not report:\n" + "\n".join(
        f"  {e.file}:{e.line} {e.column} {e.rule.name}: {e.message}" for e in missed)


def _base() -> tuple[str, str]:
    global _BASE
    if _BASE is None:
        from tests.support import assemble

        root = assemble(Path(tempfile.mkdtemp(prefix="dipevents-oracle-base-")) / "package")
        _BASE = (str(root / ".git" / "objects"), commit_all(root))
    return _BASE


def incremental_differs(full: dict, incremental: dict) -> bool:
    """Whether an incremental run's report breaks the promise: the same verdict and errors as the
    full run, and only notices the full run has too."""
    errors = [e for e in full["errors"] if e["severity"] == "error"]
    ours = [e for e in incremental["errors"] if e["severity"] == "error"]
    notices = [e for e in incremental["errors"] if e["severity"] != "error"]
    return full["valid"] != incremental["valid"] or errors != ours or not all(n in full["errors"] for n in notices)


def check_changed_since(root: Path, full: dict, run) -> str:
    """Validate ROOT again with --changed-since the unbroken fixture's commit and compare with FULL.

    RUN(*args) runs ``dipevents validate ROOT --format json *args`` and returns (report, stderr).
    The package borrows the commit (a repository whose objects are this process's, ``git
    read-tree`` for the index) and loses it right after, so the test never sees a .git folder.
    Returns the scope line."""
    objects, commit = _base()
    git(root, "init", "-q")
    (root / ".git" / "objects" / "info" / "alternates").write_text(objects + "\n", encoding="utf-8")
    git(root, "read-tree", commit)
    try:
        incremental, scope = run("--changed-since", commit)
    finally:
        shutil.rmtree(root / ".git")
    RUNS["changed_since"] += 1
    assert "could not be worked out" not in scope, f"validate --changed-since fell back to every row: {scope}"
    assert not incremental_differs(full, incremental), (
        f"validate --changed-since ({scope}) disagrees with the full run:\n"
        f"full: {json.dumps(full['errors'], indent=1)}\nincremental: {json.dumps(incremental['errors'], indent=1)}")
    return scope


def check(root: Path, full: dict, run, content: dict[str, str]) -> None:
    """Both oracles on the package at ROOT, whose default run reported FULL (see check_changed_since).

    CONTENT (each file's SHA-256 by relative path) names what was checked: a package whose every
    file is the same as one already checked in this process (the unbroken fixture, validated by
    many tests; the same break validated as JSON and as text) has the same verdicts, and is not
    compared again."""
    key = hashlib.sha256(json.dumps(sorted(content.items())).encode()).hexdigest()
    if key in _CHECKED:
        return
    check_official(root)
    if not (root / ".git").exists():
        check_changed_since(root, full, run)
    _CHECKED.add(key)


def cleanup() -> None:
    if _BASE:
        shutil.rmtree(Path(_BASE[0]).parent.parent.parent, ignore_errors=True)
