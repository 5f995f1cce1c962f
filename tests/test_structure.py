"""Broken files: each gives a clear error with file and line, exit 1, no traceback, no write."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support import only

MEETINGS = "data/meetings.csv"


def test_bom_is_reported_on_line_1(pkg):
    path = pkg.path(MEETINGS)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    code, doc = pkg.validate()
    assert code == 1
    only(doc["errors"], file=MEETINGS, line=1, code="DE102", rule="bom")


def test_crlf_line_endings_are_reported_with_the_first_line(pkg):
    path = pkg.path(MEETINGS)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    e = only(pkg.errors(), file=MEETINGS, code="DE103", rule="line-ending")
    assert e["line"] == 1


def test_non_utf8_bytes_name_the_line(pkg):
    path = pkg.path(MEETINGS)
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b"Beijing", b"B\xe9ijing", 1)
    path.write_bytes(b"\n".join(lines))
    code, doc = pkg.validate()
    assert code == 1
    e = only(doc["errors"], file=MEETINGS, code="DE101", rule="encoding")
    assert e["line"] == 4
    assert "0xe9" in e["message"]


def test_broken_quoting_names_the_line(pkg):
    pkg.replace(MEETINGS, "SCO summit in Astana 2024", '"SCO summit" in Astana 2024')
    only(pkg.errors(), file=MEETINGS, line=2, code="DE104", rule="csv-syntax")


def test_unterminated_quote_at_end_of_file(pkg):
    path = pkg.path(MEETINGS)
    path.write_text(path.read_text(encoding="utf-8") + 'mtg-x,"never closed\n', encoding="utf-8")
    e = only(pkg.errors(), file=MEETINGS, code="DE104")
    assert e["line"] == 7


def test_missing_column_is_named(pkg):
    rows = pkg.read_rows(MEETINGS)
    col = rows[0].index("city")
    pkg.write_rows(MEETINGS, [r[:col] + r[col + 1:] for r in rows])
    code, doc = pkg.validate()
    assert code == 1
    e = only(doc["errors"], file=MEETINGS, line=1, column="city", code="DE105")
    assert "missing" in e["message"]


def test_extra_column_is_named(pkg):
    rows = pkg.read_rows(MEETINGS)
    pkg.write_rows(MEETINGS, [r + (["mood"] if i == 0 else ["happy"]) for i, r in enumerate(rows)])
    e = only(pkg.errors(), file=MEETINGS, line=1, column="mood", code="DE105")
    assert e["message"] == 'unexpected column "mood"'


def test_misspelt_column_names_the_schema_field_it_stands_for(pkg):
    rows = pkg.read_rows(MEETINGS)
    rows[0][rows[0].index("end_date")] = "enddate"
    pkg.write_rows(MEETINGS, rows)
    errors = pkg.errors()
    e = only(errors, file=MEETINGS, line=1, column="enddate", code="DE105")
    assert e["message"] == 'unexpected column "enddate"; did you mean "end_date"?'
    only(errors, file=MEETINGS, line=1, column="end_date", code="DE105", message='column "end_date" is missing')


def test_misspelt_extra_column_names_the_nearest_field_when_none_is_missing(pkg):
    rows = pkg.read_rows(MEETINGS)
    pkg.write_rows(MEETINGS, [r + (["Summary"] if i == 0 else [""]) for i, r in enumerate(rows)])
    e = only(pkg.errors(), file=MEETINGS, line=1, column="Summary", code="DE105")
    assert e["message"] == 'unexpected column "Summary"; did you mean "summary"?'


def test_short_row_names_its_line(pkg):
    path = pkg.path(MEETINGS)
    path.write_text(path.read_text(encoding="utf-8") + "mtg-2030-x,Short row\n", encoding="utf-8")
    e = only(pkg.errors(), file=MEETINGS, line=7, code="DE106", rule="row-length")
    assert "2 cells, expected 14" in e["message"]


def test_blank_row_names_its_line(pkg):
    path = pkg.path(MEETINGS)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(2, "")
    path.write_text("\n".join(lines), encoding="utf-8")
    only(pkg.errors(), file=MEETINGS, line=3, code="DE107", rule="blank-row")


def test_line_numbers_are_physical_lines_after_a_multiline_cell(pkg):
    # row 2 gets a notes cell spanning three lines; the bad date two rows later is on line 6
    pkg.set_cell("meetings", "mtg-2024-astana-sco-summit", "notes", "first\nsecond\nthird")
    rows = pkg.read_rows(MEETINGS)
    rows[3][rows[0].index("date")] = "2025-02-30"
    pkg.write_rows(MEETINGS, rows)
    e = only(pkg.errors(), file=MEETINGS, code="DE301")
    assert e["line"] == 6
    assert e["column"] == "date"


def test_malformed_descriptor_json(pkg):
    path = pkg.path("datapackage.json")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"version": "0.1.0",', '"version": "0.1.0"', 1), encoding="utf-8")
    code, doc = pkg.validate()
    assert code == 1
    e = only(doc["errors"], file="datapackage.json", code="DE001", rule="descriptor-json")
    assert e["line"] == 7  # the comma is missing at the end of line 6; the parser stops at line 7


def test_malformed_schema_json(pkg):
    path = pkg.path("schemas/meetings.json")
    path.write_text(path.read_text(encoding="utf-8")[:-10], encoding="utf-8")
    code, doc = pkg.validate()
    assert code == 1
    only(doc["errors"], file="schemas/meetings.json", code="DE001")


def _set_path(name, value):
    def change(doc):
        next(r for r in doc["resources"] if r["name"] == name)["path"] = value
    return change


def test_resource_path_outside_the_repository(pkg):
    pkg.edit_json("datapackage.json", _set_path("meetings", "../../../etc/passwd"))
    code, doc = pkg.validate()
    assert code == 1
    e = only(doc["errors"], file="datapackage.json", column="meetings.path", code="DE003")
    assert "outside" in e["message"]


@pytest.mark.parametrize("prop", ["path", "schema"])
def test_a_resource_path_that_climbs_is_refused_even_when_it_ends_inside(pkg, prop):
    """Issue 19: data/../data/meetings.csv resolves inside the package, but it would be written
    as it stands into the release zip's entry names and descriptor (zip-slip shaped entries)."""
    value = {"path": "data/../data/meetings.csv", "schema": "schemas/../schemas/meetings.json"}[prop]

    def change(doc):
        next(r for r in doc["resources"] if r["name"] == "meetings")[prop] = value
    pkg.edit_json("datapackage.json", change)
    e = only(pkg.errors(), file="datapackage.json", column=f"meetings.{prop}", code="DE003")
    assert e["message"] == f'"{value}" has a \'..\' segment; name the file by its path from the package root'


def test_resource_path_that_is_a_url_is_never_fetched(pkg, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the validator tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    pkg.edit_json("datapackage.json", _set_path("meetings", "https://example.org/meetings.csv"))
    code, doc = pkg.validate()
    assert code == 1
    e = only(doc["errors"], file="datapackage.json", column="meetings.path", code="DE003")
    assert "URL" in e["message"]


def test_a_long_unsafe_path_is_cut_in_the_message(pkg):
    """A hostile descriptor may hold a path as long as the JSON limit allows: the message quotes
    its first 80 characters, not the whole of it."""
    url = "https://example.org/" + "x" * 5000
    pkg.edit_json("datapackage.json", _set_path("meetings", url))
    e = only(pkg.errors(), file="datapackage.json", column="meetings.path", code="DE003")
    assert e["message"] == f'"{url[:79]}…" is a URL; only files inside the repository are allowed'


def test_absolute_schema_path(pkg):
    def change(doc):
        doc["resources"][0]["schema"] = "/etc/passwd"
    pkg.edit_json("datapackage.json", change)
    only(pkg.errors(), file="datapackage.json", column="sources.schema", code="DE003")


def test_missing_data_file(pkg):
    pkg.path(MEETINGS).unlink()
    only(pkg.errors(), file="datapackage.json", column="meetings.path", code="DE004")


def test_missing_descriptor_is_exit_2(tmp_path, capsys):
    """A folder without datapackage.json is a wrong path (usage), not invalid data."""
    from dipevents.cli import main

    assert main(["validate", str(tmp_path), "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert "DE004" in captured.out
    assert f"dipevents validate: {tmp_path} is not a package (no datapackage.json there)" in captured.err


def test_missing_path_is_exit_2(tmp_path, capsys):
    from dipevents.cli import main

    missing = tmp_path / "no-such-folder"
    assert main(["validate", str(missing)]) == 2
    captured = capsys.readouterr()
    assert f"no datapackage.json in {missing}" in captured.out
    assert f"dipevents validate: {missing} is not a package" in captured.err
    assert not missing.exists()


@pytest.mark.slow
def test_hostile_bytes_end_in_a_clear_error_not_a_traceback(pkg):
    pkg.path(MEETINGS).write_bytes(b"\x00\xff\xfe,\"\x1b[31m\n\x00\x00")
    proc = subprocess.run([sys.executable, "-m", "dipevents.cli", "validate", str(pkg.root)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "data/meetings.csv:1: error DE101" in proc.stdout
    assert "\x1b" not in proc.stdout  # terminal escapes are never echoed


def test_usage_error_is_exit_2():
    proc = subprocess.run([sys.executable, "-m", "dipevents.cli", "validate", "--format", "xml"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
