"""Rows agree with the rows they link to (dateWithin, referenceWhere in the schemas)."""

from __future__ import annotations

import pytest

from tests.support import only

BEIJING = "mtg-2025-09-02-beijing-sharif-putin"
MOSCOW = "mtg-2025-11-moscow-sco-heads-of-government-summit"
INVITATION = "inv-2025-09-02-putin-sharif-sco-heads-of-government-summit"
AGREEMENT = "agr-2024-pakistan-russia-multi-sector-mou"
STATEMENT = "stm-2025-09-02-putin-traditional-partner"
MEETINGS = "data/meetings.csv"
PARTICIPANTS = "data/meeting_participants.csv"


def _within(pkg):
    return [(e["file"], e["line"], e["column"], e["message"]) for e in pkg.errors() if e["code"] == "DE344"]


def test_statement_dated_after_its_meeting(pkg):
    line = pkg.set_cell("statements", STATEMENT, "date", "2025-09-05")
    assert _within(pkg) == [("data/statements.csv", line, "date",
                             f'"2025-09-05" is not within the dates of meeting_id "{BEIJING}": 2025-09-02 '
                             f'({MEETINGS}:{pkg.line_of("meetings", BEIJING)})')]


@pytest.mark.parametrize("date", ["2025-09", "2025"])
def test_statement_known_to_the_month_or_year_overlaps_its_meeting(pkg, date):
    pkg.set_cell("statements", STATEMENT, "date", date)
    assert _within(pkg) == []


def test_statement_known_to_a_month_that_misses_its_meeting(pkg):
    line = pkg.set_cell("statements", STATEMENT, "date", "2025-08")
    assert [(e[1], e[2]) for e in _within(pkg)] == [(line, "date")]


def test_meeting_of_several_days_holds_its_statements(pkg):
    pkg.set_cell("meetings", BEIJING, "end_date", "2025-09-04")
    inside = pkg.set_cell("statements", STATEMENT, "date", "2025-09-04")
    assert _within(pkg) == []
    pkg.set_cell("statements", STATEMENT, "date", "2025-09-05")
    assert _within(pkg) == [("data/statements.csv", inside, "date",
                             f'"2025-09-05" is not within the dates of meeting_id "{BEIJING}": 2025-09-02 to '
                             f'2025-09-04 ({MEETINGS}:{pkg.line_of("meetings", BEIJING)})')]


def test_invitation_issued_at_a_meeting_months_away(pkg):
    line = pkg.set_cell("invitations", INVITATION, "issued_date", "2025-06-03")
    e = only(pkg.errors(), file="data/invitations.csv", line=line, column="issued_date", code="DE344")
    assert e["message"] == (f'"2025-06-03" is not within the dates of issued_at_meeting_id "{BEIJING}": '
                            f'2025-09-02 ({MEETINGS}:{pkg.line_of("meetings", BEIJING)})')


def test_invitation_event_date_outside_the_event_meeting(pkg):
    line = pkg.set_cell("invitations", INVITATION, "event_date", "2025-12")
    e = only(pkg.errors(), file="data/invitations.csv", line=line, column="event_date", code="DE344")
    assert e["message"] == (f'"2025-12" is not within the dates of event_meeting_id "{MOSCOW}": '
                            f'2025-11 ({MEETINGS}:{pkg.line_of("meetings", MOSCOW)})')


def test_invitation_event_day_within_a_meeting_known_to_the_month(pkg):
    pkg.set_cell("invitations", INVITATION, "event_date", "2025-11-17")
    assert _within(pkg) == []


def test_agreement_signed_at_a_meeting_of_another_year(pkg):
    line = pkg.set_cell("agreements", AGREEMENT, "meeting_id", BEIJING)
    e = only(pkg.errors(), file="data/agreements.csv", line=line, column="date", code="DE344")
    assert e["message"].startswith(f'"2024" is not within the dates of meeting_id "{BEIJING}": 2025-09-02')


def test_link_to_a_missing_meeting_is_left_to_the_foreign_key_check(pkg):
    line = pkg.set_cell("statements", STATEMENT, "meeting_id", "mtg-2025-09-03-nowhere")
    errors = pkg.errors()
    only(errors, file="data/statements.csv", line=line, code="DE207")
    assert [e for e in errors if e["code"] == "DE344"] == []


def _participant_rows(pkg, represents):
    rows = pkg.read_rows(PARTICIPANTS)
    rows[1][rows[0].index("represents")] = represents
    pkg.write_rows(PARTICIPANTS, rows)
    return 2


def test_participant_representing_a_person(pkg):
    line = _participant_rows(pkg, "act-vladimir-putin")
    e = only(pkg.errors(), file=PARTICIPANTS, line=line, column="represents", code="DE345")
    assert e["message"] == ('"act-vladimir-putin" has actor_type "person" '
                            f'(data/actors.csv:{pkg.line_of("actors", "act-vladimir-putin")}); '
                            'represents must point at "state" or "organization"')


def test_participant_representing_an_actor_of_no_type(pkg):
    """An empty actor_type (DE201's) is named as missing, not as pandas' "nan"."""
    line = _participant_rows(pkg, "act-vladimir-putin")
    pkg.set_cell("actors", "act-vladimir-putin", "actor_type", "")
    e = only(pkg.errors(), file=PARTICIPANTS, line=line, column="represents", code="DE345")
    assert e["message"] == ('"act-vladimir-putin" has no actor_type '
                            f'(data/actors.csv:{pkg.line_of("actors", "act-vladimir-putin")}); '
                            'represents must point at "state" or "organization"')


def test_participant_representing_an_organization(pkg):
    _participant_rows(pkg, "act-sco")
    assert [e for e in pkg.errors() if e["code"] == "DE345"] == []


def test_participant_representing_an_unknown_actor_is_the_foreign_key_checks(pkg):
    line = _participant_rows(pkg, "act-nobody")
    errors = pkg.errors()
    only(errors, file=PARTICIPANTS, line=line, column="represents", code="DE207")
    assert [e for e in errors if e["code"] == "DE345"] == []


@pytest.mark.parametrize("schema, field, value, message", [
    ("statements", "date", "summary", 'statements: dateWithin of "date": "summary" is not a field with a '
                                      "one-field foreign key"),
    ("statements", "date", ["meeting_id"], 'statements: dateWithin of "date": "[\'meeting_id\']" is not a field '
                                           "with a one-field foreign key"),
    ("meeting_participants", "represents", ["state"], 'meeting_participants: referenceWhere of "represents" '
                                                      "must be an object: field name -> list of values"),
    ("meeting_participants", "represents", {"actor_type": "state"}, 'meeting_participants: referenceWhere of '
                                                                    '"represents" must be an object: field name '
                                                                    "-> list of values"),
    ("meeting_participants", "capacity", {"actor_type": ["state"]}, 'meeting_participants: referenceWhere of '
                                                                    '"capacity" needs a one-field foreign key on '
                                                                    "that field"),
    ("statements", "summary", "meeting_id", 'statements: dateWithin of "summary": only a date field (date, *_date) '
                                            "can be within another row's dates"),
])
def test_malformed_relation_properties_are_refused_at_the_schema(pkg, schema, field, value, message):
    def change(doc):
        next(f for f in doc["fields"] if f["name"] == field)["referenceWhere" if schema == "meeting_participants" else "dateWithin"] = value
    pkg.edit_json(f"schemas/{schema}.json", change)
    code, doc = pkg.validate()
    assert code == 1
    e = only(doc["errors"], file=f"schemas/{schema}.json", code="DE002")
    assert e["message"] == message


def test_relation_naming_no_field_of_the_referenced_table_is_refused(pkg):
    def change(doc):
        next(f for f in doc["fields"] if f["name"] == "represents")["referenceWhere"] = {"kind": ["state"]}
    pkg.edit_json("schemas/meeting_participants.json", change)
    e = only(pkg.errors(), file="schemas/meeting_participants.json", code="DE002")
    assert e["message"] == ('meeting_participants: referenceWhere of "represents" names "kind", '
                            "which is not a field of actors")


def test_date_within_a_table_without_dates_is_refused(pkg):
    def change(doc):
        next(f for f in doc["fields"] if f["name"] == "date")["dateWithin"] = "speaker_id"
    pkg.edit_json("schemas/statements.json", change)
    e = only(pkg.errors(), file="schemas/statements.json", code="DE002")
    assert e["message"] == 'statements: dateWithin of "date": actors has no date field'
