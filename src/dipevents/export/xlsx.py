"""The Excel workbook: a README sheet, then one sheet per table; every cell is text.

Written with openpyxl. Every cell is stored as a string (type "s"), so a spreadsheet never
reads a value as a formula, an error code, a number or a date (`2024` stays the year as
written). Header rows are frozen. The file is byte-reproducible: fixed document times and
fixed zip entry times.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..package import Package
from ..tables import Table
from .about import DATES, citation, licence_lines, repository
from .archive import FIXED_TIME
from .values import export_fields, export_rows, text

FIXED_STAMP = "1980-01-01T00:00:00Z"
README_SHEET = "README"


def _put(ws, row: int, column: int, value) -> None:
    cell = ws.cell(row=row, column=column)
    if value is None:
        return
    cell.value = text(value)
    cell.data_type = "s"  # openpyxl would make "=..." a formula and "#N/A" an error


def _readme(wb, package: Package, tables: dict[str, Table]) -> None:
    from openpyxl.styles import Font

    ws = wb.active
    ws.title = README_SHEET
    lines = [("Title", package.descriptor.get("title", package.name)),
             ("Version", package.version),
             ("Description", package.descriptor.get("description", "")),
             *[("Licence", line) for line in licence_lines(package)],
             ("Cite as", citation(package)),
             ("Source", repository(package)),
             ("Dates", DATES),
             ("Cells", "Every cell is text, as in the CSV files; an empty cell is a missing value."),
             ("", "")]
    for r, (key, value) in enumerate(lines, start=1):
        _put(ws, r, 1, key)
        _put(ws, r, 2, value)
        ws.cell(row=r, column=1).font = Font(bold=True)
    header = len(lines) + 1
    for c, name in enumerate(["sheet", "column", "title", "description"], start=1):
        _put(ws, header, c, name)
        ws.cell(row=header, column=c).font = Font(bold=True)
    r = header
    for table in tables.values():
        for f in export_fields(table.resource):
            r += 1
            for c, value in enumerate([table.resource.name, f["name"], f.get("title", ""), f.get("description", "")], 1):
                _put(ws, r, c, value)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["D"].width = 100


def _sheet(wb, table: Table) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(table.resource.name[:31])
    names = [f["name"] for f in export_fields(table.resource)]
    for c, name in enumerate(names, start=1):
        _put(ws, 1, c, name)
        ws.cell(row=1, column=c).font = Font(bold=True)
    for r, record in enumerate(export_rows(table), start=2):
        for c, name in enumerate(names, start=1):
            _put(ws, r, c, record[name])
    ws.freeze_panes = "A2"


def _reproducible(data: bytes) -> bytes:
    """The same bytes on every build: fixed times in docProps/core.xml and in the zip entries."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + FIXED_STAMP.encode() + rb"\2", body)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            dst.writestr(entry, body, compresslevel=9)
    return out.getvalue()


def write_xlsx(package: Package, tables: dict[str, Table], path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    _readme(wb, package, tables)
    for table in tables.values():
        _sheet(wb, table)
    buffer = io.BytesIO()
    wb.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_reproducible(buffer.getvalue()))
    return path
