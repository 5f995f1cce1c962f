"""The one map of Table Schema field types: for each type, what a valid CSV cell looks like (the
validator's type check and its wording), the Python value of a valid cell (the exports), and the
type it takes in SQLite, in pandas' ``read_json(orient="table")`` and in Arrow (Parquet).

A type not listed here is text everywhere (the descriptor checks refuse types the toolkit does
not know). This module is light: no pandas, and pyarrow only when an Arrow type is asked for.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from .limits import MAX_INTEGER, MIN_INTEGER

# Numbers as JSON writes them: what every export (CSV, JSON, Parquet, SQLite) stores unchanged.
# No "+", no leading zeros, no "_" separators, no NaN or Infinity.
INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
TRUE_VALUES = {"true", "True", "TRUE", "1"}
FALSE_VALUES = {"false", "False", "FALSE", "0"}


def _is_integer(v: str) -> bool:
    """A whole number that fits in 64 bits (SQLite's INTEGER, Parquet's int64)."""
    return len(v) <= 20 and INTEGER.fullmatch(v) is not None and MIN_INTEGER <= int(v) <= MAX_INTEGER


def _is_number(v: str) -> bool:
    """A finite number in JSON's syntax (1e400 would be stored as infinity)."""
    return len(v) <= 400 and NUMBER.fullmatch(v) is not None and math.isfinite(float(v))


def _is_date(v: str) -> bool:
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", v) is not None


def _is_datetime(v: str) -> bool:
    try:
        datetime.fromisoformat(v)
    except ValueError:
        return False
    return "T" in v


@dataclass(frozen=True)
class FieldType:
    valid: Callable[[str], bool] | None  # whether a non-empty cell is a value of the type (None: any text is)
    wording: str  # what a value of the type is, for messages ("is not <wording>")
    python: Callable[[str], object]  # the value of a valid cell, for the exports
    sql: str  # SQLite column type
    pandas: dict  # the field's type as pandas' read_json(orient="table") reads it
    arrow: Callable  # pyarrow module -> the Arrow type (Parquet)


TEXT = FieldType(None, "text", str, "TEXT", {"type": "string"}, lambda pa: pa.string())

TYPES: dict[str, FieldType] = {
    "string": TEXT,
    "integer": FieldType(_is_integer, "an integer of at most 64 bits, written like -12 or 0", int, "INTEGER",
                         {"type": "integer", "extDtype": "Int64"}, lambda pa: pa.int64()),
    "year": FieldType(lambda v: re.fullmatch(r"[0-9]{4}", v) is not None, "a year YYYY", int, "INTEGER",
                      {"type": "integer", "extDtype": "Int64"}, lambda pa: pa.int64()),
    "number": FieldType(_is_number, "a finite number, written like -1.5 or 2e3", float, "REAL",
                        {"type": "number"}, lambda pa: pa.float64()),
    "boolean": FieldType(lambda v: v in TRUE_VALUES or v in FALSE_VALUES, "true or false", lambda v: v in TRUE_VALUES,
                         "INTEGER", {"type": "boolean", "extDtype": "boolean"}, lambda pa: pa.bool_()),
    "date": FieldType(_is_date, "a date YYYY-MM-DD", date.fromisoformat, "TEXT", {"type": "datetime"},
                      lambda pa: pa.date32()),
    "datetime": FieldType(_is_datetime, "a date and time YYYY-MM-DDThh:mm:ss", datetime.fromisoformat, "TEXT",
                          {"type": "datetime"}, lambda pa: pa.timestamp("s")),
}


def of(field: dict) -> FieldType:
    """The type of a Table Schema field (a type this map does not know is text)."""
    return TYPES.get(field.get("type", "string"), TEXT)
