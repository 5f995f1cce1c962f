"""The frozen fixture package (tests/fixtures/founding) that toolkit tests use.

When the schemas or codelists change, these fail first and say so: update the fixture to
follow the definitions (never to follow the live data)."""

from __future__ import annotations

import hashlib

from tests.support import FIXTURE, FOUNDING_SHA256, FOUNDING_TEXT, codes

HINT = "the fixture no longer fits the schemas: update tests/fixtures/founding (see tests/fixtures/README.md)"


def test_fixture_package_is_valid(pkg):
    code, doc = pkg.validate()
    assert (code, doc["valid"], codes(doc["errors"])) == (0, True, set()), HINT


def test_only_notice_is_the_undated_summit(pkg):
    notices = [e for e in pkg.errors() if e["severity"] == "notice"]
    assert [(e["file"], e["column"], e["code"]) for e in notices] == [
        ("data/meetings.csv", "date_as_reported", "DE305")]


def test_fixture_holds_the_founding_report_byte_for_byte():
    assert [p.name for p in (FIXTURE / "sources").iterdir()] == [FOUNDING_TEXT.split("/")[-1]]
    assert hashlib.sha256((FIXTURE / FOUNDING_TEXT).read_bytes()).hexdigest() == FOUNDING_SHA256


def test_fixture_holds_tables_only():
    """Codelists and schemas come from the repository: a copy here would go stale unnoticed."""
    assert sorted(p.name for p in FIXTURE.iterdir()) == ["data", "sources"]
    assert [p for p in (FIXTURE / "data").iterdir() if p.suffix != ".csv" or p.is_dir()] == []
