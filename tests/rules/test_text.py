"""Spreadsheet formula openers in free text."""

from __future__ import annotations

import pytest

from tests.support import only


@pytest.mark.parametrize("opener", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_opener(pkg, opener):
    line = pkg.set_cell("meetings", "mtg-2025-09-02-beijing-sharif-putin", "summary", opener + "HYPERLINK(\"x\")")
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="summary", code="DE321")
    assert e["rule"] == "formula-opener"


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
