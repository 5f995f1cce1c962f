"""The download tests' fixtures: the fixture package validated (with the files the release zip
adds), and its downloads built once per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipevents.export.build import build_dist
from dipevents.validate import run
from tests.exports.expected import TABLES
from tests.support import RELEASE_PARTS, assemble


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    """The validated fixture package, with the files the release zip adds to it."""
    root = assemble(tmp_path_factory.mktemp("exports") / "package", extra=[*RELEASE_PARTS, "docs/codebook.md"])
    validated = run(root)
    assert validated.valid, [e.message for e in validated.errors if e.severity == "error"]
    assert sorted(validated.package.resources) == TABLES
    return validated


@pytest.fixture(scope="module")
def dist(result, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist") / "dist"
    build_dist(result.package, result.tables, out)
    return out

