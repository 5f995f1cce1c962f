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


def _spans(values: pd.Series) -> dict:
    """{value: (first day, last day)} for each distinct parseable date."""
    out = {}
    for value in values.dropna().unique():
        parsed = parse(value)
        if parsed is not None:
            out[value] = (parsed.start, parsed.end)
    return out


def _span_text(start: str, end: str | None) -> str:
    return start if not end or end == start else f"{start} to {end}"


@check(
    code("DE344", "date-within", "A date falls outside the dates of the row it is linked to",
         "A statement made at a meeting, an invitation issued at it, an agreement signed at it happen within "
         "the meeting's date..end_date: fix the date, or link the right meeting (or none).",
         wrong="statements: date = 2025-09-05, meeting_id = mtg-2025-09-02-beijing-sharif-putin",
         fixed="statements: date = 2025-09-02, meeting_id = mtg-2025-09-02-beijing-sharif-putin"))
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
            ours = pd.DataFrame({"line": ours.index, "value": ours[name].to_numpy(), "key": ours[link].to_numpy()},
                                dtype=object)  # kept as Python strings: pandas would infer Arrow strings, slow to map
            theirs = target.dropna(subset=[fk.ref_fields[0], START]).drop_duplicates(fk.ref_fields[0])
            theirs = pd.DataFrame({"key": theirs[fk.ref_fields[0]].to_numpy(), "their_line": theirs.index,
                                   "start": theirs[START].to_numpy(),
                                   "end": theirs[END].to_numpy() if END in theirs else None}, dtype=object)
            pairs = ours.merge(theirs, on="key", how="inner")
            if pairs.empty:
                continue
            spans = _spans(pd.concat([pairs["value"], pairs["start"], pairs["end"]]))
            starts = {v: a.toordinal() for v, (a, _) in spans.items()}
            ends = {v: b.toordinal() for v, (_, b) in spans.items()}
            own_start, own_end = pairs["value"].map(starts), pairs["value"].map(ends)
            their_start = pairs["start"].map(starts)
            their_end = pairs["end"].fillna(pairs["start"]).map(ends).fillna(pairs["start"].map(ends))
            outside = pairs.index[(own_end < their_start) | (own_start > their_end)]  # NaN compares False
            target_file = ctx.tables[fk.resource].file
            for i in outside:
                row = pairs.loc[i]
                end = row["end"] if isinstance(row["end"], str) else None
                yield Error(table.file, int(row["line"]), name, "date-within",
                            f"{show(row['value'])} is not within the dates of {link} {show(row['key'])}: "
                            f"{_span_text(row['start'], end)} ({target_file}:{int(row['their_line'])})")


@check(
    code("DE345", "reference-kind", "A reference points at the wrong kind of row",
         "Point the field at a row of the kind the message names: represents names the state or organization "
         "a participant acts for, not a person.",
         wrong="meeting_participants: actor_id = act-shehbaz-sharif, represents = act-shehbaz-sharif",
         fixed="meeting_participants: actor_id = act-shehbaz-sharif, represents = act-pakistan"))
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
            lines = pd.Series(rows.index, index=rows[fk.ref_fields[0]].to_numpy())
            values = frame[name].dropna()
            target_file = ctx.tables[fk.resource].file
            for column, allowed in where.items():
                if column not in rows:
                    continue
                kinds = values.map(pd.Series(rows[column].to_numpy(), index=lines.index))
                wrong = values.isin(lines.index) & ~kinds.isin(allowed)  # unknown IDs are DE207's
                for line in values.index[wrong]:
                    value = values[line]
                    yield Error(table.file, int(line), name, "reference-kind",
                                f"{show(value)} has {column} {show(kinds[line])} "
                                f"({target_file}:{int(lines[value])}); {name} must point at "
                                f"{' or '.join(map(show, allowed))}")
