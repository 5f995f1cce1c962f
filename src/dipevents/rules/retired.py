"""Identifiers are permanent: a retired ID is never reused, and its replacement exists."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..report import Error, show
from ..tables import rows

RETIRED = "retired_ids"


def _record_ids(ctx: Context) -> dict[str, tuple[str, set[str]]]:
    """table -> (its one-field key, the key values in use)."""
    out = {}
    for table, frame in ctx.readable():
        pk = table.resource.primary_key
        if len(pk) == 1 and table.resource.name != RETIRED and not table.resource.is_codelist:
            out[table.resource.name] = (pk[0], set(frame[pk[0]].dropna()))
    return out


def retired_not_reused(ctx: Context) -> Iterator[Error]:
    _, retired = ctx.with_columns(RETIRED, "retired_id")
    if retired is None or retired.empty:
        return
    gone = set(retired["retired_id"].dropna())
    for table, frame in ctx.readable():
        pk = table.resource.primary_key
        if len(pk) != 1 or table.resource.name == RETIRED:
            continue
        for line, value in frame[pk[0]][frame[pk[0]].isin(gone)].items():
            yield Error(table.file, int(line), pk[0], "retired-id-reused",
                        f"{show(value)} was retired (data/retired_ids.csv) and may not be used again")


def replacements_exist(ctx: Context) -> Iterator[Error]:
    _, retired = ctx.with_columns(RETIRED, "table_name", "replaced_by")
    if retired is None:
        return
    ids = _record_ids(ctx)
    file = ctx.tables[RETIRED].file
    for line, row in rows(retired):
        if row["table_name"] not in ids:
            yield Error(file, int(line), "table_name", "retired-replacement",
                        f"{show(row['table_name'])} is not a table with one-field identifiers")
        elif row["replaced_by"] and row["replaced_by"] not in ids[row["table_name"]][1]:
            yield Error(file, int(line), "replaced_by", "retired-replacement",
                        f"{show(row['replaced_by'])} is not a {ids[row['table_name']][0]} in {row['table_name']}")
