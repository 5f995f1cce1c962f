"""Date words as reported agree with the coded date and the source's publication date."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date


from .. import conventions
from ..context import Context
from ..datewords import ENGLISH, Meaning, interpret
from ..registry import check, code
from ..report import Error, show
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
         severity="notice"), per_row=True)
def date_words(ctx: Context) -> Iterator[Error]:
    """Check every date that has an X_as_reported column against its words."""
    about = {source_id: _about(ctx, source_id) for source_id in ctx.sources}  # once per run
    for table, frame in ctx.readable():
        if "source_id" not in frame:
            continue
        for name in table.resource.date_fields:
            words_name = conventions.words_for(name)
            if words_name not in frame:
                continue
            yield from _check_column(ctx, table, frame, name, words_name, about)


def _check_column(ctx, table, frame, name, words_name, known: dict) -> Iterator[Error]:
    """The rows of one date column. Most coded dates cover a run of days their words allow:
    those rows are settled in bulk (``_covered``). The others are judged once per distinct
    (date, words, publication date, language), and errors are built only for their rows."""
    import numpy as np
    import pandas as pd

    values, words = frame[name].to_numpy(object), frame[words_name].to_numpy(object)
    sources, source_ids = pd.factorize(frame["source_id"].to_numpy(object))
    # what a source contributes to the verdict, numbered: its publication date and language
    # (an empty source_id, numbered -1 by factorize, takes the last entry)
    about = [known[s] if s in known else _about(ctx, s) for s in source_ids] + [_about(ctx, None)]
    numbers: dict = {}
    context = np.array([numbers.setdefault(a, len(numbers)) for a in about], dtype=np.int64)[sources]
    contexts = list(numbers)
    value_code, distinct_values = pd.factorize(values)
    words_code, distinct_words = pd.factorize(words)
    settled = _covered(value_code, list(distinct_values), words_code, list(distinct_words), context, contexts)
    settled |= (value_code < 0) & (words_code < 0)  # no date and no words: nothing to say
    rest = np.flatnonzero(~settled)
    if not len(rest):
        return
    pair, _ = pd.factorize((value_code[rest].astype(np.int64) + 1) * (len(distinct_words) + 1) + words_code[rest] + 1)
    key = pair.astype(np.int64) * len(contexts) + context[rest]
    combination, firsts = np.unique(key, return_index=True)
    meanings: dict = {}
    failing = {}
    for k, first in zip(combination.tolist(), rest[firsts].tolist()):
        published, language = contexts[context[first]]
        found = _judge_once(name, values[first], words[first], published, language, meanings)
        if found:
            failing[k] = found
    if not failing:
        return
    lines = frame.index.to_numpy()
    hit = np.isin(key, list(failing))
    for at, k in zip(rest[hit].tolist(), key[hit].tolist()):
        for column, rule, message, hint in failing[k]:
            yield Error(table.file, int(lines[at]), column, rule, message, hint=hint)


_KINDS = ("fixed", "year", "month", "week", "day", "weekday", "exact", "yearday")  # english.anchor's answers
_FAR = 10 ** 9  # a day no coded date reaches: pads the readings of words with fewer of them


def _covered(value_code, distinct_values, words_code, distinct_words, context, contexts):
    """Which rows have a coded date that covers one of the runs of days their words allow (the
    case with nothing to report), decided with arrays: the words are resolved once for each
    distinct part of the publication date they depend on (english.anchor), their runs of days
    kept relative to the anchor day and shifted to each row's own."""
    import numpy as np
    import pandas as pd

    from ..datewords.english import anchor, sense

    n = len(contexts)
    published = [p for p, _ in contexts]
    has = np.array([p is not None for p in published] + [False])
    days = [p if p is not None else date(2000, 1, 1) for p in published] + [date(2000, 1, 1)]
    ordinal = np.array([d.toordinal() for d in days], dtype=np.int64)
    weekday = np.array([d.weekday() for d in days], dtype=np.int64)
    year = np.array([d.year for d in days], dtype=np.int64)
    # English sources, away from the calendar's edges, share resolutions; any other is resolved on its own
    shared = np.array([(lang or ENGLISH).strip().lower() == ENGLISH and 3 < d.year < 9997
                       for (_, lang), d in zip(contexts, days)] + [False])
    starts, ends = np.zeros(len(distinct_values), np.int64), np.zeros(len(distinct_values), np.int64)
    readable = np.zeros(len(distinct_values), bool)
    for i, value in enumerate(distinct_values):
        coded = parse(value)
        if coded is not None:
            starts[i], ends[i], readable[i] = coded.start.toordinal(), coded.end.toordinal(), True
    kinds = np.array([_KINDS.index(anchor(w)) if w else 0 for w in distinct_words] + [0], dtype=np.int64)

    rows = np.flatnonzero((value_code >= 0) & (words_code >= 0) & has[context])
    rows = rows[readable[value_code[rows]]]
    c, w = context[rows], words_code[rows]
    kind = np.where(shared[c], kinds[w], _KINDS.index("exact"))
    month = np.array([d.month for d in days], dtype=np.int64)
    leaps = np.array([calendar.isleap(d.year - 1) * 4 + calendar.isleap(d.year) * 2 + calendar.isleap(d.year + 1)
                      for d in days], dtype=np.int64)
    new_year = np.array([date(d.year, 1, 1).toordinal() for d in days], dtype=np.int64)
    # the part of the publication date the words depend on, and the day their runs count from
    part = np.select([kind == 1, kind == 2, kind == 5, kind == 6, kind == 7],
                     [year[c], year[c] * 12 + month[c], weekday[c], c, month[c] * 8 + leaps[c]], 0)
    base = np.select([kind == 3, kind == 4, kind == 5, kind == 7],
                     [ordinal[c] - weekday[c], ordinal[c], ordinal[c], new_year[c]], 0)
    span = max(n, 10000 * 12 + 12) + 1
    # English words are told apart by their sense, so phrasings of one sense resolve once
    senses, _ = pd.factorize(pd.Series([sense(word) for word in distinct_words] + [None], dtype=object),
                             use_na_sentinel=False)
    told = np.where(shared[c], senses[w], len(senses) + w)
    group, _ = pd.factorize((told.astype(np.int64) * len(_KINDS) + kind) * span + part)
    first = np.unique(group, return_index=True)[1]  # a row of each group, groups in order
    width = 1
    resolved = []
    for at in first.tolist():
        d = contexts[c[at]]
        meaning = interpret(distinct_words[w[at]], d[0], d[1])
        runs = [] if meaning is None else [(r.start.toordinal() - base[at], r.end.toordinal() - base[at])
                                           for r in meaning.readings]
        width = max(width, len(runs))
        resolved.append(runs)
    first_days = np.full((len(resolved), width), _FAR, np.int64)
    last_days = np.full((len(resolved), width), _FAR, np.int64)
    for g, runs in enumerate(resolved):
        for j, (a, b) in enumerate(runs):
            first_days[g, j], last_days[g, j] = a, b
    lo, hi = starts[value_code[rows]][:, None], ends[value_code[rows]][:, None]
    shift = base[:, None]
    covers = ((lo <= first_days[group] + shift) & (last_days[group] + shift <= hi)).any(axis=1)
    out = np.zeros(len(value_code), bool)
    out[rows[covers]] = True
    return out


def _about(ctx, source_id) -> tuple:
    """(publication date, language) of a source as the words are read against them."""
    source = ctx.sources.get(source_id) or {}
    return ctx.published(source_id), source.get("language")


def _judge_once(name, value, words, published, language, meanings: dict) -> list[tuple]:
    """(column, rule, message, hint) for one date and its words. A coded date that covers one
    of the days the words allow is fine, whatever else: that common case is settled here
    without building a message; MEANINGS holds each (words, published, language) read once."""
    if value is not None and words and published is not None:
        coded = parse(value)
        if coded is not None:
            key = (words, published, language)
            if key not in meanings:
                meanings[key] = interpret(words, published, language)
            meaning = meanings[key]
            if meaning is not None and any(coded.covers(r) for r in meaning.readings):
                return []
            return [(e.column, e.rule, e.message, e.hint)
                    for e in _check_one(name, value, words, published, language, meaning)]
    return [(e.column, e.rule, e.message, e.hint) for e in _check_one(name, value, words, published, language)]


def _check_one(name, value, words, published, language, meaning=False) -> Iterator[Error]:
    """The errors of one date and its words (MEANING: the words already read, if they were)."""
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
    if meaning is False:
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
