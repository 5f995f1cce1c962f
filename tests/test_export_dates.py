"""Dates mean the same in every download and every client (issue 12).

A copy of the fixture package gets every date form (year, month, day, a run of days, runs
that cover a whole month, year or one day, and empty optional dates), is written by the
exporters, and each file is read back the way docs/downloads.md says (and, where the
defaults keep the meaning, with the reader's defaults): pandas (CSV, JSON, Parquet), DuckDB
(CSV, JSON, Parquet, the SQLite file offline), sqlite3 and openpyxl. Each reader's date text,
first day, last day and precision are compared with those this test computes from the CSV.
"""

from __future__ import annotations

import calendar
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from dipevents.export.build import build_dist
from dipevents.loader import load
from dipevents.tables import read_tables
from tests.exports.expected import expected_days
from tests.support import ROOT, assemble, read_csv_rows, write_csv_rows

# Date texts of every form; precisions as this test reads them (not from the exporter).
FORMS = ["2024", "2025-11", "2025-09-02", "2024-04-29/2024-05-05", "2024-02-01/2024-02-29",
         "2023-01-01/2023-12-31", "2025-09-03/2025-09-03", "2024-02", "2023-12-30/2024-01-02"]
DATED = [name for name, r in load(ROOT)[0].resources.items() if r.date_fields]


def _precision(text: str) -> str:
    start, end = expected_days(text)
    if start == end:
        return "day"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return "year"
    if start.day == 1 and (start.year, start.month) == (end.year, end.month) \
            and end.day == calendar.monthrange(end.year, end.month)[1]:
        return "month"
    return "span"


@pytest.fixture(scope="module")
def varied(tmp_path_factory):
    """(package, dist): the fixture with its date cells cycled through FORMS (an empty
    optional date stays empty on every other row), and every download written from it."""
    root = assemble(tmp_path_factory.mktemp("dates") / "package")
    package = load(root)[0]
    at = 0
    for name in DATED:
        resource = package.resources[name]
        rows = read_csv_rows(resource.file)
        for i, row in enumerate(rows[1:], start=1):
            for field in resource.date_fields:
                column = rows[0].index(field)
                if row[column] or i % 2:
                    row[column] = FORMS[at % len(FORMS)]
                    at += 1
        write_csv_rows(resource.file, rows)
    package = load(root)[0]
    tables, errors = read_tables(package)
    assert not errors, errors
    out = root.parent / "dist"
    build_dist(package, tables, out)
    return package, out


def expected(package, name: str) -> list[tuple]:
    """(primary key, field, text, first day, last day, precision) of every date cell of the CSV."""
    resource = package.resources[name]
    rows = read_csv_rows(resource.file)
    out = []
    for row in rows[1:]:
        record = dict(zip(rows[0], row))
        key = tuple(record[k] for k in resource.primary_key)
        for field in resource.date_fields:
            text = record[field] or None
            derived = (None, None, None) if text is None else (*(d.isoformat() for d in expected_days(text)), _precision(text))
            out.append((key, field, text, *derived))
    return sorted(out, key=repr)


def test_the_copy_holds_every_form_and_precision(varied):
    package, _ = varied
    cells = [c for name in DATED for c in expected(package, name)]
    assert {c[5] for c in cells} == {"year", "month", "span", "day", None}
    assert {c[2] for c in cells} >= set(FORMS)


def _norm(value):
    """A value as text: dates and timestamps as ISO days; NaN, NaT, None and "" as None."""
    import pandas as pd

    if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _records(columns: list[str], rows) -> list[dict]:
    return [dict(zip(columns, row)) for row in rows]


def pandas_csv_recipe(dist: Path, resource) -> list[dict]:
    import pandas as pd

    derived = [f"{f}_{end}" for f in resource.date_fields for end in ("start", "end")]
    frame = pd.read_csv(dist / "csv" / f"{resource.name}.csv", dtype=str, keep_default_na=False, parse_dates=derived)
    return frame.to_dict("records")


def pandas_csv_defaults(dist: Path, resource) -> list[dict]:
    import pandas as pd

    return pd.read_csv(dist / "csv" / f"{resource.name}.csv").to_dict("records")


def pandas_json(dist: Path, resource) -> list[dict]:
    import pandas as pd

    return pd.read_json(dist / "json" / f"{resource.name}.json", orient="table").to_dict("records")


def pandas_parquet(dist: Path, resource) -> list[dict]:
    import pandas as pd

    return pd.read_parquet(dist / "parquet" / f"{resource.name}.parquet").to_dict("records")


def _duckdb(query: str, con=None) -> list[dict]:
    import duckdb

    con = con or duckdb.connect()
    rel = con.sql(query)
    return _records(rel.columns, rel.fetchall())


def duckdb_csv_recipe(dist: Path, resource) -> list[dict]:
    types = ", ".join(f"'{f}': 'VARCHAR'" for f in resource.date_fields)
    return _duckdb(f"SELECT * FROM read_csv('{dist}/csv/{resource.name}.csv', types = {{{types}}})")


def duckdb_json(dist: Path, resource) -> list[dict]:
    return _duckdb(f"SELECT unnest(data, recursive := true) FROM read_json('{dist}/json/{resource.name}.json')")


def duckdb_parquet(dist: Path, resource) -> list[dict]:
    return _duckdb(f"SELECT * FROM '{dist}/parquet/{resource.name}.parquet'")


def duckdb_sqlite(dist: Path, resource) -> list[dict]:
    """Offline, as documented: the extension from PyPI (duckdb-ext-sqlite), DuckDB told never to
    install or load one by itself, from an empty extension folder."""
    import tempfile

    import duckdb
    import duckdb_ext

    extension = next(Path(list(duckdb_ext.__path__)[0]).rglob("sqlite_scanner.duckdb_extension"))
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False,
                                 "extension_directory": tempfile.mkdtemp(dir=dist.parent)})
    con.execute(f"LOAD '{extension}'")
    con.execute(f"ATTACH '{dist / 'diplomatic-events.sqlite'}' AS de (TYPE sqlite, READ_ONLY)")
    return _duckdb(f'SELECT * FROM de."{resource.name}"', con)


def with_sqlite3(dist: Path, resource) -> list[dict]:
    db = sqlite3.connect(dist / "diplomatic-events.sqlite")
    cursor = db.execute(f'SELECT * FROM "{resource.name}"')
    return _records([d[0] for d in cursor.description], cursor.fetchall())


def with_openpyxl(dist: Path, resource) -> list[dict]:
    import openpyxl

    rows = list(openpyxl.load_workbook(dist / "diplomatic-events-0.1.0.xlsx")[resource.name].iter_rows(values_only=True))
    return _records(list(rows[0]), rows[1:])


# reader -> does it keep each date text as text (True), or only its meaning (a whole day may
# come back as that day: DuckDB's JSON detection; a year as a number: pandas' CSV defaults)?
READERS = {pandas_csv_recipe: True, pandas_json: True, pandas_parquet: True, duckdb_csv_recipe: True,
           duckdb_parquet: True, duckdb_sqlite: True, with_sqlite3: True, with_openpyxl: True,
           duckdb_json: False, pandas_csv_defaults: False}
# readers whose format has a date type: the first and last days come back as dates
TYPED = {pandas_csv_recipe, pandas_json, pandas_parquet, duckdb_csv_recipe, duckdb_json, duckdb_parquet}


@pytest.mark.parametrize("name", DATED)
@pytest.mark.parametrize("reader", list(READERS), ids=lambda r: r.__name__)
def test_every_reader_gets_the_same_dates_spans_and_precision(varied, reader, name):
    package, dist = varied
    resource = package.resources[name]
    records = reader(dist, resource)
    got = []
    for record in records:
        key = tuple(_norm(record[k]) for k in resource.primary_key)
        for field in resource.date_fields:
            text = record[field]
            if READERS[reader] and _norm(text) is not None:
                assert isinstance(text, str), (field, text)
            got.append((key, field, _norm(text), *(_norm(record[f"{field}_{end}"]) for end in ("start", "end", "precision"))))
            if reader in TYPED:
                for end in ("start", "end"):
                    value = record[f"{field}_{end}"]
                    assert _norm(value) is None or isinstance(value, date), (field, end, value)
    want = expected(package, name)
    if reader is pandas_csv_defaults:  # the date text may be a number there (2024, 2024.0): its derived columns
        got, want = ([c[:2] + c[3:] for c in cells] for cells in (got, want))
    assert sorted(got, key=repr) == sorted(want, key=repr)


def test_pandas_csv_defaults_lose_the_text_of_a_year(varied, tmp_path):
    """Why the CSV recipe is needed (docs/downloads.md): a column of years only, read with
    pandas' defaults, holds numbers; the recipe keeps the text."""
    import pandas as pd

    path = tmp_path / "years.csv"
    path.write_text("id,date,date_start\na,2024,2024-01-01\nb,,\n", encoding="utf-8")
    assert pd.read_csv(path)["date"].tolist()[0] == 2024.0
    assert pd.read_csv(path, dtype=str, keep_default_na=False)["date"].tolist() == ["2024", ""]



# --- the recipes of docs/downloads.md name the right columns --------------------------------

PAGE = ROOT / "docs" / "downloads.md"


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


def test_the_page_lists_every_date_field():
    import re

    listed = re.search(r"Date fields \(([^)]*)\) hold", _page()).group(1)
    fields = {f for r in load(ROOT)[0].resources.values() for f in r.date_fields}
    assert set(re.findall(r"`(\w+)`", listed)) == fields


def test_the_duckdb_csv_recipe_names_every_date_field_of_its_table():
    import re

    uses = re.findall(r"read_csv\('csv/(\w+)\.csv', types = \{([^}]*)\}\)", _page())
    assert uses
    resources = load(ROOT)[0].resources
    for table, types in uses:
        assert dict(re.findall(r"'(\w+)': '(\w+)'", types)) == {f: "VARCHAR" for f in resources[table].date_fields}


def test_the_readr_recipe_reads_every_derived_day_of_its_table_as_a_date():
    import re

    block = re.search(r"```r\n(.*?)```", _page(), re.S).group(1)
    table = re.search(r'read_csv\("csv/(\w+)\.csv"', block).group(1)
    resource = load(ROOT)[0].resources[table]
    assert "col_character()" in block and 'na = ""' in block
    assert re.findall(r"(\w+) = col_date\(\)", block) == [f"{f}_{end}" for f in resource.date_fields for end in ("start", "end")]


def test_the_spreadsheet_recipe_points_at_a_first_day(varied):
    """The page's `=DATEVALUE(D2)` in the `meetings` sheet: D is `date_start`, and D2 an ISO day as text."""
    import re

    import openpyxl

    sheet, cell, column = re.search(r"in the `(\w+)`\s+sheet, `=DATEVALUE\(([A-Z]+2)\)` turns the first `(\w+)`", _page()).groups()
    ws = openpyxl.load_workbook(varied[1] / "diplomatic-events-0.1.0.xlsx")[sheet]
    assert ws[cell.replace("2", "1")].value == column == "date_start"
    assert ws[cell].data_type == "s" and date.fromisoformat(ws[cell].value)
