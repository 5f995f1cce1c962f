"""Date words in other languages, read by the maintained dateparser library.

dateparser resolves a phrase to one point and names its period (day, week, month, year);
this module turns the point back into the run of days the words mean (the ISO week, the
calendar month or year holding it). Direction stays with meaning.py: the phrase is read
once preferring the past and once the future; when the two differ the words carry no tense
(a bare weekday, month or day of a month) and the project's windows decide.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from .meaning import (Meaning, day, day_of_month_meaning, fixed, iso_week, month, month_meaning,
                      weekday_meaning, year)


@lru_cache(maxsize=4096)
def _parser(language: str, published: date, prefer: str):
    from dateparser.date import DateDataParser

    base = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=[language], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False})


def _point(text: str, language: str, published: date, prefer: str) -> tuple[date | None, str | None]:
    data = _parser(language, published, prefer).get_date_data(text)
    return (data.date_obj.date(), data.period) if data and data.date_obj else (None, None)


def _run(point: date, period: str):
    return {"day": lambda: day(point), "week": lambda: iso_week(point), "month": lambda: month(point.year, point.month),
            "year": lambda: year(point.year)}[period]()


def interpret(text: str, published: date, language: str) -> Meaning | None:
    try:
        past, period = _point(text, language, published, "past")
        future, period_then = _point(text, language, published, "future")
    except (ValueError, OverflowError, LookupError):  # an unknown language, a date past the calendar
        return None
    if past is None or future is None or period != period_then or period not in {"day", "week", "month", "year"}:
        return None  # nothing read, or a time of day ("il y a trois heures") that a published date cannot place
    if past == future:
        return fixed(_run(past, period), published)
    if period == "day" and (future - past).days % 7 == 0:
        return weekday_meaning(past.weekday(), published)
    if period == "day" and (past.month, past.day) == (future.month, future.day):
        return day_of_month_meaning(past.month, past.day, published)
    if period == "month" and past.month == future.month:
        return month_meaning(past.month, published)
    return None
