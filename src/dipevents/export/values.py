"""Table Schema types -> typed values for the exports, and the derived date columns.

Every export reads types from the schemas through this module, so the formats agree.
"""

from __future__ import annotations

from datetime import date, datetime

from .. import fieldtypes
from ..conventions import opens_formula
from ..isodate import parse

def typed(field: dict, value: str | None):
    """The Python value of a CSV cell under its field's Table Schema type (fieldtypes)."""
    return None if value is None else fieldtypes.of(field).python(value)


def sql_type(field: dict) -> str:
    return fieldtypes.of(field).sql


def spreadsheet_safe(value: str | None) -> str | None:
    """A text as a CSV download holds it: one that opens like a formula (which the validator
    refuses) gets a leading apostrophe, so no spreadsheet runs it whatever the schema allowed."""
    return "'" + value if opens_formula(value) else value


def date_bounds(value: str | None) -> tuple[date | None, date | None]:
    """First and last day a reduced-precision date or a day interval may stand for."""
    d = parse(value) if value else None
    return (d.start, d.end) if d else (None, None)


def derived_fields(name: str) -> list[dict]:
    """Table Schema descriptors of the three columns derived from date field NAME: beside each date
    field, the exports add its first day, last day and precision, so that a date means the same in
    every format and client (isodate's vocabulary: year, month, span, day)."""
    from ..isodate import PRECISIONS

    return [
        {"name": f"{name}_start", "type": "date",
         "description": f"First day `{name}` may stand for (derived from `{name}`)."},
        {"name": f"{name}_end", "type": "date",
         "description": f"Last day `{name}` may stand for (derived from `{name}`)."},
        {"name": f"{name}_precision", "type": "string", "constraints": {"enum": list(PRECISIONS)},
         "description": f"What `{name}` gives: a whole year, a whole month, another run of days (span) or one day."},
    ]


def export_fields(resource) -> list[dict]:
    """The resource's fields in order, each date field followed by its derived columns."""
    dates = set(resource.date_fields)
    out = []
    for f in resource.fields:
        out.append(f)
        if f["name"] in dates:
            out += derived_fields(f["name"])
    return out


def date_columns(value: str | None) -> tuple[date | None, date | None, str | None]:
    """(first day, last day, precision) of a date field's value; all None when it is empty."""
    d = parse(value) if value else None
    return (d.start, d.end, d.precision) if d else (None, None, None)


def export_rows(table) -> list[dict]:
    """Every row as {column: typed value} over ``export_fields`` (dates as ``date``)."""
    from ..tables import rows

    resource = table.resource
    dates = set(resource.date_fields)
    out = []
    for _, row in rows(table.frame):
        record = {}
        for f in resource.fields:
            record[f["name"]] = typed(f, row[f["name"]])
            if f["name"] in dates:
                start, end, precision = date_columns(row[f["name"]])
                record.update({f"{f['name']}_start": start, f"{f['name']}_end": end,
                               f"{f['name']}_precision": precision})
        out.append(record)
    return out


def text(value) -> str | None:
    """A typed value as the text CSV, JSON, SQLite and the workbook hold: dates in ISO 8601."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
