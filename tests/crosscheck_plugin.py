"""A pytest plugin: every validation in this test session (in process or in a `dipevents`
subprocess) also runs frictionless' official row-by-row pass and logs any fault of its that
the default fast path did not report at the same file, line and column (see
dipevents.crosscheck). A last test reads the log."""

from __future__ import annotations

import json
import os
import tempfile

from dipevents.crosscheck import ENV

LAST = "tests/test_crosscheck.py::test_the_fast_path_reports_every_fault_frictionless_finds"
LOG: str | None = None
KEEP = False  # a log named by the caller (DIPEVENTS_CROSSCHECK already set) is kept for reading


def pytest_configure(config):
    global LOG, KEEP
    KEEP = bool(os.environ.get(ENV))
    if KEEP:
        LOG = os.environ[ENV]
        return
    fd, LOG = tempfile.mkstemp(prefix="dipevents-crosscheck-", suffix=".jsonl")
    os.close(fd)
    os.environ[ENV] = LOG


def pytest_unconfigure(config):
    if KEEP:
        return
    os.environ.pop(ENV, None)
    if LOG and os.path.exists(LOG):
        os.unlink(LOG)


def pytest_collection_modifyitems(session, config, items):
    """The comparison runs after every other test had its chance to validate a package
    (before the catalogue test, which tests/catalogue.py puts at the very end)."""
    from tests.catalogue import run_late

    run_late(items, LAST)


def entries() -> list[dict]:
    with open(LOG, encoding="utf-8") as log:
        return [json.loads(line) for line in log if line.strip()]
