"""Calendar dates, day intervals, date order, and events dated after the source that reports them as past."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from tests.support import ROOT, only
from dipevents.export.values import date_bounds
from dipevents.loader import load
from dipevents.rules.dates import HAPPENED, parse
from dipevents.site.render import when

BEIJING = "mtg-2025-09-02-beijing-sharif-putin"
MOSCOW = "mtg-2025-11-moscow-sco-heads-of-government-summit"
MOU = "agr-2024-pakistan-russia-multi-sector-mou"
INVITATION = "inv-2025-09-02-putin-sharif-sco-heads-of-government-summit"


@pytest.mark.parametrize("value, first, last, precision", [
    ("2024", "2024-01-01", "2024-12-31", "year"), ("2024-02", "2024-02-01", "2024-02-29", "month"),
    ("2024-02-29", "2024-02-29", "2024-02-29", "day"),
    ("2024-04-29/2024-05-05", "2024-04-29", "2024-05-05", "span"),
    ("2024-12-30/2025-01-05", "2024-12-30", "2025-01-05", "span"),
    ("2024-05-01/2024-05-31", "2024-05-01", "2024-05-31", "month"),  # an interval that is a whole month
    ("2024-05-09/2024-05-09", "2024-05-09", "2024-05-09", "day"),
])
def test_parse(value, first, last, precision):
    d = parse(value)
    assert (str(d.start), str(d.end), d.precision) == (first, last, precision)


@pytest.mark.parametrize("value", ["2025-02-29", "2025-13", "2025-04-31", "2025-00-10", "25-01-01", "0000",
                                   "2024-05-05/2024-04-29", "2024-04-29/2024-02-31", "2024/2025",
                                   "2024-05/2024-06", "2024-05-01/", "2024-05-01 / 2024-05-02"])
def test_parse_refuses(value):
    assert parse(value) is None


@pytest.mark.parametrize("value, iso", [("2024", "2024"), ("2024-02", "2024-02"), ("2024-02-29", "2024-02-29"),
                                        ("2024-04-29/2024-05-05", "2024-04-29/2024-05-05"),
                                        ("2024-01-01/2024-12-31", "2024")])
def test_the_value_to_code_is_the_coarsest_that_covers_the_days(value, iso):
    assert parse(value).iso == iso


def test_exports_and_site_read_an_interval():
    assert date_bounds("2024-04-29/2024-05-05") == (date(2024, 4, 29), date(2024, 5, 5))
    assert date_bounds("2024-05-05/2024-04-29") == (None, None)
    assert when("2024-04-29/2024-05-05") == "29 April 2024 to 5 May 2024 (span of days)"
    assert when("2025-11") == "November 2025 (month only)"


def test_an_interval_is_a_valid_date_in_the_package(pkg):
    line = pkg.set_cell("meetings", BEIJING, "date", "2025-09-01/2025-09-07")
    assert [e for e in pkg.errors() if e["line"] == line and e["file"] == "data/meetings.csv"] == []


def test_an_interval_that_ends_before_it_starts(pkg):
    line = pkg.set_cell("meetings", BEIJING, "date", "2025-09-07/2025-09-01")
    errors = [e for e in pkg.errors() if e["line"] == line and e["file"] == "data/meetings.csv"]
    e = only(errors, column="date", code="DE307", rule="interval-order")
    assert e["message"] == '"2025-09-07/2025-09-01" ends before it starts'
    assert not [x for x in errors if x["code"] in {"DE301", "DE203"}]


def test_an_interval_with_an_impossible_day(pkg):
    line = pkg.set_cell("meetings", BEIJING, "date", "2025-09-01/2025-09-31")
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="date", code="DE301")
    assert e["message"] == '"2025-09-01/2025-09-31" is not a calendar date'


@pytest.mark.parametrize("value", ["2025/2026", "2025-09/2025-10", "2025-09-01/2025-09"])
def test_an_interval_of_anything_but_days_breaks_the_pattern(pkg, value):
    line = pkg.set_cell("meetings", BEIJING, "date", value)
    only(pkg.errors(), file="data/meetings.csv", line=line, column="date", code="DE203")


def test_an_occurred_meeting_dated_after_its_source(pkg):
    line = pkg.set_cell("meetings", MOSCOW, "status", "occurred")
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="date", code="DE306", rule="dated-after-source")
    assert e["message"] == ('"2025-11" starts after its source was published (2025-09-02), but status "occurred" '
                            "says it had happened by then")


def test_a_signed_agreement_dated_after_its_source(pkg):
    pkg.set_cell("agreements", MOU, "date_as_reported", "")
    line = pkg.set_cell("agreements", MOU, "date", "2025-09-03/2025-09-09")
    e = only(pkg.errors(), file="data/agreements.csv", line=line, column="date", code="DE306")
    assert e["message"].startswith('"2025-09-03/2025-09-09" starts after its source was published (2025-09-02)')


def test_an_occurred_meeting_may_be_dated_by_a_span_holding_the_publication_day(pkg):
    pkg.set_cell("meetings", BEIJING, "date", "2025-09")
    pkg.set_cell("meetings", MOSCOW, "date", "2025-09-01/2025-09-07")  # starts before publication
    pkg.set_cell("meetings", MOSCOW, "status", "occurred")
    pkg.set_cell("meetings", MOSCOW, "date_as_reported", "")
    assert not [e for e in pkg.errors() if e["code"] == "DE306"]


def test_a_scheduled_meeting_may_lie_after_its_source(pkg):
    assert not [e for e in pkg.errors() if e["code"] == "DE306"]
    assert next(r for r in csv.DictReader(pkg.path("data/meetings.csv").open(encoding="utf-8"))
                if r["meeting_id"] == MOSCOW)["status"] == "scheduled"


def test_happened_codes_are_codes_of_the_field_s_codelist():
    package, errors = load(ROOT)
    assert errors == []
    seen = 0
    for resource in package.resources.values():
        for field in resource.fields:
            if HAPPENED not in field:
                continue
            seen += 1
            fk = next(fk for fk in resource.foreign_keys if fk.fields == [field["name"]])
            codelist = package.resources[fk.resource]
            with codelist.file.open(encoding="utf-8") as f:
                codes = {row["code"] for row in csv.DictReader(f)}
            assert set(field[HAPPENED]) <= codes, (resource.name, field["name"])
    assert seen >= 1


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


def test_a_season_code_is_not_a_month(pkg):
    """EDTF level 1 reads 2025-21 as spring 2025; the package allows level 0 only."""
    line = pkg.set_cell("meetings", "mtg-2025-11-moscow-sco-heads-of-government-summit", "date", "2025-21")
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="date", code="DE301")
    assert e["message"] == '"2025-21" is not a calendar date'
