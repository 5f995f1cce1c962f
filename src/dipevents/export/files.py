"""One file per table: CSV (as committed), JSON (typed values) and Parquet (typed columns)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..package import Resource
from ..tables import Table, rows
from .values import date_bounds, json_value, typed


def write_csv(table: Table, out: Path) -> Path:
    path = out / "csv" / f"{table.resource.name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(table.resource.file, path)
    return path


def records(table: Table) -> list[dict]:
    fields = table.resource.fields
    return [{f["name"]: json_value(f, row[f["name"]]) for f in fields} for _, row in rows(table.frame)]


def write_json(table: Table, out: Path) -> Path:
    path = out / "json" / f"{table.resource.name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(records(table), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def arrow_schema(resource: Resource):
    import pyarrow as pa

    types = {"string": pa.string(), "integer": pa.int64(), "year": pa.int64(), "number": pa.float64(),
             "boolean": pa.bool_(), "date": pa.date32(), "datetime": pa.timestamp("s")}
    columns = []
    for f in resource.fields:
        columns.append(pa.field(f["name"], types.get(f.get("type", "string"), pa.string()),
                                metadata={"description": f.get("description", "")}))
    for name in resource.date_fields:
        columns.append(pa.field(f"{name}_start", pa.date32(), metadata={"description": f"First day {name} may stand for."}))
        columns.append(pa.field(f"{name}_end", pa.date32(), metadata={"description": f"Last day {name} may stand for."}))
    return pa.schema(columns, metadata={"table_schema": json.dumps(resource.schema, ensure_ascii=False)})


def write_parquet(table: Table, out: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    resource = table.resource
    schema = arrow_schema(resource)
    data = {f["name"]: [typed(f, v) for v in table.frame[f["name"]].tolist()] for f in resource.fields}
    for name in resource.date_fields:
        bounds = [date_bounds(v) for v in table.frame[name].tolist()]
        data[f"{name}_start"] = [b[0] for b in bounds]
        data[f"{name}_end"] = [b[1] for b in bounds]
    path = out / "parquet" / f"{resource.name}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(data, schema=schema), path, compression="zstd")
    return path
