"""Coded dates as runs of days: ISO 8601 with reduced precision, or a day interval.

A date field holds ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-MM-DD/YYYY-MM-DD`` (an
ISO 8601 / EDTF level 0 interval of days). Each stands for the days from its first to its
last: a ``Span``. The maintained ``edtf`` library reads the value; this module only gates
the shapes the project allows and refuses days the calendar does not have.

Light on purpose (``edtf`` is imported on first use): the ``date`` command and the date
words use it too.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

# The shapes a date field may take (the schemas' pattern says the same).
SHAPE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2}(?:/[0-9]{4}-[0-9]{2}-[0-9]{2})?)?)?")

# The precision vocabulary, coarsest first: a whole calendar year, a whole calendar month,
# any other run of days (an ISO week, "early June", an interval), a single day.
PRECISIONS = ("year", "month", "span", "day")


@dataclass(frozen=True, order=True)
class Span:
    """The days from ``start`` to ``end``, both included."""

    start: date
    end: date

    @property
    def precision(self) -> str:
        s, e = self.start, self.end
        if s == e:
            return "day"
        if s.day == 1 and (s.year, s.month) == (e.year, e.month) and e.day == _last_day(e.year, e.month):
            return "month"
        if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year:
            return "year"
        return "span"

    @property
    def iso(self) -> str:
        """The coarsest value that covers exactly these days: 2024, 2024-05, 2024-05-09 or an interval."""
        return {"year": f"{self.start.year:04d}", "month": f"{self.start:%Y-%m}",
                "day": self.start.isoformat()}.get(self.precision, f"{self.start}/{self.end}")

    @property
    def words(self) -> str:
        """The days said plainly: 2024-05-09, 2024-05, 2024, or 2024-04-29 to 2024-05-05."""
        return self.iso if self.precision != "span" else f"{self.start} to {self.end}"

    def covers(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


FuzzyDate = Span  # the name the rules and exports have used for a coded date


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def day(d: date) -> Span:
    return Span(d, d)


def month(year: int, number: int) -> Span:
    return Span(date(year, number, 1), date(year, number, _last_day(year, number)))


def year(number: int) -> Span:
    return Span(date(number, 1, 1), date(number, 12, 31))


def _bounds(value: str) -> tuple[date, date]:
    """First and last day of a value of an allowed SHAPE; ValueError for days the calendar lacks.

    The shapes are EDTF level 0, whose bounds need no grammar: the year, the month, the day,
    or the interval's two days (``edtf`` reads them the same way: tests/test_isodate_fast.py
    compares the two on every shape; its pyparsing grammar took 5-20 ms per distinct value)."""
    if "/" in value:
        first, last = value.split("/")
        return date.fromisoformat(first), date.fromisoformat(last)
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2 and not 1 <= parts[1] <= 12:
        # EDTF level 1 reads 21-41 as seasons and quarters; this project allows level 0 only
        raise ValueError(f"month {parts[1]:02d} does not exist")
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], _last_day(parts[0], parts[1]))
    return (date(*parts),) * 2


def _edtf_bounds(value: str) -> tuple[date, date]:
    """The same bounds read by the ``edtf`` library (the reference the fast reader is tested against)."""
    from edtf import EDTFParseException, parse_edtf

    try:
        parsed = parse_edtf(value)
        # edtf checks months and day numbers up to 31; date() refuses 31 April and 29 February 2025
        return tuple(date(*t[:3]) for t in (parsed.lower_strict(), parsed.upper_strict()))
    except (EDTFParseException, TypeError) as exc:
        raise ValueError(str(exc)) from exc


@lru_cache(maxsize=65536)
def _read(value: str) -> tuple[Span | None, str | None]:
    if not SHAPE.fullmatch(value):
        return None, "shape"
    try:
        start, end = _bounds(value)
    except (ValueError, OverflowError):
        return None, "calendar"
    if end < start:
        return None, "order"
    return Span(start, end), None


def parse(value: str) -> Span | None:
    """The Span a coded date stands for, or None when it is not a real date of an allowed shape."""
    return _read(value)[0]


def problem(value: str) -> str | None:
    """Why a value of an allowed shape is no date: "calendar" (a day or month that does not
    exist) or "order" (an interval that ends before it starts); None when it is fine or is
    not of an allowed shape at all (the schema's pattern reports that)."""
    reason = _read(value)[1]
    return None if reason == "shape" else reason
