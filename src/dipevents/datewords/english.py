"""The project's own grammar for English date words, as reporters write them.

dateparser reads English too, but gives a point where reporters mean a run of days ("last
week" is publication minus seven days to it) and gives up on "earlier this month", "in
December last year" or "late Monday"; this grammar returns the run of days instead. Each
pattern below is a phrase family; codebook.md ("Dates") lists them with examples.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from ..isodate import Span
from ..isodate import parse as parse_iso
from .meaning import (Meaning, day, day_of_month_meaning, fixed, iso_week, make, month, month_meaning,
                      month_part, weekday_meaning, year)

WEEKDAYS = [d.lower() for d in calendar.day_name]
MONTHS = [m.lower() for m in calendar.month_name][1:]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())} | {"a": 1, "an": 1, "thirty": 30}

_WD = "(?P<wd>" + "|".join(WEEKDAYS) + ")"
_MON = "(?P<mon>" + "|".join(MONTHS + sorted(_MONTH_ABBR, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>[0-9]{4})"
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
_REL = r"(?P<rel>this|last|next)"
# Words before the date that do not change it ("on", "in", "earlier on"...).
_LEAD = r"(?:(?:on|in|since|during|by|until|from|of|at|around|as of) )*"
_LEAD_LOOSE = r"(?:(?:on|in|since|during|by|until|from|of|at|around|as of|earlier|later) )*"
# A part of a month: early (days 1-10), mid (11-20), late (21-end).
_PART_WORDS = (r"(?P<part>early|late|mid|the end of|the beginning of|the start of|the middle of"
               r"|the first half of|the second half of)[- ](?:in )?")
_PART = "(?:" + _PART_WORDS + ")?"
_PARTS = {"early": "early", "the beginning of": "early", "the start of": "early", "mid": "mid",
          "the middle of": "mid", "late": "late", "the end of": "late"}
_HALVES = {"the first half of": (1, 15), "the second half of": (16, 31)}
# "2024", "of 2024", "last year", "of last year" after a month or a day.
_YEAR_TAIL = r"(?:,? (?:of )?(?:" + _YEAR + r"|(?P<yrel>this|last|next) year))?"
_TIME_OF_DAY = r"(?:'s)?(?: (?:morning|afternoon|evening|night))?"
_DAY_EDGE = r"(?:(?:late|early) (?:on )?)?"
_RELDAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
            "yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
            "the day after tomorrow": 2}


def normalise(phrase: str) -> str:
    text = phrase.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).strip().strip(".,;:").strip().lower()


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return MONTHS.index(name) + 1 if name in MONTHS else _MONTH_ABBR[name]


def _year_of(g: dict, pub: date) -> int | None:
    if g.get("year"):
        return int(g["year"])
    if g.get("yrel"):
        return pub.year + {"this": 0, "last": -1, "next": 1}[g["yrel"]]
    return None


def _relday(g: dict, pub: date) -> Meaning:
    return fixed(day(pub + timedelta(_RELDAYS[g["rel"]])), pub)


def _ago(g: dict, pub: date) -> Meaning:
    n = int(g["n"]) if g["n"].isdigit() else NUMBERS[g["n"]]
    return fixed(day(pub - timedelta(n)), pub)


def _week(g: dict, pub: date) -> Meaning | None:
    week = iso_week(pub, {"this": 0, "last": -1, "next": 1}[g["rel"]])
    edge = g.get("edge")
    if edge and g["rel"] == "this":  # earlier this week: Monday to the day before publication
        week = (week.start, pub - timedelta(1)) if edge == "earlier" else (pub + timedelta(1), week.end)
        return make([Span(*week)] if week[0] <= week[1] else [], pub)
    return fixed(week, pub)


def _relmonth(g: dict, pub: date) -> Meaning | None:
    shift = {"this": 0, "last": -1, "next": 1}[g["rel"]]
    first = date(pub.year, pub.month, 1)
    index = first.year * 12 + first.month - 1 + shift
    y, m = divmod(index, 12)
    edge = g.get("edge")
    if edge and shift == 0:  # earlier/later this month: the month's days before/after publication
        whole = month(y, m + 1)
        run = (whole.start, pub - timedelta(1)) if edge == "earlier" else (pub + timedelta(1), whole.end)
        return make([Span(*run)] if run[0] <= run[1] else [], pub)
    return fixed(_part_of(y, m + 1, g.get("part")), pub)


def _relyear(g: dict, pub: date) -> Meaning | None:
    y = pub.year + {"this": 0, "last": -1, "next": 1}[g["rel"]]
    edge = g.get("edge")
    if edge and g["rel"] == "this":  # earlier/later this year: the year's days before/after publication
        run = (date(y, 1, 1), pub - timedelta(1)) if edge == "earlier" else (pub + timedelta(1), date(y, 12, 31))
        return make([Span(*run)] if run[0] <= run[1] else [], pub)
    return fixed(year(y), pub)


def _weekday(g: dict, pub: date) -> Meaning | None:
    return weekday_meaning(WEEKDAYS.index(g["wd"]), pub, (g.get("rel") or "").strip())


def _day(g: dict, pub: date) -> Meaning | None:
    m, d = _month_number(g["mon"]), int(g["day"])
    weekday = WEEKDAYS.index(g["wd"]) if g.get("wd") else None
    y = _year_of(g, pub)
    if y is None:
        return day_of_month_meaning(m, d, pub, weekday)
    when = date(y, m, d)  # 31 February raises: the phrase is left unchecked
    return make([day(when)] if weekday is None or when.weekday() == weekday else [], pub)


def _month(g: dict, pub: date) -> Meaning | None:
    m = _month_number(g["mon"])
    y = _year_of(g, pub)
    if y is not None:
        return fixed(_part_of(y, m, g.get("part")), pub)
    meaning = month_meaning(m, pub, (g.get("rel") or "").strip(), _PARTS.get(g.get("part") or ""))
    if meaning and g.get("part") in _HALVES:
        return make([_part_of(r.start.year, m, g["part"]) for r in meaning.readings], pub, meaning.note)
    return meaning


def _year(g: dict, pub: date) -> Meaning:
    # "early 2024" or "mid-2024" gives only the year: the checker does not guess which months.
    return fixed(year(int(g["year"])), pub)


def _iso(g: dict, pub: date) -> Meaning | None:
    span = parse_iso(g["iso"])
    return fixed(span, pub) if span else None


def _part_of(y: int, m: int, part: str | None):
    if part in _HALVES:
        first, last = _HALVES[part]
        whole = month(y, m)
        return Span(date(y, m, first), date(y, m, min(last, whole.end.day)))
    return month_part(y, m, _PARTS.get(part or ""))


# (family, pattern, reader), tried in order; the first full match decides.
GRAMMAR = [
    ("relative day", re.compile(_LEAD + _DAY_EDGE + r"(?P<rel>" + "|".join(_RELDAYS) + ")" + _TIME_OF_DAY),
     _relday),
    ("days ago", re.compile(_LEAD + r"(?P<n>[0-9]{1,3}|" + "|".join(NUMBERS) + r") days? ago"), _ago),
    ("week", re.compile(_LEAD + r"(?:(?P<edge>earlier|later) )?" + _REL + " week"), _week),
    ("month", re.compile(_LEAD + r"(?:(?P<edge>earlier|later) |" + _PART_WORDS + r")?" + _REL + " month"),
     _relmonth),
    ("year", re.compile(_LEAD + r"(?:(?P<edge>earlier|later) )?" + _PART + _REL + " year"), _relyear),
    ("weekday", re.compile(_LEAD_LOOSE + _DAY_EDGE + r"(?:(?P<rel>last|next|this) )?" + _WD + _TIME_OF_DAY),
     _weekday),
    ("day of a month", re.compile(_LEAD_LOOSE + r"(?:" + _WD + r",? )?(?:the )?" + _DAY + r" (?:of )?" + _MON
                                  + _YEAR_TAIL), _day),
    ("month and day", re.compile(_LEAD_LOOSE + r"(?:" + _WD + r",? )?" + _MON + " " + _DAY + _YEAR_TAIL), _day),
    ("month name", re.compile(_LEAD_LOOSE + _PART + r"(?:(?P<rel>last|next|this) )?" + _MON + _YEAR_TAIL),
     _month),
    ("year number", re.compile(_LEAD_LOOSE + _PART + _YEAR), _year),
    ("ISO date", re.compile(_LEAD + r"(?P<iso>[0-9]{4}-[0-9]{2}(?:-[0-9]{2}(?:/[0-9]{4}-[0-9]{2}-[0-9]{2})?)?)"),
     _iso),
]
# The families that read the same in every language: tried first for non-English sources too.
NEUTRAL = ("year number", "ISO date")


def interpret(phrase: str, published: date, families=None) -> Meaning | None:
    found = _match(phrase, None if families is None else tuple(families))
    if found is None:
        return None
    _family, reader, groups = found
    try:
        return reader(groups, published)
    except (ValueError, OverflowError):  # a date at the calendar's edge, or 31 February
        return None


@lru_cache(maxsize=65536)
def _match(phrase: str, families: tuple | None):
    """(family, reader, the phrase's named parts) of the first family the phrase matches in full, or
    None: worked out once per phrase, whatever the publication date (readers never change the parts)."""
    text = normalise(phrase)
    for family, rx, reader in GRAMMAR:
        if families is not None and family not in families:
            continue
        m = rx.fullmatch(text)
        if m:
            return family, reader, m.groupdict()
    return None


@lru_cache(maxsize=65536)
def sense(phrase: str) -> tuple | None:
    """What the grammar reads in PHRASE (its family and named parts), or None: two phrases with
    the same sense ("in March", "March") resolve alike against every publication date."""
    found = _match(phrase, None)
    return None if found is None else (found[0], tuple(sorted(found[2].items())))


@lru_cache(maxsize=65536)
def anchor(phrase: str) -> str:
    """What of the publication date the days PHRASE allows depend on, so that callers resolve
    it once for every publication date that shares it (the days shifted by the anchor day):

    - "fixed": nothing ("in 2024", "3 May 2025", words the grammar does not read);
    - "year" / "month": the publication's year / year and month ("last year", "in March");
    - "week": the Monday of the publication's week, days counted from it ("last week");
    - "day": the publication day, days counted from it ("yesterday", "three days ago");
    - "weekday": the publication day and its weekday, days counted from it ("on Tuesday");
    - "yearday": the publication's month and which of its year and the years either side are
      leap years, days counted from 1 January of its year ("in March", "3 May", "last month");
    - "exact": the publication day itself ("earlier this month")."""
    found = _match(phrase, None)
    if found is None:
        return "fixed"
    family, _reader, g = found
    edge = g.get("edge") and g.get("rel") == "this"
    if family in ("relative day", "days ago"):
        return "day"
    if family in ("week", "month", "year"):
        return "exact" if edge else "yearday" if family == "month" else family
    if family == "weekday":
        return "weekday"
    if family in ("day of a month", "month and day", "month name"):
        # a weekday with the day ("Tuesday, 3 May") needs the year's own calendar
        return "fixed" if g.get("year") else "year" if g.get("yrel") else "month" if g.get("wd") else "yearday"
    return "fixed"  # a year number, an ISO date
