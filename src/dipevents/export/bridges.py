"""Bridge tables for the fields that hold a list of codes.

A field with a ``"codelist"`` property (see conventions.py) holds codes of that codelist
separated by ``;`` (``agreements.sectors = energy;transport``). SQL cannot join such a cell
to the codelist, so the SQLite download adds one bridge table per such field: one row per
(parent row, code), with foreign keys to the parent table and to the codelist, so that
``JOIN sectors ON sectors.code = agreement_sectors.sector`` gives each code its label.

Names come from the schemas: the bridge of ``agreements.sectors`` (primary key
``agreement_id``) is ``agreement_sectors(agreement_id, sector)``; a field whose name does not
end in ``s`` keeps its codes in a column ``code``.
"""

from __future__ import annotations

from dataclasses import dataclass

SEPARATOR = ";"  # between the codes of one cell (conventions.py, rule DE210)


@dataclass(frozen=True)
class Bridge:
    name: str  # the bridge table: agreement_sectors
    parent: str  # the table whose field holds the list: agreements
    field: str  # the list field: sectors
    keys: tuple[str, ...]  # the parent's primary key: (agreement_id,)
    column: str  # the bridge's column holding one code: sector
    codelist: str  # the codelist the codes come from: sectors
    code: str  # the codelist's key column: code

    @property
    def description(self) -> str:
        return (f"One row per code in `{self.parent}.{self.field}` (a `{SEPARATOR}`-separated list there): "
                f"join `{self.column}` to `{self.codelist}.{self.code}` for its label and description.")

    def fields(self, resources: dict) -> list[dict]:
        """Table Schema descriptors of the bridge's columns: the parent's key fields, then the code."""
        parent = resources[self.parent]
        out = []
        for key in self.keys:
            field = dict(parent.field(key) or {"name": key, "type": "string"})
            field["description"] = f"The row of `{self.parent}` whose `{self.field}` lists the code (`{self.parent}.{key}`)."
            out.append(field)
        out.append({"name": self.column, "type": "string", "constraints": {"required": True},
                    "description": f"One code of `{self.parent}.{self.field}`, from the `{self.codelist}` codelist "
                                   f"(`{self.codelist}.{self.code}`)."})
        return out


def _column(field: str, keys: tuple[str, ...]) -> str:
    singular = field[:-1] if field.endswith("s") and not field.endswith("ss") else ""
    return singular if singular and singular not in keys else "code"


def bridges(resources: dict) -> list[Bridge]:
    """One Bridge per list-of-codes field of RESOURCES (name -> Resource: a package's
    ``resources``), in their order and field order."""
    taken = set(resources)
    out = []
    for resource in resources.values():
        keys = tuple(resource.primary_key)
        for field in resource.fields:
            codelist = field.get("codelist")
            if not codelist or codelist not in resources or not keys:
                continue
            target = resources[codelist]
            stem = keys[0][: -len("_id")] if len(keys) == 1 and keys[0].endswith("_id") else resource.name
            name = next((n for n in (f"{stem}_{field['name']}", f"{resource.name}_{field['name']}") if n not in taken),
                        None)
            if name is None:
                raise ValueError(f"the SQLite bridge table for {resource.name}.{field['name']} would be named "
                                 f"{stem}_{field['name']}, which is already a table: rename one of them")
            taken.add(name)
            out.append(Bridge(name, resource.name, field["name"], keys, _column(field["name"], keys),
                              codelist, (target.primary_key or ["code"])[0]))
    return out


def bridge_rows(bridge: Bridge, table) -> list[tuple]:
    """(key..., code) for every code of every row of TABLE (the bridge's parent), in row and list
    order; a code listed twice in one cell gives one row."""
    from ..tables import rows
    from .values import typed

    if table is None or table.frame is None:
        return []
    keys = [table.resource.field(k) or {"name": k} for k in bridge.keys]
    out, seen = [], set()
    for _, row in rows(table.frame):
        value = row[bridge.field]
        for code in (value or "").split(SEPARATOR):
            item = (*(typed(f, row[f["name"]]) for f in keys), code)
            if code and item not in seen:
                seen.add(item)
                out.append(item)
    return out
