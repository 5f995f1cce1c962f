"""Coded dates (reduced-precision ISO 8601 or a day interval, see isodate): real calendar
dates, in the right order, and not after the source when the status says it happened."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from ..context import Context
from ..isodate import FuzzyDate, Span, parse, problem
from ..registry import check, code
from ..report import Error, show
from ..tables import rows

# Re-exported: the exports, the site and the date words read coded dates through these names.
__all__ = ["FuzzyDate", "Span", "parse", "calendar_dates", "date_order", "dated_after_publication"]

# The status field property naming the codes that say an event had taken place by the
# time its source was published (documented in the codebook).
HAPPENED = "happenedCodes"


@check(
    code("DE301", "calendar-date", "A date does not exist in the calendar",
         "Check the month (01-12) and the day (the month's length, leap years).",
         wrong="date = 2025-09-31",
         fixed="date = 2025-09-30"),
    code("DE307", "interval-order", "A date interval ends before it starts",
         "Write the interval first day / last day: YYYY-MM-DD/YYYY-MM-DD, the earlier day first.",
         wrong="date = 2024-05-05/2024-04-29",
         fixed="date = 2024-04-29/2024-05-05"), per_row=True)
def calendar_dates(ctx: Context) -> Iterator[Error]:
    """Every date of an allowed shape names days that exist, an interval's first day first."""
    for table, frame in ctx.readable():
        for name in table.resource.date_fields:
            values = frame[name].dropna()
            codes, distinct = pd.factorize(values.to_numpy(object))
            wrong = np.array([problem(value) is not None for value in distinct] + [False])  # each distinct value once
            for line, value in values[wrong[codes]].items():
                why = problem(value)
                if why == "calendar":
                    yield Error(table.file, int(line), name, "calendar-date",
                                f"{show(value)} is not a calendar date")
                elif why == "order":
                    yield Error(table.file, int(line), name, "interval-order",
                                f"{show(value)} ends before it starts")


@check(
    code("DE302", "date-order", "A date comes before the date it must follow",
         "Check both dates: an end comes after its start, an event after the invitation to it.",
         wrong="date = 2025-09-02, end_date = 2025-09-01",
         fixed="date = 2025-09-01, end_date = 2025-09-02"), per_row=True)
def date_order(ctx: Context) -> Iterator[Error]:
    """A field marked "notBefore": X cannot end before X starts (an end after its start,
    an event after the invitation to it)."""
    for table, frame in ctx.readable():
        for field in table.resource.fields:
            earlier = field.get("notBefore")
            if not earlier or earlier not in frame or field["name"] not in frame:
                continue
            pairs = frame[[earlier, field["name"]]].dropna()
            starts, ends = _ordinals(pairs[earlier], "start"), _ordinals(pairs[field["name"]], "end")
            for line, row in rows(pairs.iloc[np.flatnonzero(ends < starts)]):  # NaN compares False
                yield Error(table.file, int(line), field["name"], "date-order",
                            f"{show(row[field['name']])} is before {earlier} {show(row[earlier])}")


@check(
    code("DE306", "dated-after-source", "An event the source reports as past is dated after the source",
         "Check the date against the source's published_date, and the status: an event that had "
         "taken place when the source was published cannot start after it.",
         wrong="date = 2025-11, status = occurred   (source published 2025-09-02)",
         fixed="date = 2025-11, status = scheduled"), per_row=True)
def dated_after_publication(ctx: Context) -> Iterator[Error]:
    """A row whose status is one of its status field's "happenedCodes" may not have its
    (first) date start after its source's published_date."""
    for table, frame in ctx.readable():
        status = next((f for f in table.resource.fields if f.get(HAPPENED)), None)
        dates = table.resource.date_fields
        if status is None or not dates or not {status["name"], dates[0], "source_id"} <= set(frame):
            continue
        happened, name = set(status[HAPPENED]), dates[0]
        kept = frame[[name, status["name"], "source_id"]].dropna()
        kept = kept[kept[status["name"]].isin(list(happened)).to_numpy()]
        # the first day of each distinct date and the publication day of each distinct source, as ordinals
        dates_at, distinct_dates = pd.factorize(kept[name].to_numpy(object))
        sources_at, distinct_sources = pd.factorize(kept["source_id"].to_numpy(object))
        first = np.array([_ordinal(parse(value), "start") for value in distinct_dates] + [np.nan])  # -1: the last
        issued = [ctx.published(source_id) for source_id in distinct_sources]
        issued = np.array([d.toordinal() if d else np.nan for d in issued] + [np.nan])
        after = np.flatnonzero(first[dates_at] > issued[sources_at])  # NaN compares False
        for line, row in zip(kept.index[after].tolist(), kept.iloc[after].to_dict("records")):
            published = ctx.published(row["source_id"])
            yield Error(table.file, int(line), name, "dated-after-source",
                        f"{show(row[name])} starts after its source was published ({published}), but "
                        f"{status['name']} {show(row[status['name']])} says it had happened by then")


def _ordinal(span: Span | None, end: str) -> float:
    return getattr(span, end).toordinal() if span else np.nan


def _ordinals(values, end: str) -> np.ndarray:
    """The first ("start") or last ("end") day of each date in VALUES as an ordinal (NaN when it
    is not a date), each distinct value parsed once."""
    codes, distinct = pd.factorize(values.to_numpy(object))
    return np.array([_ordinal(parse(value), end) for value in distinct] + [np.nan])[codes]
