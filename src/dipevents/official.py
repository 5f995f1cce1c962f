"""Run the official Frictionless validation and translate its errors into ours.

Only called on a package whose paths ``loader.load`` has already found safe, so
frictionless never opens a URL or a file outside the package root.
"""

from __future__ import annotations

import copy
import re

from .package import DESCRIPTOR, Package
from .report import Error
from .tables import Table

_TYPES = {
    "type-error": "type", "missing-cell": "row-length", "extra-cell": "row-length",
    "blank-row": "blank-row", "primary-key": "primary-key", "foreign-key": "foreign-key",
    "unique-error": "unique", "duplicate-label": "header", "missing-label": "header",
    "extra-label": "header", "incorrect-label": "header", "blank-label": "header",
    "encoding-error": "encoding", "source-error": "csv-syntax", "format-error": "csv-syntax",
    "hash-count": "source-hash", "byte-count": "source-hash",
}
_CONSTRAINTS = {"required": "required", "pattern": "pattern", "enum": "enum", "unique": "unique",
                "minLength": "length", "maxLength": "length", "minimum": "range", "maximum": "range",
                "exclusiveMinimum": "range", "exclusiveMaximum": "range"}


def _rule(error) -> str:
    if error.type == "constraint-error":
        m = re.search(r'constraint "(\w+)"', error.note or "")
        return _CONSTRAINTS.get(m.group(1) if m else "", "type")
    return _TYPES.get(error.type, "descriptor-invalid")


def _line(table: Table | None, error) -> int | None:
    """Frictionless counts records with the header as row 1; map that to a physical line."""
    row = getattr(error, "row_number", None)
    if row is None:
        return 1 if error.type.endswith("label") else None
    if table is None or not 2 <= row < len(table.record_lines) + 2:
        return None
    return table.record_lines[row - 2]


def _column(table: Table | None, error) -> str | None:
    if error.type == "primary-key" and table is not None:
        return "+".join(table.resource.primary_key)
    names = getattr(error, "field_names", None)
    if names:
        return "+".join(names)
    return getattr(error, "field_name", None) or getattr(error, "label", None)


def checked_descriptor(package: Package) -> dict:
    """The descriptor as ``loader.load`` checked it, schemas inlined: frictionless opens
    nothing but the data files already found safe (not even the descriptor file again).

    Patterns are left out: frictionless matches them with ``re`` and no time limit, so a
    pattern that backtracks would hang it; ``schema.py`` checks them, with a limit.

    Where a resource declares no dialect, the header is said to be the first line (the
    Table Dialect default): otherwise frictionless guesses the header from a sample and,
    when most sampled lines are short, takes a later line for it."""
    descriptor = copy.deepcopy(package.descriptor)
    descriptor["resources"] = []
    for resource in package.resources.values():
        res = copy.deepcopy(resource.descriptor)
        res["schema"] = copy.deepcopy(resource.schema)
        res.setdefault("dialect", {"headerRows": [1]})
        for field in res["schema"].get("fields", []):
            field.get("constraints", {}).pop("pattern", None)
        descriptor["resources"].append(res)
    return descriptor


def _too_large(file) -> bool:
    from .limits import MAX_TABLE_BYTES

    try:
        return file.stat().st_size > MAX_TABLE_BYTES
    except OSError:
        return False


def validate(package: Package, tables: dict[str, Table]) -> list[Error]:
    from frictionless import FrictionlessException
    from frictionless import Package as FlPackage

    if any(_too_large(resource.file) for resource in package.resources.values()):
        return []  # tables.read_table reports it (DE109); frictionless would read it whole
    try:
        report = FlPackage(checked_descriptor(package), basepath=str(package.root)).validate(limit_errors=100_000)
    except FrictionlessException as exc:
        reasons = "; ".join(r.message for r in getattr(exc, "reasons", []) or [])
        return [Error(DESCRIPTOR, None, None, "descriptor-invalid",
                      f"frictionless: {exc.error.message}{' (' + reasons + ')' if reasons else ''}")]
    errors = []
    for task in report.tasks:
        table = tables.get(task.name)
        file = table.file if table else DESCRIPTOR
        for error in task.errors:
            rule, column = _rule(error), _column(table, error)
            if rule == "unique" and table is not None and [column] == table.resource.primary_key:
                rule = "primary-key"  # as schema.py names a repeated one-field identifier
            errors.append(Error(file, _line(table, error), column, rule,
                                f"frictionless {error.type}: {error.message}"))
    for error in report.errors:
        errors.append(Error(DESCRIPTOR, None, None, "descriptor-invalid", f"frictionless: {error.message}"))
    return errors
