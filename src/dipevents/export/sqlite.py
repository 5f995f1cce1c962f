"""All tables in one SQLite database: typed columns, primary and foreign keys, indexes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..tables import Table
from .values import export_fields, export_rows, sql_type, text


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_statement(table: Table) -> str:
    resource = table.resource
    lines = []
    for f in export_fields(resource):
        required = f.get("constraints", {}).get("required") or f["name"] in resource.primary_key
        lines.append(f"{_quote(f['name'])} {sql_type(f)}{' NOT NULL' if required else ''}")
    lines.append(f"PRIMARY KEY ({', '.join(map(_quote, resource.primary_key))})")
    for fk in resource.foreign_keys:
        lines.append(f"FOREIGN KEY ({', '.join(map(_quote, fk.fields))}) "
                     f"REFERENCES {_quote(fk.resource)} ({', '.join(map(_quote, fk.ref_fields))})")
    return f"CREATE TABLE {_quote(resource.name)} (\n  " + ",\n  ".join(lines) + "\n) STRICT"


def _values(table: Table) -> list[tuple]:
    """Rows over ``export_fields``: dates as ISO 8601 text (SQLite has no date type)."""
    names = [f["name"] for f in export_fields(table.resource)]
    return [tuple(_sql(r[n]) for n in names) for r in export_rows(table)]


def _sql(value):
    if isinstance(value, bool):
        return int(value)
    return value if isinstance(value, (int, float)) else text(value)


def write_sqlite(tables: dict[str, Table], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA foreign_keys = OFF")  # tables load in package order; checked below
        for table in tables.values():
            db.execute(create_statement(table))
            width = len(export_fields(table.resource))
            db.executemany(f"INSERT INTO {_quote(table.resource.name)} VALUES ({', '.join('?' * width)})",
                           _values(table))
            for fk in table.resource.foreign_keys:
                cols = fk.fields
                index = f"idx_{table.resource.name}_{'_'.join(cols)}"
                db.execute(f"CREATE INDEX {_quote(index)} ON {_quote(table.resource.name)} "
                           f"({', '.join(map(_quote, cols))})")
        db.commit()
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ValueError(f"foreign key check failed in the SQLite export: {problems[:5]}")
        db.execute("VACUUM")
    finally:
        db.close()
    return path
