"""References between tables, read from each schema's foreignKeys."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from ..context import Context
from ..registry import check, code
from ..report import Error, show
from ..tables import rows


@check(
    code("DE207", "foreign-key", "A reference points at a row that does not exist",
         "Use an identifier that exists in the referenced table, or add that row first.",
         wrong="speaker_id = act-sergei-lavrov   (actors.csv has act-sergey-lavrov)",
         fixed="speaker_id = act-sergey-lavrov"))
def foreign_keys(ctx: Context) -> Iterator[Error]:
    """Every non-empty reference names an existing row of the referenced table."""
    for table, frame in ctx.readable():
        for fk in table.resource.foreign_keys:
            fields, target_name, ref_fields = fk.fields, fk.resource, fk.ref_fields
            target = ctx.frame(target_name)
            if target is None or not set(ref_fields) <= set(target.columns) or not set(fields) <= set(frame.columns):
                continue  # the target's own errors are reported where it is read
            present = frame[fields].notna().all(axis=1)
            keys = frame.loc[present, fields]
            known = set(map(tuple, target[ref_fields].dropna().itertuples(index=False, name=None)))
            missing = ~pd.Series([tuple(k) in known for k in keys.itertuples(index=False, name=None)],
                                 index=keys.index, dtype=bool)
            target_file = ctx.tables[target_name].file
            for line, row in rows(keys[missing]):
                value = ", ".join(show(row[f]) for f in fields)
                yield Error(table.file, int(line), "+".join(fields), "foreign-key",
                            f"{value} is not a {'+'.join(ref_fields)} in {target_file}")


@check(
    code("DE210", "codelist", "A code is not in the field's codelist",
         "Use codes from the codelist named in the message, separated by ';'.",
         wrong="sectors = energy;steel",
         fixed="sectors = energy;industry"))
def codelist_lists(ctx: Context) -> Iterator[Error]:
    """A field with a "codelist" property holds only codes of that codelist, ';'-separated."""
    for table, frame in ctx.readable():
        for field in table.resource.fields:
            codelist = field.get("codelist")
            if not codelist or field["name"] not in frame:
                continue
            target = ctx.frame(codelist)
            if target is None or "code" not in target:
                continue
            known = set(target["code"].dropna())
            for line, value in frame[field["name"]].dropna().items():
                unknown = [code for code in value.split(";") if code not in known]
                if unknown:
                    yield Error(table.file, int(line), field["name"], "codelist",
                                f"{', '.join(map(show, unknown))} not in the {codelist} codelist "
                                f"({ctx.tables[codelist].file})")


@check(
    code("DE343", "reference-cycle", "A record is its own ancestor",
         "A self-reference (such as parent_meeting_id) names an enclosing record: follow the chain and break the loop.",
         wrong="meeting_id = mtg-x, parent_meeting_id = mtg-x",
         fixed="parent_meeting_id = mtg-2025-sco-heads-of-state-summit"))
def self_reference_cycles(ctx: Context) -> Iterator[Error]:
    """Following a table's reference to itself (a meeting's parent meeting) never loops back."""
    for table, frame in ctx.readable():
        for fk in table.resource.foreign_keys:
            if fk.resource != table.resource.name or len(fk.fields) != 1 or len(fk.ref_fields) != 1:
                continue
            field, ref = fk.fields[0], fk.ref_fields[0]
            if field not in frame or ref not in frame:
                continue
            parent = dict(zip(frame[ref].tolist(), frame[field].tolist()))
            for line, start in frame[ref].items():
                seen, node = set(), start
                while node is not None and node not in seen:
                    seen.add(node)
                    node = parent.get(node)
                if node == start:
                    yield Error(table.file, int(line), field, "reference-cycle",
                                f"following {field} from {show(start)} comes back to it")
