"""Spreadsheet formula openers in free text."""

from __future__ import annotations

import pytest

from tests.support import only


@pytest.mark.parametrize("opener", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_opener(pkg, opener):
    line = pkg.set_cell("meetings", "mtg-2025-09-02-beijing-sharif-putin", "summary", opener + "HYPERLINK(\"x\")")
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="summary", code="DE321")
    assert e["rule"] == "formula-opener"


@pytest.mark.parametrize("constraints", [{"pattern": ".*"}, {"enum": ["@SUM(A1:A9)", "Beijing"]}])
def test_formula_opener_in_a_field_a_pattern_or_enum_holds(pkg, constraints):
    """Issue 19: a pattern such as `.*` or an enum value `@SUM(...)` let a formula into dist/csv."""
    pkg.edit_json("schemas/meetings.json", lambda doc: next(
        f for f in doc["fields"] if f["name"] == "city")["constraints"].update(constraints))
    line = pkg.set_cell("meetings", "mtg-2025-09-02-beijing-sharif-putin", "city", "@SUM(A1:A9)")
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="city", code="DE321")
    assert e["message"] == '"@SUM(A1:A9)" starts with "@", which spreadsheets run as a formula'


def test_a_field_name_that_opens_a_formula_is_a_schema_error(pkg):
    def change(doc):
        next(f for f in doc["fields"] if f["name"] == "notes")["name"] = '=HYPERLINK("http://x")'
    pkg.edit_json("schemas/meetings.json", change)
    rows = pkg.read_rows("data/meetings.csv")
    rows[0] = ['=HYPERLINK("http://x")' if c == "notes" else c for c in rows[0]]
    pkg.write_rows("data/meetings.csv", rows)
    e = only(pkg.errors(), file="schemas/meetings.json", code="DE002")
    assert e["message"] == ('meetings: field name "=HYPERLINK(\\"http://x\\")" starts with "=", which spreadsheets '
                            "run as a formula (it heads a column of every download)")


def test_the_csv_download_neutralises_a_formula_whatever_the_validator_said(pkg, tmp_path):
    """Defence in depth: write_csv itself puts an apostrophe before a cell or a column name that
    opens like a formula, even in a table that was never validated."""
    import csv

    from dipevents.export.files import write_csv
    from dipevents.loader import load
    from dipevents.tables import read_tables

    pkg.set_cell("meetings", "mtg-2025-09-02-beijing-sharif-putin", "summary", "=1+1")
    package, _ = load(pkg.root)
    tables, _ = read_tables(package)
    table = tables["meetings"]
    table.frame = table.frame.rename(columns={"notes": "@notes"})
    table.resource.schema["fields"] = [dict(f, name="@notes") if f["name"] == "notes" else f
                                       for f in table.resource.schema["fields"]]
    rows = list(csv.reader((write_csv(table, tmp_path)).open(encoding="utf-8", newline="")))
    assert "'@notes" in rows[0] and "@notes" not in rows[0]
    assert ["'=1+1"] == [c for row in rows for c in row if c.endswith("=1+1")]


def test_opener_inside_text_is_fine(pkg):
    pkg.set_cell("meetings", "mtg-2025-09-02-beijing-sharif-putin", "summary", "Talks = progress; a-b @ c")
    assert not [e for e in pkg.errors() if e["code"] == "DE321"]


@pytest.mark.parametrize("char, name", [("\u202e", "RIGHT-TO-LEFT OVERRIDE"), ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
                                        ("\u200b", "ZERO WIDTH SPACE"), ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
                                        ("\u2060", "WORD JOINER")])
def test_invisible_character_in_a_name(pkg, char, name):
    line = pkg.set_cell("actors", "act-vladimir-putin", "name", f"Vladimir{char} Putin")
    e = only(pkg.errors(), file="data/actors.csv", line=line, column="name", code="DE322")
    assert e["rule"] == "invisible-character"
    escape = f"\\u{ord(char):04x}"
    assert e["message"] == f'"Vladimir{escape} Putin" holds U+{ord(char):04X} {name}, which a reader cannot see'


def test_invisible_character_is_shown_escaped_in_the_text_report(pkg):
    line = pkg.set_cell("meetings", "mtg-2025-09-02-beijing-sharif-putin", "title", "Talks\u202e\u200d")
    code, out = pkg.validate("text")
    assert code == 1
    assert (f'data/meetings.csv:{line}: error DE322 [invisible-character] title: "Talks\\u202e\\u200d" holds '
            "U+200D ZERO WIDTH JOINER, U+202E RIGHT-TO-LEFT OVERRIDE, which a reader cannot see\n") in out
    assert "\u202e" not in out and "\u200d" not in out


def test_verbatim_fields_may_hold_what_the_source_holds(pkg):
    pkg.set_cell("meetings", "mtg-2025-09-02-beijing-sharif-putin", "date_as_reported", "2 Sep\u200b 2025")
    assert not [e for e in pkg.errors() if e["code"] == "DE322"]
