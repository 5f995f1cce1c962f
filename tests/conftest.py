"""Fixtures shared by all tests."""

from __future__ import annotations

import shutil

import pytest

from tests.support import PACKAGE_PARTS, ROOT, Pkg


@pytest.fixture
def pkg(tmp_path, capsys) -> Pkg:
    root = tmp_path / "package"
    root.mkdir()
    for part in PACKAGE_PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / part)
    return Pkg(root, capsys)
