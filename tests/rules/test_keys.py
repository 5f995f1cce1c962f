"""Foreign keys (read from the descriptor) and codelist lists."""

from __future__ import annotations

from tests.support import only

BEIJING = "mtg-2025-09-02-beijing-sharif-putin"


def test_reference_to_a_missing_actor(pkg):
    line = pkg.set_cell("statements", "stm-2025-06-lavrov-expand-cooperation", "speaker_id", "act-sergei-lavrov")
    e = only(pkg.errors(), file="data/statements.csv", line=line, column="speaker_id", code="DE207",
             message='"act-sergei-lavrov" matches no actor_id in data/actors.csv; did you mean "act-sergey-lavrov"?')
    assert e["rule"] == "foreign-key"


def test_unknown_id_far_from_every_existing_one_gets_no_suggestion(pkg):
    line = pkg.set_cell("statements", "stm-2025-06-lavrov-expand-cooperation", "speaker_id", "act-rishi-sunak")
    e = only(pkg.errors(), file="data/statements.csv", line=line, column="speaker_id", code="DE207")
    assert e["message"] == '"act-rishi-sunak" matches no actor_id in data/actors.csv'


def test_unknown_id_suggestion_names_the_nearest_ids_of_the_referenced_table(pkg):
    pkg.append_row("actors", {"actor_id": "act-rishi-sunak", "name": "Rishi Sunak", "actor_type": "person",
                              "country": "GBR", "description": "Rishi Sunak, a British politician."})
    pkg.append_row("actors", {"actor_id": "act-rishi-sunaks-aide", "name": "Rishi Sunak's aide",
                              "actor_type": "person", "country": "GBR",
                              "description": "An aide to Rishi Sunak, a British politician."})
    lines = [pkg.set_cell("statements", stm, "speaker_id", "act-rishi-sunack")
             for stm in ("stm-2025-06-lavrov-expand-cooperation", "stm-2025-07-overchuk-natural-allies")]
    errors = [e for e in pkg.errors() if e["code"] == "DE207"]
    assert [(e["line"], e["message"]) for e in errors] == [
        (line, '"act-rishi-sunack" matches no actor_id in data/actors.csv; '
               'did you mean "act-rishi-sunak" or "act-rishi-sunaks-aide"?') for line in lines]


def test_self_reference_to_a_missing_parent_meeting(pkg):
    line = pkg.set_cell("meetings", BEIJING, "parent_meeting_id", "mtg-2025-sco-summit-tianjin")
    only(pkg.errors(), file="data/meetings.csv", line=line, column="parent_meeting_id", code="DE207")


def test_codelist_reference(pkg):
    line = pkg.set_cell("invitations", "inv-2025-09-02-putin-sharif-sco-heads-of-government-summit",
                        "response", "welcome")
    e = only(pkg.errors(), file="data/invitations.csv", line=line, column="response", code="DE207")
    assert e["message"] == ('"welcome" matches no code in data/codelists/invitation_responses.csv; '
                            'did you mean "welcomed"?')


def test_represents_must_be_an_actor(pkg):
    rel = "data/meeting_participants.csv"
    rows = pkg.read_rows(rel)
    rows[2][rows[0].index("represents")] = "act-russian-federation"
    pkg.write_rows(rel, rows)
    only(pkg.errors(), file=rel, line=3, column="represents", code="DE207")


def test_removing_a_referenced_row_breaks_every_reference(pkg):
    rows = [r for r in pkg.read_rows("data/actors.csv") if r[0] != "act-sergey-lavrov"]
    pkg.write_rows("data/actors.csv", rows)
    only(pkg.errors(), code="DE207", file="data/statements.csv", column="speaker_id")


def test_sectors_must_come_from_the_codelist(pkg):
    line = pkg.set_cell("agreements", "agr-2024-pakistan-russia-multi-sector-mou", "sectors", "energy;steel;trade")
    e = only(pkg.errors(), file="data/agreements.csv", line=line, column="sectors", code="DE210")
    assert e["message"] == '"steel" not in the sectors codelist (data/codelists/sectors.csv)'


def test_mistyped_sector_gets_the_nearest_code(pkg):
    line = pkg.set_cell("agreements", "agr-2024-pakistan-russia-multi-sector-mou", "sectors", "energy;enrgy")
    e = only(pkg.errors(), file="data/agreements.csv", line=line, column="sectors", code="DE210")
    assert e["message"] == '"enrgy" not in the sectors codelist (data/codelists/sectors.csv); did you mean "energy"?'


def test_several_mistyped_sectors_each_get_their_suggestion(pkg):
    line = pkg.set_cell("agreements", "agr-2024-pakistan-russia-multi-sector-mou", "sectors", "enrgy;steel;trad")
    e = only(pkg.errors(), file="data/agreements.csv", line=line, column="sectors", code="DE210")
    assert e["message"] == ('"enrgy", "steel", "trad" not in the sectors codelist (data/codelists/sectors.csv); '
                            'for "enrgy" did you mean "energy"?; for "trad" did you mean "trade"?')


def test_known_sectors_pass(pkg):
    pkg.set_cell("agreements", "agr-2024-pakistan-russia-multi-sector-mou", "sectors", "energy;industry;trade")
    assert [e for e in pkg.errors() if e["severity"] == "error"] == []


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.dictionaries(st.integers(0, 12), st.none() | st.integers(0, 14), max_size=12))
def test_cycle_finder_agrees_with_walking_from_every_node(parent):
    from dipevents.rules.keys import _on_cycles

    def comes_back(start):
        seen, node = set(), parent.get(start)
        while node is not None and node not in seen:
            if node == start:
                return True
            seen.add(node)
            node = parent.get(node)
        return node == start

    assert _on_cycles(parent) == {n for n in parent if comes_back(n)}
