"""Downloads as files: complete, reproducible, and lossless (every value read back and compared):
the zip, CSV, JSON, Parquet and the Excel workbook (the SQLite database: test_sqlite.py)."""

from __future__ import annotations

import calendar
import csv
import json
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dipevents.export.build import build_dist
from tests.exports.expected import TABLES, csv_rows, expected_days, expected_precision, expected_rows
from tests.support import ROOT, Ran, dipevents
from tests.test_export_links import broken_relative_links, markdown_links


def test_build_is_byte_reproducible(result, dist, tmp_path):
    again = tmp_path / "again"
    build_dist(result.package, result.tables, again)
    first = {p.relative_to(dist): p.read_bytes() for p in dist.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [str(k) for k in first if first[k] != second[k]] == []


def test_every_table_in_every_format(dist):
    for name in TABLES:
        for rel in [f"csv/{name}.csv", f"json/{name}.json", f"parquet/{name}.parquet"]:
            assert (dist / rel).is_file(), rel
    assert (dist / "diplomatic-events-0.1.0.zip").is_file()
    assert (dist / "diplomatic-events.sqlite").is_file()
    assert (dist / "diplomatic-events-0.1.0.xlsx").is_file()


def test_checksums_verify_with_sha256sum(dist):
    proc = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=dist, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    listed = {line.split("  ", 1)[1] for line in (dist / "SHA256SUMS").read_text().splitlines()}
    on_disk = {p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert listed == on_disk


FOLDER = "diplomatic-events-0.1.0"


@pytest.fixture(scope="module")
def unzipped(dist, tmp_path_factory) -> Path:
    """The zip unpacked into an empty folder: everything lands in FOLDER."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(dist / "diplomatic-events-0.1.0.zip") as zf:
        zf.extractall(target)
    assert [p.name for p in target.iterdir()] == [FOLDER]
    return target / FOLDER


def _validate(folder: Path) -> tuple[subprocess.CompletedProcess, Ran]:
    official = subprocess.run([sys.executable, "-m", "frictionless", "validate", "datapackage.json"],
                              cwd=folder, capture_output=True, text=True)
    ours = dipevents("validate", folder)
    return official, ours


@pytest.mark.slow
def test_zip_is_a_dataset_folder_that_validates_anywhere(result, unzipped):
    names = sorted(p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*") if p.is_file())
    for required in ["datapackage.json", "schemas/meetings.json", "data/meetings.csv", "README.md",
                     "LICENSE-DATA.md", "CITATION.cff", "CHANGELOG.md", "codebook.md", "data-dictionary.md",
                     "sources/src-2025-09-02-cpecnews-sharif-putin.txt"]:
        assert required in names
    assert not any(n.startswith(("src/", "tests/", "docs/", ".")) for n in names)
    generated = {"datapackage.json", "README.md", "data-dictionary.md"}
    origin = {"codebook.md": ROOT / "docs" / "codebook.md"}
    for rel in set(names) - generated:
        source = origin.get(rel, result.package.root / rel)
        if rel.endswith(".md"):  # copied with their relative links rewritten (tests/test_export_links.py)
            assert _same_but_link_targets(source.read_text(encoding="utf-8"), (unzipped / rel).read_text(encoding="utf-8")), rel
        else:
            assert (unzipped / rel).read_bytes() == source.read_bytes(), rel
    assert broken_relative_links(unzipped) == []
    official, ours = _validate(unzipped)
    assert official.returncode == 0, official.stdout[-2000:]
    assert ours.returncode == 0, ours.stdout
    # issue 19: no resource is skipped in silence; the archived texts are not tables
    assert "notice DE902 [check-not-run] 1 resource(s) are text files (text/plain, no schema), not tables: " \
           '"sources/src-2025-09-02-cpecnews-sharif-putin.txt" are not checked as tables' in ours.stdout


def _same_but_link_targets(source: str, copied: str) -> bool:
    """COPIED is SOURCE with some link targets changed, and nothing else."""
    before, after = markdown_links(source), markdown_links(copied)
    if len(before) != len(after):
        return False
    for old, new in zip(before, after):
        if old != new:
            source = source.replace(f"]({old}", f"]({new}", 1).replace(f"]: {old}", f"]: {new}", 1)
    return source == copied


def test_zip_declares_archived_texts_with_the_publishers_rights(result, unzipped):
    descriptor = json.loads((unzipped / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    texts = [r for r in descriptor["resources"] if r["path"].startswith("sources/")]
    assert sorted(r["path"] for r in texts) == sorted(r["text_path"] for r in csv_rows(result, "sources"))
    for r in texts:
        assert r["mediatype"] == "text/plain" and "schema" not in r
        assert [lic["name"] for lic in r["licenses"]] == ["LicenseRef-publisher-rights"]
        assert "publisher" in r["licenses"][0]["title"]
    tables = [r for r in descriptor["resources"] if not r["path"].startswith("sources/")]
    assert [r["name"] for r in tables] == list(result.package.resources)
    assert all("licenses" not in r for r in tables)  # the tables fall under the package's CC-BY-4.0


@pytest.mark.slow
def test_frictionless_checks_the_declared_texts(unzipped, tmp_path):
    """A changed byte in an archived text fails `frictionless validate` (its declared hash)."""
    import shutil

    copy = tmp_path / FOLDER
    shutil.copytree(unzipped, copy)
    text = copy / "sources" / "src-2025-09-02-cpecnews-sharif-putin.txt"
    text.write_bytes(text.read_bytes().replace(b"Putin", b"Putim", 1))
    official, ours = _validate(copy)
    assert official.returncode != 0 and "hash" in official.stdout.lower()
    assert ours.returncode == 1


def test_zip_readme_is_for_data_users_and_names_only_its_files(result, unzipped):
    import re

    readme = (unzipped / "README.md").read_text(encoding="utf-8")
    files = {p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*") if p.is_file()}
    listed = set(re.findall(r"^- `([^`]+)`$", readme.split("## Files", 1)[1], re.M))
    assert listed == files
    mentioned = set(re.findall(r"`([\w./-]+\.(?:md|csv|json|cff|txt))`", readme))
    assert mentioned <= files, mentioned - files
    for heading in ["## The tables", "## How dates work", "## How to cite", "## Licences"]:
        assert heading in readme
    assert "pip install" not in readme and "src/" not in readme
    assert "Creative Commons Attribution 4.0" in readme and "publisher" in readme
    for name in result.package.resources:
        assert f"`{name}`" in readme


def test_data_dictionary_names_every_column(result, unzipped):
    dictionary = (unzipped / "data-dictionary.md").read_text(encoding="utf-8")
    for name, resource in result.package.resources.items():
        assert f"## {name}\n" in dictionary
        for f in resource.fields:
            assert f"| `{f['name']}` |" in dictionary, (name, f["name"])
    assert "| `date_precision` (derived) |" in dictionary
    assert "| `bilateral` |" in dictionary  # codelist values with their labels


def test_zip_entries_have_fixed_times_and_order(dist):
    with zipfile.ZipFile(dist / "diplomatic-events-0.1.0.zip") as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_the_fixture_has_every_reduced_precision(result):
    """So the round trips below compare year, month and day dates (intervals: the unit tests)."""
    seen = {r[f"{n}_precision"] for name in TABLES for r in expected_rows(result, name)
            for n in result.package.resources[name].date_fields}
    assert {"year", "month", "day"} <= seen


def test_csv_exports_carry_the_derived_date_columns(result, dist):
    for name in TABLES:
        with (dist / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            got = [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(fh)]
        assert got == expected_rows(result, name), name
    header = (dist / "csv" / "meetings.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    at = header.index("date")
    assert header[at:at + 4] == ["date", "date_start", "date_end", "date_precision"]
    assert b"\r" not in (dist / "csv" / "meetings.csv").read_bytes()


def test_csv_with_the_documented_pandas_recipe(result, dist):
    """dtype=str keeps "2024" as text (pandas' default makes it the number 2024)."""
    import pandas as pd

    path = dist / "csv" / "agreements.csv"
    assert str(pd.read_csv(path)["date"].dtype) == "int64"  # why the recipe is needed
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, parse_dates=["date_start", "date_end"])
    want = expected_rows(result, "agreements")
    assert frame["date"].tolist() == [r["date"] for r in want]
    assert [d.date().isoformat() for d in frame["date_start"]] == [r["date_start"] for r in want]
    assert [d.date().isoformat() for d in frame["date_end"]] == [r["date_end"] for r in want]
    assert frame["date_precision"].tolist() == [r["date_precision"] for r in want]


def test_csv_with_duckdb_and_the_documented_recipe(result, dist):
    import duckdb

    path = dist / "csv" / "agreements.csv"
    rel = duckdb.sql(f"SELECT * FROM read_csv('{path}', types = {{'date': 'VARCHAR'}})")
    types = dict(zip(rel.columns, map(str, rel.types)))
    assert (types["date"], types["date_start"], types["date_end"]) == ("VARCHAR", "DATE", "DATE")
    got = [(d, s.isoformat(), e.isoformat(), p) for d, s, e, p in rel.select("date, date_start, date_end, date_precision").fetchall()]
    assert got == [(r["date"], r["date_start"], r["date_end"], r["date_precision"]) for r in expected_rows(result, "agreements")]


@pytest.mark.parametrize("name", TABLES)
def test_json_with_pandas_orient_table(result, dist, name):
    import pandas as pd

    frame = pd.read_json(dist / "json" / f"{name}.json", orient="table")
    want = expected_rows(result, name)
    if want:
        assert list(frame.columns) == list(want[0])
    got = [{k: (None if not isinstance(v, str) and pd.isna(v) else v.date().isoformat() if hasattr(v, "date") else v)
            for k, v in record.items()} for record in frame.to_dict("records")]
    assert got == want
    for column in frame.columns:
        if column.endswith(("_start", "_end")) or column == "published_date":
            assert str(frame[column].dtype).startswith("datetime64"), column


def test_json_keeps_its_text_in_pandas_and_duckdb_defaults(result, dist):
    """pandas' default reading refuses the file (it never turns "2024" into a day or a number);
    DuckDB's keeps every text, and types the derived days as DATE."""
    import duckdb
    import pandas as pd

    path = dist / "json" / "agreements.json"
    with pytest.raises(ValueError):
        pd.read_json(path)
    rel = duckdb.sql(f"SELECT unnest(data, recursive := true) FROM read_json('{path}')")
    types = dict(zip(rel.columns, map(str, rel.types)))
    assert (types["date"], types["date_start"], types["date_end"]) == ("VARCHAR", "DATE", "DATE")
    got = [(d, s.isoformat(), e.isoformat(), p) for d, s, e, p in rel.select("date, date_start, date_end, date_precision").fetchall()]
    assert got == [(r["date"], r["date_start"], r["date_end"], r["date_precision"]) for r in expected_rows(result, "agreements")]


def test_json_is_text_and_a_schema(result, dist):
    doc = json.loads((dist / "json" / "meetings.json").read_text(encoding="utf-8"))
    assert doc["data"] == expected_rows(result, "meetings")
    kinds = {f["name"]: f["type"] for f in doc["schema"]["fields"]}
    assert (kinds["date"], kinds["date_start"], kinds["date_precision"]) == ("string", "datetime", "string")


def _span_ok(text: str, start: date, end: date) -> bool:
    """Independent check of a derived span: same prefix, and it covers the whole year or month;
    an interval YYYY-MM-DD/YYYY-MM-DD spans from its first to its last day."""
    if "/" in text:
        first, last = text.split("/")
        return (start, end) == (date.fromisoformat(first), date.fromisoformat(last))
    parts = text.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return (start, end) == (date(year, 1, 1), date(year, 12, 31))
    month = int(parts[1])
    if len(parts) == 2:
        return (start, end) == (date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
    return start == end == date(year, month, int(parts[2]))


@pytest.mark.parametrize("name", TABLES)
def test_parquet_round_trip(result, dist, name):
    exported = pq.read_table(dist / "parquet" / f"{name}.parquet").to_pylist()
    got = [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in r.items()} for r in exported]
    assert got == expected_rows(result, name)


@pytest.mark.parametrize("value, first, last", [
    ("2024", date(2024, 1, 1), date(2024, 12, 31)), ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-05-09", date(2024, 5, 9), date(2024, 5, 9)),
    ("2024-04-29/2024-05-05", date(2024, 4, 29), date(2024, 5, 5)), ("2024-13", None, None)])
def test_date_bounds_of_every_date_form(value, first, last):
    from dipevents.export.values import date_bounds

    assert date_bounds(value) == (first, last)
    if first:
        assert _span_ok(value, first, last)


def test_parquet_types_and_known_spans(dist):
    table = pq.read_table(dist / "parquet" / "meetings.parquet")
    assert str(table.schema.field("date").type) == "string"
    assert str(table.schema.field("date_start").type) == "date32[day]"
    assert str(table.schema.field("date_precision").type) == "string"
    rows = {r["meeting_id"]: r for r in table.to_pylist()}
    moscow = rows["mtg-2025-11-moscow-sco-heads-of-government-summit"]
    assert (moscow["date_start"], moscow["date_end"]) == (date(2025, 11, 1), date(2025, 11, 30))
    sources = pq.read_table(dist / "parquet" / "sources.parquet")
    assert str(sources.schema.field("published_date").type) == "date32[day]"


def test_duckdb_reads_the_parquet_and_csv(result, dist):
    import duckdb

    con = duckdb.connect()
    parquet = con.execute(f"SELECT count(*) FROM '{dist}/parquet/statements.parquet'").fetchone()[0]
    text = con.execute(f"SELECT count(*) FROM read_csv('{dist}/csv/statements.csv', all_varchar=true)").fetchone()[0]
    assert parquet == text == len(csv_rows(result, "statements"))


def test_download_page_examples_run(dist):
    md = (ROOT / "docs" / "downloads.md").read_text(encoding="utf-8")
    import re

    blocks = re.findall(r"```python\n(.*?)```", md, re.S)
    assert len(blocks) == 4  # pandas, DuckDB, DuckDB on the SQLite file offline, sqlite3 (with a bridge table)
    for block in blocks:
        proc = subprocess.run([sys.executable, "-c", block], cwd=dist, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert "2025" in proc.stdout


@pytest.mark.parametrize("value, precision", [
    ("2024", "year"), ("2024-02", "month"), ("2024-05-09", "day"), ("2024-04-29/2024-05-05", "span"),
    ("2024-05-01/2024-05-31", "month"), ("2024-05-09/2024-05-09", "day"), ("", None)])
def test_precision_of_every_date_form(value, precision):
    from dipevents.export.values import date_columns

    start, end, got = date_columns(value or None)
    assert got == precision
    if value:
        assert got == expected_precision(value, *expected_days(value)) and (start, end) == expected_days(value)


def test_excel_workbook_reads_back_with_openpyxl(result, dist):
    import openpyxl

    wb = openpyxl.load_workbook(dist / "diplomatic-events-0.1.0.xlsx")
    assert wb.sheetnames == ["README", *result.package.resources]
    for name in result.package.resources:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        rows = list(ws.iter_rows())
        header = [c.value for c in rows[0]]
        want = expected_rows(result, name)
        got = [dict(zip(header, (c.value for c in row))) for row in rows[1:]]
        if want:
            assert header == list(want[0])
        assert got == want, name
        assert {c.data_type for row in rows for c in row if c.value is not None} <= {"s"}, name
    readme = {row[0].value: row[1].value for row in wb["README"].iter_rows(max_col=2) if row[0].value}
    assert readme["Version"] == "0.1.0"
    licences = [r[1].value for r in wb["README"].iter_rows(max_col=2) if r[0].value == "Licence"]
    assert licences[0] == "Data: Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/)"
    assert licences[1].startswith("Archived source texts (sources/*.txt): each remains its publisher's")
    assert readme["Cite as"].startswith("Diplomatic Events contributors (") and "version 0.1.0" in readme["Cite as"]
    described = {(r[0].value, r[1].value) for r in wb["README"].iter_rows(min_col=1, max_col=4) if r[3].value}
    assert ("meetings", "date_precision") in described and ("agreements", "date") in described


def test_excel_cells_are_never_formulas_or_errors(tmp_path):
    import openpyxl

    from dipevents.export.xlsx import _put

    wb = openpyxl.Workbook()
    for column, value in enumerate(["=1+1", "=HYPERLINK(\"http://x\")", "#N/A", "2024", "+1"], start=1):
        _put(wb.active, 1, column, value)
    wb.save(tmp_path / "t.xlsx")
    cells = list(openpyxl.load_workbook(tmp_path / "t.xlsx").active.iter_rows())[0]
    assert [(c.value, c.data_type) for c in cells] == [
        ("=1+1", "s"), ("=HYPERLINK(\"http://x\")", "s"), ("#N/A", "s"), ("2024", "s"), ("+1", "s")]


@pytest.mark.slow
def test_a_declared_text_must_exist_and_only_text_may_lack_a_schema(unzipped, tmp_path):
    import shutil

    copy = tmp_path / FOLDER
    shutil.copytree(unzipped, copy)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    text = next(r for r in descriptor["resources"] if r["path"].startswith("sources/"))
    text["path"] = "sources/missing.txt"
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    ours = _validate(copy)[1]
    assert ours.returncode == 1 and '"sources/missing.txt" does not exist' in ours.stdout
    text["path"], text["mediatype"] = "sources/src-2025-09-02-cpecnews-sharif-putin.txt", "text/csv"
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    ours = _validate(copy)[1]
    assert ours.returncode == 1 and "needs a Table Schema" in ours.stdout
