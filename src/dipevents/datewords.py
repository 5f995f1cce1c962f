"""What a source's date words ("on Tuesday", "last year", "in November") say about a date.

``interpret`` turns a phrase and the source's publication date into a Meaning: the finest
precision the words support and the values they fix. A phrase outside the small grammar
below gives None: the date is then listed as unchecked, never failed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = [d.lower() for d in calendar.day_name]
MONTHS = [m.lower() for m in calendar.month_name][1:]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}

_WD = "(?P<wd>" + "|".join(WEEKDAYS) + ")"
_MON = "(?P<mon>" + "|".join(MONTHS + sorted(_MONTH_ABBR, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>[0-9]{4})"
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
_LEAD = r"(?:(?:on|in|since|during|by|until|from|of|at|earlier|later|around) )*"
_PART = r"(?:(?:early|late|mid|the end of|the beginning of|the start of)[- ])?"

_GRAMMAR = [
    ("weekday", re.compile(_LEAD + r"(?P<rel>last |next |this )?" + _WD)),
    ("relday", re.compile(_LEAD + r"(?P<rel>yesterday|today|tomorrow)")),
    ("relyear", re.compile(_LEAD + r"(?P<rel>this|last|next) year")),  # not "the last year": 12 months
    ("relmonth", re.compile(_LEAD + r"(?P<rel>this|last|next) month")),
    ("daymonth", re.compile(_LEAD + r"(?:the )?" + _DAY + r" (?:of )?" + _MON + r"(?:,? " + _YEAR + ")?")),
    ("monthday", re.compile(_LEAD + _MON + " " + _DAY + r"(?:,? " + _YEAR + ")?")),
    ("month", re.compile(_LEAD + _PART + r"(?P<rel>last |next |this )?" + _MON + r"(?:,? " + _YEAR + ")?")),
    ("year", re.compile(_LEAD + _PART + _YEAR)),
]


@dataclass(frozen=True)
class Meaning:
    precision: str  # the finest precision the words support: year, month or day
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday is 0
    earliest: date | None = None  # the date must overlap [earliest, latest]
    latest: date | None = None
    months: tuple[int, int] | None = None  # months from publication the date's month may lie within
    published: date | None = None
    explain: str = ""


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return MONTHS.index(name) + 1 if name in MONTHS else _MONTH_ABBR[name]


def normalise(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase).strip().strip(".,;:").lower()


def interpret(phrase: str, published: date) -> Meaning | None:
    text = normalise(phrase)
    for kind, rx in _GRAMMAR:
        m = rx.fullmatch(text)
        if m:
            try:
                return _READERS[kind](m.groupdict(), published)
            except (ValueError, OverflowError):  # a date at the calendar's edge, or 31 February
                return None
    return None


def _weekday(g: dict, pub: date) -> Meaning:
    rel = (g.get("rel") or "").strip()
    lo, hi = {"last": (-7, -1), "next": (1, 7)}.get(rel, (-6, 6))
    return Meaning("day", weekday=WEEKDAYS.index(g["wd"]), earliest=pub + timedelta(lo),
                   latest=pub + timedelta(hi),
                   explain=f"a {g['wd'].title()} within a week of publication ({pub})")


def _relday(g: dict, pub: date) -> Meaning:
    d = pub + timedelta({"yesterday": -1, "today": 0, "tomorrow": 1}[g["rel"]])
    return Meaning("day", d.year, d.month, d.day, explain=f"{d} for a source published {pub}")


def _relyear(g: dict, pub: date) -> Meaning:
    year = pub.year + {"this": 0, "last": -1, "next": 1}[g["rel"]]
    return Meaning("year", year, explain=f"{year} for a source published {pub}")


def _relmonth(g: dict, pub: date) -> Meaning:
    d = _add_months(pub, {"this": 0, "last": -1, "next": 1}[g["rel"]])
    return Meaning("month", d.year, d.month, explain=f"{d:%Y-%m} for a source published {pub}")


# A month named without a year lies within eleven months of the publication month; "last"
# and "next" put it strictly before or after, up to a year away.
_MONTH_WINDOWS = {"": (-11, 11), "this": (-11, 11), "last": (-12, -1), "next": (1, 12)}


def _month(g: dict, pub: date) -> Meaning:
    month = _month_number(g["mon"])
    rel = (g.get("rel") or "").strip()
    if g.get("year"):
        return Meaning("month", int(g["year"]), month, explain=f"{g['year']}-{month:02d}")
    lo, hi = _MONTH_WINDOWS[rel]
    return Meaning("month", month=month, months=(lo, hi), published=pub,
                   explain=f"{(rel + ' ') if rel else ''}{calendar.month_name[month]}, {lo:+d} to {hi:+d} "
                           f"months from publication ({pub:%Y-%m})")


def _day(g: dict, pub: date) -> Meaning:
    month, day = _month_number(g["mon"]), int(g["day"])
    if g.get("year"):
        date(int(g["year"]), month, day)  # 31 February raises: the phrase is left unchecked
        return Meaning("day", int(g["year"]), month, day, explain=f"{g['year']}-{month:02d}-{day:02d}")
    return Meaning("day", month=month, day=day, months=_MONTH_WINDOWS[""], published=pub,
                   explain=f"{day} {calendar.month_name[month]}, within eleven months of publication ({pub:%Y-%m})")


def _year(g: dict, pub: date) -> Meaning:
    return Meaning("year", int(g["year"]), explain=g["year"])


_READERS = {"weekday": _weekday, "relday": _relday, "relyear": _relyear, "relmonth": _relmonth,
            "daymonth": _day, "monthday": _day, "month": _month, "year": _year}
