"""Bridge tables: a field holding a ;-separated list of codes joins its codelist in SQLite.

The list fields are found here from the schemas (a field with a "codelist" property), each is
given codes of its codelist in a copy of the fixture package, and the SQLite download is read
back with sqlite3 (and Datasette) and compared with the CSV.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dipevents.export.bridges import Bridge, bridges
from dipevents.loader import load
from dipevents.package import Resource
from dipevents.validate import run
from tests.support import ROOT, assemble, read_csv_rows, write_csv_rows


def list_fields(resources) -> list[tuple[str, str, str]]:
    """(table, field, codelist) of every field with a "codelist" property, from the schemas."""
    return [(name, f["name"], f["codelist"]) for name, r in resources.items() for f in r.fields if f.get("codelist")]


def test_the_package_has_a_list_field():
    """So the tests below exercise at least one bridge (agreements.sectors today)."""
    assert ("agreements", "sectors", "sectors") in list_fields(load(ROOT)[0].resources)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture package with each list field of each table's first row set to two codes of
    its codelist, the second listed twice; validated, then the SQLite file and Datasette metadata."""
    from dipevents.export.datasette import write_metadata
    from dipevents.export.sqlite import write_sqlite

    root = assemble(tmp_path_factory.mktemp("bridges") / "package")
    package = load(root)[0]
    filled = 0
    for table, field, codelist in list_fields(package.resources):
        codes = [row[0] for row in read_csv_rows(package.resources[codelist].file)[1:3]]
        rows = read_csv_rows(package.resources[table].file)
        if len(rows) < 2 or len(codes) < 2:
            continue
        rows[1][rows[0].index(field)] = ";".join([codes[1], codes[0], codes[1]])
        write_csv_rows(package.resources[table].file, rows)
        filled += 1
    assert filled
    result = run(root)
    assert result.valid, [e.message for e in result.errors if e.severity == "error"]
    db = write_sqlite(result.tables, root.parent / "out" / "de.sqlite", result.package)
    meta = write_metadata(result.package, "de", root.parent / "out" / "metadata.json")
    return result, db, meta


def _csv(resource) -> list[dict]:
    rows = read_csv_rows(resource.file)
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def _bridge_of(db: sqlite3.Connection, parent: str, codelist: str) -> tuple[str, list[str], str]:
    """The one table whose foreign keys point at PARENT and at CODELIST: (name, key columns, code column)."""
    found = []
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        fks = {}
        for r in db.execute(f'PRAGMA foreign_key_list("{name}")'):
            fks.setdefault(r[2], []).append(r[3])
        if name not in (parent, codelist) and parent in fks and codelist in fks:
            found.append((name, fks[parent], fks[codelist][0]))
    assert len(found) == 1, found
    return found[0]


def test_each_list_field_joins_its_labels_like_the_csv(built):
    result, path, _ = built
    db = sqlite3.connect(path)
    resources = result.package.resources
    for table, field, codelist in list_fields(resources):
        name, keys, column = _bridge_of(db, table, codelist)
        labels = {r["code"]: r["label"] for r in _csv(resources[codelist])}
        want = sorted({(*(r[k] for k in keys), labels[code]) for r in _csv(resources[table])
                       for code in r[field].split(";") if code})
        cols = ", ".join(f'b."{k}"' for k in keys)
        got = db.execute(f'SELECT {cols}, c.label FROM "{name}" AS b JOIN "{codelist}" AS c ON c.code = b."{column}" '
                         f"ORDER BY 1, 2").fetchall()
        assert sorted(got) == want, name
        assert db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(want)  # a code listed twice: one row
        assert len(want) >= 2


def test_agreement_sectors_is_named_and_keyed_as_documented(built):
    db = sqlite3.connect(built[1])
    columns = [(r[1], r[2], r[3], r[5]) for r in db.execute('PRAGMA table_info("agreement_sectors")')]
    assert columns == [("agreement_id", "TEXT", 1, 1), ("sector", "TEXT", 1, 2)]
    fks = {(r[2], r[3], r[4]) for r in db.execute('PRAGMA foreign_key_list("agreement_sectors")')}
    assert fks == {("agreements", "agreement_id", "agreement_id"), ("sectors", "sector", "code")}
    indexed = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "idx_agreement_sectors_sector" in indexed


def test_the_bridge_refuses_an_unknown_code_or_parent(built):
    db = sqlite3.connect(built[1])
    db.execute("PRAGMA foreign_keys = ON")
    agreement = db.execute("SELECT agreement_id FROM agreements").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        db.execute("INSERT INTO agreement_sectors VALUES (?, 'no_such_sector')", (agreement,))
    sector = db.execute("SELECT code FROM sectors").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        db.execute("INSERT INTO agreement_sectors VALUES ('agr-no-such-agreement', ?)", (sector,))


def test_datasette_describes_the_bridge_and_shows_its_labels(built):
    result, path, meta = built
    tables = json.loads(meta.read_text(encoding="utf-8"))["databases"]["de"]["tables"]
    entry = tables["agreement_sectors"]
    assert entry["description"] == ("One row per code in `agreements.sectors` (a `;`-separated list there): "
                                    "join `sector` to `sectors.code` for its label and description.")
    assert set(entry["columns"]) == {"agreement_id", "sector"}
    assert "`sectors` codelist" in entry["columns"]["sector"]
    proc = subprocess.run([str(Path(sys.executable).parent / "datasette"), str(path), "--metadata", str(meta),
                           "--get", "/de/agreement_sectors.json?_labels=on&_shape=array"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    labels = {r["code"]: r["label"] for r in _csv(result.package.resources["sectors"])}
    rows = json.loads(proc.stdout)
    assert rows and all(r["sector"]["label"] == labels[r["sector"]["value"]] for r in rows)


def test_the_data_users_readme_and_dictionary_list_the_bridge(built):
    from dipevents.export.readme import data_dictionary, data_readme

    result = built[0]
    dictionary = data_dictionary(result.package, result.tables)
    section = dictionary.split("### agreement_sectors\n", 1)[1]
    assert "| `agreement_id` | string | yes |" in section and "| `sector` | string | yes |" in section
    readme = data_readme(result.package, ["README.md"])
    assert "`agreement_sectors` (`agreements.sectors`)" in readme


def test_the_downloads_page_names_every_bridge():
    page = (ROOT / "docs" / "downloads.md").read_text(encoding="utf-8")
    names = [b.name for b in bridges(load(ROOT)[0].resources)]
    assert names and all(re.search(rf"`{n}[`(]", page) for n in names)


def _resource(name: str, fields: list[dict], key: list[str]) -> Resource:
    return Resource(name, f"data/{name}.csv", Path(f"/nowhere/{name}.csv"), {"fields": fields, "primaryKey": key}, None)


def _codelist(name: str) -> Resource:
    return Resource(name, f"data/codelists/{name}.csv", Path("/nowhere"),
                    {"fields": [{"name": "code"}, {"name": "label"}], "primaryKey": ["code"]}, "schemas/codelist.json")


def test_bridge_names_come_from_the_key_and_the_field():
    resources = {"talks": _resource("talks", [{"name": "talk_id"}, {"name": "topics", "codelist": "topics"},
                                              {"name": "media", "codelist": "topics"}], ["talk_id"]),
                 "topics": _codelist("topics")}
    assert bridges(resources) == [Bridge("talk_topics", "talks", "topics", ("talk_id",), "topic", "topics", "code"),
                                  Bridge("talk_media", "talks", "media", ("talk_id",), "code", "topics", "code")]


def test_a_bridge_name_that_is_taken_falls_back_then_stops_the_build():
    talks = _resource("talks", [{"name": "talk_id"}, {"name": "topics", "codelist": "topics"}], ["talk_id"])
    resources = {"talks": talks, "topics": _codelist("topics"), "talk_topics": _codelist("talk_topics")}
    assert [b.name for b in bridges(resources)] == ["talks_topics"]
    resources["talks_topics"] = _codelist("talks_topics")
    with pytest.raises(ValueError, match="^the SQLite bridge table for talks.topics would be named talk_topics, "
                                         "which is already a table: rename one of them$"):
        bridges(resources)
