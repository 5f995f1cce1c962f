"""The live package: only invariants that every valid package satisfies.

Nothing here depends on what the data holds (row counts, keys, notices), so a contributor
who adds a valid report never turns these red. Facts of particular rows are tested on the
frozen fixture instead (tests/fixtures/README.md). The package checked is the repository,
or the folder named by $DIPEVENTS_LIVE_PACKAGE (tests/test_contribution.py uses that)."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dipevents.loader import load
from tests.support import FOUNDING_SHA256, FOUNDING_TEXT, PACKAGE_PARTS, Ran, dipevents, live_root

LIVE = live_root()


def _dipevents(*args) -> Ran:
    return dipevents(*args)


def _package_snapshot() -> dict[str, str]:
    files = [p for part in PACKAGE_PARTS for p in ([LIVE / part] if (LIVE / part).is_file()
                                                     else sorted((LIVE / part).rglob("*"))) if p.is_file()]
    return {str(p.relative_to(LIVE)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture
def unchanged():
    """Fails the test if it changed any file of the live package."""
    before = _package_snapshot()
    yield
    assert _package_snapshot() == before, "the live package was modified"


def _referenced_texts() -> set[str]:
    package, errors = load(LIVE)
    assert package is not None and errors == [], errors
    with package.resources["sources"].file.open(encoding="utf-8", newline="") as fh:
        return {row["text_path"] for row in csv.DictReader(fh)}


def test_validate_exits_zero_with_no_errors(unchanged):
    proc = _dipevents("validate", LIVE, "--format", "json")
    doc = json.loads(proc.stdout)
    errors = [f"{e['file']}:{e['line']} {e['column']} {e['code']}: {e['message']}"
              for e in doc["errors"] if e["severity"] != "notice"]
    assert (proc.returncode, doc["valid"], errors) == (0, True, [])


def test_validate_text_report_says_valid(unchanged):
    proc = _dipevents("validate", LIVE)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("VALID: no errors")


def test_files_are_canonical(unchanged):
    proc = _dipevents("fmt", "--check", LIVE)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "would reformat" not in proc.stdout


def test_frictionless_cli_accepts_the_package(unchanged):
    proc = subprocess.run([sys.executable, "-m", "frictionless", "validate", "datapackage.json"],
                          cwd=LIVE, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


def test_founding_report_keeps_its_published_hash():
    assert hashlib.sha256((LIVE / FOUNDING_TEXT).read_bytes()).hexdigest() == FOUNDING_SHA256
    assert FOUNDING_TEXT in _referenced_texts()


def test_every_archived_text_is_referenced_by_a_sources_row():
    on_disk = {p.relative_to(LIVE).as_posix() for p in (LIVE / "sources").rglob("*") if p.is_file()}
    assert sorted(on_disk - _referenced_texts()) == []


@pytest.mark.slow
def test_build_writes_the_downloads_and_the_site(tmp_path: Path, unchanged):
    dist, site = tmp_path / "dist", tmp_path / "site"
    proc = _dipevents("build", LIVE, "--dist", dist, "--out", site)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    check = subprocess.run(["sha256sum", "--check", "--strict", "--quiet", "SHA256SUMS"], cwd=dist,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    (release,) = dist.glob("*.zip")
    with zipfile.ZipFile(release) as zf:
        names = {n.split("/", 1)[1] for n in zf.namelist()}  # inside the zip's NAME-VERSION/ folder
        assert {n for n in names if n.startswith("sources/")} == _referenced_texts()
    assert (site / "index.html").is_file()
