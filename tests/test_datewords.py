"""Date words resolve to the runs of days they allow, phrase family by phrase family.

English goes through the project's grammar, other languages through dateparser. Expected
days are worked out by hand from a calendar: Friday 2024-05-10 is the usual publication
date (its ISO week runs Monday 2024-05-06 to Sunday 2024-05-12).
"""

from __future__ import annotations

from datetime import date

import pytest

from dipevents.datewords import interpret

FRIDAY = date(2024, 5, 10)


def days(words: str, published: date = FRIDAY, language: str = "en") -> tuple[str, list[str]] | None:
    """(precision, [first/last day of each reading])."""
    meaning = interpret(words, published, language)
    if meaning is None:
        return None
    return meaning.precision, [f"{r.start}/{r.end}" for r in meaning.readings]


ENGLISH = [
    # weekdays: without tense within six days either side; last/next; time of day keeps the day
    ("weekday", "on Monday", ("day", ["2024-05-06/2024-05-06", "2024-05-13/2024-05-13"])),
    ("weekday", "on Friday", ("day", ["2024-05-10/2024-05-10"])),
    ("weekday", "last Friday", ("day", ["2024-05-03/2024-05-03"])),
    ("weekday", "next Friday", ("day", ["2024-05-17/2024-05-17"])),
    ("weekday", "late Monday", ("day", ["2024-05-06/2024-05-06", "2024-05-13/2024-05-13"])),
    ("weekday", "on Monday night", ("day", ["2024-05-06/2024-05-06", "2024-05-13/2024-05-13"])),
    ("weekday", "late on Tuesday", ("day", ["2024-05-07/2024-05-07", "2024-05-14/2024-05-14"])),
    ("weekday", "last Thursday evening", ("day", ["2024-05-09/2024-05-09"])),
    # today, yesterday...
    ("relative day", "today", ("day", ["2024-05-10/2024-05-10"])),
    ("relative day", "tonight", ("day", ["2024-05-10/2024-05-10"])),
    ("relative day", "yesterday", ("day", ["2024-05-09/2024-05-09"])),
    ("relative day", "late yesterday", ("day", ["2024-05-09/2024-05-09"])),
    ("relative day", "last night", ("day", ["2024-05-09/2024-05-09"])),
    ("relative day", "tomorrow morning", ("day", ["2024-05-11/2024-05-11"])),
    ("relative day", "the day before yesterday", ("day", ["2024-05-08/2024-05-08"])),
    # N days ago, digits and words
    ("days ago", "two days ago", ("day", ["2024-05-08/2024-05-08"])),
    ("days ago", "10 days ago", ("day", ["2024-04-30/2024-04-30"])),
    ("days ago", "a day ago", ("day", ["2024-05-09/2024-05-09"])),
    # ISO weeks
    ("week", "last week", ("span", ["2024-04-29/2024-05-05"])),
    ("week", "this week", ("span", ["2024-05-06/2024-05-12"])),
    ("week", "next week", ("span", ["2024-05-13/2024-05-19"])),
    ("week", "earlier this week", ("span", ["2024-05-06/2024-05-09"])),
    ("week", "later this week", ("span", ["2024-05-11/2024-05-12"])),
    # months relative to publication
    ("month", "last month", ("month", ["2024-04-01/2024-04-30"])),
    ("month", "this month", ("month", ["2024-05-01/2024-05-31"])),
    ("month", "next month", ("month", ["2024-06-01/2024-06-30"])),
    ("month", "earlier this month", ("span", ["2024-05-01/2024-05-09"])),
    ("month", "later this month", ("span", ["2024-05-11/2024-05-31"])),
    ("month", "late last month", ("span", ["2024-04-21/2024-04-30"])),
    ("month", "at the end of last month", ("span", ["2024-04-21/2024-04-30"])),
    # years relative to publication
    ("year", "last year", ("year", ["2023-01-01/2023-12-31"])),
    ("year", "next year", ("year", ["2025-01-01/2025-12-31"])),
    ("year", "earlier this year", ("span", ["2024-01-01/2024-05-09"])),
    ("year", "later this year", ("span", ["2024-05-11/2024-12-31"])),
    # a month named with a year, or without one (within eleven months either side)
    ("month name", "in December last year", ("month", ["2023-12-01/2023-12-31"])),
    ("month name", "in December of last year", ("month", ["2023-12-01/2023-12-31"])),
    ("month name", "in June next year", ("month", ["2025-06-01/2025-06-30"])),
    ("month name", "in November", ("month", ["2023-11-01/2023-11-30", "2024-11-01/2024-11-30"])),
    ("month name", "in May", ("month", ["2024-05-01/2024-05-31"])),
    ("month name", "last December", ("month", ["2023-12-01/2023-12-31"])),
    ("month name", "next March", ("month", ["2025-03-01/2025-03-31"])),
    ("month name", "in March 2023", ("month", ["2023-03-01/2023-03-31"])),
    ("month name", "Sept. 2023", ("month", ["2023-09-01/2023-09-30"])),
    # early / mid / late month: days 1-10, 11-20, 21 to the end
    ("month part", "early June", ("span", ["2023-06-01/2023-06-10", "2024-06-01/2024-06-10"])),
    ("month part", "mid-June 2024", ("span", ["2024-06-11/2024-06-20"])),
    ("month part", "in late February 2024", ("span", ["2024-02-21/2024-02-29"])),
    ("month part", "the second half of April 2024", ("span", ["2024-04-16/2024-04-30"])),
    # a day of a month, either order, with or without a year or a weekday
    ("day of a month", "on March 5", ("day", ["2024-03-05/2024-03-05", "2025-03-05/2025-03-05"])),
    ("day of a month", "5 March", ("day", ["2024-03-05/2024-03-05", "2025-03-05/2025-03-05"])),
    ("day of a month", "the 5th of March", ("day", ["2024-03-05/2024-03-05", "2025-03-05/2025-03-05"])),
    ("day of a month", "on 3 May 2024", ("day", ["2024-05-03/2024-05-03"])),
    ("day of a month", "May 3, 2024", ("day", ["2024-05-03/2024-05-03"])),
    ("day of a month", "on Tuesday, 7 May", ("day", ["2024-05-07/2024-05-07"])),
    ("day of a month", "on 29 February", ("day", ["2024-02-29/2024-02-29"])),  # no 29 February 2025
    # years and explicit dates
    ("year number", "in 2022", ("year", ["2022-01-01/2022-12-31"])),
    ("year number", "mid-2022", ("year", ["2022-01-01/2022-12-31"])),  # the months are not guessed
    ("ISO date", "2024-05-09", ("day", ["2024-05-09/2024-05-09"])),
    ("ISO date", "2024-04-29/2024-05-05", ("span", ["2024-04-29/2024-05-05"])),
]


@pytest.mark.parametrize("family, words, expected", ENGLISH, ids=[f"{f}: {w}" for f, w, _ in ENGLISH])
def test_english_phrase_families(family, words, expected):
    assert days(words) == expected


def test_a_week_across_the_new_year():
    assert days("last week", date(2025, 1, 8)) == ("span", ["2024-12-30/2025-01-05"])


def test_a_weekday_on_its_own_day_of_publication_is_that_day():
    # 2025-09-02 is a Tuesday: the Tuesdays before and after are seven days away
    assert days("on Tuesday", date(2025, 9, 2)) == ("day", ["2025-09-02/2025-09-02"])


def test_capitals_curly_quotes_and_spaces_do_not_matter():
    assert days("  In  December Last Year. ") == ("month", ["2023-12-01/2023-12-31"])
    assert days("Monday\u2019s talks") is None  # a noun phrase, not a date
    assert days("late Monday") == days("LATE MONDAY")


@pytest.mark.parametrize("words", ["recently", "in recent years", "after the summit", "on Tuesday week",
                                   "in the past year", "over the coming month", "on 31 February 2025",
                                   "earlier this month" + " or so", "on Wednesday, 7 May", "shortly before"])
def test_english_words_outside_the_grammar(words):
    assert interpret(words, FRIDAY) is None


def test_earlier_this_month_on_the_first_allows_no_day():
    assert interpret("earlier this month", date(2024, 5, 1)) is None


LIBRARY = [
    # dateparser gives a point and its period; the reader turns it into the run of days
    ("fr", "la semaine dernière", ("span", ["2024-04-29/2024-05-05"])),
    ("fr", "la semaine prochaine", ("span", ["2024-05-13/2024-05-19"])),
    ("fr", "l'année dernière", ("year", ["2023-01-01/2023-12-31"])),
    ("fr", "le mois dernier", ("month", ["2024-04-01/2024-04-30"])),
    ("fr", "hier", ("day", ["2024-05-09/2024-05-09"])),
    ("fr", "il y a deux jours", ("day", ["2024-05-08/2024-05-08"])),
    ("fr", "mardi", ("day", ["2024-05-07/2024-05-07", "2024-05-14/2024-05-14"])),  # no tense: both
    ("fr", "en novembre", ("month", ["2023-11-01/2023-11-30", "2024-11-01/2024-11-30"])),
    ("fr", "le 5 mars", ("day", ["2024-03-05/2024-03-05", "2025-03-05/2025-03-05"])),
    ("fr", "5 mars 2024", ("day", ["2024-03-05/2024-03-05"])),
    ("fr", "2023", ("year", ["2023-01-01/2023-12-31"])),
    ("es", "la semana pasada", ("span", ["2024-04-29/2024-05-05"])),
    ("es", "el año pasado", ("year", ["2023-01-01/2023-12-31"])),
    ("es", "ayer", ("day", ["2024-05-09/2024-05-09"])),
    ("ru", "на прошлой неделе", ("span", ["2024-04-29/2024-05-05"])),
    ("ru", "во вторник", ("day", ["2024-05-07/2024-05-07", "2024-05-14/2024-05-14"])),
    ("ru", "два дня назад", ("day", ["2024-05-08/2024-05-08"])),
]


@pytest.mark.parametrize("language, words, expected", LIBRARY, ids=[f"{lang}: {w}" for lang, w, _ in LIBRARY])
def test_other_languages_through_dateparser(language, words, expected):
    assert days(words, language=language) == expected


def test_a_french_weekday_on_its_own_day_of_publication_keeps_the_window():
    assert days("mardi", date(2025, 9, 2), "fr") == ("day", ["2025-09-02/2025-09-02"])


@pytest.mark.parametrize("language, words", [("fr", "après le sommet"), ("fr", "début juin"), ("fr", "récemment"),
                                             ("xx", "mardi"), ("fr", "last week")])
def test_words_dateparser_cannot_place_are_not_interpreted(language, words):
    assert interpret(words, FRIDAY, language) is None


def test_each_distinct_phrase_is_resolved_once():
    interpret.cache_clear()
    for _ in range(1000):
        interpret("last week", FRIDAY, "en")
    info = interpret.cache_info()
    assert (info.misses, info.hits) == (1, 999)
