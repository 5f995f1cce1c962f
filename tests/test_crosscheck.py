"""The default validation leaves out frictionless' row-by-row pass (`validate --official`
runs it). That is safe only because, on every package the test suite validates (every
bad-input case included), the fast path reports each fault frictionless finds at the same
file, line and column: tests/crosscheck_plugin.py logs each validation, this test reads it."""

from __future__ import annotations

import pytest

from dipevents.crosscheck import unexplained
from dipevents.report import Error
from tests import crosscheck_plugin
from tests.catalogue import whole_suite
from tests.support import only


def test_a_fault_on_another_line_or_column_is_unexplained():
    official = [Error("data/meetings.csv", 5, "date", "type", "frictionless type-error"),
                Error("data/meetings.csv", 7, None, "row-length", "frictionless missing-cell"),
                Error("data/actors.csv", None, None, "encoding", "frictionless encoding-error")]
    ours = [Error("data/meetings.csv", 5, "end_date", "type", "not a date"),
            Error("data/meetings.csv", 7, "title", "required", "empty")]
    assert unexplained(ours, official) == [official[0], official[2]]
    ours += [Error("data/meetings.csv", 5, "date", "dates", "x"), Error("data/actors.csv", 2, None, "encoding", "y")]
    assert unexplained(ours, official) == []


def test_a_whole_row_fault_of_ours_explains_a_cell_fault_on_its_line():
    official = [Error("data/meetings.csv", 9, "title", "required", "frictionless constraint-error")]
    assert unexplained([Error("data/meetings.csv", 9, None, "row-length", "3 cells")], official) == []
    assert unexplained([Error("data/meetings.csv", 9, "date", "type", "x")], official) == official


def test_only_validate_official_runs_the_frictionless_pass(pkg, monkeypatch):
    from dipevents import official
    from dipevents.crosscheck import ENV

    monkeypatch.delenv(ENV)  # no comparison run: the default path must not call frictionless at all
    calls = []

    def fake(package, tables):
        calls.append(package.root)
        return [Error("data/meetings.csv", 2, "title", "type", "frictionless type-error: seen only by frictionless")]

    monkeypatch.setattr(official, "validate", fake)
    fast = pkg.errors()
    assert calls == [] and not any(e["severity"] == "error" for e in fast)
    e = only(pkg.errors("--official"), code="DE202")
    assert (e["file"], e["line"], e["column"], e["message"]) == (
        "data/meetings.csv", 2, "title", "frictionless type-error: seen only by frictionless")
    assert len(calls) == 1


def test_a_package_with_faults_of_every_rule_family_is_compared(tmp_path, capsys):
    """scripts/synth.py --errors: faults of every family at once, many of them frictionless' own
    (types, patterns, required cells, keys); the session's comparison includes this package."""
    import json
    import subprocess
    import sys

    from dipevents.cli import main
    from tests.support import ROOT

    root = tmp_path / "package"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "synth.py"), "80", str(root), "--errors", "0.15"],
                   check=True, capture_output=True)
    capsys.readouterr()
    assert main(["validate", str(root), "--format", "json", "--no-cache"]) == 1
    reported = {(e["file"], e["line"], e["column"], e["code"]) for e in json.loads(capsys.readouterr().out)["errors"]}
    expected = {(e["file"], e["line"], e["column"], e["code"])
                for e in json.loads((root / "expected_errors.json").read_text(encoding="utf-8"))}
    assert expected <= reported


def test_the_fast_path_reports_every_fault_frictionless_finds(request):
    """Runs after every other test (tests/crosscheck_plugin.py orders it)."""
    if not whole_suite(request.session):
        pytest.skip("only meaningful when the whole suite runs")
    entries = crosscheck_plugin.entries()
    missed = [(e["package"], f) for e in entries for f in e["unexplained"]]
    assert missed == []
    # frictionless finds something in about 50 of the suite's packages (broken references,
    # types, required cells, keys...); most bad-input tests break what only the project's
    # rules see (evidence, dates, words, duplicates)
    faulty = [e for e in entries if e["official"]]
    assert len(faulty) >= 40, f"only {len(faulty)} bad-input packages were compared"
