"""Fixtures shared by all tests."""

from __future__ import annotations

import pytest

from tests.support import Pkg, assemble

pytest_plugins = ["tests.catalogue",  # records the codes the tests trigger
                  "tests.crosscheck_plugin",  # compares each validation with frictionless' own pass
                  "tests.incremental_plugin"]  # and each broken fixture's with validate --changed-since


def pytest_configure(config):
    """Validation results are cached between runs (dipevents.cache): the tests keep theirs in a
    folder of this session, never in the user's cache (a caller may name one)."""
    import os
    import tempfile

    os.environ.setdefault("DIPEVENTS_CACHE_DIR", tempfile.mkdtemp(prefix="dipevents-test-cache-"))


@pytest.fixture
def pkg(tmp_path, capsys) -> Pkg:
    """The toolkit's definitions with the frozen founding fixture's data, in a folder of its own."""
    return Pkg(assemble(tmp_path / "package"), capsys)
