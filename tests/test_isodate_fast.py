"""The fast readers agree with the slow references they replaced (performance, issue 10):
coded dates read without the edtf grammar, evidence normalised without a per-character loop,
and whole-word search without compiling a pattern for the usual hit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dipevents.isodate import SHAPE, _bounds, _edtf_bounds
from dipevents.rules.evidence import _fold, _whole_words, find, normalise

_two = st.integers(0, 33).map(lambda n: f"{n:02d}")
_year = st.sampled_from(["0000", "0001", "1582", "1999", "2000", "2024", "2025", "2100", "9999"])
_day = st.tuples(_year, _two, _two).map("-".join)
VALUES = st.one_of(_year, st.tuples(_year, _two).map("-".join), _day,
                   st.tuples(_day, _day).map("/".join))


def _outcome(read, value):
    try:
        return read(value)
    except (ValueError, OverflowError):
        return "not a calendar date"


@settings(max_examples=600, derandomize=True, deadline=None)
@given(VALUES)
@pytest.mark.slow
@pytest.mark.interpreter
def test_date_bounds_agree_with_edtf(value):
    assert SHAPE.fullmatch(value)
    if len(value) == 7 and not 1 <= int(value[5:]) <= 12:
        # edtf (level 1) reads months 21-41 as seasons and quarters; the project allows level 0 only
        assert _outcome(_bounds, value) == "not a calendar date"
    else:
        assert _outcome(_bounds, value) == _outcome(_edtf_bounds, value)


def test_date_bounds_examples():
    assert _outcome(_bounds, "2025-02-29") == "not a calendar date"
    assert _outcome(_bounds, "2024-02") == _outcome(_edtf_bounds, "2024-02")
    assert _outcome(_bounds, "2024-21") == "not a calendar date"  # a season for edtf level 1, not here
    assert str(_bounds("2024-02")[1]) == "2024-02-29"


TEXT = st.text(st.sampled_from(list("ab_1 \t\n\u00a0\u2003’“”—-.,é\u0301ß")), max_size=30)


@settings(max_examples=600, derandomize=True, deadline=None)
@given(TEXT)
def test_normalise_agrees_with_fold(text):
    assert normalise(text) == _fold(text)[0]


@settings(max_examples=600, derandomize=True, deadline=None)
@given(TEXT, TEXT)
def test_find_agrees_with_the_pattern(haystack, needle):
    folded, needle = normalise(haystack), normalise(needle)
    slow = -1
    if needle:
        found = _whole_words(needle).search(folded)
        slow = -1 if found is None else found.start()
    assert find(folded, needle) == slow


def test_find_examples():
    assert find("the cat sat", "cat") == 4
    assert find("concatenate cat", "cat") == 12  # first occurrence cut from a word: the next one
    assert find("concatenate", "cat") == -1
