"""Read each CSV once, exactly as stored, and remember the physical line of every record.

Values stay strings; an empty cell becomes None. Structural problems (encoding, BOM, line
endings, quoting, header, row length) are reported here with their line numbers; a table
whose structure is broken gets no frame, so later checks skip it instead of guessing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import pandas as pd

from .package import Package, Resource
from .report import Error, show

BOM = b"\xef\xbb\xbf"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # C0 controls and DEL, except tab, LF, CR
CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])  # the same, as UTF-8 bytes
QUOTE_OR_CR = re.compile('["\r]')


@dataclass
class Table:
    resource: Resource
    header: list[str] = field(default_factory=list)
    record_lines: list[int] = field(default_factory=list)  # every record after the header
    frame: pd.DataFrame | None = None  # index: physical line number; None when unreadable

    @property
    def file(self) -> str:
        return self.resource.path


def _decode(resource: Resource, raw: bytes) -> tuple[str | None, list[Error]]:
    errors = []
    if raw.startswith(BOM):
        errors.append(Error(resource.path, 1, None, "bom", "the file starts with a UTF-8 byte-order mark"))
        raw = raw[len(BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.append(Error(resource.path, line, None, "encoding",
                            f"byte {raw[exc.start]:#04x} at offset {exc.start} is not valid UTF-8"))
        return None, errors
    # bytes.translate scans the file at memory speed; the regex finds the first one's line only when there is one
    control = CONTROL.search(text) if len(raw.translate(None, CONTROL_BYTES)) != len(raw) else None
    if control:
        line = text[: control.start()].count("\n") + 1
        errors.append(Error(resource.path, line, None, "control-character",
                            f"control character U+{ord(control.group()):04X} on line {line}"))
    errors += _carriage_returns(resource, text)
    return text, errors


def _carriage_returns(resource: Resource, text: str) -> list[Error]:
    """A CR that ends a line is a line-ending problem (fmt turns it into LF); a CR inside a
    quoted cell is a control character in the cell's value (fmt never changes values, so it
    refuses the file, as validate does). Quotes toggle "inside a cell" in CSV that parses."""
    if "\r" not in text:
        return []
    inside, ending, in_cell = False, None, None
    endings = 0
    for m in QUOTE_OR_CR.finditer(text):
        if m.group() == '"':
            inside = not inside
        elif inside:
            in_cell = m.start() if in_cell is None else in_cell
        else:
            endings += 1
            ending = m.start() if ending is None else ending
    errors = []
    if ending is not None:
        line = text.count("\n", 0, ending) + 1
        errors.append(Error(resource.path, line, None, "line-ending",
                            f"{endings} carriage return(s) ending lines; the first ends line {line}"))
    if in_cell is not None:
        line = text.count("\n", 0, in_cell) + 1
        errors.append(Error(resource.path, line, None, "control-character",
                            f"carriage return (U+000D) inside a quoted cell on line {line}: a line break "
                            "inside a cell is LF alone"))
    return errors


def _parse(resource: Resource, text: str) -> tuple[list[list[str]], list[int], list[Error]]:
    from .limits import MAX_TABLE_BYTES

    if csv.field_size_limit() < MAX_TABLE_BYTES:  # the default (128 KB) would break on a long cell
        csv.field_size_limit(MAX_TABLE_BYTES)  # that maxLength reports clearly
    rows, lines = [], []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    end = 0
    try:
        for row in reader:
            rows.append(row)
            lines.append(end + 1)
            end = reader.line_num
    except csv.Error as exc:
        start = f" (the record starts on line {end + 1})" if reader.line_num > end + 1 else ""
        return rows, lines, [Error(resource.path, reader.line_num, None, "csv-syntax", f"broken CSV: {exc}{start}")]
    return rows, lines, []


def _check_header(resource: Resource, header: list[str]) -> list[Error]:
    expected = resource.field_names
    if header == expected:
        return []
    errors = []
    missing = [n for n in expected if n not in header]
    extra = [n for n in header if n not in expected]
    for name in missing:
        errors.append(Error(resource.path, 1, name, "header", f"column {show(name)} is missing"))
    if extra:
        from .suggest import did_you_mean, nearest

        candidates = missing or expected  # a renamed column most likely stands for a missing one
    for name in extra:
        errors.append(Error(resource.path, 1, name, "header",
                            f"unexpected column {show(name)}{did_you_mean(nearest(name, candidates, limit=1))}"))
    if not errors:
        errors.append(Error(resource.path, 1, None, "header",
                            f"columns are out of order; expected {', '.join(expected)}"))
    return errors


def _read(resource: Resource) -> tuple[bytes | None, list[Error]]:
    """The file's bytes, unless it cannot be read or is over the size limit."""
    from .limits import MAX_TABLE_BYTES, MB

    try:
        if resource.file.stat().st_size > MAX_TABLE_BYTES:
            return None, [Error(resource.path, None, None, "too-large",
                                f"{resource.path} is larger than {MAX_TABLE_BYTES // MB} MB, the limit for a table; "
                                "it is not read")]
        return resource.file.read_bytes(), []
    except OSError as exc:
        return None, [Error(resource.path, None, None, "missing-file", f"cannot read the file: {exc.strerror}")]


def parse_records(resource: Resource, control: bool = False) -> tuple[list[list[str]], list[Error]]:
    """Every record of the file as exact strings (header first), or the errors that prevent it.

    A BOM and CR line endings are not errors here (fmt removes them). With CONTROL, control
    characters are (a CR inside a cell included): fmt keeps every value, so it cannot make
    such a file valid and says so, as validate does."""
    raw, errors = _read(resource)
    if raw is None:
        return [], errors
    text, errors = _decode(resource, raw)
    if text is None:
        return [], errors
    found = [e for e in errors if e.rule.name == "control-character"] if control else []
    records, _, errors = _parse(resource, text)
    errors = found + errors
    if not records and not errors:
        errors = [Error(resource.path, 1, None, "header", "the file is empty; it needs a header line")]
    return records, errors


def read_table(resource: Resource) -> tuple[Table, list[Error]]:
    table = Table(resource)
    raw, errors = _read(resource)
    if raw is None:
        return table, errors
    if _clean_bytes(raw) and _read_canonical(table, raw):
        return table, []
    text, errors = _decode(resource, raw)
    if text is None:
        return table, errors
    rows, lines, parse_errors = _parse(resource, text)
    errors += parse_errors
    if not rows:
        errors.append(Error(resource.path, 1, None, "header", "the file is empty; it needs a header line"))
        return table, errors
    table.header, table.record_lines = rows[0], lines[1:]
    header_errors = _check_header(resource, table.header)
    errors += header_errors
    if parse_errors or header_errors:
        return table, errors
    good_rows, good_lines = [], []
    width = len(table.header)
    missing = set(resource.schema.get("missingValues", [""]))
    for row, line in zip(rows[1:], lines[1:]):
        if not row:
            errors.append(Error(resource.path, line, None, "blank-row", "empty line"))
        elif len(row) != width:
            errors.append(Error(resource.path, line, None, "row-length",
                                f"{len(row)} cells, expected {width}"))
        else:
            good_rows.append([None if cell in missing else cell for cell in row])
            good_lines.append(line)
    index = pd.Index(good_lines, name="line", dtype="int64")
    table.frame = pd.DataFrame(good_rows, columns=table.header, index=index, dtype=object)
    return table, errors


def _clean_bytes(raw: bytes) -> bool:
    """No BOM, CR or control character (the byte-level part of ``_decode``'s checks; pyarrow
    checks that the text is UTF-8): such a file may be read by the columnar reader."""
    return (not raw.startswith(BOM) and b"\r" not in raw
            and len(raw.translate(None, CONTROL_BYTES)) == len(raw))


def _read_canonical(table: Table, raw: bytes) -> bool:
    """Fill TABLE from a file in canonical form with the columnar reader (see columnar);
    False, touching nothing, when the file is not in that form: the exact reader reads it."""
    from .columnar import read_records

    resource = table.resource
    newline = raw.find(b"\n")
    if newline < 0 or b'"' in raw[:newline]:
        return False
    try:
        header = raw[:newline].decode("utf-8").split(",")
    except UnicodeDecodeError:
        return False
    if header != resource.field_names:
        return False  # the exact reader reports what is wrong with it
    missing = set(resource.schema.get("missingValues", [""]))
    frame = read_records(raw[newline + 1:], header, 2, missing)
    if frame is None:
        return False
    table.header, table.frame = header, frame
    table.record_lines = frame.index.tolist()
    return True


def read_tables(package: Package) -> tuple[dict[str, Table], list[Error]]:
    tables, errors = {}, []
    for name, resource in package.resources.items():
        tables[name], table_errors = read_table(resource)
        errors += table_errors
    return tables, errors


def rows(frame: pd.DataFrame, columns: list[str] | None = None):
    """(line, {column: value}) for each row; empty cells stay None (iterrows turns them into NaN)."""
    columns = list(frame.columns) if columns is None else columns
    values = [frame[c].tolist() for c in columns]
    for line, *cells in zip(frame.index.tolist(), *values):
        yield line, dict(zip(columns, cells))
