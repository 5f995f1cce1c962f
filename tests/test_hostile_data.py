"""Hostile data (issue 9): archived texts that are not UTF-8 or cannot be used, sizes past the
limits, numbers that would not survive an export, carriage returns inside cells, and inputs
that made a check take quadratic or exponential time. Each case: the exit code, the file
named, no traceback; validation modifies nothing (Pkg.validate checks it)."""

from __future__ import annotations

import hashlib
import os
import time
from types import SimpleNamespace

import pandas as pd
import pytest

from dipevents.cli import main
from dipevents.loader import load
from tests.support import FOUNDING_TEXT, only

SOURCES = "data/sources.csv"
SOURCE_ID = "src-2025-09-02-cpecnews-sharif-putin"
BEIJING = "mtg-2025-09-02-beijing-sharif-putin"
MEETINGS = "data/meetings.csv"


def load_package(root):
    package, errors = load(root)
    assert errors == []
    return package


def _cite_count(pkg) -> int:
    """Rows citing the founding source with a verbatim cell (every fixture row has evidence)."""
    return sum(len(pkg.read_rows(f"data/{t}.csv")) - 1 for t in
               ["meetings", "meeting_participants", "agreements", "agreement_parties", "invitations", "statements"])


def _rehash(pkg) -> None:
    digest = hashlib.sha256(pkg.path(FOUNDING_TEXT).read_bytes()).hexdigest()
    pkg.set_cell("sources", SOURCE_ID, "text_sha256", digest)


def _text(pkg, fmt="text"):
    code, out = pkg.validate(fmt)
    assert "Traceback" not in str(out) and "internal error" not in str(out).lower()
    return code, out


# --- archived texts -------------------------------------------------------------------------

def test_latin1_text_with_its_hash_updated_cannot_hide_invented_evidence(pkg):
    path = pkg.path(FOUNDING_TEXT)
    path.write_bytes(path.read_bytes().replace(b"Beijing", b"B\xe9ijing", 1))
    _rehash(pkg)
    pkg.set_cell("meetings", BEIJING, "evidence", "Sharif and Putin signed a secret pact on the moon")
    code, doc = pkg.validate()
    assert code == 1 and not doc["valid"]
    line = pkg.line_of("sources", SOURCE_ID)
    e = only(doc["errors"], file=SOURCES, line=line, column="text_path", code="DE316")
    offset = path.read_bytes().index(b"\xe9")
    lines = path.read_bytes()[:offset].count(b"\n") + 1
    assert e["message"] == f"{FOUNDING_TEXT} is not valid UTF-8: byte 0xe9 at offset {offset} (line {lines})"
    notice = only(doc["errors"], code="DE317")
    assert (notice["file"], notice["line"], notice["severity"]) == (SOURCES, line, "notice")
    assert notice["message"] == (f'the evidence, quotes and date words of {_cite_count(pkg)} row(s) citing '
                                 f'"{SOURCE_ID}" are not checked: {e["message"]}')
    text_code, text = _text(pkg)
    assert text_code == 1 and FOUNDING_TEXT in text


def test_edited_text_gives_one_notice_for_the_source_not_one_per_row(pkg):
    path = pkg.path(FOUNDING_TEXT)
    path.write_bytes(path.read_bytes() + b"\nedited")
    code, doc = pkg.validate()
    assert code == 1
    only(doc["errors"], file=SOURCES, column="text_sha256", code="DE313")
    notice = only(doc["errors"], code="DE317")
    assert notice["message"].startswith(f"the evidence, quotes and date words of {_cite_count(pkg)} row(s)")
    assert "has SHA-256" in notice["message"]
    assert [e for e in doc["errors"] if e["code"] in {"DE311", "DE315"}] == []


@pytest.mark.parametrize("kind", ["directory", "fifo"])
def test_a_text_path_that_is_no_regular_file_is_never_opened(pkg, kind):
    path = pkg.path(FOUNDING_TEXT)
    path.unlink()
    path.mkdir() if kind == "directory" else os.mkfifo(path)  # a FIFO would block a reader forever
    code, doc = pkg.validate()
    assert code == 1
    e = only(doc["errors"], file=SOURCES, column="text_path", code="DE314")
    assert e["message"] == f'"{FOUNDING_TEXT}" does not exist'
    assert "does not exist" in only(doc["errors"], code="DE317")["message"]


def test_archived_text_over_the_size_limit_is_not_read(pkg):
    from dipevents.limits import MAX_SOURCE_BYTES

    path = pkg.path(FOUNDING_TEXT)
    path.write_bytes(path.read_bytes() + b"x" * MAX_SOURCE_BYTES)
    _rehash(pkg)
    code, doc = pkg.validate()
    assert code == 1
    e = only(doc["errors"], file=SOURCES, column="text_path", code="DE109")
    assert e["message"] == f"{FOUNDING_TEXT} is larger than 5 MB, the limit for an archived text; it is not read"
    only(doc["errors"], code="DE317")


# --- sizes ------------------------------------------------------------------------------------

def test_a_5_mb_summary_is_too_long(pkg):
    line = pkg.set_cell("meetings", BEIJING, "summary", "x" * (5 * 1024 * 1024))
    start = time.perf_counter()
    e = only(pkg.errors(), file=MEETINGS, line=line, column="summary", code="DE208")
    assert time.perf_counter() - start < 30
    assert e["message"].endswith(f"has {5 * 1024 * 1024} characters; must have at most 2000")


def test_every_string_field_has_a_maximum_length():
    from dipevents.loader import load
    from tests.support import ROOT

    package, _ = load(ROOT)
    missing = [(r.name, f["name"]) for r in package.resources.values() for f in r.fields
               if f.get("type", "string") == "string" and "maxLength" not in f.get("constraints", {})]
    assert missing == []


def test_a_huge_evidence_cell_is_reported_not_searched(pkg):
    value = "lauded him as a dynamic leader " * 2000
    line = pkg.set_cell("statements", "stm-2025-09-02-sharif-dynamic-leader", "evidence", value)
    errors = pkg.errors()
    e = only(errors, file="data/statements.csv", line=line, code="DE311")
    assert e["message"].endswith(f"has {len(value)} characters, more than the 10000 a quoted passage may have; "
                                 "it is not looked up in the source")
    only(errors, file="data/statements.csv", line=line, code="DE208")


def test_table_over_the_size_limit_is_refused_by_validate_and_fmt(pkg, monkeypatch, capsys):
    from dipevents import limits

    monkeypatch.setattr(limits, "MAX_TABLE_BYTES", pkg.path(MEETINGS).stat().st_size - 1)
    before = pkg.path(MEETINGS).read_bytes()
    code, doc = pkg.validate()
    assert code == 1
    e = only(doc["errors"], file=MEETINGS, code="DE109")
    assert e["message"] == f"{MEETINGS} is larger than 0 MB, the limit for a table; it is not read"
    from dipevents import official

    assert official.validate(load_package(pkg.root), {}) == []  # frictionless does not read it either
    capsys.readouterr()
    assert main(["fmt", str(pkg.root)]) == 1
    assert "DE109" in capsys.readouterr().out
    assert pkg.path(MEETINGS).read_bytes() == before


# --- numbers ----------------------------------------------------------------------------------

def _numeric_columns(pkg, integers: list[str], numbers: list[str]) -> dict[str, int]:
    """Add an integer and a number column to meetings; the rows get the values given (padded)."""
    def change(doc):
        doc["fields"] += [{"name": "attendance", "type": "integer"}, {"name": "budget", "type": "number"}]
    pkg.edit_json("schemas/meetings.json", change)
    rows = pkg.read_rows(MEETINGS)
    body = rows[1:]
    pad = lambda values: (values + ["0"] * len(body))[:len(body)]  # noqa: E731
    pkg.write_rows(MEETINGS, [rows[0] + ["attendance", "budget"]] +
                   [r + [i, n] for r, i, n in zip(body, pad(integers), pad(numbers))])
    return {r[0]: n + 2 for n, r in enumerate(body)}


BAD_INTEGERS = ["99999999999999999999", "9223372036854775808", "-9223372036854775809", "1_000", "+5", "007",
                "1.0", "NaN", " 5"]
BAD_NUMBERS = ["NaN", "1e400", "-infinity", "Infinity", "1_000.5", "+1.5", "0x10", ".5", "1e"]


@pytest.mark.parametrize("value", BAD_INTEGERS)
def test_integers_that_would_not_survive_an_export(pkg, value):
    _numeric_columns(pkg, [value], [])
    e = only(pkg.errors(), file=MEETINGS, line=2, column="attendance", code="DE202")
    assert e["message"].endswith("is not an integer of at most 64 bits, written like -12 or 0")


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_numbers_that_would_not_survive_an_export(pkg, value):
    _numeric_columns(pkg, [], [value])
    e = only(pkg.errors(), file=MEETINGS, line=2, column="budget", code="DE202")
    assert e["message"].endswith("is not a finite number, written like -1.5 or 2e3")


def test_numbers_that_survive_an_export_are_valid(pkg):
    _numeric_columns(pkg, ["9223372036854775807", "-9223372036854775808", "0", "-12", "40"],
                     ["-1.5", "2e3", "0", "1.7976931348623157e308", "0.1"])
    assert [e for e in pkg.errors() if e["column"] in {"attendance", "budget"}] == []


# --- carriage returns -------------------------------------------------------------------------

def test_cr_inside_a_quoted_cell_is_a_control_character_for_validate_and_fmt(pkg, capsys):
    pkg.set_cell("meetings", BEIJING, "summary", "one two")
    pkg.replace(MEETINGS, ",one two,", ',"one\rtwo",')
    line = pkg.line_of("meetings", BEIJING)
    before = pkg.path(MEETINGS).read_bytes()
    e = only(pkg.errors(), file=MEETINGS, line=line, code="DE108")
    assert e["message"] == (f"carriage return (U+000D) inside a quoted cell on line {line}: "
                            "a line break inside a cell is LF alone")
    assert [x for x in pkg.errors() if x["code"] == "DE103"] == []
    capsys.readouterr()
    assert main(["fmt", str(pkg.root), "--check"]) == 1
    out = capsys.readouterr().out
    assert f"{MEETINGS}:{line}" in out and "DE108" in out and "already canonical" not in out
    assert main(["fmt", str(pkg.root)]) == 1
    assert pkg.path(MEETINGS).read_bytes() == before  # fmt never changes a value


def test_crlf_line_endings_are_line_endings_and_fmt_repairs_them(pkg, capsys):
    path = pkg.path(MEETINGS)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    e = only(pkg.errors(), file=MEETINGS, code="DE103")
    assert e["message"].endswith("carriage return(s) ending lines; the first ends line 1")
    assert [x for x in pkg.errors() if x["code"] == "DE108"] == []
    capsys.readouterr()
    assert main(["fmt", str(pkg.root), "--check"]) == 1
    assert main(["fmt", str(pkg.root)]) == 0
    assert [x for x in pkg.errors() if x["severity"] == "error"] == []


def test_lf_inside_a_quoted_cell_is_fine_for_both(pkg, capsys):
    pkg.set_cell("meetings", BEIJING, "summary", "one\ntwo")
    assert [x for x in pkg.errors() if x["severity"] == "error"] == []
    capsys.readouterr()
    assert main(["fmt", str(pkg.root), "--check"]) == 0


# --- time ---------------------------------------------------------------------------------------

def _chain_ctx(ids: list[str], parents: list[str | None]):
    from dipevents.package import ForeignKey

    frame = pd.DataFrame({"meeting_id": ids, "parent_meeting_id": parents},
                         index=pd.Index(range(2, len(ids) + 2)), dtype=object)
    resource = SimpleNamespace(name="meetings",
                               foreign_keys=[ForeignKey(["parent_meeting_id"], "meetings", ["meeting_id"])])
    table = SimpleNamespace(resource=resource, file=MEETINGS)
    return SimpleNamespace(readable=lambda: iter([(table, frame)]))


def test_a_30k_parent_chain_is_checked_in_linear_time():
    from dipevents.rules.keys import self_reference_cycles

    n = 30_000
    ids = [f"mtg-{i}" for i in range(n)]
    start = time.perf_counter()
    assert list(self_reference_cycles(_chain_ctx(ids, [None] + ids[:-1]))) == []
    closed = list(self_reference_cycles(_chain_ctx(ids, [ids[-1]] + ids[:-1])))  # one loop through all
    assert time.perf_counter() - start < 3  # was 27 s (114 s in the report) for the open chain alone
    assert len(closed) == n


def test_only_rows_on_a_loop_are_reported_not_the_rows_leading_into_it():
    from dipevents.rules.keys import self_reference_cycles

    ids = ["a", "b", "c", "d", "e"]
    parents = ["b", "c", "b", "a", "e"]  # a -> b <-> c; d -> a; e -> e
    found = [(e.line, e.message) for e in self_reference_cycles(_chain_ctx(ids, parents))]
    assert found == [(3, 'following parent_meeting_id from "b" comes back to it'),
                     (4, 'following parent_meeting_id from "c" comes back to it'),
                     (6, 'following parent_meeting_id from "e" comes back to it')]


@pytest.mark.parametrize("text, needle, at", [
    ("ab " * 1_600_000, "ab ab a", -1),  # a cut word at every occurrence
    ("ab" * 2_500_000, "ab" * 1000, -1),  # a long periodic passage inside one endless word
    ("a " * 2_500_000 + "a b", "a " * 999 + "b", 4_998_004),
    ("xa a a", "a a", 3),
])
def test_evidence_search_is_linear(text, needle, at):
    from dipevents.rules.evidence import find

    start = time.perf_counter()
    assert find(text, needle) == at
    assert time.perf_counter() - start < 1  # the old str.find loop: 0.5 s and 7 s per row


def test_short_evidence_in_a_long_repetitive_text_validates_quickly(pkg):
    path = pkg.path(FOUNDING_TEXT)
    path.write_bytes(path.read_bytes() + b"\n" + b"Sharif met Putin and " * 200_000)
    _rehash(pkg)
    for i, key in enumerate(r[0] for r in pkg.read_rows("data/statements.csv")[1:]):
        pkg.set_cell("statements", key, "evidence", "Sharif met Putin and Sharif met Putin and Sharif met Pu")
    start = time.perf_counter()
    errors = pkg.errors()
    assert time.perf_counter() - start < 30
    assert {e["line"] for e in errors if e["code"] == "DE311" and e["file"] == "data/statements.csv"} == set(
        range(2, len(pkg.read_rows("data/statements.csv")) + 1))


SLOW = "(ab|a)(ba|b)*(ab|a)*(ba|b)*[!\\s]"  # passes the load-time check; backtracks polynomially in Python
# (\s means more in Python than in RE2, so this one is matched cell by cell, with the time limit)


def test_a_pattern_that_is_slow_on_a_cell_is_reported_at_the_schema_not_waited_for(pkg):
    from dipevents.patterns import pattern_problem

    assert pattern_problem(SLOW) is None

    def change(doc):
        field = next(f for f in doc["fields"] if f["name"] == "notes")
        field["constraints"].update(pattern=SLOW)
    pkg.edit_json("schemas/meetings.json", change)
    for key in [r[0] for r in pkg.read_rows(MEETINGS)[1:]]:
        pkg.set_cell("meetings", key, "notes", "ab" * 2000 + "c")
    start = time.perf_counter()
    code, doc = pkg.validate()
    assert time.perf_counter() - start < 30
    assert code == 1
    e = only(doc["errors"], file="schemas/meetings.json", column="notes", code="DE002")
    assert e["message"].startswith('meetings: the pattern of "notes" takes more than 0.25 s on "abab')
    assert e["message"].endswith(": simplify it; until then its cells are not checked against it")


def test_patterns_have_a_time_budget_for_the_whole_run(pkg, monkeypatch):
    """Issue 19: time was limited per cell and per field only, so 80 fields with a slow but
    non-exponential pattern added 20-40 s each run. Past the run's budget, the patterns not yet
    judged are reported at the schema, naming the setting that allows more."""
    from dipevents import limits

    monkeypatch.setattr(limits, "PATTERN_RUN_SECONDS", 0)

    def change(doc):
        for name in ("notes", "summary"):
            next(f for f in doc["fields"] if f["name"] == name)["constraints"].update(pattern=SLOW.replace("!", ""))
    pkg.edit_json("schemas/meetings.json", change)
    errors = [e for e in pkg.errors("--no-cache") if e["code"] == "DE002"]
    assert {"notes", "summary"} <= {e["column"] for e in errors}  # and any other pattern matched cell by cell
    assert all(" in all in this run (set DIPEVENTS_PATTERN_SECONDS to allow more); until then its cells are not "
               "checked against it" in e["message"] for e in errors), errors


def test_a_pattern_re2_can_run_is_checked_on_every_cell_in_linear_time(pkg):
    """Without the \\s, the same pattern is plain enough for RE2 (schema.Re2Pattern): no
    backtracking, so every cell is judged and none is slow."""
    pattern = "(ab|a)(ba|b)*(ab|a)*(ba|b)*!"

    def change(doc):
        field = next(f for f in doc["fields"] if f["name"] == "notes")
        field["constraints"].update(pattern=pattern)
    pkg.edit_json("schemas/meetings.json", change)
    lines = [pkg.set_cell("meetings", key, "notes", "ab" * 20000 + "c") for key in [r[0] for r in pkg.read_rows(MEETINGS)[1:]]]
    start = time.perf_counter()
    code, doc = pkg.validate()
    assert time.perf_counter() - start < 30
    assert code == 1 and not [e for e in doc["errors"] if e["code"] == "DE002"]
    assert sorted(e["line"] for e in doc["errors"] if e["code"] == "DE203" and e["column"] == "notes") == lines


def test_frictionless_never_sees_a_pattern(pkg):
    from dipevents.loader import load
    from dipevents.official import checked_descriptor

    package, errors = load(pkg.root)
    assert errors == []
    assert [f for r in checked_descriptor(package)["resources"] for f in r["schema"]["fields"]
            if "pattern" in f.get("constraints", {})] == []
    assert any("pattern" in f.get("constraints", {}) for r in package.resources.values() for f in r.fields)


def test_the_codebook_states_the_limits_the_toolkit_enforces():
    from dipevents import limits
    from dipevents.loader import load
    from tests.support import ROOT

    section = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8").split("## Limits", 1)[1]
    assert f"a table {limits.MAX_TABLE_BYTES // limits.MB} MB" in section
    assert f"an archived text {limits.MAX_SOURCE_BYTES // limits.MB} MB" in section
    assert f"a schema {limits.MAX_JSON_BYTES // limits.MB} MB" in section
    assert f"over {limits.MAX_VERBATIM_CHARS} characters" in section
    assert f"over {limits.PATTERN_SECONDS} s" in section
    package, _ = load(ROOT)
    longest = {f["name"]: f["constraints"]["maxLength"] for r in package.resources.values() for f in r.fields
               if f.get("type", "string") == "string"}
    stated = {"title": "title", "notes": "notes", "description": "description", "name": "name", "url": "URL",
              "summary": "and quote", "evidence": "and quote", "quote": "and quote"}
    assert [name for name, words in stated.items() if f"{words} {longest[name]}" not in section] == []


def _validate_with_table_limit(root, value: str):
    import os
    import subprocess
    import sys

    env = {**os.environ, "DIPEVENTS_MAX_TABLE_MB": value}
    return subprocess.run([sys.executable, "-m", "dipevents.cli", "validate", str(root), "--format", "json"],
                          capture_output=True, text=True, env=env)


@pytest.mark.slow
def test_the_table_limit_is_set_for_a_run_by_an_environment_variable(pkg):
    """Default 100 MB (GitHub's own limit for a pushed file); DIPEVENTS_MAX_TABLE_MB changes it."""
    import json

    from dipevents import limits

    assert limits.MAX_TABLE_BYTES == 100 * limits.MB
    with open(pkg.path(MEETINGS), "a", encoding="utf-8") as f:
        f.write(("x" * 1023 + "\n") * 1100)  # 1.07 MB of one-cell lines
    refused = _validate_with_table_limit(pkg.root, "1")
    e = only(json.loads(refused.stdout)["errors"], file=MEETINGS, code="DE109")
    assert e["message"] == f"{MEETINGS} is larger than 1 MB, the limit for a table; it is not read"
    read = _validate_with_table_limit(pkg.root, "2")
    errors = json.loads(read.stdout)["errors"]
    assert not [e for e in errors if e["code"] == "DE109"]
    assert len([e for e in errors if e["file"] == MEETINGS and e["rule"] == "row-length"]) == 1100


@pytest.mark.parametrize("value", ["0", "-5", "1.5", "lots", "１"])
def test_a_table_limit_that_is_not_a_whole_number_of_mb_stops_the_command(pkg, value):
    done = _validate_with_table_limit(pkg.root, value)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == ("dipevents: DIPEVENTS_MAX_TABLE_MB must be a whole number of megabytes (1 or more), "
                           f"not {value!r}\n")


@pytest.mark.parametrize("value", ["0", "lots"])
def test_a_pattern_budget_that_is_not_a_whole_number_of_seconds_stops_the_command(pkg, monkeypatch, capsys, value):
    monkeypatch.setenv("DIPEVENTS_PATTERN_SECONDS", value)
    from dipevents.cli import main

    assert main(["validate", str(pkg.root)]) == 2
    assert capsys.readouterr().err == ("dipevents: DIPEVENTS_PATTERN_SECONDS must be a whole number of seconds "
                                       f"(1 or more), not {value!r}\n")


def test_the_whole_package_has_a_size_limit(pkg, monkeypatch):
    """Issue 19: only each table's size was limited, not the package's. Over the package limit
    nothing is read, and the error names the setting that allows more."""
    from dipevents import limits

    monkeypatch.setattr(limits, "MAX_PACKAGE_BYTES", limits.MB)
    (pkg.root / "sources" / "padding.txt").write_bytes(b"x" * limits.MB)
    errors = pkg.errors()
    e = only(errors, code="DE109")
    assert (e["file"], e["line"], e["column"]) == ("datapackage.json", None, None)
    assert e["message"].startswith("the tables and archived texts take 1 MB, more than 1 MB, the limit for a "
                                   "package (set DIPEVENTS_MAX_PACKAGE_MB to allow more)")
    assert [x["code"] for x in errors] == ["DE109"]
