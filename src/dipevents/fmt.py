"""Canonical CSV: schema column order, UTF-8 without BOM, LF, minimal RFC 4180 quoting,
rows sorted by primary key. Cell values are never changed. Writes are atomic."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .package import Package, Resource
from .report import Error
from .tables import parse_records

_NEEDS_QUOTES = frozenset(',"\r\n')


def quote(cell: str) -> str:
    """RFC 4180, minimal: quote a cell only when it holds a comma, a quote or a line break."""
    if _NEEDS_QUOTES.isdisjoint(cell):
        return cell
    return '"' + cell.replace('"', '""') + '"'


def render(header: list[str], records: list[list[str]]) -> str:
    lines = []
    for row in [header, *records]:
        line = ",".join(quote(c) for c in row)
        lines.append('""' if line == "" else line)  # a lone empty cell is not a blank line
    return "\n".join(lines) + "\n"


def canonical(header: list[str], records: list[list[str]], fields: list[str], key: list[str]) -> str:
    """The canonical text of a table whose header holds exactly FIELDS, in any order."""
    order = [header.index(name) for name in fields]
    rows = [[row[i] for i in order] for row in records if row]
    positions = [fields.index(k) for k in key]
    rows.sort(key=lambda row: [row[i] for i in positions])
    return render(fields, rows)


@dataclass
class Outcome:
    resource: Resource
    changed: bool
    errors: list[Error]
    blank_lines: int = 0  # empty lines fmt removes (validate reports them as DE107)


def format_resource(resource: Resource, control: bool = False) -> tuple[str | None, list[Error]]:
    """The canonical text of RESOURCE; with CONTROL (`dipevents fmt`), a control character in
    the file is an error too: fmt never changes a value, so it cannot make that file valid."""
    records, errors = parse_records(resource, control=control)
    if errors:
        return None, errors
    header, body = records[0], records[1:]
    if sorted(header) != sorted(resource.field_names) or len(set(header)) != len(header):
        return None, [Error(resource.path, 1, None, "header",
                            "fmt needs exactly the schema's columns; fix the header first")]
    width = len(header)
    bad = [i for i, row in enumerate(body) if row and len(row) != width]
    if bad:
        return None, [Error(resource.path, None, None, "row-length",
                            f"{len(bad)} row(s) have the wrong number of cells; run dipevents validate")]
    return canonical(header, body, resource.field_names, resource.primary_key or resource.field_names), []


def write_temp(path: Path, data: bytes, mode: int | None = None) -> Path:
    """DATA in a new temporary file beside PATH (``.NAME.RANDOM.tmp``), flushed to disk.

    The file is removed again on any failure (an exception, Ctrl-C); one left by ``kill -9``
    is removed by the next writer (``lock.clean_leftovers``)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode if mode is not None else 0o644)
    except BaseException:
        _remove(tmp)
        raise
    return Path(tmp)


def _remove(path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def write_atomic(path: Path, text: str) -> None:
    """Replace PATH with TEXT so that an interrupted run leaves either the old or the new file,
    and no temporary file (whatever ends the run short of ``kill -9``)."""
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    tmp = write_temp(path, text.encode("utf-8"), mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise


def format_package(package: Package, check: bool) -> list[Outcome]:
    outcomes = []
    for resource in package.resources.values():
        records, _ = parse_records(resource)
        blank = sum(1 for row in records if not row)
        text, errors = format_resource(resource, control=True)
        changed = text is not None and resource.file.read_bytes() != text.encode("utf-8")
        if changed and not check:
            write_atomic(resource.file, text)
        outcomes.append(Outcome(resource, changed, errors, blank))
    return outcomes
