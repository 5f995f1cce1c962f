"""Date words as reported agree with the coded date and the source's publication date."""

from __future__ import annotations

from collections.abc import Iterator

from .. import conventions
from ..context import Context
from ..datewords import Meaning, interpret
from ..registry import check, code
from ..report import Error, show
from ..tables import rows
from .dates import PRECISION_RANK, FuzzyDate, parse


def disagreement(meaning: Meaning, coded: FuzzyDate) -> str | None:
    """Why the coded date cannot be what the words mean, or None when it can."""
    if meaning.year is not None and coded.year != meaning.year:
        return f"the year is {coded.year}"
    if meaning.month is not None and coded.month is not None and coded.month != meaning.month:
        return f"the month is {coded.month:02d}"
    if meaning.day is not None and coded.day is not None and coded.day != meaning.day:
        return f"the day is {coded.day:02d}"
    if meaning.weekday is not None and coded.day is not None and coded.start.weekday() != meaning.weekday:
        return f"{coded.start} is a {coded.start.strftime('%A')}"
    if meaning.earliest and (coded.end < meaning.earliest or coded.start > meaning.latest):
        return f"it lies outside {meaning.earliest} to {meaning.latest}"
    if meaning.months and meaning.published:
        pub = meaning.published
        delta = (coded.year - pub.year) * 12 + (coded.month or meaning.month) - pub.month
        lo, hi = meaning.months
        if not lo <= delta <= hi:
            return f"it is {delta:+d} months from publication"
    return None


@check(
    code("DE303", "date-words", "A date disagrees with the source's own words for it",
         "Resolve the words against the source's published_date: a weekday within a week of it, 'last year' as the year before, a month name within a year of it.",
         wrong="date = 2025-09-01, date_as_reported = on Tuesday   (source published Tuesday 2025-09-02)",
         fixed="date = 2025-09-02, date_as_reported = on Tuesday"),
    code("DE304", "date-precision", "A date is more precise than the source's words support",
         "Shorten the date to what the words say (YYYY for a year, YYYY-MM for a month) and put outside knowledge of the exact day in notes.",
         wrong="date = 2024-07-03, date_as_reported = in 2024",
         fixed="date = 2024, date_as_reported = in 2024, notes = Other reports date it 3 July 2024."),
    code("DE305", "date-words-unchecked", "Date words the checker cannot interpret",
         "Nothing to fix: a person should check these dates by hand.",
         wrong="date_as_reported = shortly after the summit",
         fixed="(a notice: check the date by hand; nothing to fix if it is right)",
         severity="notice"))
def date_words(ctx: Context) -> Iterator[Error]:
    """Check every date that has an X_as_reported column against its words."""
    for table, frame in ctx.readable():
        if "source_id" not in frame:
            continue
        for name in table.resource.date_fields:
            words_name = conventions.words_for(name)
            if words_name not in frame:
                continue
            for line, row in rows(frame, [name, words_name, "source_id"]):
                yield from _check_one(ctx, table.file, int(line), name, row[name], row[words_name],
                                      row["source_id"])


def _check_one(ctx, file, line, name, value, words, source_id) -> Iterator[Error]:
    words_name = conventions.words_for(name)
    coded = parse(value) if value else None
    if words and value is None:
        yield Error(file, line, name, "date-words", f"is empty, but the source dates it {show(words)}",
                    hint=f"Code the date that {show(words)} means, resolved against the source's published_date.")
        return
    if coded is None:
        return  # no date, or a malformed one reported by other rules
    if not words:
        yield Error(file, line, words_name, "date-words-unchecked",
                    f"{name} {show(value)} has no words as reported; check it by hand")
        return
    published = ctx.published(source_id)
    if published is None:
        return  # the source row's own errors explain why
    meaning = interpret(words, published)
    if meaning is None:
        yield Error(file, line, words_name, "date-words-unchecked",
                    f"{show(words)} is not a phrase the checker understands; {name} {show(value)} "
                    "is unchecked")
        return
    if PRECISION_RANK[coded.precision] > PRECISION_RANK[meaning.precision]:
        yield Error(file, line, name, "date-precision",
                    f"{show(value)} is more precise than {show(words)}, which gives only the {meaning.precision}")
    why = disagreement(meaning, coded)
    if why:
        yield Error(file, line, name, "date-words",
                    f"{show(value)} disagrees with {show(words)}: that means {meaning.explain}, but {why}")
