"""`dipevents set`: edit cells of one row; refuse what the validator rejects, never change an ID."""

from __future__ import annotations

from dipevents.cli import main
from tests.support import snapshot


def _set(pkg, capsys, *args) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["set", *args, "--package", str(pkg.root)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_set_then_validate_round_trip(pkg, capsys):
    line = pkg.line_of("actors", "act-russia")
    code, out = _set(pkg, capsys, "actors", "act-russia", "description=Russia, a state in Eastern Europe, Asia.",
                     "wikidata_qid=Q159")
    assert (code, out) == (0, f"set description of act-russia in data/actors.csv at line {line}\n")
    header, *rows = pkg.read_rows("data/actors.csv")
    row = dict(zip(header, rows[line - 2]))
    assert row["description"] == "Russia, a state in Eastern Europe, Asia."
    assert pkg.validate("text")[0] == 0
    capsys.readouterr()
    assert main(["fmt", str(pkg.root), "--check"]) == 0  # written in canonical form


def test_set_with_nothing_to_change_writes_nothing(pkg, capsys):
    before = snapshot(pkg.root)
    code, out = _set(pkg, capsys, "actors", "act-russia", "country=RUS")
    assert (code, out) == (0, "act-russia already has those values; nothing written\n")
    assert snapshot(pkg.root) == before


def test_set_refusals_name_what_is_wrong(pkg, capsys):
    before = snapshot(pkg.root)
    tables = "sources, actors, meetings, meeting_participants, agreements, agreement_parties, invitations, " \
             "statements, retired_ids"
    cases = [
        (("people", "act-russia", "name=R"), f"dipevents set: no table 'people'; tables: {tables}\n"),
        (("actors", "act-rusia", "name=R"), "dipevents set: no row 'act-rusia' in data/actors.csv\n"),
        (("actors", "act-russia", "colour=red"), "dipevents set: actors has no column 'colour'; columns: actor_id, "
                                                 "name, actor_type, country, wikidata_qid, description\n"),
        (("actors", "act-russia", "name"), "dipevents set: 'name' is not FIELD=VALUE\n"),
        (("actors", "act-russia", "actor_id=act-russian-federation"),
         "dipevents set: actor_id is the row's identifier and never changes: retire act-russia instead (add it to "
         "data/retired_ids.csv with its replacement) and add the row under a new ID\n"),
        (("meeting_participants", "mtg-2024-astana-sco-summit", "role=host"),
         "dipevents set: meeting_participants has no single-field ID (its key is meeting_id, actor_id); "
         "edit data/meeting_participants.csv in a text editor\n"),
    ]
    for args, message in cases:
        assert _set(pkg, capsys, *args) == (2, message), args
    assert snapshot(pkg.root) == before


def test_set_refuses_a_result_the_validator_rejects(pkg, capsys):
    before = snapshot(pkg.root)
    line = pkg.line_of("meetings", "mtg-2025-09-02-beijing-sharif-putin")
    code, out = _set(pkg, capsys, "meetings", "mtg-2025-09-02-beijing-sharif-putin", "date=2025-09-03")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == ("dipevents set: the change to mtg-2025-09-02-beijing-sharif-putin would break the package; "
                        "nothing was written:")
    # the invitation issued at that meeting no longer falls within it either
    assert lines[1] == ('data/invitations.csv:2: error DE344 [date-within] issued_date: "2025-09-02" is not within '
                        'the dates of issued_at_meeting_id "mtg-2025-09-02-beijing-sharif-putin": 2025-09-03 '
                        f"(data/meetings.csv:{line})")
    assert [x for x in lines if x.startswith(f"data/meetings.csv:{line}: error DE303 [date-words] date: ")]
    assert snapshot(pkg.root) == before


def test_set_is_not_blocked_by_errors_elsewhere(pkg, capsys):
    pkg.set_cell("meetings", "mtg-2024-astana-sco-summit", "country", "XXX")
    code, out = _set(pkg, capsys, "actors", "act-russia", "description=Russia, a sovereign state.")
    assert code == 0
    assert out.splitlines()[-1] == "the package has 1 other error(s); run dipevents validate"
