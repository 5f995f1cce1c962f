"""scripts/synth.py makes a valid package, the same one for the same seed, and the faults it
injects with --errors are the ones the validator reports (file, line, column, code)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import dipevents

ROOT = Path(__file__).resolve().parent.parent
SYNTH = ROOT / "scripts" / "synth.py"

# The rule families synth.py promises to inject (with a share high enough to reach each).
FAMILIES = {"DE201", "DE203", "DE207", "DE208", "DE301", "DE303", "DE311", "DE313", "DE315", "DE321",
            "DE322", "DE331", "DE341", "DE345", "DE361"}


def _synth(out: Path, *args: str) -> dict:
    proc = subprocess.run([sys.executable, str(SYNTH), *args[:1], str(out), *args[1:]],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def _validate(root: Path) -> tuple[int, list[dict]]:
    proc = dipevents("validate", root, "--format", "json")
    return proc.returncode, json.loads(proc.stdout)["errors"]


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("synth") / "pkg"
    return out, _synth(out, "200", "--seed", "7")


@pytest.mark.slow
def test_synthetic_package_is_valid(clean):
    root, counts = clean
    code, errors = _validate(root)
    assert errors == [] and code == 0
    assert counts["meetings"] == 200
    # proportionate, not copies: many distinct sources, participants for every meeting
    assert counts["sources"] >= 25 and counts["meeting_participants"] >= 2 * 200
    assert len(list((root / "sources").glob("*.txt"))) == counts["sources"]


def test_same_seed_same_package(clean, tmp_path):
    root, _ = clean
    again = tmp_path / "again"
    _synth(again, "200", "--seed", "7")
    for name in ["meetings", "statements", "sources", "actors"]:
        assert (again / "data" / f"{name}.csv").read_bytes() == (root / "data" / f"{name}.csv").read_bytes()


@pytest.mark.slow
def test_every_injected_fault_is_reported(tmp_path):
    root = tmp_path / "bad"
    _synth(root, "300", "--seed", "2", "--errors", "0.1")
    expected = json.loads((root / "expected_errors.json").read_text(encoding="utf-8"))
    assert FAMILIES <= {e["code"] for e in expected}
    code, errors = _validate(root)
    assert code == 1
    reported = {(e["file"], e["line"], e["column"], e["code"]) for e in errors}
    missing = [e for e in expected if (e["file"], e["line"], e["column"], e["code"]) not in reported]
    assert missing == []


def test_bad_arguments_are_refused(tmp_path):
    proc = subprocess.run([sys.executable, str(SYNTH), "10", str(tmp_path / "x"), "--errors", "2"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "SHARE between 0 and 1" in proc.stderr
