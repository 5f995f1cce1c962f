"""Identifiers are permanent: a retired ID is never reused, and its replacement exists."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..registry import check, code
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


@check(
    code("DE351", "retired-id-reused", "A retired identifier is used again",
         "IDs are permanent: give the record a new identifier (see data/retired_ids.csv).",
         wrong="meeting_id = mtg-old   (listed in retired_ids.csv)",
         fixed="meeting_id = mtg-2025-09-02-beijing-sharif-putin-2"),
     needs={RETIRED: ("retired_id",)})
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


@check(
    code("DE352", "retired-replacement", "A retired identifier's replacement does not exist",
         "replaced_by must be an identifier of the table named in table_name.",
         wrong="retired_id = act-putin, replaced_by = act-v-putin   (no such actor)",
         fixed="retired_id = act-putin, replaced_by = act-vladimir-putin"),
     needs={RETIRED: ("table_name", "retired_id", "replaced_by")})
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
                        f"{show(row['replaced_by'])} matches no {ids[row['table_name']][0]} in {row['table_name']}")
