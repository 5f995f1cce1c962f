"""A pytest plugin: every package a test breaks through ``Pkg`` is also validated with
``--changed-since``, against a commit of the unbroken fixture (valid), and the two results are
compared (see dipevents.incremental). A last test reads the log.

The commit is made once per session in a folder of its own; a package under test borrows it
for the comparison (a repository whose objects are the session's, ``git read-tree`` for the
index) and loses it right after, so no test sees a .git folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

LAST = "tests/test_changed_since.py::test_every_bad_input_case_gets_the_full_verdict_incrementally"
ENV = "DIPEVENTS_TEST_INCREMENTAL_LOG"
_BASE: tuple[str, str] | None = None  # (objects folder, commit) of the unbroken fixture
_GIT = ["git", "-c", "user.name=tests", "-c", "user.email=tests@example.invalid", "-c", "init.defaultBranch=main",
        "-c", "commit.gpgsign=false"]


KEEP = False  # a log named by the caller (the variable already set) is kept for reading


def pytest_configure(config):
    global KEEP
    KEEP = bool(os.environ.get(ENV))
    if not KEEP:
        fd, log = tempfile.mkstemp(prefix="dipevents-incremental-", suffix=".jsonl")
        os.close(fd)
        os.environ[ENV] = log


def pytest_unconfigure(config):
    log = os.environ.get(ENV) if KEEP else os.environ.pop(ENV, None)
    if log and os.path.exists(log) and not KEEP:
        os.unlink(log)
    if _BASE:
        shutil.rmtree(Path(_BASE[0]).parent.parent, ignore_errors=True)


def pytest_collection_modifyitems(session, config, items):
    """The comparison runs after every other test (before the catalogue's last test)."""
    from tests.catalogue import run_late

    run_late(items, LAST)


def git(root: Path, *args: str) -> str:
    return subprocess.run([*_GIT, "-C", str(root), *args], check=True, capture_output=True, text=True).stdout.strip()


def commit_all(root: Path) -> str:
    """Make ROOT a repository with one commit of every file in it; the commit's id."""
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return git(root, "rev-parse", "HEAD")


def base() -> tuple[str, str]:
    global _BASE
    if _BASE is None:
        from tests.support import assemble

        root = assemble(Path(tempfile.mkdtemp(prefix="dipevents-incremental-base-")) / "package")
        _BASE = (str(root / ".git" / "objects"), commit_all(root))
    return _BASE


def borrow(root: Path) -> str:
    """Give ROOT a repository holding the fixture's commit; that commit's id."""
    objects, commit = base()
    git(root, "init", "-q")
    (root / ".git" / "objects" / "info" / "alternates").write_text(objects + "\n", encoding="utf-8")
    git(root, "read-tree", commit)
    return commit


def give_back(root: Path) -> None:
    shutil.rmtree(root / ".git")


def record(root: Path, full: dict, incremental: dict, scope: str) -> None:
    log = os.environ.get(ENV)
    if not log:
        return
    entry = {"package": str(root), "scope": scope, "valid": [full["valid"], incremental["valid"]],
             "full": full["errors"], "incremental": incremental["errors"]}
    with open(log, "a", encoding="utf-8") as out:
        out.write(json.dumps(entry) + "\n")


def entries() -> list[dict]:
    log = os.environ.get(ENV)
    if not log or not os.path.exists(log):
        return []
    with open(log, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]
