"""What date words mean: the runs of days they allow, and the calendar arithmetic behind them.

Both readers (the English grammar and the dateparser path) build Meanings from these
helpers, so direction and windows are decided here, in one place:

- a weekday without tense is the one within six days of publication (before or after);
  "last" puts it 1-7 days before, "next" 1-7 days after;
- a month (or a day of a month) without a year lies within eleven months of the
  publication month; "last" puts it 1-12 months before, "next" 1-12 months after;
- a week is an ISO week, Monday to Sunday;
- early, mid and late split a month into days 1-10, 11-20 and 21 to its end.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..isodate import Span, day, month, year

WEEKDAY_WINDOWS = {"": (-6, 6), "this": (-6, 6), "last": (-7, -1), "next": (1, 7)}
MONTH_WINDOWS = {"": (-11, 11), "this": (-11, 11), "last": (-12, -1), "next": (1, 12)}
MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_WINDOW_WORDS = {6: "six days", 11: "eleven months"}


@dataclass(frozen=True)
class Meaning:
    """The runs of days date words allow, resolved against the source's publication date.

    Most words allow one run; a weekday or a month named without tense or year may allow
    two (one before publication, one after): the coded date must fit one of them."""

    readings: tuple[Span, ...]
    published: date
    note: str = ""  # how an open direction was resolved, for the messages
    weekday: int | None = None  # Monday is 0, when the words name a weekday

    @property
    def precision(self) -> str:
        """The finest precision the words support (the same for every reading)."""
        return self.readings[0].precision

    @property
    def earliest(self) -> date:
        return min(r.start for r in self.readings)

    @property
    def latest(self) -> date:
        return max(r.end for r in self.readings)

    @property
    def days(self) -> str:
        """The readings said plainly: "2024-04-29 to 2024-05-05", "2024-11 or 2025-11"."""
        return " or ".join(r.words for r in self.readings)

    @property
    def explain(self) -> str:
        note = f" ({self.note})" if self.note else ""
        return f"for a source published {self.published} that is {self.days}{note}"


def make(readings, published: date, note: str = "", weekday: int | None = None) -> Meaning | None:
    """A Meaning, or None when no day fits the words (say, "earlier this month" on the 1st)."""
    readings = set(readings)
    readings = tuple(sorted(readings)) if len(readings) > 1 else tuple(readings)
    return Meaning(readings, published, note, weekday) if readings else None


def add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    y, m = divmod(index, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def iso_week(d: date, shift: int = 0) -> Span:
    """The ISO week (Monday to Sunday) SHIFT weeks from the one holding D."""
    monday = d - timedelta(d.weekday()) + timedelta(weeks=shift)
    return Span(monday, monday + timedelta(6))


@lru_cache(maxsize=4096)
def month_part(y: int, m: int, part: str | None) -> Span:
    """A whole month, or its early (1-10), mid (11-20) or late (21-end) days."""
    whole = month(y, m)
    if not part:
        return whole
    first, last = MONTH_PARTS[part]
    return Span(date(y, m, first), date(y, m, min(last, whole.end.day)))


def weekday_meaning(weekday: int, published: date, rel: str = "") -> Meaning | None:
    lo, hi = WEEKDAY_WINDOWS[rel]
    for edge in (lo, hi):  # a window past the calendar's edge raises OverflowError (callers give up on the words)
        published + timedelta(edge)
    today = published.weekday()
    found = [day(published + timedelta(k)) for k in range(lo, hi + 1) if (today + k) % 7 == weekday]
    name = calendar.day_name[weekday]
    note = f"the {name} within {_WINDOW_WORDS[hi]} of it, before or after" if not rel or rel == "this" else ""
    return make(found, published, note, weekday)


def _months_around(published: date, m: int, rel: str):
    return _years_around(published.year, published.month, m, rel)


@lru_cache(maxsize=65536)
def _years_around(year: int, month: int, m: int, rel: str) -> tuple[int, ...]:
    """The years in which month M lies within REL's window of the publication month (depends
    on the publication's year and month only, so worked out once for each)."""
    lo, hi = MONTH_WINDOWS[rel]
    return tuple(y for y in range(year - 2, year + 3) if lo <= (y - year) * 12 + m - month <= hi)


def month_meaning(m: int, published: date, rel: str = "", part: str | None = None) -> Meaning | None:
    """A month named without a year (optionally its early, mid or late days)."""
    found = [month_part(y, m, part) for y in _months_around(published, m, rel)]
    note = (f"{calendar.month_name[m]} within eleven months of it, before or after"
            if not rel or rel == "this" else "")
    return make(found, published, note)


def day_of_month_meaning(m: int, d: int, published: date, weekday: int | None = None) -> Meaning | None:
    """A day of a month named without a year: within eleven months of publication."""
    return make(_days_of_month(m, d, published.year, published.month, weekday), published,
                f"{d} {calendar.month_name[m]} within eleven months of it, before or after")


@lru_cache(maxsize=65536)
def _days_of_month(m: int, d: int, year: int, month: int, weekday: int | None) -> tuple[Span, ...]:
    found = []
    for y in _years_around(year, month, m, ""):
        try:
            candidate = date(y, m, d)
        except ValueError:  # 29 February outside a leap year
            continue
        if weekday is None or candidate.weekday() == weekday:
            found.append(day(candidate))
    return tuple(found)


def fixed(span: Span, published: date) -> Meaning:
    return Meaning((span,), published)


__all__ = ["Meaning", "Span", "add_months", "day", "day_of_month_meaning", "fixed", "iso_week", "make",
           "month", "month_meaning", "month_part", "weekday_meaning", "year"]
