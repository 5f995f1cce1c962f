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
