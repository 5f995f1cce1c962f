"""Helpers: a private copy of the real package that a test may break in one place."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

from dipevents.cli import main

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_PARTS = ["datapackage.json", "schemas", "data", "sources"]


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def read_csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_csv_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def set_cell(path: Path, key: str, column: str, value: str) -> int:
    """What a contributor does in an editor: set one cell of the row whose first cell is KEY.

    Returns the row's line number (no cell of the real data spans lines)."""
    rows = read_csv_rows(path)
    col = rows[0].index(column)
    for i, row in enumerate(rows):
        if row[0] == key:
            row[col] = value
            write_csv_rows(path, rows)
            return i + 1
    raise KeyError(key)


class Pkg:
    """A copy of the package in a temporary folder, with helpers to break it."""

    def __init__(self, root: Path, capsys):
        self.root = root
        self._capsys = capsys

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read_rows(self, rel: str) -> list[list[str]]:
        return read_csv_rows(self.path(rel))

    def write_rows(self, rel: str, rows: list[list[str]]) -> None:
        write_csv_rows(self.path(rel), rows)

    def set_cell(self, table: str, key: str, column: str, value: str) -> int:
        return set_cell(self.path(f"data/{table}.csv"), key, column, value)

    def line_of(self, table: str, key: str) -> int:
        rows = self.read_rows(f"data/{table}.csv")
        return next(i + 1 for i, row in enumerate(rows) if row[0] == key)

    def append_row(self, table: str, values: dict[str, str]) -> int:
        rel = f"data/{table}.csv"
        rows = self.read_rows(rel)
        rows.append([values.get(name, "") for name in rows[0]])
        self.write_rows(rel, rows)
        return len(rows)

    def replace(self, rel: str, old: str, new: str, count: int = 1) -> None:
        text = self.path(rel).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        self.path(rel).write_text(text.replace(old, new, count), encoding="utf-8", newline="")

    def edit_json(self, rel: str, change) -> None:
        doc = json.loads(self.path(rel).read_text(encoding="utf-8"))
        change(doc)
        self.path(rel).write_text(json.dumps(doc, indent=2), encoding="utf-8")

    def validate(self, fmt: str = "json") -> tuple[int, object]:
        """Run `dipevents validate` in-process; check it changed no file."""
        before = snapshot(self.root)
        self._capsys.readouterr()
        code = main(["validate", str(self.root), "--format", fmt])
        out = self._capsys.readouterr().out
        assert snapshot(self.root) == before, "validation modified a file"
        return code, (json.loads(out) if fmt == "json" else out)

    def errors(self) -> list[dict]:
        code, doc = self.validate()
        assert code == (0 if doc["valid"] else 1)
        return doc["errors"]


def only(errors: list[dict], **want) -> dict:
    """The single error whose fields equal WANT; fails listing all errors otherwise."""
    found = [e for e in errors if all(e.get(k) == v for k, v in want.items())]
    assert len(found) == 1, f"expected one error with {want}, got {len(found)} among:\n" + "\n".join(
        f"  {e['file']}:{e['line']} {e['column']} {e['code']} {e['rule']}: {e['message']}" for e in errors)
    return found[0]


def codes(errors: list[dict], severity: str = "error") -> set[str]:
    return {e["code"] for e in errors if e["severity"] == severity}
