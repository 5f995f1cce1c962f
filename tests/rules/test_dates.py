"""Calendar dates and date order."""

from __future__ import annotations

import pytest

from tests.support import only
from dipevents.rules.dates import FuzzyDate, parse

BEIJING = "mtg-2025-09-02-beijing-sharif-putin"
INVITATION = "inv-2025-09-02-putin-sharif-sco-heads-of-government-summit"


@pytest.mark.parametrize("value, expected", [
    ("2024", FuzzyDate(2024)), ("2024-02", FuzzyDate(2024, 2)), ("2024-02-29", FuzzyDate(2024, 2, 29)),
    ("2025-02-29", None), ("2025-13", None), ("2025-04-31", None), ("2025-00-10", None), ("25-01-01", None),
])
def test_parse(value, expected):
    assert parse(value) == expected


def test_interval_of_a_month():
    d = parse("2024-02")
    assert (str(d.start), str(d.end), d.precision) == ("2024-02-01", "2024-02-29", "month")


def test_impossible_day(pkg):
    line = pkg.set_cell("meetings", BEIJING, "date", "2025-09-31")
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="date", code="DE301")
    assert e["message"] == '"2025-09-31" is not a calendar date'


def test_impossible_month_in_a_reduced_date(pkg):
    line = pkg.set_cell("meetings", "mtg-2025-11-moscow-sco-heads-of-government-summit", "date", "2025-13")
    only(pkg.errors(), file="data/meetings.csv", line=line, column="date", code="DE301")


def test_end_before_start(pkg):
    line = pkg.set_cell("meetings", BEIJING, "end_date", "2025-09-01")
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="end_date", code="DE302")
    assert e["message"] == '"2025-09-01" is before date "2025-09-02"'


def test_end_within_a_coarser_start_is_fine(pkg):
    pkg.set_cell("meetings", "mtg-2024-astana-sco-summit", "end_date", "2024-07-04")
    assert not [e for e in pkg.errors() if e["code"] == "DE302"]


def test_event_before_its_invitation(pkg):
    line = pkg.set_cell("invitations", INVITATION, "event_date", "2025-08")
    errors = pkg.errors()
    e = only(errors, file="data/invitations.csv", line=line, column="event_date", code="DE302")
    assert e["message"] == '"2025-08" is before issued_date "2025-09-02"'
