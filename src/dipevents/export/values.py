"""Table Schema types -> typed values for the exports, and the derived date columns.

Every export reads types from the schemas through this module, so the formats agree.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from ..isodate import parse

TRUE_VALUES = {"true", "True", "TRUE", "1"}


def typed(field: dict, value: str | None):
    """The Python value of a CSV cell under its field's Table Schema type."""
    if value is None:
        return None
    kind = field.get("type", "string")
    if kind in {"integer", "year"}:
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "boolean":
        return value in TRUE_VALUES
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "datetime":
        return datetime.fromisoformat(value)
    return value


def json_value(field: dict, value: str | None):
    """Like ``typed``, with dates as ISO 8601 text and non-finite numbers (NaN, INF) as their
    text, since JSON has neither."""
    v = typed(field, value)
    if isinstance(v, float) and not math.isfinite(v):
        return value
    return v.isoformat() if isinstance(v, (date, datetime)) else v


SQL_TYPES = {"integer": "INTEGER", "year": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


def sql_type(field: dict) -> str:
    return SQL_TYPES.get(field.get("type", "string"), "TEXT")


def date_bounds(value: str | None) -> tuple[date | None, date | None]:
    """First and last day a reduced-precision date or a day interval may stand for."""
    d = parse(value) if value else None
    return (d.start, d.end) if d else (None, None)
