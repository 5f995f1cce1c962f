"""The real package, end to end."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from tests.support import ROOT, codes


def test_dipevents_validate_accepts_the_repository(pkg):
    code, doc = pkg.validate()
    assert code == 0
    assert doc["valid"] is True
    assert codes(doc["errors"]) == set()


def test_only_notice_is_the_undated_summit(pkg):
    notices = [e for e in pkg.errors() if e["severity"] == "notice"]
    assert [(e["file"], e["column"], e["code"]) for e in notices] == [
        ("data/meetings.csv", "date_as_reported", "DE305")]


def test_frictionless_cli_accepts_the_repository():
    proc = subprocess.run([sys.executable, "-m", "frictionless", "validate", "datapackage.json"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_console_command_exits_zero_and_prints_a_summary():
    proc = subprocess.run([sys.executable, "-m", "dipevents.cli", "validate", str(ROOT)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
    assert "VALID" in proc.stdout
    assert "meetings" in proc.stdout and "statements" in proc.stdout


def test_founding_source_is_archived_byte_for_byte():
    raw = (ROOT / "sources/src-2025-09-02-cpecnews-sharif-putin.txt").read_bytes()
    # the hash published with the seed report (shared/seed/README.md)
    assert hashlib.sha256(raw).hexdigest() == "1827acf35aa54738b9cfbe0589994aeeeab9ae69aa61a0d2bae8d97a325f9088"


def test_every_event_row_has_evidence(pkg):
    for table in ["meetings", "meeting_participants", "agreements", "agreement_parties",
                  "invitations", "statements"]:
        rows = pkg.read_rows(f"data/{table}.csv")
        col = rows[0].index("evidence")
        assert rows[1:], table
        assert all(row[col].strip() for row in rows[1:]), table
