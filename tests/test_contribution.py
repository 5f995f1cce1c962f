"""The proof that the live-data tests hold for any valid package, not just today's data.

A copy of the live package gets a realistic contribution, made the way CONTRIBUTING.md tells
a contributor: a new archived report (tests/fixtures/contribution/sources/) and rows appended
to the tables (tests/fixtures/contribution/data/*.csv, one file per table, columns by name),
then `dipevents fmt`. The contribution must validate, and tests/test_live_data.py, pointed at
the copy through DIPEVENTS_LIVE_PACKAGE, must pass on it."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import (LIVE_PACKAGE_ENV, PACKAGE_PARTS, RELEASE_PARTS, ROOT, SITE_PARTS, Ran, dipevents,
                           live_root, read_csv_rows, write_csv_rows)

CONTRIBUTION = ROOT / "tests" / "fixtures" / "contribution"
LIVE_TESTS = ROOT / "tests" / "test_live_data.py"


def _dipevents(*args) -> Ran:
    return dipevents(*args)


def copy_live(dest: Path) -> Path:
    """The live package and what its tests need (a site build and the release files)."""
    live = live_root()
    dest.mkdir(parents=True)
    for part in [*PACKAGE_PARTS, *SITE_PARTS, *RELEASE_PARTS]:
        (shutil.copytree if (live / part).is_dir() else shutil.copy2)(live / part, dest / part)
    return dest


def contribute(root: Path) -> dict[str, list[str]]:
    """Archive the new report and append the contribution's rows at the end of each table, as a
    contributor does in an editor; return the first cell of every row added, by table.

    An actor the live package already has is reused, not added again (CONTRIBUTING.md, step 2)."""
    for text in sorted((CONTRIBUTION / "sources").iterdir()):
        assert not (root / "sources" / text.name).exists(), f"{text.name} is already archived"
        shutil.copy2(text, root / "sources" / text.name)
    added: dict[str, list[str]] = {}
    for contribution in sorted((CONTRIBUTION / "data").glob("*.csv")):
        table = root / "data" / contribution.name
        rows = read_csv_rows(table)
        header, existing = rows[0], {row[0] for row in rows[1:]}
        with contribution.open(encoding="utf-8", newline="") as fh:
            new = list(csv.DictReader(fh))
        unknown = set(new[0]) - set(header)
        assert not unknown, f"{contribution.name}: columns {sorted(unknown)} are not in the live table"
        if contribution.stem == "actors":
            new = [row for row in new if row["actor_id"] not in existing]
        rows += [[row.get(name, "") for name in header] for row in new]
        write_csv_rows(table, rows)
        added[contribution.stem] = [row[header[0]] for row in new]
    return added


@pytest.fixture(scope="module")
def contributed(tmp_path_factory) -> tuple[Path, dict[str, list[str]]]:
    root = copy_live(tmp_path_factory.mktemp("contribution") / "project")
    added = contribute(root)
    formatted = _dipevents("fmt", root)  # as CONTRIBUTING.md says: canonical order before validating
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    return root, added


def test_the_contribution_is_complete():
    """The contribution has what a typical report gives: every event table gets rows."""
    tables = {p.stem: len(read_csv_rows(p)) - 1 for p in (CONTRIBUTION / "data").glob("*.csv")}
    assert tables == {"sources": 1, "actors": 2, "meetings": 1, "meeting_participants": 2, "agreements": 1,
                      "agreement_parties": 2, "invitations": 1, "statements": 3}
    assert [p.name for p in (CONTRIBUTION / "sources").iterdir()] == ["src-2025-10-08-example-sharif-mirziyoyev.txt"]


@pytest.mark.slow
def test_the_contributed_package_is_valid_and_canonical(contributed):
    root, added = contributed
    checked = _dipevents("validate", root, "--format", "json")
    doc = json.loads(checked.stdout)
    errors = [f"{e['file']}:{e['line']} {e['column']} {e['code']}: {e['message']}"
              for e in doc["errors"] if e["severity"] != "notice"]
    assert (checked.returncode, errors) == (0, [])
    canonical = _dipevents("fmt", "--check", root)
    assert canonical.returncode == 0, canonical.stdout
    for table, keys in added.items():  # fmt reordered the rows, and kept every one
        first_cells = [row[0] for row in read_csv_rows(root / "data" / f"{table}.csv")[1:]]
        assert [k for k in keys if k not in first_cells] == [], table


def _run_live_tests(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, **{LIVE_PACKAGE_ENV: str(root)})
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-n0", "-p", "no:cacheprovider", str(LIVE_TESTS)],
                          cwd=ROOT, env=env, capture_output=True, text=True)


def _outcome(proc: subprocess.CompletedProcess) -> tuple[set[str], str]:
    failed = set(re.findall(r"^FAILED \S+::(\w+)", proc.stdout, re.M))
    summary = proc.stdout.strip().splitlines()[-1]
    return failed, summary


@pytest.mark.slow
def test_live_data_tests_pass_on_the_contributed_package(contributed):
    root, _ = contributed
    proc = _run_live_tests(root)
    failed, summary = _outcome(proc)
    assert (proc.returncode, failed) == (0, set()), proc.stdout[-4000:] + proc.stderr[-2000:]
    assert re.fullmatch(r"=* ?[0-9]+ passed in [0-9.]+s.*", summary), summary  # nothing skipped or deselected


@pytest.mark.slow
def test_live_data_tests_check_the_package_the_variable_names(tmp_path):
    """They fail on a copy that breaks an invariant: they read $DIPEVENTS_LIVE_PACKAGE, not the repository."""
    root = copy_live(tmp_path / "project")
    orphan = root / "sources" / "src-2025-10-08-example-sharif-mirziyoyev.txt"
    shutil.copy2(CONTRIBUTION / "sources" / orphan.name, orphan)  # archived, but no sources row names it
    proc = _run_live_tests(root)
    failed, _ = _outcome(proc)
    assert (proc.returncode, failed) == (1, {"test_every_archived_text_is_referenced_by_a_sources_row"}), proc.stdout[-4000:]
    assert "sources/src-2025-10-08-example-sharif-mirziyoyev.txt" in proc.stdout
