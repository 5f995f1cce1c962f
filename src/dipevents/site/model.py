"""The package as the site sees it: rows, codelist labels, and the links between tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..loader import load
from ..package import Package, Resource
from ..tables import Table, read_tables, rows

RECORD_TITLE_FIELDS = ("title", "name", "event_name", "summary")


@dataclass(frozen=True)
class Link:
    """A foreign key: table.field -> target (a record table or a codelist)."""

    table: str
    field: str
    target: str


@dataclass
class Dataset:
    package: Package
    rows: dict[str, list[dict]]
    links: list[Link] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)

    @property
    def resources(self) -> dict[str, Resource]:
        return self.package.resources

    def is_codelist(self, name: str) -> bool:
        return self.resources[name].is_codelist

    def record_tables(self) -> list[str]:
        """Tables with a one-field primary key get a page per row."""
        return [n for n, r in self.resources.items() if not r.is_codelist and len(r.primary_key) == 1]

    def key(self, table: str, row: dict) -> str:
        return "--".join(str(row[k]) for k in self.resources[table].primary_key)

    def index(self, table: str) -> dict[str, dict]:
        pk = self.resources[table].primary_key[0]
        return {row[pk]: row for row in self.rows[table]}

    def title(self, table: str, row: dict) -> str:
        for name in RECORD_TITLE_FIELDS:
            if row.get(name):
                return row[name]
        return self.key(table, row)

    def label(self, codelist: str, code: str) -> str:
        for row in self.rows[codelist]:
            if row["code"] == code:
                return row["label"]
        return code

    def target(self, table: str, field_name: str) -> str | None:
        return next((l.target for l in self.links if l.table == table and l.field == field_name), None)

    def referencing(self, target: str) -> list[Link]:
        return [l for l in self.links if l.target == target]


def load_dataset(root: Path) -> Dataset:
    package, errors = load(root)
    if package is None:
        raise ValueError(errors[0].message if errors else "cannot load the package")
    tables, _ = read_tables(package)
    data = {name: ([] if t.frame is None else [row for _, row in rows(t.frame)]) for name, t in tables.items()}
    links = []
    for name, resource in package.resources.items():
        for fk in resource.foreign_keys:
            if len(fk.fields) == 1:
                links.append(Link(name, fk.fields[0], fk.resource))
    return Dataset(package, data, links, tables)
