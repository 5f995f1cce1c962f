"""Countries, actors, invitations and meeting formats."""

from __future__ import annotations

from tests.support import only

BEIJING = "mtg-2025-09-02-beijing-sharif-putin"
INVITATION = "inv-2025-09-02-putin-sharif-sco-heads-of-government-summit"


def test_country_code_that_does_not_exist(pkg):
    line = pkg.set_cell("meetings", BEIJING, "country", "XKX")
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="country", code="DE331")
    assert e["message"] == '"XKX" is not an ISO 3166-1 alpha-3 country code'


def test_two_letter_country_code(pkg):
    line = pkg.set_cell("actors", "act-pakistan", "country", "PK")
    only(pkg.errors(), file="data/actors.csv", line=line, column="country", code="DE203")
    e = only(pkg.errors(), file="data/actors.csv", line=line, column="country", code="DE331")
    assert e["message"] == '"PK" is not an ISO 3166-1 alpha-3 country code; did you mean PAK (Pakistan)?'


def test_country_name_instead_of_its_code(pkg):
    line = pkg.set_cell("actors", "act-pakistan", "country", "Vietnam")
    e = only(pkg.errors(), file="data/actors.csv", line=line, column="country", code="DE331")
    assert e["message"] == '"Vietnam" is not an ISO 3166-1 alpha-3 country code; did you mean VNM (Viet Nam)?'


def test_ambiguous_country_name_lists_each_candidate(pkg):
    line = pkg.set_cell("invitations", INVITATION, "event_country", "Korea")
    e = only(pkg.errors(), file="data/invitations.csv", line=line, column="event_country", code="DE331")
    assert e["message"] == ('"Korea" is not an ISO 3166-1 alpha-3 country code; did you mean '
                            "PRK (Korea, Democratic People's Republic of) or KOR (Korea, Republic of)?")


def test_event_country_is_checked_too(pkg):
    line = pkg.set_cell("invitations", INVITATION, "event_country", "RUX")
    only(pkg.errors(), file="data/invitations.csv", line=line, column="event_country", code="DE331")


def test_person_without_country(pkg):
    line = pkg.set_cell("actors", "act-vladimir-putin", "country", "")
    only(pkg.errors(), file="data/actors.csv", line=line, column="country", code="DE332")


def test_organization_without_country_is_fine(pkg):
    assert not [e for e in pkg.errors() if e["code"] == "DE332"]


def test_inviter_is_the_invitee(pkg):
    line = pkg.set_cell("invitations", INVITATION, "inviter_id", "act-shehbaz-sharif")
    e = only(pkg.errors(), file="data/invitations.csv", line=line, column="invitee_id", code="DE341")
    assert e["message"] == '"act-shehbaz-sharif" is both inviter and invitee'


def test_bilateral_meeting_with_one_side(pkg):
    rel = "data/meeting_participants.csv"
    rows = [r for r in pkg.read_rows(rel) if not (r[0] == BEIJING and r[1] == "act-vladimir-putin")]
    pkg.write_rows(rel, rows)
    e = only(pkg.errors(), file="data/meetings.csv", line=pkg.line_of("meetings", BEIJING),
             column="format", code="DE342")
    assert "represent 1 side(s) (act-pakistan)" in e["message"]


def test_bilateral_meeting_with_three_sides(pkg):
    pkg.append_row("meeting_participants", {
        "meeting_id": BEIJING, "actor_id": "act-china", "represents": "act-china", "role": "host",
        "source_id": "src-2025-09-02-cpecnews-sharif-putin",
        "evidence": "met in Beijing on Tuesday on the sidelines"})
    only(pkg.errors(), file="data/meetings.csv", code="DE342")


def test_meeting_is_its_own_parent(pkg):
    line = pkg.set_cell("meetings", BEIJING, "parent_meeting_id", BEIJING)
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="parent_meeting_id", code="DE343")
    assert e["message"] == f'following parent_meeting_id from "{BEIJING}" comes back to it'


def test_two_meetings_parent_each_other(pkg):
    summit = "mtg-2025-sco-heads-of-state-summit"
    pkg.set_cell("meetings", summit, "parent_meeting_id", BEIJING)
    errors = [e for e in pkg.errors() if e["code"] == "DE343"]
    assert sorted(e["line"] for e in errors) == sorted([pkg.line_of("meetings", BEIJING), pkg.line_of("meetings", summit)])
