"""The evidence rules' shortcuts (issue 10) give the verdicts and messages of the plain way.

- Values are normalised per column on one joined string; cells whose folded characters stand
  in the text as they are skip normalising; each (text_path, text_sha256) is read once; a
  plain sources/NAME is resolved with one lstat instead of ``safe_path``.
- Each shortcut is compared with the definition it replaces (``_fold``, a per-value
  translation, ``safe_path``), on generated inputs and on hostile paths.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dipevents.archived_texts import Folder
from dipevents.context import Context
from dipevents.loader import load
from dipevents.rules.evidence import (
    _TYPOGRAPHY,
    _fold,
    _fold_characters,
    _fold_characters_all,
    _in_text,
    evidence_in_source,
    evidence_length,
    find,
    normalise,
    source_files,
    verbatim_in_source,
)
from dipevents.tables import read_tables
from tests.support import FOUNDING_TEXT, only

SOURCE_ID = "src-2025-09-02-cpecnews-sharif-putin"
SOURCES = "data/sources.csv"

# Whitespace of every kind (tab, CR, VT, the separators U+001C-U+001F, NEL, no-break, line
# separator, ideographic space), typographic marks, the backtick, NUL, an escape (unprintable
# but no whitespace), a soft hyphen, combining marks (composed by NFC, reordered), a Hangul
# syllable in parts and the Angstrom sign (both changed by NFC).
_CHARS = list("ab A1 .,-_`\x00\x1b\t\r\x0b\x1c\x1f\x85\xa0\u2028\u3000\n\u00ad"
              "’‘“”„«»–—−\u0301\u0327\u0323e\u1100\u1161\u212b")
TEXT = st.text(st.sampled_from(_CHARS), max_size=24)


def _by_translation(text: str) -> str:
    """The characters' fold as first written: NFC, then one translation table."""
    return unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)


@settings(max_examples=1500, derandomize=True, deadline=None)
@given(TEXT)
def test_normalise_agrees_with_the_per_character_fold(text):
    assert normalise(text) == _fold(text)[0]
    assert _fold_characters(text) == _by_translation(text)


@settings(max_examples=800, derandomize=True, deadline=None)
@given(st.lists(TEXT, max_size=6))
def test_folding_a_column_at_once_equals_folding_each_value(values):
    assert _fold_characters_all(values) == [_by_translation(v) for v in values]


def test_a_column_holding_nul_is_folded_value_by_value():
    values = ["a\x00“b”", "e\u0301", "\u0301x"]
    assert _fold_characters_all(values) == ['a\x00"b"', "é", "\u0301x"]


def test_nfc_never_composes_across_two_values():
    # joined, "e" and the next value's combining acute would make "é"; apart they stay as they are
    assert _fold_characters_all(["ae", "\u0301b"]) == ["ae", "\u0301b"]


@st.composite
def _text_and_value(draw):
    """A text and a value: often a stretch of the text with its spacing, quotes or ends changed."""
    raw = draw(TEXT)
    if not draw(st.booleans()):
        return raw, draw(TEXT)
    folded = normalise(raw)
    start = draw(st.integers(0, len(folded)))
    end = draw(st.integers(start, len(folded)))
    value = folded[start:end]
    for old, new in draw(st.lists(st.sampled_from([(" ", "  "), (" ", "\n"), ('"', "“"), ("'", "’"),
                                                   ("-", "—"), ("a", "b")]), max_size=2)):
        value = value.replace(old, new, 1)
    return raw, draw(st.sampled_from(["", " ", "\t"])) + value + draw(st.sampled_from(["", " ", "\u00a0"]))


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(_text_and_value())
@pytest.mark.slow
def test_the_shortcut_gives_the_verdict_of_normalising_first(text_and_value):
    raw, value = text_and_value
    text = normalise(raw)
    assert _in_text(text, value, _fold_characters(value)) == (find(text, normalise(value)) >= 0)


def test_a_passage_found_only_once_spacing_is_folded_is_found():
    text = normalise("The leaders met in Beijing\non Tuesday.")
    assert _in_text(text, "met in  Beijing on", "met in  Beijing on")
    assert _in_text(text, " met in Beijing", " met in Beijing")
    assert not _in_text(text, "et in Beijing", "et in Beijing")  # half a word
    assert not _in_text(text, " ", " ")  # nothing but whitespace is no passage


# --- the rules on a package -----------------------------------------------------------------

def _context(root: Path) -> Context:
    package, errors = load(root)
    assert errors == []
    tables, _ = read_tables(package)
    return Context(package, tables)


def test_each_archived_text_is_read_once_however_many_rows_and_rules_use_it(pkg, monkeypatch):
    pkg.append_row("sources", {**_source_row(pkg), "source_id": "src-2025-09-02-same-text"})
    reads = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or original(self))
    ctx = _context(pkg.root)
    for rule in (source_files, evidence_in_source, verbatim_in_source):
        assert list(rule(ctx)) == []
    assert [p.relative_to(pkg.root.resolve()).as_posix() for p in reads if p.parent.name == "sources"] == [FOUNDING_TEXT]


def _source_row(pkg) -> dict[str, str]:
    header, *rows = pkg.read_rows(SOURCES)
    return dict(zip(header, next(r for r in rows if r[0] == SOURCE_ID)))


def test_two_rows_with_one_source_id_are_each_judged_by_their_own_text_path(pkg):
    line = pkg.append_row("sources", {**_source_row(pkg), "text_path": "sources/nothing-here.txt"})
    errors = pkg.errors()
    e = only(errors, file=SOURCES, column="text_path", code="DE314")
    assert (e["line"], e["message"]) == (line, '"sources/nothing-here.txt" does not exist')


def test_rows_repeating_a_missing_quote_are_each_reported(pkg):
    first = pkg.set_cell("statements", "stm-2025-09-02-sharif-dynamic-leader", "quote", "great leader")
    second = pkg.set_cell("statements", "stm-2025-07-overchuk-natural-allies", "quote", "great leader")
    errors = pkg.errors()
    for line in (first, second):
        e = only(errors, file="data/statements.csv", line=line, column="quote", code="DE315")
        assert e["message"] == "\"great leader\" is not in the archived text of this row's source"


def test_evidence_word_count_with_odd_spacing(pkg):
    three = pkg.set_cell("meetings", "mtg-2025-09-02-beijing-sharif-putin", "evidence", " Sharif \n met  Putin\t")
    ctx = _context(pkg.root)
    found = [(e.line, e.message) for e in evidence_length(ctx)]
    assert found == [(three, '" Sharif \\n met  Putin\\t" has 3 word(s); evidence needs at least 4')]


def test_four_words_are_enough_however_spaced(pkg):
    pkg.set_cell("meetings", "mtg-2025-09-02-beijing-sharif-putin", "evidence", "Sharif\nmet  Putin in ")
    assert list(evidence_length(_context(pkg.root))) == []


# --- source paths: one lstat for sources/NAME, safe_path for the rest -----------------------

def _hostile_sources(pkg, outside: Path) -> list[str]:
    text = pkg.path(FOUNDING_TEXT)
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    links = {"link-in.txt": text, "link-out.txt": outside / "secret.txt",
             "link-data.txt": pkg.path("data/meetings.csv"), "link-dangling.txt": outside / "gone.txt"}
    for name, target in links.items():
        (pkg.path("sources") / name).symlink_to(target)
    (pkg.path("sources") / "folder").mkdir()
    return [FOUNDING_TEXT, *(f"sources/{n}" for n in links), "sources/folder", "sources/missing.txt",
            "sources/", "sources/.", "sources/..", "sources//" + Path(FOUNDING_TEXT).name,
            "sources/./" + Path(FOUNDING_TEXT).name, "sources/../data/meetings.csv", "sources/a\\b.txt",
            "sources/a\x00b.txt", "sources/" + "x" * 300, "sources/folder/", "data/meetings.csv"]


def test_plain_names_resolve_as_safe_path_resolves_them(pkg, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = Folder(_context(pkg.root).package.root)
    assert folder.plain_dir == str(pkg.root.resolve() / "sources")
    for path in _hostile_sources(pkg, outside):
        file, info = folder.stat(path)
        assert file == folder.source_file(path), path
        if file is not None:
            assert (info is None) == (not os.path.exists(file)), path
            assert info is None or info.st_mode == os.stat(file).st_mode, path


def test_a_symlink_out_of_the_package_is_still_refused(pkg, tmp_path):
    (tmp_path / "secret.txt").write_bytes(pkg.path(FOUNDING_TEXT).read_bytes())
    (pkg.path("sources") / "copy.txt").symlink_to(tmp_path / "secret.txt")
    line = pkg.set_cell("sources", SOURCE_ID, "text_path", "sources/copy.txt")
    e = only(pkg.errors(), file=SOURCES, line=line, column="text_path", code="DE314")
    assert e["message"] == '"sources/copy.txt" is not a file path inside sources/'


def test_a_symlinked_sources_folder_takes_the_full_way(pkg, tmp_path):
    archive = pkg.path("archive")
    pkg.path("sources").rename(archive)
    pkg.path("sources").symlink_to(archive, target_is_directory=True)
    folder = Folder(_context(pkg.root).package.root)
    assert folder.plain_dir is None
    assert folder.stat(FOUNDING_TEXT) == (None, None)  # resolves to archive/, not sources/
    e = only(pkg.errors(), file=SOURCES, column="text_path", code="DE314")
    assert e["message"] == f'"{FOUNDING_TEXT}" is not a file path inside sources/'
