"""A pytest plugin: records every code the validator reports during the test session, so a
last test can prove that each catalogued code is triggered by some test."""

from __future__ import annotations

import pytest

SEEN: set[str] = set()
LAST = "tests/test_registry.py::test_every_catalogued_code_is_triggered_by_some_test"


@pytest.fixture(autouse=True, scope="session")
def _record_codes():
    from dipevents import report, validate

    original = validate.merge

    def recording(*groups):
        merged = original(*groups)
        SEEN.update(e.code for e in merged)
        return merged

    validate.merge = recording
    fmt_render = report.render_text

    def render_text(errors, summary):
        SEEN.update(e.code for e in errors)
        return fmt_render(errors, summary)

    report.render_text = render_text
    yield
    validate.merge = original
    report.render_text = fmt_render


def pytest_collection_modifyitems(session, config, items):
    """The catalogue test runs last, after every other test had its chance to trigger a code."""
    last = [i for i in items if i.nodeid == LAST]
    items[:] = [i for i in items if i.nodeid != LAST] + last


def run_late(items, nodeid: str) -> None:
    """Move the test NODEID after every other test, but before the catalogue test (LAST), which
    stays at the very end: for a test that judges what the tests before it did."""
    mine = [i for i in items if i.nodeid == nodeid]
    last = [i for i in items if i.nodeid == LAST]
    items[:] = [i for i in items if i.nodeid not in (nodeid, LAST)] + mine + last


def whole_suite(session) -> bool:
    """True when this session runs every test of the suite (pytest with no paths, -k or -m)."""
    config = session.config
    return (config.args_source == pytest.Config.ArgsSource.TESTPATHS and not config.option.keyword
            and not config.option.markexpr and len(session.items) == session.testscollected)
