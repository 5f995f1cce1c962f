"""``dipevents set``: change cells of one row, checked by the validator, written atomically."""

from __future__ import annotations

from .author import RETIRED, AuthorError, checked_text, rewritable
from .fmt import write_atomic
from .package import Package


def set_cells(package: Package, table: str, key: str, assignments: list[str]):
    """Set FIELD=VALUE cells of the row KEY of TABLE; return (resource, line, changed fields, verdict)."""
    resource = package.resources.get(table)
    if resource is None or resource.is_codelist:
        names = ", ".join(n for n, r in package.resources.items() if not r.is_codelist)
        raise AuthorError(f"no table {table!r}; tables: {names}")
    if len(resource.primary_key) != 1:
        raise AuthorError(f"{table} has no single-field ID (its key is {', '.join(resource.primary_key)}); "
                          f"edit {resource.path} in a text editor")
    id_field = resource.primary_key[0]
    values: dict[str, str] = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        if not sep:
            raise AuthorError(f"{item!r} is not FIELD=VALUE")
        if name not in resource.field_names:
            raise AuthorError(f"{table} has no column {name!r}; columns: {', '.join(resource.field_names)}")
        if name == id_field:
            retired = package.resources[RETIRED].path if RETIRED in package.resources else RETIRED
            raise AuthorError(f"{id_field} is the row's identifier and never changes: retire {key} instead "
                              f"(add it to {retired} with its replacement) and add the row under a new ID")
        values[name] = value
    header, body = rewritable(resource)
    column = header.index(id_field)
    matches = [row for row in body if row and row[column] == key]
    if not matches:
        raise AuthorError(f"no row {key!r} in {resource.path}")
    row = dict(zip(header, matches[0]))
    changed = [name for name, value in values.items() if row[name] != value]
    if not changed:
        return resource, None, [], None
    row.update(values)
    new_body = [[row[name] for name in header] if r is matches[0] else r for r in body]
    text, line, verdict = checked_text(package, resource, header, new_body, row, f"the change to {key}")
    write_atomic(resource.file, text)
    return resource, line, changed, verdict
