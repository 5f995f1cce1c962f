"""Date words against the coded date and the source's publication date (2025-09-02, a Tuesday)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support import only
from dipevents.datewords import interpret
from dipevents.rules.dates import parse
from dipevents.rules.words import disagreement

PUBLISHED = date(2025, 9, 2)
BEIJING = "mtg-2025-09-02-beijing-sharif-putin"
MEETINGS = "data/meetings.csv"


@pytest.mark.parametrize("words, value", [
    ("on Tuesday", "2025-09-02"), ("last Friday", "2025-08-29"), ("on Friday", "2025-09-05"),
    ("last year", "2024"), ("in 2024", "2024"), ("In July", "2025-07"), ("in November", "2025-11"),
    ("in November", "2024-11"), ("in November", "2025"), ("yesterday", "2025-09-01"),
    ("in September", "2025-09"), ("last September", "2024-09"), ("next January", "2026-01"),
    ("on 3 July 2024", "2024-07-03"), ("July 3, 2024", "2024-07-03"), ("earlier this year", "2025-03"),
    ("last month", "2025-08"), ("in late August", "2025-08"), ("next year", "2026"),
])
def test_words_that_agree(words, value):
    meaning = interpret(words, PUBLISHED)
    assert meaning is not None
    assert disagreement(meaning, parse(value)) is None


@pytest.mark.parametrize("words, value, why", [
    ("on Tuesday", "2025-09-03", "2025-09-03 is a Wednesday"),
    ("on Tuesday", "2025-08-26", "it lies outside 2025-08-27 to 2025-09-08"),
    ("last year", "2023", "the year is 2023"),
    ("in 2024", "2025", "the year is 2025"),
    ("in July", "2025-06", "the month is 06"),
    ("in November", "2023-11", "it is -22 months from publication"),
    ("in September", "2024-09", "it is -12 months from publication"),
    ("in September", "2026-09", "it is +12 months from publication"),
    ("last September", "2025-09", "it is +0 months from publication"),
    ("next January", "2025-01", "it is -8 months from publication"),
    ("on 3 July 2024", "2024-07-04", "the day is 04"),
])
def test_words_that_disagree(words, value, why):
    assert disagreement(interpret(words, PUBLISHED), parse(value)) == why


@pytest.mark.parametrize("words", ["recently", "in recent years", "after the summit", "on Tuesday week",
                                   "in the past year", "over the coming month", "on 31 February 2025"])
def test_phrases_outside_the_grammar_are_not_interpreted(words):
    assert interpret(words, PUBLISHED) is None


def test_weekday_mismatch_in_the_package(pkg):
    line = pkg.set_cell("meetings", BEIJING, "date", "2025-09-01")
    e = only(pkg.errors(), file=MEETINGS, line=line, column="date", code="DE303")
    assert e["message"] == ('"2025-09-01" disagrees with "on Tuesday": that means a Tuesday within a week '
                            'of publication (2025-09-02), but 2025-09-01 is a Monday')


def test_last_year_is_the_previous_year(pkg):
    line = pkg.set_cell("agreements", "agr-2024-pakistan-russia-multi-sector-mou", "date", "2025")
    e = only(pkg.errors(), file="data/agreements.csv", line=line, column="date", code="DE303")
    assert "means 2024 for a source published 2025-09-02" in e["message"]


def test_month_name_must_match(pkg):
    line = pkg.set_cell("statements", "stm-2025-07-overchuk-natural-allies", "date", "2025-06")
    only(pkg.errors(), file="data/statements.csv", line=line, column="date", code="DE303")


def test_explicit_year_must_match(pkg):
    line = pkg.set_cell("meetings", "mtg-2024-astana-sco-summit", "date", "2023")
    only(pkg.errors(), file=MEETINGS, line=line, column="date", code="DE303")


def test_date_more_precise_than_its_words(pkg):
    line = pkg.set_cell("meetings", "mtg-2024-astana-sharif-putin", "date", "2024-07-03")
    e = only(pkg.errors(), file=MEETINGS, line=line, column="date", code="DE304", rule="date-precision")
    assert e["message"] == '"2024-07-03" is more precise than "in 2024", which gives only the year'


def test_words_without_a_date(pkg):
    line = pkg.set_cell("agreements", "agr-2024-pakistan-russia-multi-sector-mou", "date", "")
    only(pkg.errors(), file="data/agreements.csv", line=line, column="date", code="DE303")


def test_unknown_phrase_is_a_notice_not_an_error(pkg):
    line = pkg.set_cell("meetings", "mtg-2024-astana-sco-summit", "date_as_reported", "during the SCO summit in 2024")
    code, doc = pkg.validate()
    assert code == 0
    e = only(doc["errors"], file=MEETINGS, line=line, column="date_as_reported", code="DE305")
    assert e["severity"] == "notice"
