"""Date words as reported agree with the coded date and the source's publication date."""

from __future__ import annotations

from collections.abc import Iterator

from functools import lru_cache

from .. import conventions
from ..context import Context
from ..datewords import Meaning, interpret
from ..registry import check, code
from ..report import Error, show
from ..tables import rows
from .dates import FuzzyDate, parse

_PLAIN_PRECISION = {"year": "the year", "month": "the month"}


def disagreement(meaning: Meaning, coded: FuzzyDate) -> str | None:
    """Why the coded date cannot be what the words mean, or None when it can: it lies inside
    a reading (perhaps too precisely, see too_precise) or covers one (a coarser date)."""
    readings = meaning.readings
    if any(coded.covers(r) or r.covers(coded) for r in readings):
        return None
    shown = coded.words
    if meaning.weekday is not None and coded.precision == "day" and coded.start.weekday() != meaning.weekday:
        return f"{shown} is a {coded.start:%A}"
    them = "it" if len(readings) == 1 else "both"
    if coded.end < meaning.earliest:
        return f"{shown} lies before {them}"
    if coded.start > meaning.latest:
        return f"{shown} lies after {them}"
    if not any(coded.start <= r.end and r.start <= coded.end for r in readings):
        return f"{shown} lies between them"
    return f"{shown} overlaps {'it' if len(readings) == 1 else 'one'} only in part"


def too_precise(meaning: Meaning, coded: FuzzyDate) -> str | None:
    """What the words give, when the coded date lies strictly inside a reading (more precise than
    the words); None otherwise."""
    if any(coded.covers(r) for r in meaning.readings):
        return None
    inside = next((r for r in meaning.readings if r.covers(coded)), None)
    if inside is None:
        return None
    return f"{_PLAIN_PRECISION.get(inside.precision, inside.words)}: code {inside.iso}"


@check(
    code("DE303", "date-words", "A date disagrees with the source's own words for it",
         "Resolve the words against the source's published_date (dipevents date WORDS --published YYYY-MM-DD prints the days they allow) and code a date inside those days, or one that covers them.",
         wrong="date = 2025-09-04, date_as_reported = last week   (source published Tuesday 2025-09-02)",
         fixed="date = 2025-08-25/2025-08-31, date_as_reported = last week"),
    code("DE304", "date-precision", "A date is more precise than the source's words support",
         "Widen the date to what the words say (YYYY for a year, YYYY-MM for a month, YYYY-MM-DD/YYYY-MM-DD for a week) and put outside knowledge of the exact day in notes.",
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
                for column, rule, message, hint in _verdict(ctx, name, row[name], row[words_name],
                                                            row["source_id"]):
                    yield Error(table.file, int(line), column, rule, message, hint=hint)


def _verdict(ctx, name, value, words, source_id) -> list[tuple]:
    """(column, rule, message, hint) for one date and its words; the same date, words and source
    give the same verdict, worked out once (the rule runs on every row)."""
    source = ctx.sources.get(source_id) or {}
    return _judge(name, value, words, ctx.published(source_id), source.get("language"))


@lru_cache(maxsize=65536)
def _judge(name, value, words, published, language) -> list[tuple]:
    return [(e.column, e.rule, e.message, e.hint) for e in _check_one(name, value, words, published, language)]


def _check_one(name, value, words, published, language) -> Iterator[Error]:
    file, line = "", 0  # filled in by the caller
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
    if published is None:
        return  # the source row's own errors explain why
    meaning = interpret(words, published, language)
    if meaning is None:
        yield Error(file, line, words_name, "date-words-unchecked",
                    f"{show(words)} is not a phrase the checker understands; {name} {show(value)} "
                    "is unchecked")
        return
    gives = too_precise(meaning, coded)
    if gives:
        yield Error(file, line, name, "date-precision",
                    f"{show(value)} is more precise than {show(words)}, which gives only {gives}")
    why = disagreement(meaning, coded)
    if why:
        yield Error(file, line, name, "date-words",
                    f"{show(value)} disagrees with {show(words)}: {meaning.explain}, and {why}")
