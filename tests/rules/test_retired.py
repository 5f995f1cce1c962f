"""Retired identifiers are never reused; replacements exist."""

from __future__ import annotations

from tests.support import only

RETIRED = "data/retired_ids.csv"


def test_reusing_a_retired_id(pkg):
    pkg.append_row("retired_ids", {"retired_id": "mtg-2025-09-02-beijing-sharif-putin", "table_name": "meetings",
                                   "replaced_by": "", "retired_in_version": "0.2.0", "reason": "test"})
    e = only(pkg.errors(), file="data/meetings.csv", column="meeting_id", code="DE351")
    assert e["line"] == pkg.line_of("meetings", "mtg-2025-09-02-beijing-sharif-putin")


def test_replacement_must_exist(pkg):
    line = pkg.append_row("retired_ids", {"retired_id": "act-putin", "table_name": "actors",
                                          "replaced_by": "act-v-putin", "retired_in_version": "0.2.0",
                                          "reason": "merged"})
    e = only(pkg.errors(), file=RETIRED, line=line, column="replaced_by", code="DE352")
    assert e["message"] == '"act-v-putin" matches no actor_id in actors'


def test_table_name_must_be_a_record_table(pkg):
    line = pkg.append_row("retired_ids", {"retired_id": "act-putin", "table_name": "people",
                                          "retired_in_version": "0.2.0", "reason": "typo"})
    only(pkg.errors(), file=RETIRED, line=line, column="table_name", code="DE352")


def test_valid_retirement_passes(pkg):
    pkg.append_row("retired_ids", {"retired_id": "act-v-putin", "table_name": "actors",
                                   "replaced_by": "act-vladimir-putin", "retired_in_version": "0.2.0",
                                   "reason": "merged duplicate"})
    assert [e for e in pkg.errors() if e["severity"] == "error"] == []
