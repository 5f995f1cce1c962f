"""All tables in one SQLite database: typed columns, primary and foreign keys, indexes.

Codelists are tables too, so every coded column's foreign key joins its label; a field holding
a ``;``-separated list of codes gets a bridge table (bridges.py) whose rows join. The release
is recorded in ``PRAGMA user_version`` (MAJOR*1000000 + MINOR*1000 + PATCH) and in a
``metadata`` table; a few views answer common questions (see docs/downloads.md).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from ..tables import Table
from .bridges import bridge_rows, bridges
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


def bridge_statement(bridge, resources: dict) -> str:
    """CREATE TABLE of a bridge: the parent's key and one code, each with its foreign key."""
    fields = bridge.fields(resources)
    lines = [f"{_quote(f['name'])} {sql_type(f)} NOT NULL" for f in fields]
    keys = [*bridge.keys, bridge.column]
    lines.append(f"PRIMARY KEY ({', '.join(map(_quote, keys))})")
    lines.append(f"FOREIGN KEY ({', '.join(map(_quote, bridge.keys))}) "
                 f"REFERENCES {_quote(bridge.parent)} ({', '.join(map(_quote, bridge.keys))})")
    lines.append(f"FOREIGN KEY ({_quote(bridge.column)}) REFERENCES {_quote(bridge.codelist)} ({_quote(bridge.code)})")
    return f"CREATE TABLE {_quote(bridge.name)} (\n  " + ",\n  ".join(lines) + "\n) STRICT"


def _values(table: Table) -> list[tuple]:
    """Rows over ``export_fields``: dates as ISO 8601 text (SQLite has no date type)."""
    names = [f["name"] for f in export_fields(table.resource)]
    return [tuple(_sql(r[n]) for n in names) for r in export_rows(table)]


def _sql(value):
    if isinstance(value, bool):
        return int(value)
    return value if isinstance(value, (int, float)) else text(value)


# Views for common questions, named in docs/downloads.md (a test runs each one).
VIEWS = {
    "meeting_participants_named": """
        SELECT m.meeting_id, m.title AS meeting, m.date, m.date_start, m.date_end, m.date_precision,
               f.label AS format, a.actor_id, a.name AS participant, r.name AS represents,
               p.capacity, pr.label AS role
        FROM meeting_participants AS p
        JOIN meetings AS m ON m.meeting_id = p.meeting_id
        JOIN actors AS a ON a.actor_id = p.actor_id
        LEFT JOIN actors AS r ON r.actor_id = p.represents
        LEFT JOIN meeting_formats AS f ON f.code = m.format
        LEFT JOIN participant_roles AS pr ON pr.code = p.role""",
    "statements_with_speakers": """
        SELECT s.statement_id, s.date, s.date_start, s.date_end, s.date_precision,
               s.speaker_id, a.name AS speaker, t.label AS statement_type, s.summary, s.quote,
               s.meeting_id, m.title AS meeting, s.about_id, b.name AS about
        FROM statements AS s
        JOIN actors AS a ON a.actor_id = s.speaker_id
        LEFT JOIN statement_types AS t ON t.code = s.statement_type
        LEFT JOIN meetings AS m ON m.meeting_id = s.meeting_id
        LEFT JOIN actors AS b ON b.actor_id = s.about_id""",
}


def user_version(version: str) -> int:
    """MAJOR*1000000 + MINOR*1000 + PATCH of a semantic version (0.1.0 -> 1000); a pre-release
    or build suffix (1.2.3-rc.1, 2.0.0+build.5) is left out: the metadata table has it whole."""
    core = re.match(r"([0-9]+)\.([0-9]+)\.([0-9]+)", version)
    if not core:
        raise ValueError(f"version {version} is not MAJOR.MINOR.PATCH")
    major, minor, patch = (int(p) for p in core.groups())
    if not (minor < 1000 and patch < 1000 and major < 2000):
        raise ValueError(f"version {version} does not fit SQLite's user_version")
    return major * 1_000_000 + minor * 1_000 + patch


def metadata_rows(package) -> list[tuple[str, str]]:
    from .about import DATES, SOURCES_RIGHTS, citation, repository

    d = package.descriptor
    licence = (d.get("licenses") or [{}])[0]
    rows = [("name", package.name), ("title", d.get("title", "")), ("version", package.version),
            ("description", d.get("description", "")), ("license", licence.get("name", "")),
            ("license_url", licence.get("path", "")), ("sources_rights", SOURCES_RIGHTS),
            ("citation", citation(package)), ("source_url", repository(package)), ("dates", DATES)]
    return [(k, v) for k, v in rows if v]


def write_sqlite(tables: dict[str, Table], path: Path, package=None) -> Path:
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
        resources = {name: table.resource for name, table in tables.items()}
        for bridge in bridges(resources):
            db.execute(bridge_statement(bridge, resources))
            db.executemany(f"INSERT INTO {_quote(bridge.name)} VALUES ({', '.join('?' * (len(bridge.keys) + 1))})",
                           bridge_rows(bridge, tables[bridge.parent]))
            db.execute(f"CREATE INDEX {_quote(f'idx_{bridge.name}_{bridge.column}')} ON {_quote(bridge.name)} "
                       f"({_quote(bridge.column)})")
        if package is not None:
            db.execute("CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT")
            db.executemany("INSERT INTO metadata VALUES (?, ?)", metadata_rows(package))
            db.execute(f"PRAGMA user_version = {user_version(package.version)}")
        for name, query in VIEWS.items():
            if set(re.findall(r"(?:FROM|JOIN) (\w+)", query)) <= set(tables):  # a package may lack one
                db.execute(f"CREATE VIEW {_quote(name)} AS {query.strip()}")
        db.commit()
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ValueError(f"foreign key check failed in the SQLite export: {problems[:5]}")
        db.execute("VACUUM")
    finally:
        db.close()
    return path
