"""The same thing recorded twice: rows that agree on a key the schema declares.

A schema lists its ``duplicateKeys`` (see ``conventions.py``): each names fields whose values
may not repeat, optionally only among rows matching ``where`` and with some fields compared
in a normal form (``fold``, from ``normal_forms.FOLDS``). The check is one groupby per key.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from ..context import Context
from ..normal_forms import FOLDS
from ..registry import check, code
from ..report import Error, show

DUPLICATE_KEYS = "duplicateKeys"


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _folded(column: pd.Series, fold: str) -> pd.Series:
    """COLUMN in its normal form, each distinct value folded once."""
    func = FOLDS[fold][0]
    return column.map({value: func(value) for value in column.dropna().unique()})


def _describe(key: dict) -> str:
    fields, where, fold = key["fields"], key.get("where", {}), key.get("fold", {})
    notes = [f"{name} compared {FOLDS[how][1]}" for name, how in fold.items()]
    notes += [f"among rows whose {name} is {' or '.join(map(show, allowed))}" for name, allowed in where.items()]
    return f"the same {_listed(fields)}" + (f" ({'; '.join(notes)})" if notes else "")


@check(
    code("DE361", "duplicate-row", "Two rows record the same thing",
         "Keep one row and point every reference at it; delete the other (once published, list its ID in "
         "data/retired_ids.csv with replaced_by). Rows that differ in truth need a detail that tells them apart.",
         wrong="act-viet-nam,Viet Nam,state,VNM,Q881,...   (act-vietnam,Vietnam,state,VNM,Q881 is on line 14)",
         fixed="one row act-vietnam; act-viet-nam listed in retired_ids.csv with replaced_by = act-vietnam"))
def duplicate_rows(ctx: Context) -> Iterator[Error]:
    """No two rows share a duplicate key of their schema; each later row names the first."""
    for table, frame in ctx.readable():
        pk = table.resource.primary_key
        for key in table.resource.schema.get(DUPLICATE_KEYS) or []:
            fields, where, fold = key["fields"], key.get("where", {}), key.get("fold", {})
            if not {*fields, *where} <= set(frame.columns):
                continue  # the descriptor check names the missing field
            rows = frame
            for name, allowed in where.items():
                rows = rows[rows[name].isin(allowed)]
            rows = rows[rows[fields].notna().any(axis=1)]  # an all-empty key is no claim
            values = pd.DataFrame({f: _folded(rows[f], fold[f]) if f in fold else rows[f] for f in fields},
                                  index=rows.index).fillna("")
            repeated = values.duplicated(keep=False)
            if not repeated.any():
                continue
            values = values[repeated]
            lines = pd.Series(values.index, index=values.index)
            first = lines.groupby([values[f] for f in fields], sort=False).transform("min")
            about = _describe(key)
            for line in lines[lines != first].index:
                other = int(first[line])
                this_id = show(frame.at[line, pk[0]]) if len(pk) == 1 and pk[0] in frame else "this row"
                other_id = show(frame.at[other, pk[0]]) + " " if len(pk) == 1 and pk[0] in frame else "the row "
                shown = ", ".join(show(frame.at[line, f]) for f in fields)
                yield Error(table.file, int(line), fields[0], "duplicate-row",
                            f"{this_id} has {about} as {other_id}at {table.file}:{other}: {shown}")
