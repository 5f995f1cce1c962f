"""Downloads for databases: the SQLite file read back (keys, indexes, labels, views, version and
metadata), through DuckDB's sqlite extension and through Datasette as the download page says."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dipevents.export.bridges import bridges
from tests.exports.expected import TABLES, csv_rows, expected_rows
from tests.support import ROOT, assemble

def test_sqlite_round_trip_keys_and_indexes(result, dist):
    db = sqlite3.connect(dist / "diplomatic-events.sqlite")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    for name in TABLES:
        cursor = db.execute(f'SELECT * FROM "{name}"')
        got = [dict(zip([d[0] for d in cursor.description], r)) for r in cursor]
        assert sorted(got, key=str) == sorted(expected_rows(result, name), key=str), name
        pk = [r[1] for r in sorted(db.execute(f'PRAGMA table_info("{name}")'), key=lambda r: r[5]) if r[5]]
        assert pk == result.package.resources[name].primary_key
    fks = {(r[2], r[3], r[4]) for r in db.execute('PRAGMA foreign_key_list("meetings")')}
    assert ("meetings", "parent_meeting_id", "meeting_id") in fks
    assert ("sources", "source_id", "source_id") in fks
    indexed = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "idx_statements_speaker_id" in indexed
    row = db.execute("SELECT date_start, date_end FROM meetings WHERE meeting_id = 'mtg-2024-astana-sco-summit'").fetchone()
    assert row == ("2024-01-01", "2024-12-31")


def test_duckdb_opens_the_sqlite_database(result, dist):
    """Through DuckDB's sqlite extension, installed from PyPI (duckdb-ext-sqlite): no download at run time."""
    import duckdb
    import duckdb_ext

    extension = next(Path(list(duckdb_ext.__path__)[0]).rglob("sqlite_scanner.duckdb_extension"))
    con = duckdb.connect()
    con.execute(f"LOAD '{extension}'")
    con.execute(f"ATTACH '{dist / 'diplomatic-events.sqlite'}' AS de (TYPE sqlite, READ_ONLY)")
    for name in TABLES:
        assert con.execute(f'SELECT count(*) FROM de."{name}"').fetchone()[0] == len(csv_rows(result, name)), name
    assert con.execute("SELECT date_start, date_end FROM de.meetings WHERE meeting_id = "
                       "'mtg-2025-11-moscow-sco-heads-of-government-summit'").fetchone() == ("2025-11-01", "2025-11-30")


def test_datasette_opens_the_sqlite_database(result, dist):
    proc = subprocess.run([str(Path(sys.executable).parent / "datasette"), "inspect",
                           str(dist / "diplomatic-events.sqlite")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    tables = json.loads(proc.stdout)["diplomatic-events"]["tables"]
    counts = {name: t["count"] for name, t in tables.items()}
    assert counts.pop("metadata") > 0  # the release's own description (see test_sqlite_knows_its_version_and_metadata)
    for bridge in bridges(result.package.resources):  # one row per listed code (tests/test_export_bridges.py)
        assert counts.pop(bridge.name) == sum(len(set(filter(None, (r[bridge.field] or "").split(";"))))
                                              for r in csv_rows(result, bridge.parent))
    assert counts == {name: len(csv_rows(result, name)) for name in TABLES}


def test_sqlite_knows_its_version_and_metadata(dist):
    db = sqlite3.connect(dist / "diplomatic-events.sqlite")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1000  # 0.1.0
    meta = dict(db.execute("SELECT key, value FROM metadata"))
    assert (meta["name"], meta["version"], meta["license"]) == ("diplomatic-events", "0.1.0", "CC-BY-4.0")
    assert meta["citation"].startswith("Diplomatic Events contributors (") and "version 0.1.0" in meta["citation"]
    assert meta["source_url"] == "https://github.com/diplomatic-events/diplomatic-events"


@pytest.mark.parametrize("licence, repository", [
    ("javascript:alert(1)", "javascript:alert(2)"), ("data:text/html,<b>x</b>", "file:///etc/passwd"),
    (" https://example.org/\u202eevil", "//example.org/no-scheme")])
def test_datasette_links_only_to_http_urls(tmp_path, licence, repository):
    """Issue 19: Datasette renders license_url and source_url as links; a licence path or a
    CITATION.cff repository-code that is not a plain http(s) URL is left out."""
    from dipevents.export.datasette import metadata
    from dipevents.loader import load

    root = assemble(tmp_path / "package", extra=["CITATION.cff"])
    cff = (root / "CITATION.cff").read_text(encoding="utf-8")
    (root / "CITATION.cff").write_text(cff.replace("https://github.com/diplomatic-events/diplomatic-events",
                                                   repository), encoding="utf-8")
    package, _ = load(root)
    package.descriptor["licenses"][0]["path"] = licence
    meta = metadata(package, "diplomatic-events")
    assert "license_url" not in meta and "source_url" not in meta
    assert meta["license"] == "CC-BY-4.0"


def test_datasette_keeps_http_links(result):
    from dipevents.export.datasette import metadata

    meta = metadata(result.package, "diplomatic-events")
    assert meta["license_url"].startswith("https://") and meta["source_url"].startswith("https://")


@pytest.mark.parametrize("version, number", [("0.1.0", 1000), ("1.2.3", 1_002_003), ("12.0.999", 12_000_999),
                                             ("1.2.3-rc.1", 1_002_003), ("2.0.0+build.5", 2_000_000)])
def test_user_version_from_semver(version, number):
    from dipevents.export.sqlite import user_version

    assert user_version(version) == number


def test_user_version_refuses_what_does_not_fit():
    from dipevents.export.sqlite import user_version

    with pytest.raises(ValueError, match="does not fit"):
        user_version("0.1000.0")


def test_sqlite_codes_join_their_labels(result, dist):
    db = sqlite3.connect(dist / "diplomatic-events.sqlite")
    got = dict(db.execute("SELECT m.meeting_id, f.label FROM meetings AS m JOIN meeting_formats AS f ON f.code = m.format"))
    labels = {r["code"]: r["label"] for r in csv_rows(result, "meeting_formats")}
    assert got == {r["meeting_id"]: labels[r["format"]] for r in csv_rows(result, "meetings")}
    fks = {(r[2], r[3], r[4]) for r in db.execute('PRAGMA foreign_key_list("statements")')}
    assert ("statement_types", "statement_type", "code") in fks


def test_sqlite_views_answer_the_documented_questions(result, dist):
    db = sqlite3.connect(dist / "diplomatic-events.sqlite")
    actors = {r["actor_id"]: r["name"] for r in csv_rows(result, "actors")}
    named = {(r[0], r[1]) for r in db.execute("SELECT meeting_id, participant FROM meeting_participants_named")}
    assert named == {(r["meeting_id"], actors[r["actor_id"]]) for r in csv_rows(result, "meeting_participants")}
    speakers = dict(db.execute("SELECT statement_id, speaker FROM statements_with_speakers"))
    assert speakers == {r["statement_id"]: actors[r["speaker_id"]] for r in csv_rows(result, "statements")}


def test_datasette_shows_labels_descriptions_licence_and_source(result, dist):
    import asyncio

    from datasette.app import Datasette

    metadata = json.loads((dist / "datasette-metadata.json").read_text(encoding="utf-8"))
    ds = Datasette([str(dist / "diplomatic-events.sqlite")], metadata=metadata)

    async def fetch():
        rows = await ds.client.get("/diplomatic-events/meetings.json?_labels=on&_shape=array")
        page = await ds.client.get("/diplomatic-events/meetings")
        return rows.json(), page.text

    # in a thread of its own: the browser tests' session keeps an event loop running in this one
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        rows, page = pool.submit(asyncio.run, fetch()).result()
    labels = {r["code"]: r["label"] for r in csv_rows(result, "meeting_formats")}
    assert {r["meeting_id"]: r["format"] for r in rows} == {
        r["meeting_id"]: {"value": r["format"], "label": labels[r["format"]]} for r in csv_rows(result, "meetings")}
    assert result.package.resources["meetings"].description in page
    assert "CC-BY-4.0" in page and "https://github.com/diplomatic-events/diplomatic-events" in page
    columns = metadata["databases"]["diplomatic-events"]["tables"]["meetings"]["columns"]
    assert columns["date_precision"].startswith("What `date` gives")


def test_download_page_datasette_command_runs(result, dist):
    """The documented command, asked for one page (datasette --get) instead of serving."""
    import re
    import shlex

    md = (ROOT / "docs" / "downloads.md").read_text(encoding="utf-8")
    command = next(line for block in re.findall(r"```sh\n(.*?)```", md, re.S)
                   for line in block.splitlines() if line.startswith("datasette "))
    argv = [str(Path(sys.executable).parent / "datasette"), *shlex.split(command)[1:],
            "--get", "/diplomatic-events/meetings.json?_labels=on&_shape=array"]
    proc = subprocess.run(argv, cwd=dist, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    labels = {r["code"]: r["label"] for r in csv_rows(result, "meeting_formats")}
    assert {r["format"]["label"] for r in json.loads(proc.stdout)} == {labels[r["format"]] for r in csv_rows(result, "meetings")}
