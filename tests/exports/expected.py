"""The rows each download must hold, computed by the tests from the committed CSVs (never by
the exporter): every value as text, each date followed by its first day, last day and precision."""

from __future__ import annotations

import calendar
import csv
from datetime import date

from dipevents.loader import load
from tests.support import ROOT

TABLES = sorted(load(ROOT)[0].resources)  # every table and codelist the descriptor declares


def csv_rows(result, name: str) -> list[dict]:
    with result.package.resources[name].file.open(encoding="utf-8", newline="") as fh:
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(fh)]


def expected_precision(text: str, start: date, end: date) -> str:
    """Independent precision: the text's shape, and for an interval what its days cover."""
    if "/" not in text:
        return {4: "year", 7: "month", 10: "day"}[len(text)]
    if start == end:
        return "day"
    last = calendar.monthrange(end.year, end.month)[1]
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return "year"
    if start.day == 1 and (start.year, start.month) == (end.year, end.month) and end.day == last:
        return "month"
    return "span"


def expected_days(text: str) -> tuple[date, date]:
    """First and last day of a date text, computed here (not by the exporter or isodate)."""
    if "/" in text:
        first, last = text.split("/")
        return date.fromisoformat(first), date.fromisoformat(last)
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts), date(*parts)


def expected_rows(result, name: str) -> list[dict]:
    """The committed CSV's rows as text, each date field followed by its first day, last day
    and precision, all computed from the text by this test."""
    resource = result.package.resources[name]
    dates = set(resource.date_fields)
    out = []
    for row in csv_rows(result, name):
        record = {}
        for f in resource.fields:
            value = record[f["name"]] = row[f["name"]]
            if f["name"] in dates:
                derived = (None, None, None)
                if value is not None:
                    start, end = expected_days(value)
                    derived = (start.isoformat(), end.isoformat(), expected_precision(value, start, end))
                record.update(zip([f"{f['name']}_start", f"{f['name']}_end", f"{f['name']}_precision"], derived))
        out.append(record)
    return out
