"""Helpers: a private package (toolkit definitions + frozen fixture data) that a test may break in one place."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
from contextlib import chdir, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from dipevents.cli import main
from tests import oracles

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_PARTS = ["datapackage.json", "schemas", "data", "sources"]
# The toolkit's definitions, always taken from the repository: they change with the code.
DEFINITIONS = ["datapackage.json", "schemas", "data/codelists"]
# Frozen tables and archived texts for toolkit tests (tests/fixtures/README.md): data/*.csv and sources/.
FIXTURE = ROOT / "tests" / "fixtures" / "founding"
# What a site build needs besides the package; what the release zip adds to it.
SITE_PARTS = ["mkdocs.yml", "docs", "CONTRIBUTING.md", "SECURITY.md"]
RELEASE_PARTS = ["README.md", "LICENSE", "LICENSE-DATA.md", "CITATION.cff", "CHANGELOG.md"]
# The live-data tests (tests/test_live_data.py) check the package at ROOT, or the folder this names.
LIVE_PACKAGE_ENV = "DIPEVENTS_LIVE_PACKAGE"


def live_root() -> Path:
    """The live package the invariant tests check: $DIPEVENTS_LIVE_PACKAGE, else the repository."""
    return Path(os.environ.get(LIVE_PACKAGE_ENV) or ROOT).resolve()

# The founding report's archived text and the SHA-256 published with the seed: archived texts
# are immutable, so every valid package, now or later, holds these bytes.
FOUNDING_TEXT = "sources/src-2025-09-02-cpecnews-sharif-putin.txt"
FOUNDING_SHA256 = "1827acf35aa54738b9cfbe0589994aeeeab9ae69aa61a0d2bae8d97a325f9088"


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest)


def assemble(dest: Path, data: Path = FIXTURE, extra: tuple[str, ...] | list[str] = ()) -> Path:
    """Make a package in DEST (which must not exist) for a test to use or break.

    The descriptor, schemas and codelists come from the repository; the tables (data/*.csv)
    and archived texts (sources/) come from DATA, by default the frozen founding fixture.
    EXTRA names more files or folders to copy from the repository (SITE_PARTS, RELEASE_PARTS)."""
    dest.mkdir(parents=True)
    for part in [*DEFINITIONS, *extra]:
        _copy(ROOT / part, dest / part)
    for table in sorted((data / "data").glob("*.csv")):
        _copy(table, dest / "data" / table.name)
    _copy(data / "sources", dest / "sources")
    return dest


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

    Returns the row's line number (no cell of the fixture data spans lines)."""
    rows = read_csv_rows(path)
    col = rows[0].index(column)
    for i, row in enumerate(rows):
        if row[0] == key:
            row[col] = value
            write_csv_rows(path, rows)
            return i + 1
    raise KeyError(key)


class Pkg:
    """A package assembled in a temporary folder (see assemble), with helpers to break it."""

    def __init__(self, root: Path, capsys, oracles: bool = False):
        self.root = root
        self._capsys = capsys
        self.oracles = oracles  # pytest --oracles: each default validation is cross-checked (tests/oracles.py)

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

    def validate(self, fmt: str = "json", *options: str) -> tuple[int, object]:
        """Run `dipevents validate` in-process (with OPTIONS such as --official); check it changed no file.

        With ``pytest --oracles``, a default run is also compared with the full path (tests/oracles.py)."""
        before = snapshot(self.root)
        code, out, _ = self._run("--format", fmt, *options)
        assert snapshot(self.root) == before, "validation modified a file"
        if self.oracles and not options:
            oracles.check(self.root, json.loads(out if fmt == "json" else self._run("--format", "json")[1]),
                          self._json, before)
        return code, (json.loads(out) if fmt == "json" else out)

    def _json(self, *args: str) -> tuple[dict, str]:
        _, out, err = self._run("--format", "json", *args)
        return json.loads(out), err.strip()

    def _run(self, *args: str) -> tuple[int, str, str]:
        self._capsys.readouterr()
        code = main(["validate", str(self.root), *args])
        captured = self._capsys.readouterr()
        return code, captured.out, captured.err

    def errors(self, *options: str) -> list[dict]:
        code, doc = self.validate("json", *options)
        assert code == (0 if doc["valid"] else 1)
        return doc["errors"]


@dataclass
class Ran:
    """What a `dipevents` command did: its exit code and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def dipevents(*args: object, cwd: Path | None = None) -> Ran:
    """Run `dipevents ARGS` in this process (cli.main), from CWD, its output captured: the CLI's
    logic without the cost of a new interpreter. A test of what only a process shows (the
    installed entry point, signals, locks, concurrent writers) runs a subprocess instead."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err), chdir(cwd or Path.cwd()):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse's usage errors and --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return Ran(code, out.getvalue(), err.getvalue())


def synth(meetings: int, out: Path, *options: object) -> dict:
    """scripts/synth.py MEETINGS OUT OPTIONS, in-process: a synthetic package written to OUT; the
    rows written per table."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("synth", ROOT / "scripts" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out_ = io.StringIO()
    with redirect_stdout(out_):
        assert module.main([str(meetings), str(out), *map(str, options)]) == 0
    return json.loads(out_.getvalue())


def only(errors: list[dict], **want) -> dict:
    """The single error whose fields equal WANT; fails listing all errors otherwise."""
    found = [e for e in errors if all(e.get(k) == v for k, v in want.items())]
    assert len(found) == 1, f"expected one error with {want}, got {len(found)} among:\n" + "\n".join(
        f"  {e['file']}:{e['line']} {e['column']} {e['code']} {e['rule']}: {e['message']}" for e in errors)
    return found[0]


def codes(errors: list[dict], severity: str = "error") -> set[str]:
    return {e["code"] for e in errors if e["severity"] == severity}
