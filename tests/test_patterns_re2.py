"""Schema patterns are matched on whole columns by RE2 (pyarrow) when they can be written for
RE2 with the same meaning; the verdict must be Python's `fullmatch` verdict for every cell."""

from __future__ import annotations

import glob
import json

import pyarrow as pa
import pyarrow.compute as pc
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from dipevents.patterns import re2_fullmatch
from tests.support import ROOT

SCHEMA_PATTERNS = sorted({f["constraints"]["pattern"]
                          for path in glob.glob(str(ROOT / "schemas" / "*.json"))
                          for f in json.load(open(path, encoding="utf-8")).get("fields", [])
                          if "pattern" in f.get("constraints", {})})
MORE_PATTERNS = ["a|b|", "(ab)*c?", "[^a-c]+", "x.y", "[-a]z", "[]a]", "a{2,3}?b", r"\.\+\*\?\(\)\[\]\{\}\|\\\^\$",
                 "é+[à-ÿ]", "\u4e2d{1,2}", "[^\n]+", r"\n", "(?:a|bc)+", "a{0}b"]
TEXTS = st.lists(st.sampled_from(list("abcxyzQ019-_/.;:é中\n \t\u00a0AZ+*?()[]{}|\\^$") + ["src-", "act-", "https://"]),
                 max_size=12).map("".join)


def _re2_verdicts(expression: str, texts: list[str]) -> list[bool]:
    return pc.match_substring_regex(pa.array(texts, type=pa.large_string()), expression).to_pylist()


@pytest.mark.parametrize("pattern", SCHEMA_PATTERNS + MORE_PATTERNS)
@settings(max_examples=150, deadline=None)
@given(texts=st.lists(TEXTS, min_size=1, max_size=30))
def test_re2_agrees_with_python_fullmatch(pattern, texts):
    expression = re2_fullmatch(pattern)
    if expression is None:
        assert pattern in (r"https?://[^\s]+",), f"{pattern} should be written for RE2"
        return
    # the schemas' own values, and near misses of them, as well as random texts
    texts = texts + ["src-a-b", "src-a-", "Q1", "Q01", "1.2.3", "2025-09-02", "2025-09-02/2025-09-03", "ABC", "ab",
                     "sources/a.txt", "a;b", "a\n", "\nab", "é", "中中"]
    python = [regex.fullmatch(pattern, t) is not None for t in texts]
    assert _re2_verdicts(expression, texts) == python


@pytest.mark.parametrize("pattern", [r"\d+", r"\w", r"[\s]", r"\bx", "^a$", "(?i)abc", "(?s).", "a(?=b)", r"(a)\1",
                                     "a++", "(?>a)", "(?i:a)b", "a{1001}"])
def test_constructs_whose_meaning_differs_stay_with_python(pattern):
    """Python's \\d, \\w, \\s are Unicode-aware, RE2's ASCII; anchors, flags, lookarounds,
    backreferences, possessive and atomic parts, and repeats over 1000 are left to Python."""
    assert re2_fullmatch(pattern) is None


def test_a_pattern_re2_cannot_compile_is_matched_cell_by_cell(pkg):
    """(x{1000}){1000} is plain syntax, but too large for RE2: the cells are still judged."""
    path = "schemas/actors.json"
    def change(doc):
        for f in doc["fields"]:
            if f["name"] == "wikidata_qid":
                f["constraints"]["pattern"] = "Q[1-9][0-9]*|(x{1000}){1000}"
    pkg.edit_json(path, change)
    line = pkg.set_cell("actors", pkg.read_rows("data/actors.csv")[1][0], "wikidata_qid", "Q0")
    from tests.support import only
    e = only(pkg.errors(), code="DE203")
    assert (e["line"], e["column"]) == (line, "wikidata_qid")
