"""Reduced-precision ISO 8601 dates: real calendar dates, in the right order."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..context import Context
from ..registry import check, code
from ..report import Error, show
from ..tables import rows

_SHAPE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@dataclass(frozen=True)
class FuzzyDate:
    """A date known to the year, the month or the day: the interval [start, end]."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def start(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> date:
        if self.day:
            return self.start
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])


def parse(value: str) -> FuzzyDate | None:
    """A FuzzyDate, or None when the value is not a real date of that shape."""
    m = _SHAPE.fullmatch(value)
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    if year < 1 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return FuzzyDate(year, month, day)


PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


@check(
    code("DE301", "calendar-date", "A date does not exist in the calendar",
         "Check the month (01-12) and the day (the month's length, leap years).",
         wrong="date = 2025-09-31",
         fixed="date = 2025-09-30"))
def calendar_dates(ctx: Context) -> Iterator[Error]:
    """Every date of the right shape names a day, month or year that exists."""
    for table, frame in ctx.readable():
        for name in table.resource.date_fields:
            for line, value in frame[name].dropna().items():
                if _SHAPE.fullmatch(value) and parse(value) is None:
                    yield Error(table.file, int(line), name, "calendar-date",
                                f"{show(value)} is not a calendar date")


@check(
    code("DE302", "date-order", "A date comes before the date it must follow",
         "Check both dates: an end comes after its start, an event after the invitation to it.",
         wrong="date = 2025-09-02, end_date = 2025-09-01",
         fixed="date = 2025-09-01, end_date = 2025-09-02"))
def date_order(ctx: Context) -> Iterator[Error]:
    """A field marked "notBefore": X cannot end before X starts (an end after its start,
    an event after the invitation to it)."""
    for table, frame in ctx.readable():
        for field in table.resource.fields:
            earlier = field.get("notBefore")
            if not earlier or earlier not in frame or field["name"] not in frame:
                continue
            for line, row in rows(frame[[earlier, field["name"]]].dropna()):
                first, then = parse(row[earlier]), parse(row[field["name"]])
                if first and then and then.end < first.start:
                    yield Error(table.file, int(line), field["name"], "date-order",
                                f"{show(row[field['name']])} is before {earlier} {show(row[earlier])}")
