"""Property-based hostile input (issue 9): random cells and random bytes in every table.

For `validate` and `fmt --check`: never a traceback, exit 0 or 1 only (2 is for usage), no
file modified. For `fmt`: exit 0 or 1; when it formats, its output is canonical (a second
`fmt --check` passes) and re-validates with the same problems, less those fmt repairs (BOM,
CR line endings, empty lines). Examples are derandomized so CI sees the same ones each run.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipevents.cli import main
from dipevents.loader import load
from tests import oracles
from tests.support import ROOT, assemble, read_csv_rows, snapshot, write_csv_rows

TABLES = sorted(r.path for r in load(ROOT)[0].resources.values())  # every table, codelists included
REPAIRED_BY_FMT = {"DE102", "DE103", "DE107"}
HOSTILE = ["", " ", "\r", "\r\n", "\n", '"', '""', ",", "\x00", "\x1b[31m", "\u202e", "\u200b", "=1+1",
           "NaN", "1e400", "-infinity", "1_000", "99999999999999999999", "mtg-x", "act-vladimir-putin",
           "2025-02-30", "2025-09-02/2025-09-01", "x" * 2100, "é😀"]
CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40) | st.sampled_from(HOSTILE)
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(args))
    return code, out.getvalue()


def _validate(root: Path) -> tuple[int, dict | None, str]:
    code, out = _run("validate", str(root), "--format", "json")
    assert code in (0, 1), out
    assert "Traceback" not in out
    doc = json.loads(out) if out.strip().startswith("{") else None
    if doc is not None:
        assert [e for e in doc["errors"] if e["code"] == "DE901"] == [], out
    return code, doc, out


def _problems(doc: dict | None) -> set[tuple[str, str]]:
    return {(e["file"], e["code"]) for e in (doc or {}).get("errors", []) if e["code"] not in REPAIRED_BY_FMT}


def _json(root: Path, *options: str) -> tuple[dict, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        main(["validate", str(root), "--format", "json", *options])
    return json.loads(out.getvalue()), err.getvalue().strip()


def _check_commands(root: Path) -> None:
    before = snapshot(root)
    code, doc, _ = _validate(root)
    assert snapshot(root) == before, "validate modified a file"
    if oracles.ENABLED and doc is not None:  # pytest --oracles: this random package is cross-checked too
        oracles.check(root, doc, lambda *more: _json(root, *more), before)
    check_code, out = _run("fmt", str(root), "--check")
    assert check_code in (0, 1) and "Traceback" not in out and "internal error" not in out.lower(), out
    assert snapshot(root) == before, "fmt --check modified a file"
    fmt_code, out = _run("fmt", str(root))
    assert fmt_code in (0, 1) and "Traceback" not in out and "internal error" not in out.lower(), out
    if fmt_code == 0:
        assert _run("fmt", str(root), "--check")[0] == 0, "fmt's output is not canonical"
        _, again, _ = _validate(root)
        assert _problems(again) == _problems(doc)
    else:
        assert snapshot(root) == before or check_code == 1


@st.composite
def cell_edits(draw):
    table = draw(st.sampled_from(TABLES))
    edits = draw(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 20), CELL), min_size=1, max_size=4))
    return table, edits


@SETTINGS
@given(cell_edits())
@pytest.mark.slow
def test_random_cells_in_any_table(change):
    table, edits = change
    with tempfile.TemporaryDirectory() as tmp:
        root = assemble(Path(tmp) / "package")
        rows = read_csv_rows(root / table)
        for row, column, value in edits:
            target = rows[row % len(rows)]  # the header too
            if target:
                target[column % len(target)] = value
        write_csv_rows(root / table, rows)
        _check_commands(root)


@st.composite
def byte_edits(draw):
    table = draw(st.sampled_from(TABLES))
    where = draw(st.floats(0, 1))
    cut = draw(st.integers(0, 8))
    data = draw(st.binary(max_size=24) | st.sampled_from(
        [b"\xef\xbb\xbf", b"\r\n", b"\r", b"\xe9", b"\x00", b'"', b'\n\n', b",,,", b"\xff\xfe", b"\xed\xa0\x80"]))
    return table, where, cut, data


@SETTINGS
@given(byte_edits())
@pytest.mark.slow
def test_random_bytes_in_any_table(change):
    table, where, cut, data = change
    with tempfile.TemporaryDirectory() as tmp:
        root = assemble(Path(tmp) / "package")
        raw = (root / table).read_bytes()
        at = int(where * len(raw))
        (root / table).write_bytes(raw[:at] + data + raw[at + cut:])
        _check_commands(root)
