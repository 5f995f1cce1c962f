"""Date words against the coded date and the source's publication date (2025-09-02, a Tuesday).

How each phrase family resolves is tested in tests/test_datewords.py; here, how a resolved
meaning judges a coded date, and the rule's messages in a package."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support import only
from dipevents.datewords import interpret
from dipevents.rules.dates import parse
from dipevents.rules.words import disagreement, too_precise

PUBLISHED = date(2025, 9, 2)
BEIJING = "mtg-2025-09-02-beijing-sharif-putin"
MOSCOW = "mtg-2025-11-moscow-sco-heads-of-government-summit"
MEETINGS = "data/meetings.csv"


@pytest.mark.parametrize("words, value", [
    ("on Tuesday", "2025-09-02"), ("last Friday", "2025-08-29"), ("on Friday", "2025-09-05"),
    ("on Friday", "2025-08-29"), ("last year", "2024"), ("in 2024", "2024"), ("In July", "2025-07"),
    ("in November", "2025-11"), ("in November", "2024-11"), ("in November", "2025"), ("yesterday", "2025-09-01"),
    ("in September", "2025-09"), ("last September", "2024-09"), ("next January", "2026-01"),
    ("on 3 July 2024", "2024-07-03"), ("July 3, 2024", "2024-07-03"), ("earlier this year", "2025-01-01/2025-09-01"),
    ("earlier this year", "2025"), ("last month", "2025-08"), ("in late August", "2025-08"),
    ("in late August", "2025-08-21/2025-08-31"), ("next year", "2026"),
    ("last week", "2025-08-25/2025-08-31"), ("last week", "2025"), ("yesterday", "2025-09"),
])
def test_words_that_agree(words, value):
    meaning = interpret(words, PUBLISHED)
    assert meaning is not None
    assert disagreement(meaning, parse(value)) is None
    assert too_precise(meaning, parse(value)) is None


@pytest.mark.parametrize("words, value, why", [
    ("on Tuesday", "2025-09-03", "2025-09-03 is a Wednesday"),
    ("on Tuesday", "2025-08-26", "2025-08-26 lies before it"),
    ("on Friday", "2025-09-12", "2025-09-12 lies after both"),
    ("last year", "2023", "2023 lies before it"),
    ("in 2024", "2025", "2025 lies after it"),
    ("in July", "2025-06", "2025-06 lies before both"),
    ("in July", "2025-12", "2025-12 lies between them"),
    ("in November", "2023-11", "2023-11 lies before both"),
    ("in September", "2024-09", "2024-09 lies before it"),
    ("in September", "2026-09", "2026-09 lies after it"),
    ("last September", "2025-09", "2025-09 lies after it"),
    ("next January", "2025-01", "2025-01 lies before it"),
    ("on 3 July 2024", "2024-07-04", "2024-07-04 lies after it"),
    ("last week", "2025-09-01", "2025-09-01 lies after it"),
    ("last week", "2025-08-30/2025-09-05", "2025-08-30 to 2025-09-05 overlaps it only in part"),
    ("this week", "2025-08", "2025-08 lies before it"),
    ("in late August", "2025-08-15/2025-08-25", "2025-08-15 to 2025-08-25 overlaps one only in part"),
])
def test_words_that_disagree(words, value, why):
    assert disagreement(interpret(words, PUBLISHED), parse(value)) == why


@pytest.mark.parametrize("words, value, gives", [
    ("in 2024", "2024-07-03", "the year: code 2024"),
    ("in November", "2025-11-20", "the month: code 2025-11"),
    ("last week", "2025-08-27", "2025-08-25 to 2025-08-31: code 2025-08-25/2025-08-31"),
    ("earlier this year", "2025-03", "2025-01-01 to 2025-09-01: code 2025-01-01/2025-09-01"),
    ("in late August", "2025-08-21/2025-08-25", "2025-08-21 to 2025-08-31: code 2025-08-21/2025-08-31"),
])
def test_dates_more_precise_than_the_words(words, value, gives):
    meaning = interpret(words, PUBLISHED)
    assert too_precise(meaning, parse(value)) == gives
    assert disagreement(meaning, parse(value)) is None


def test_weekday_mismatch_in_the_package(pkg):
    line = pkg.set_cell("meetings", BEIJING, "date", "2025-09-01")
    e = only(pkg.errors(), file=MEETINGS, line=line, column="date", code="DE303")
    assert e["message"] == ('"2025-09-01" disagrees with "on Tuesday": for a source published 2025-09-02 that is '
                            '2025-09-02 (the Tuesday within six days of it, before or after), and 2025-09-01 is a Monday')


def test_last_year_is_the_previous_year(pkg):
    line = pkg.set_cell("agreements", "agr-2024-pakistan-russia-multi-sector-mou", "date", "2025")
    e = only(pkg.errors(), file="data/agreements.csv", line=line, column="date", code="DE303")
    assert e["message"] == ('"2025" disagrees with "last year": for a source published 2025-09-02 that is 2024, '
                            'and 2025 lies after it')


def test_month_name_must_match(pkg):
    line = pkg.set_cell("statements", "stm-2025-07-overchuk-natural-allies", "date", "2025-06")
    only(pkg.errors(), file="data/statements.csv", line=line, column="date", code="DE303")


def test_explicit_year_must_match(pkg):
    line = pkg.set_cell("meetings", "mtg-2024-astana-sco-summit", "date", "2023")
    only(pkg.errors(), file=MEETINGS, line=line, column="date", code="DE303")


def test_date_more_precise_than_its_words(pkg):
    line = pkg.set_cell("meetings", "mtg-2024-astana-sharif-putin", "date", "2024-07-03")
    e = only(pkg.errors(), file=MEETINGS, line=line, column="date", code="DE304", rule="date-precision")
    assert e["message"] == '"2024-07-03" is more precise than "in 2024", which gives only the year: code 2024'


def test_words_without_a_date(pkg):
    line = pkg.set_cell("agreements", "agr-2024-pakistan-russia-multi-sector-mou", "date", "")
    only(pkg.errors(), file="data/agreements.csv", line=line, column="date", code="DE303")


def test_unknown_phrase_is_a_notice_not_an_error(pkg):
    line = pkg.set_cell("meetings", "mtg-2024-astana-sco-summit", "date_as_reported", "during the SCO summit in 2024")
    code, doc = pkg.validate()
    assert code == 0
    e = only(doc["errors"], file=MEETINGS, line=line, column="date_as_reported", code="DE305")
    assert e["severity"] == "notice"


def test_a_meeting_last_week_dated_after_publication(pkg):
    """The newcomer's case: "last week" on a date after the source was published."""
    pkg.set_cell("meetings", MOSCOW, "status", "occurred")
    pkg.set_cell("meetings", MOSCOW, "date_as_reported", "last week")
    line = pkg.set_cell("meetings", MOSCOW, "date", "2025-09-04")
    errors = pkg.errors()
    e = only(errors, file=MEETINGS, line=line, column="date", code="DE303")
    assert e["message"] == ('"2025-09-04" disagrees with "last week": for a source published 2025-09-02 that is '
                            '2025-08-25 to 2025-08-31, and 2025-09-04 lies after it')
    only(errors, file=MEETINGS, line=line, column="date", code="DE306")


def test_a_week_coded_as_a_day_is_too_precise(pkg):
    pkg.set_cell("meetings", BEIJING, "date_as_reported", "last week")
    line = pkg.set_cell("meetings", BEIJING, "date", "2025-08-27")
    e = only(pkg.errors(), file=MEETINGS, line=line, column="date", code="DE304")
    assert e["message"] == ('"2025-08-27" is more precise than "last week", which gives only '
                            '2025-08-25 to 2025-08-31: code 2025-08-25/2025-08-31')


def test_a_week_coded_as_its_interval_passes(pkg):
    pkg.set_cell("meetings", BEIJING, "date_as_reported", "last week")
    line = pkg.set_cell("meetings", BEIJING, "date", "2025-08-25/2025-08-31")
    errors = [e for e in pkg.errors() if e["file"] == MEETINGS and e["line"] == line]
    # the words are not in the archived text (DE315); nothing is wrong with the date
    assert [e["code"] for e in errors] == ["DE315"] and errors[0]["column"] == "date_as_reported"


def test_words_of_a_french_source_are_read_in_french(pkg):
    pkg.replace("data/sources.csv", ",2025-09-02,en,", ",2025-09-02,fr,")
    line = pkg.set_cell("meetings", BEIJING, "date_as_reported", "la semaine dernière")
    errors = pkg.errors()
    e = only(errors, file=MEETINGS, line=line, column="date", code="DE303")
    assert e["message"] == ('"2025-09-02" disagrees with "la semaine dernière": for a source published 2025-09-02 '
                            'that is 2025-08-25 to 2025-08-31, and 2025-09-02 lies after it')


def test_the_same_words_in_another_language_are_not_guessed(pkg):
    pkg.replace("data/sources.csv", ",2025-09-02,en,", ",2025-09-02,fr,")
    line = pkg.set_cell("meetings", BEIJING, "date_as_reported", "on Tuesday")
    e = only(pkg.validate()[1]["errors"], file=MEETINGS, line=line, column="date_as_reported", code="DE305")
    assert e["message"] == '"on Tuesday" is not a phrase the checker understands; date "2025-09-02" is unchecked'
