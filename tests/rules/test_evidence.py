"""Evidence, quotes and date words are in the archived source; the archive is intact."""

from __future__ import annotations

from tests.support import only
from dipevents.rules.evidence import normalise

SOURCES = "data/sources.csv"
SOURCE_ID = "src-2025-09-02-cpecnews-sharif-putin"
BEIJING = "mtg-2025-09-02-beijing-sharif-putin"


def test_normalise_folds_typography_and_whitespace_only():
    assert normalise("Putin’s  “dynamic\nleader” – yes") == 'Putin\'s "dynamic leader" - yes'
    assert normalise("Putin") != normalise("putin")


def test_evidence_with_straight_quotes_and_new_spacing_still_matches(pkg):
    pkg.set_cell("statements", "stm-2025-09-02-sharif-dynamic-leader", "evidence",
                 'lauded him as a "dynamic   leader" committed to strengthening bilateral bonds')
    assert [e for e in pkg.errors() if e["severity"] == "error"] == []


def test_paraphrased_evidence(pkg):
    line = pkg.set_cell("meetings", BEIJING, "evidence", "Sharif and Putin met in Beijing on Tuesday")
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="evidence", code="DE311")
    assert e["rule"] == "evidence-not-in-source"


def test_evidence_with_changed_case(pkg):
    line = pkg.set_cell("meetings", BEIJING, "evidence", "prime minister Shehbaz Sharif and Russian President")
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="evidence", code="DE311")
    assert e["message"] == (
        '"prime minister Shehbaz Sharif and Russian President" is not in the archived text of this '
        'row\'s source; the closest passage (96% alike) is "Prime Minister Shehbaz Sharif and Russian…": '
        'the text reads "Prime Minister" where the evidence has "prime minister"')


LONG_EVIDENCE = ("Prime Minister Shehbaz Sharif and Russian President Vladimir Putin met in Beijing on Tuesday "
                 "on the sidelines of the Shanghai Cooperation Organisation (SCO) Council of Heads of State Summit, "
                 "reaffirming their resolve to further deepen bilateral ties across multiple sectors.")


def test_one_word_slip_in_a_long_passage_names_the_word(pkg):
    slip = LONG_EVIDENCE.replace("further deepen", "further strengthen")
    line = pkg.set_cell("meetings", BEIJING, "evidence", slip)
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="evidence", code="DE311")
    assert e["message"] == (
        '"Prime Minister Shehbaz Sharif and Russian President Vladimi…" is not in the archived text of this '
        'row\'s source; the closest passage (97% alike) is "…their resolve to further deepen bilateral '
        'ties across multiple…": the text reads "deepen" where the evidence has "strengthen"')


def test_left_out_and_added_words_are_named(pkg):
    slip = LONG_EVIDENCE.replace("Vladimir Putin", "Putin").replace("multiple sectors", "multiple key sectors")
    line = pkg.set_cell("meetings", BEIJING, "evidence", slip)
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="evidence", code="DE311")
    assert e["message"].endswith(
        ': the text reads "Vladimir" that the evidence leaves out; the evidence adds "key"')


def test_control_characters_in_the_difference_are_escaped(pkg):
    slip = LONG_EVIDENCE.replace("Tuesday", "Tues\x1bday")
    line = pkg.set_cell("meetings", BEIJING, "evidence", slip)
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="evidence", code="DE311")
    assert "\x1b" not in e["message"]
    assert e["message"].endswith('the text reads "Tuesday" where the evidence has "Tues\\x1bday"')


def test_evidence_unlike_any_passage_gets_no_closest_passage(pkg):
    line = pkg.set_cell("meetings", BEIJING, "evidence", "Lorem ipsum dolor sit amet, consectetur adipiscing")
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="evidence", code="DE311")
    assert e["message"] == ('"Lorem ipsum dolor sit amet, consectetur adipiscing" is not in the archived text '
                            "of this row's source")


def test_evidence_too_short_in_words(pkg):
    line = pkg.set_cell("meetings", BEIJING, "evidence", "Shanghai Cooperation Organisation")
    e = only(pkg.errors(), file="data/meetings.csv", line=line, column="evidence", code="DE312")
    assert "3 word(s)" in e["message"]


def test_quote_not_in_source(pkg):
    line = pkg.set_cell("statements", "stm-2025-09-02-sharif-dynamic-leader", "quote", "great leader")
    only(pkg.errors(), file="data/statements.csv", line=line, column="quote", code="DE315")


def test_date_words_not_in_source(pkg):
    line = pkg.set_cell("statements", "stm-2025-06-lavrov-expand-cooperation", "date_as_reported", "in mid-June")
    only(pkg.errors(), file="data/statements.csv", line=line, column="date_as_reported", code="DE315")


def test_edited_archive_fails_its_hash(pkg):
    path = pkg.path("sources/src-2025-09-02-cpecnews-sharif-putin.txt")
    path.write_bytes(path.read_bytes().replace(b"Beijing", b"Tianjin", 1))
    errors = pkg.errors()
    e = only(errors, file=SOURCES, line=2, column="text_sha256", code="DE313")
    assert "1827acf35aa54738b9cfbe0589994aeeeab9ae69aa61a0d2bae8d97a325f9088" in e["message"]
    assert not [x for x in errors if x["code"] == "DE311"]  # evidence is not judged against a tampered text


def test_text_path_outside_sources(pkg):
    (pkg.root / "data/copy.txt").write_bytes(pkg.path("sources/src-2025-09-02-cpecnews-sharif-putin.txt").read_bytes())
    line = pkg.set_cell("sources", SOURCE_ID, "text_path", "sources/../data/copy.txt")
    errors = pkg.errors()
    only(errors, file=SOURCES, line=line, column="text_path", code="DE314")


def test_text_path_that_does_not_exist(pkg):
    line = pkg.set_cell("sources", SOURCE_ID, "text_path", "sources/nothing-here.txt")
    e = only(pkg.errors(), file=SOURCES, line=line, column="text_path", code="DE314")
    assert e["message"] == '"sources/nothing-here.txt" does not exist'


def _whole_word_oracle(text: str, needle: str) -> int:
    """Every position, tried in turn: the definition the linear search must agree with."""
    for at in range(len(text) - len(needle) + 1):
        end = at + len(needle)
        if text.startswith(needle, at) and not (
                (at > 0 and text[at - 1].isalnum() and needle[0].isalnum())
                or (end < len(text) and text[end].isalnum() and needle[-1].isalnum())):
            return at
    return -1


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("ab _-.1é\u0661\u00b2"))  # letters, an Arabic digit, a superscript, _, marks


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.text(_ALPHABET, max_size=14), st.text(_ALPHABET, min_size=1, max_size=4))
def test_find_agrees_with_trying_every_position(text, needle):
    from dipevents.rules.evidence import find

    assert find(text, needle) == _whole_word_oracle(text, needle)


def test_a_text_path_that_climbs_is_refused_even_when_it_ends_inside(pkg):
    """Issue 19: sources/x/../NAME resolves inside sources/, but the path is written as it
    stands into the release descriptor: a '..' segment is refused wherever it leads."""
    (pkg.root / "sources" / "x").mkdir()
    name = "src-2025-09-02-cpecnews-sharif-putin.txt"
    line = pkg.set_cell("sources", SOURCE_ID, "text_path", f"sources/x/../{name}")
    e = only(pkg.errors(), file=SOURCES, line=line, column="text_path", code="DE314")
    assert e["message"] == (f'"sources/x/../{name}" has a \'..\' segment; '
                            "name the file by its path from the package root")
