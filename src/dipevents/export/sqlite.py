"""All tables in one SQLite database: typed columns, primary and foreign keys, indexes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..tables import Table, rows
from .values import date_bounds, sql_type, typed


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_statement(table: Table) -> str:
    resource = table.resource
    lines = []
    for f in resource.fields:
        required = f.get("constraints", {}).get("required") or f["name"] in resource.primary_key
        lines.append(f"{_quote(f['name'])} {sql_type(f)}{' NOT NULL' if required else ''}")
    for name in resource.date_fields:
        lines += [f"{_quote(name + '_start')} TEXT", f"{_quote(name + '_end')} TEXT"]
    lines.append(f"PRIMARY KEY ({', '.join(map(_quote, resource.primary_key))})")
    for fk in resource.foreign_keys:
        lines.append(f"FOREIGN KEY ({', '.join(map(_quote, fk.fields))}) "
                     f"REFERENCES {_quote(fk.resource)} ({', '.join(map(_quote, fk.ref_fields))})")
    return f"CREATE TABLE {_quote(resource.name)} (\n  " + ",\n  ".join(lines) + "\n) STRICT"


def _values(table: Table) -> list[tuple]:
    resource = table.resource
    out = []
    for _, row in rows(table.frame):
        values = []
        for f in resource.fields:
            v = typed(f, row[f["name"]])
            values.append(v.isoformat() if hasattr(v, "isoformat") else v)
        for name in resource.date_fields:
            start, end = date_bounds(row[name])
            values += [start and start.isoformat(), end and end.isoformat()]
        out.append(tuple(values))
    return out


def write_sqlite(tables: dict[str, Table], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA foreign_keys = OFF")  # tables load in package order; checked below
        for table in tables.values():
            db.execute(create_statement(table))
            width = len(table.resource.fields) + 2 * len(table.resource.date_fields)
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
