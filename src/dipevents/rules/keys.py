"""References between tables, read from each schema's foreignKeys."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from ..context import Context
from ..registry import check, code
from ..report import Error, show


@check(
    code("DE207", "foreign-key", "A reference points at a row that does not exist",
         "Use an identifier that exists in the referenced table, or add that row first.",
         wrong="speaker_id = act-sergei-lavrov   (actors.csv has act-sergey-lavrov)",
         fixed="speaker_id = act-sergey-lavrov"))
def foreign_keys(ctx: Context) -> Iterator[Error]:
    """Every non-empty reference names an existing row of the referenced table; a near miss
    gets the nearest existing identifiers."""
    from ..suggest import did_you_mean, nearest

    for table, frame in ctx.readable():
        for fk in table.resource.foreign_keys:
            fields, target_name, ref_fields = fk.fields, fk.resource, fk.ref_fields
            target = ctx.frame(target_name)
            if target is None or not set(ref_fields) <= set(target.columns) or not set(fields) <= set(frame.columns):
                continue  # the target's own errors are reported where it is read
            keys = frame.loc[frame[fields].notna().all(axis=1).to_numpy(), fields]
            known = target.loc[target[ref_fields].notna().all(axis=1).to_numpy(), ref_fields]
            if len(fields) == 1:
                found = keys[fields[0]].isin(known[ref_fields[0]]).to_numpy()
            else:  # a key of several fields: one tuple per row, looked up in a set
                existing = set(zip(*(known[f].tolist() for f in ref_fields)))
                found = [key in existing for key in zip(*(keys[f].tolist() for f in fields))]
            missing = keys[~np.asarray(found, dtype=bool)]
            if missing.empty:
                continue
            target_file = ctx.tables[target_name].file
            # the existing identifiers in the order of the target table, each once
            choices = pd.unique(known[ref_fields[0]].to_numpy(object)).tolist() if len(fields) == 1 else []
            hints: dict[tuple, str] = {}
            for line, key in zip(missing.index.tolist(), zip(*(missing[f].tolist() for f in fields))):
                if key not in hints:  # one lookup per distinct wrong value
                    hints[key] = did_you_mean(nearest(key[0], choices)) if len(fields) == 1 else ""
                value = ", ".join(show(v) for v in key)
                yield Error(table.file, int(line), "+".join(fields), "foreign-key",
                            f"{value} matches no {'+'.join(ref_fields)} in {target_file}{hints[key]}")


@check(
    code("DE210", "codelist", "A code is not in the field's codelist",
         "Use codes from the codelist named in the message, separated by ';'.",
         wrong="sectors = energy;steel",
         fixed="sectors = energy;industry"))
def codelist_lists(ctx: Context) -> Iterator[Error]:
    """A field with a "codelist" property holds only codes of that codelist, ';'-separated;
    an unknown code gets the nearest ones of the codelist."""
    from ..suggest import did_you_mean, nearest

    for table, frame in ctx.readable():
        for field in table.resource.fields:
            codelist = field.get("codelist")
            if not codelist or field["name"] not in frame:
                continue
            target = ctx.frame(codelist)
            if target is None or "code" not in target:
                continue
            known = target["code"].dropna().drop_duplicates()
            codes = frame[field["name"]].dropna().str.split(";").explode()
            unknown = codes[~codes.isin(known)]
            hints = {value: nearest(value, known) for value in unknown.unique()}  # once per distinct code
            for line, values in unknown.groupby(level=0, sort=True):
                values = list(values)
                if len(values) == 1:
                    suggestion = did_you_mean(hints[values[0]])
                else:
                    suggestion = "".join(f"; for {show(v)}{did_you_mean(hints[v])[1:]}" for v in values if hints[v])
                yield Error(table.file, int(line), field["name"], "codelist",
                            f"{', '.join(map(show, values))} not in the {codelist} codelist "
                            f"({ctx.tables[codelist].file}){suggestion}")


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
            on_cycle = _on_cycles(dict(zip(frame[ref].tolist(), frame[field].tolist())))
            for line, start in frame[ref].items():
                if start is not None and start in on_cycle:
                    yield Error(table.file, int(line), field, "reference-cycle",
                                f"following {field} from {show(start)} comes back to it")


def _on_cycles(parent: dict) -> set:
    """The nodes that lie on a cycle of PARENT (node -> its parent), in linear time: each node
    is walked once; a walk that meets a node of its own path has found a cycle, one that meets
    a node of an earlier walk stops there."""
    walk_of: dict = {}  # node -> the number of the walk that first reached it
    on_cycle: set = set()
    for number, start in enumerate(parent):
        path, node = [], start
        while node is not None and node not in walk_of:
            walk_of[node] = number
            path.append(node)
            node = parent.get(node)
        if node is not None and walk_of[node] == number:
            on_cycle.update(path[path.index(node):])
    return on_cycle
