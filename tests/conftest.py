"""Fixtures shared by all tests, the `--oracles` option and the `slow` tier.

A test is slow when it uses a fixture in SLOW_FIXTURES (a site build, the browser, a release
environment...), is marked `@pytest.mark.slow` itself, or breaks a package through `pkg` while
`--oracles` cross-checks each validation (tests/oracles.py). `pytest -m "not slow"` is the fast
tier; the README's command runs every test, oracles included, in parallel."""

from __future__ import annotations

import os
import tempfile

import pytest

from tests import oracles
from tests.support import Pkg, assemble

# Fixtures that make every test using them slow (the marker follows the fixture, so a new
# browser test is in the slow tier by asking for the browser): site builds, the browser, the
# release environment. A slow test that uses none of them is marked `@pytest.mark.slow` itself.
SLOW_FIXTURES = {"built_site", "site_package", "site_url", "browser", "tab",  # tests/site/conftest.py
                 "hostile_url", "everywhere",  # tests/site/test_hostile.py: sites full of hostile text
                 "hosted",  # tests/site/test_subpath.py: a site under a sub-path
                 "built_project",  # tests/test_hostile_paths.py: a project with its downloads and site built
                 "cffconvert"}  # tests/test_release.py: cffconvert in an environment of its own
# Fixtures built once per process: under pytest-xdist (--dist loadgroup) every test using one
# runs in the same worker, so each is built once per run, not once per worker.
SHARED_FIXTURES = {"built_site": "site", "site_package": "site", "site_url": "site", "dist": "downloads",
                   "result": "downloads"}


def pytest_addoption(parser):
    parser.addoption("--oracles", action="store_true",
                     help="cross-check every validation of a broken package with frictionless' row-by-row pass and "
                          "with validate --changed-since (tests/oracles.py); the tests that do are marked slow")


def pytest_configure(config):
    """Validation results are cached between runs (dipevents.cache): the tests keep theirs in a
    folder of this process, never in the user's cache (a caller may name one)."""
    os.environ.setdefault("DIPEVENTS_CACHE_DIR", tempfile.mkdtemp(prefix="dipevents-test-cache-"))
    oracles.ENABLED = bool(config.getoption("oracles"))


def pytest_unconfigure(config):
    oracles.cleanup()


def pytest_collection_modifyitems(config, items):
    slow = SLOW_FIXTURES | ({"pkg"} if config.getoption("oracles") else set())
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if slow & used:
            item.add_marker(pytest.mark.slow)
        groups = sorted({SHARED_FIXTURES[name] for name in used & SHARED_FIXTURES.keys()})
        if groups:
            item.add_marker(pytest.mark.xdist_group("+".join(groups)))


@pytest.fixture(autouse=True)
def _count_oracle_runs(request):
    """With --oracles, each test reports how many packages it cross-checked (summed at the end)."""
    if not oracles.ENABLED:
        yield
        return
    before = dict(oracles.RUNS)
    yield
    request.node.user_properties.append(("oracles", {k: oracles.RUNS[k] - before[k] for k in before}))


def pytest_terminal_summary(terminalreporter, config):
    """How many packages the oracles compared in this run, across every worker."""
    if not config.getoption("oracles"):
        return
    total = {"official": 0, "changed_since": 0}
    for reports in terminalreporter.stats.values():
        for report in reports:
            for name, runs in getattr(report, "user_properties", ()):
                if name == "oracles" and getattr(report, "when", "") == "teardown":
                    for key in total:
                        total[key] += runs.get(key, 0)
    terminalreporter.write_line(f"oracles: {total['official']} packages compared with frictionless' row-by-row pass, "
                                f"{total['changed_since']} with validate --changed-since")


@pytest.fixture
def pkg(tmp_path, capsys) -> Pkg:
    """The toolkit's definitions with the frozen founding fixture's data, in a folder of its own."""
    return Pkg(assemble(tmp_path / "package"), capsys, oracles=oracles.ENABLED)
