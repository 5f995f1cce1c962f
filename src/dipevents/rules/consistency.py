"""Rows agree with the rows they link to, as the schemas declare with custom field properties.

- ``"dateWithin": "meeting_id"`` on a date field: the date falls within the dates of the row
  that reference field points at (its ``date`` .. ``end_date``; spans overlap when either is
  known only to the month or year).
- ``"referenceWhere": {"actor_type": ["state", "organization"]}`` on a reference field: the
  row it points at has one of those values in that field.

Both are one merge per declared field (see ``conventions.py``); unknown references are left to
the foreign-key check (DE207), unparseable dates to the date checks.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from ..context import Context
from ..package import ForeignKey, Resource
from ..registry import check, code
from ..report import Error, show
from .dates import parse

DATE_WITHIN = "dateWithin"
REFERENCE_WHERE = "referenceWhere"
START, END = "date", "end_date"  # a row's span, by the naming convention (codebook: Dates)


def reference(resource: Resource, name: str) -> ForeignKey | None:
    """The single-field foreign key declared on field NAME, if any."""
    return next((fk for fk in resource.foreign_keys if fk.fields == [name] and len(fk.ref_fields) == 1), None)


def _span_text(start: str, end: str | None) -> str:
    return start if not end or end == start else f"{start} to {end}"


@check(
    code("DE344", "date-within", "A date falls outside the dates of the row it is linked to",
         "A statement made at a meeting, an invitation issued at it, an agreement signed at it happen within "
         "the meeting's date..end_date: fix the date, or link the right meeting (or none).",
         wrong="statements: date = 2025-09-05, meeting_id = mtg-2025-09-02-beijing-sharif-putin",
         fixed="statements: date = 2025-09-02, meeting_id = mtg-2025-09-02-beijing-sharif-putin"), per_row=True)
def dates_within_links(ctx: Context) -> Iterator[Error]:
    """A date field marked "dateWithin": LINK overlaps the span of the row LINK points at."""
    for table, frame in ctx.readable():
        for field in table.resource.fields:
            name, link = field["name"], field.get(DATE_WITHIN)
            fk = reference(table.resource, link) if isinstance(link, str) else None
            target = ctx.frame(fk.resource) if fk else None
            if target is None or not {name, link} <= set(frame.columns) or not {fk.ref_fields[0], START} <= set(target.columns):
                continue
            ours = frame[[name, link]].dropna()
            theirs = target.dropna(subset=[fk.ref_fields[0], START]).drop_duplicates(fk.ref_fields[0])
            # the join, by numbering the keys: each of our rows and the one target row it names
            codes, _ = pd.factorize(np.concatenate([ours[link].to_numpy(object),
                                                    theirs[fk.ref_fields[0]].to_numpy(object)]))
            row_of = np.full(len(codes) + 1, -1, np.int64)
            row_of[codes[len(ours):]] = np.arange(len(theirs))
            at = row_of[codes[:len(ours)]]
            linked = np.flatnonzero(at >= 0)
            if not len(linked):
                continue
            at = at[linked]
            value = ours[name].to_numpy(object)[linked]
            start = theirs[START].to_numpy(object)[at]
            end = theirs[END].to_numpy(object)[at] if END in theirs else np.full(len(at), None, object)
            first, last = _days(np.concatenate([value, start, end]))
            n = len(linked)
            own_start, own_end = first[:n], last[:n]
            their_start = first[n:2 * n]
            their_end = np.where(np.isnan(last[2 * n:]), last[n:2 * n], last[2 * n:])  # no end: the start's last day
            outside = np.flatnonzero((own_end < their_start) | (own_start > their_end))  # NaN compares False
            target_file = ctx.tables[fk.resource].file
            lines, their_lines, keys = ours.index.to_numpy(), theirs.index.to_numpy(), ours[link].to_numpy(object)
            for i in outside.tolist():
                row = linked[i]
                yield Error(table.file, int(lines[row]), name, "date-within",
                            f"{show(value[i])} is not within the dates of {link} {show(keys[row])}: "
                            f"{_span_text(start[i], end[i] if isinstance(end[i], str) else None)} "
                            f"({target_file}:{int(their_lines[at[i]])})")


def _days(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first and last day (as ordinals; NaN when not a date) of each value, each distinct
    value parsed once."""
    codes, distinct = pd.factorize(values)
    first, last = np.full(len(distinct) + 1, np.nan), np.full(len(distinct) + 1, np.nan)  # the last: empty
    for i, value in enumerate(distinct):
        parsed = parse(value)
        if parsed is not None:
            first[i], last[i] = parsed.start.toordinal(), parsed.end.toordinal()
    return first[codes], last[codes]


@check(
    code("DE345", "reference-kind", "A reference points at the wrong kind of row",
         "Point the field at a row of the kind the message names: represents names the state or organization "
         "a participant acts for, not a person.",
         wrong="meeting_participants: actor_id = act-shehbaz-sharif, represents = act-shehbaz-sharif",
         fixed="meeting_participants: actor_id = act-shehbaz-sharif, represents = act-pakistan"), per_row=True)
def reference_kinds(ctx: Context) -> Iterator[Error]:
    """A reference field marked "referenceWhere": {FIELD: [VALUES]} points at rows whose FIELD is one of VALUES."""
    for table, frame in ctx.readable():
        for field in table.resource.fields:
            name, where = field["name"], field.get(REFERENCE_WHERE)
            fk = reference(table.resource, name) if isinstance(where, dict) else None
            target = ctx.frame(fk.resource) if fk else None
            if target is None or name not in frame or fk.ref_fields[0] not in target:
                continue
            rows = target.dropna(subset=[fk.ref_fields[0]]).drop_duplicates(fk.ref_fields[0])
            values = frame[name].dropna()
            # the row each value points at, by numbering the IDs (-1: unknown, DE207's)
            codes, _ = pd.factorize(np.concatenate([values.to_numpy(object), rows[fk.ref_fields[0]].to_numpy(object)]))
            row_of = np.full(len(codes) + 1, -1, np.int64)
            row_of[codes[len(values):]] = np.arange(len(rows))
            at = row_of[codes[:len(values)]]
            known = np.flatnonzero(at >= 0)
            target_file = ctx.tables[fk.resource].file
            for column, allowed in where.items():
                if column not in rows:
                    continue
                kinds = rows[column].to_numpy(object)[at[known]]
                wrong = known[~pd.Series(kinds, dtype=object).isin(allowed).to_numpy()]
                for i in wrong.tolist():
                    value, kind = values.iloc[i], kinds[np.searchsorted(known, i)]
                    has = f"no {column}" if kind is None else f"{column} {show(kind)}"
                    yield Error(table.file, int(values.index[i]), name, "reference-kind",
                                f"{show(value)} has {has} "
                                f"({target_file}:{int(rows.index[at[i]])}); {name} must point at "
                                f"{' or '.join(map(show, allowed))}")
