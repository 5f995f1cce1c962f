"""The validator's shortcuts give the full run's verdict on random edits (issue 19).

A valid package is committed; hypothesis then edits it as contributors and attackers do (cells
set to hostile values, rows deleted, copied and reordered, quotes inside unquoted cells, cells
spanning lines, carriage returns, codelist rows removed, schema limits changed) and every
example is validated three ways:

- in full, with no cache (the reference);
- with the result cache, which lives across the examples of a test, so it is reused under every
  edit that leaves a step's files as they were;
- with ``--changed-since`` the committed revision.

The cached run must report exactly the full run's errors; the incremental run the full run's
verdict and errors (and only notices the full run has too). Twenty examples run in the fast
tier, 240 more in the slow one (about a second each: three validations of the founding package).
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from dipevents.cli import main
from tests.oracles import commit_all, incremental_differs
from tests.support import assemble, read_csv_rows, write_csv_rows

TABLES = ["actors", "meetings", "meeting_participants", "agreements", "agreement_parties", "invitations",
          "statements", "sources", "retired_ids"]
CODELISTS = ["meeting_formats", "participant_roles", "statement_types", "sectors"]
HOSTILE = ["", "x", "=1+1", 'x"y', '"', "one\ntwo", "a\rb", "Beijing", "PAK", "2025-09-02", "2025",
           "2025-02-30", "act-pakistan", "mtg-x", "\u202e", "  spaced  ", "é", "Q843", "99999999999999999999",
           "bilateral", "host", "https://example.org/x", "x" * 301]


def _edit_cell(table: str, row: int, column: int, value: str):
    def apply(root: Path) -> None:
        path = root / "data" / f"{table}.csv"
        rows = read_csv_rows(path)
        if len(rows) > 1:
            target = rows[1 + row % (len(rows) - 1)]
            target[column % len(target)] = value
            write_csv_rows(path, rows)
    return apply


def _rows(table: str, kind: str, row: int):
    """Delete, copy or move a row; or write a record whose lines each hold an even number of
    quotes (a quote inside an unquoted cell balancing the cell that spans lines)."""
    def apply(root: Path) -> None:
        path = root / "data" / f"{table}.csv"
        lines = path.read_bytes().split(b"\n")
        body = [line for line in lines[1:] if line]
        if not body:
            return
        i = row % len(body)
        if kind == "delete":
            del body[i]
        elif kind == "copy":
            body.insert(i, body[i])
        elif kind == "move":
            body.append(body.pop(i))
        elif kind == "quotes":
            cells = body[i].split(b",")
            if len(cells) >= 4 and b'"' not in body[i]:
                cells[1], cells[2], cells[3] = b'x"y', b'"one\ntwo"', b'z"w'
                body[i] = b",".join(cells)
        elif kind == "crlf":
            body[i] += b"\r"
        path.write_bytes(b"\n".join([lines[0], *body]) + b"\n")
    return apply


def _codelist(name: str, row: int):
    def apply(root: Path) -> None:
        path = root / "data" / "codelists" / f"{name}.csv"
        rows = read_csv_rows(path)
        if len(rows) > 2:
            del rows[1 + row % (len(rows) - 1)]
            write_csv_rows(path, rows)
    return apply


def _schema(table: str, field: int, limit: int):
    def apply(root: Path) -> None:
        path = root / "schemas" / f"{table}.json"
        doc = json.loads(path.read_text(encoding="utf-8"))
        strings = [f for f in doc["fields"] if f.get("type", "string") == "string"]
        strings[field % len(strings)].setdefault("constraints", {})["maxLength"] = limit
        path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return apply


EDIT = st.one_of(
    st.builds(_edit_cell, st.sampled_from(TABLES), st.integers(0, 50), st.integers(0, 20), st.sampled_from(HOSTILE)),
    st.builds(_rows, st.sampled_from(TABLES), st.sampled_from(["delete", "copy", "move", "quotes", "crlf"]),
              st.integers(0, 50)),
    st.builds(_codelist, st.sampled_from(CODELISTS), st.integers(0, 20)),
    st.builds(_schema, st.sampled_from(["meetings", "actors"]), st.integers(0, 20), st.sampled_from([5, 40, 4000])),
)


class Workspace:
    """A committed valid package, put back before each example, and a cache of its own."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="dipevents-shortcuts-"))
        self.base = assemble(self.folder / "base")
        self.root = self.folder / "package"
        shutil.copytree(self.base, self.root)
        self.commit = commit_all(self.root)
        self.cache = self.folder / "cache"

    def reset(self) -> None:
        for part in ("data", "schemas", "datapackage.json"):
            target = self.root / part
            shutil.rmtree(target) if target.is_dir() else target.unlink()
            (shutil.copytree if (self.base / part).is_dir() else shutil.copy2)(self.base / part, target)

    def validate(self, *options: str) -> tuple[dict, str]:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            main(["validate", str(self.root), "--format", "json", *options])
        return json.loads(out.getvalue()), err.getvalue()


@pytest.fixture
def workspace(monkeypatch):
    space = Workspace()
    monkeypatch.setenv("DIPEVENTS_CACHE_DIR", str(space.cache))
    yield space
    shutil.rmtree(space.folder, ignore_errors=True)


def _check(space: Workspace, edits) -> None:
    space.reset()
    for edit in edits:
        edit(space.root)
    full, _ = space.validate("--no-cache")
    cached, _ = space.validate()
    assert cached == full, "the cached run disagrees with the full run"
    incremental, scope = space.validate("--changed-since", space.commit)
    assert "could not be worked out" not in scope, scope
    assert not incremental_differs(full, incremental), (scope, full["errors"], incremental["errors"])


FAST = settings(max_examples=20, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FAST
@given(st.lists(EDIT, min_size=1, max_size=4))
def test_the_cache_and_changed_since_give_the_full_verdict(workspace, edits):
    _check(workspace, edits)


@pytest.mark.slow
@pytest.mark.parametrize("run", range(4))
def test_the_cache_and_changed_since_give_the_full_verdict_on_hundreds_more(workspace, run):
    """Four runs of 60 examples each (240 in all), each from a seed of its own, in parallel workers."""
    @seed(run)
    @settings(FAST, max_examples=60, derandomize=False)
    @given(st.lists(EDIT, min_size=1, max_size=6))
    def examples(edits):
        _check(workspace, edits)

    examples()
