"""The default validation leaves out frictionless' row-by-row pass (`validate --official`
runs it). That is safe only because, on every package the test suite breaks, the fast path
reports each fault frictionless finds at the same file, line and column: `pytest --oracles`
checks it after each validation (tests/oracles.py); these tests check the oracle itself."""

from __future__ import annotations

import pytest

from dipevents import rules  # noqa: F401 - declares the rules' codes, which the errors below name
from dipevents.report import Error
from tests import oracles
from tests.oracles import unexplained
from tests.support import Pkg, only, synth


def test_a_fault_on_another_line_or_column_is_unexplained():
    official = [Error("data/meetings.csv", 5, "date", "type", "frictionless type-error"),
                Error("data/meetings.csv", 7, None, "row-length", "frictionless missing-cell"),
                Error("data/actors.csv", None, None, "encoding", "frictionless encoding-error")]
    ours = [Error("data/meetings.csv", 5, "end_date", "type", "not a date"),
            Error("data/meetings.csv", 7, "title", "required", "empty")]
    assert unexplained(ours, official) == [official[0], official[2]]
    ours += [Error("data/meetings.csv", 5, "date", "enum", "x"), Error("data/actors.csv", 2, None, "encoding", "y")]
    assert unexplained(ours, official) == []


def test_a_whole_row_fault_of_ours_explains_a_cell_fault_on_its_line():
    official = [Error("data/meetings.csv", 9, "title", "required", "frictionless constraint-error")]
    assert unexplained([Error("data/meetings.csv", 9, None, "row-length", "3 cells")], official) == []
    assert unexplained([Error("data/meetings.csv", 9, "date", "type", "x")], official) == official


def test_only_validate_official_runs_the_frictionless_pass(pkg, capsys, monkeypatch):
    from dipevents import official

    pkg = Pkg(pkg.root, capsys)  # no oracle: the default path must not call frictionless at all
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


@pytest.mark.slow
def test_a_package_with_faults_of_every_rule_family_is_compared(tmp_path, capsys):
    """scripts/synth.py --errors: faults of every family at once, many of them frictionless' own
    (types, patterns, required cells, keys): every injected fault is reported, and every fault
    frictionless' own pass finds is reported by the default checks at the same place."""
    import json

    from dipevents.cli import main

    root = tmp_path / "package"
    synth(80, root, "--errors", "0.15")
    capsys.readouterr()
    assert main(["validate", str(root), "--format", "json", "--no-cache"]) == 1
    reported = {(e["file"], e["line"], e["column"], e["code"]) for e in json.loads(capsys.readouterr().out)["errors"]}
    expected = {(e["file"], e["line"], e["column"], e["code"])
                for e in json.loads((root / "expected_errors.json").read_text(encoding="utf-8"))}
    assert expected <= reported
    oracles.check_official(root)


@pytest.mark.slow
def test_the_oracles_run_after_each_default_validation_of_a_broken_package(pkg, capsys, monkeypatch):
    """With --oracles, Pkg.validate compares the package with frictionless' pass and with
    --changed-since, once per content; the changed-since run sees only the changed rows."""
    monkeypatch.setattr(oracles, "_CHECKED", set())  # this process may have checked the same break already
    oracled = Pkg(pkg.root, capsys, oracles=True)
    oracled.set_cell("actors", "act-pakistan", "country", "PK")
    before = dict(oracles.RUNS)
    scopes = []
    real = oracles.check_changed_since

    def spy(*args):
        scopes.append(real(*args))
        return scopes[-1]

    oracles.check_changed_since, saved = spy, real
    try:
        only(oracled.errors(), code="DE331")
        oracled.validate("text")  # the same content is not compared again
        oracled.errors("--no-cache")  # nor is a run with options
    finally:
        oracles.check_changed_since = saved
    assert {k: oracles.RUNS[k] - before[k] for k in before} == {"official": 1, "changed_since": 1}
    assert len(scopes) == 1 and "those changed since" in scopes[0]


def test_the_official_oracle_fails_on_a_fault_the_default_checks_miss(pkg, monkeypatch):
    from dipevents import official

    monkeypatch.setattr(official, "validate", lambda package, tables: [
        Error("data/meetings.csv", 2, "title", "type", "frictionless type-error: seen only by frictionless")])
    with pytest.raises(AssertionError, match="data/meetings.csv:2 title type"):
        oracles.check_official(pkg.root)


def test_the_changed_since_oracle_fails_when_the_two_runs_differ():
    error = {"file": "data/actors.csv", "line": 3, "severity": "error", "code": "DE204"}
    notice = {"file": "data/meetings.csv", "line": 2, "severity": "notice", "code": "DE312"}
    full = {"valid": False, "errors": [error, notice]}
    assert not oracles.incremental_differs(full, {"valid": False, "errors": [error]})
    assert oracles.incremental_differs(full, {"valid": True, "errors": []})
    assert oracles.incremental_differs(full, {"valid": False, "errors": [error, {**notice, "line": 9}]})
    assert oracles.incremental_differs(full, {"valid": False, "errors": [error, {**error, "line": 4}]})
