"""One file per table: CSV (text), JSON (text, with a Table Schema) and Parquet (typed columns).

Every format holds the same columns (``values.export_fields``): the table's fields, each
date field followed by its first day, last day and precision.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .. import fieldtypes
from ..package import Resource
from ..tables import Table
from .values import export_fields, export_rows, spreadsheet_safe, text

def write_csv(table: Table, out: Path) -> Path:
    """The table's CSV with the derived date columns (UTF-8, LF, header row; empty = missing)."""
    fields = [f["name"] for f in export_fields(table.resource)]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_safe(n) for n in fields])
    for record in export_rows(table):
        writer.writerow(["" if record[n] is None else spreadsheet_safe(text(record[n])) for n in fields])
    path = out / "csv" / f"{table.resource.name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def json_schema(resource: Resource) -> dict:
    """The columns' Table Schema in the form pandas reads with orient="table"."""
    fields = []
    for f in export_fields(resource):
        # text stays text (no guessing of numbers or dates), dates become datetime64, missing integers stay missing
        entry = {"name": f["name"], **fieldtypes.of(f).pandas}
        if f.get("description"):
            entry["description"] = f["description"]
        fields.append(entry)
    return {"fields": fields}


def write_json(table: Table, out: Path) -> Path:
    """{"schema": ..., "data": [row objects]}: every value as text (dates ISO 8601) or null."""
    fields = [f["name"] for f in export_fields(table.resource)]
    data = [{n: text(r[n]) for n in fields} for r in export_rows(table)]
    doc = {"schema": json_schema(table.resource), "data": data}
    path = out / "json" / f"{table.resource.name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n",
                    encoding="utf-8", newline="\n")
    return path


def arrow_schema(resource: Resource):
    import pyarrow as pa

    columns = [pa.field(f["name"], fieldtypes.of(f).arrow(pa),
                        metadata={"description": f.get("description", "")})
               for f in export_fields(resource)]
    return pa.schema(columns, metadata={"table_schema": json.dumps(resource.schema, ensure_ascii=False)})


def write_parquet(table: Table, out: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    resource = table.resource
    schema = arrow_schema(resource)
    records = export_rows(table)
    data = {name: [r[name] for r in records] for name in schema.names}
    path = out / "parquet" / f"{resource.name}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(data, schema=schema), path, compression="zstd")
    return path
