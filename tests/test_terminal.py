"""Data printed to a terminal or a CI log shows bidi controls, zero-width characters and
escape sequences as visible backslash escapes, never raw: validate, diff, actors find, source
check; and an unwritable GitHub job summary loses no annotation."""

from __future__ import annotations

import os
import subprocess

import pytest

from dipevents.cli import main
from tests.support import assemble

PUTIN = "act-vladimir-putin"
BEIJING = "mtg-2025-09-02-beijing-sharif-putin"
RAW = ("\x1b", "\u202e", "\u200b", "\u2066", "\ufeff")


def _run(capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


def _nothing_raw(out: str) -> None:
    assert not [ch for ch in RAW if ch in out], f"raw invisible characters in {out!r}"


def test_validate_shows_invisible_characters_as_escapes(pkg, capsys):
    line = pkg.set_cell("actors", PUTIN, "name", "Vladimir\u200b Putin\u202e")
    code, out = _run(capsys, "validate", str(pkg.root))
    assert code == 1
    assert (f'data/actors.csv:{line}: error DE322 [invisible-character] name: "Vladimir\\u200b Putin\\u202e" '
            "holds U+200B ZERO WIDTH SPACE, U+202E RIGHT-TO-LEFT OVERRIDE, which a reader cannot see\n") in out
    _nothing_raw(out)


def test_validate_shows_an_escape_sequence_in_a_pattern_error_escaped(pkg, capsys):
    line = pkg.set_cell("meetings", BEIJING, "country", "P\u2066K\ufeff")
    code, out = _run(capsys, "validate", str(pkg.root))
    assert code == 1
    assert f'data/meetings.csv:{line}: error DE' in out
    assert '"P\\u2066K\\ufeff"' in out
    _nothing_raw(out)


def test_diff_shows_keys_fields_and_values_escaped(pkg, capsys, tmp_path):
    base = assemble(tmp_path / "base")
    pkg.set_cell("actors", PUTIN, "name", "Vladimir\u200b Putin")
    pkg.append_row("actors", {"actor_id": "act-evil\u202e\x1b[2J", "name": "Evil\x1b]0;owned\x07",
                              "actor_type": "person", "description": "x"})
    code, out = _run(capsys, "diff", str(base), str(pkg.root))
    assert code == 0
    assert out == ("actors: 1 added, 0 removed, 1 changed\n"
                   '  + "act-evil\\u202e\\x1b[2J"\n'
                   f"  ~ {PUTIN}\n"
                   '      name: "Vladimir Putin" -> "Vladimir\\u200b Putin"\n')


def test_diff_as_markdown_keeps_invisible_characters_visible(pkg, capsys, tmp_path):
    base = assemble(tmp_path / "base")
    pkg.set_cell("actors", PUTIN, "name", "Vladimir\u200b | Putin")
    code, out = _run(capsys, "diff", str(base), str(pkg.root), "--format", "markdown")
    assert code == 0
    assert f"| changed | `{PUTIN}` | `name` | Vladimir Putin | Vladimir\\\\u200b \\| Putin |" in out
    _nothing_raw(out)


def test_actors_find_shows_invisible_characters_as_escapes(pkg, capsys):
    pkg.set_cell("actors", PUTIN, "name", "Vladimir\u200b Putin\x1b[31m")
    code, out = _run(capsys, "actors", "find", "Q7747", "--package", str(pkg.root))
    assert code == 0
    assert out == ("actor_id            name                          actor_type  country  wikidata_qid\n"
                   "act-vladimir-putin  Vladimir\\u200b Putin\\x1b[31m  person      RUS      Q7747\n")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """The fixture package committed as the base of a fresh git repository (no outside git config)."""
    for name, value in [("GIT_AUTHOR_NAME", "T"), ("GIT_COMMITTER_NAME", "T"), ("GIT_AUTHOR_EMAIL", "t@t"),
                        ("GIT_COMMITTER_EMAIL", "t@t"), ("GIT_CONFIG_GLOBAL", os.devnull),
                        ("GIT_CONFIG_NOSYSTEM", "1"), ("GIT_CEILING_DIRECTORIES", str(tmp_path))]:
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    root = assemble(tmp_path / "repo")
    subprocess.run(["git", "-C", str(root), "init", "-q"], check=True)
    return root


def _commit(repo) -> None:
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-qm", "x"], check=True)


def test_source_check_shows_bidi_and_zero_width_file_names_escaped(repo, capsys):
    name = "sources/report\u202etxt.exe\u200b.txt"
    (repo / name).write_text("An archived text.\n", encoding="utf-8")
    _commit(repo)
    (repo / name).unlink()
    code, out = _run(capsys, "source", "check", "--repo", str(repo), "--base", "HEAD")
    assert code == 1
    assert out == (
        '"sources/report\\u202etxt.exe\\u200b.txt": error: this archived text was deleted since HEAD. Archived '
        "texts are never edited: restore it with `git checkout HEAD -- $'sources/report\\u202etxt.exe\\u200b.txt'` "
        "and add the corrected text as a new source (`dipevents source add`).\n"
        "1 change(s) to archived sources since HEAD: archived texts are immutable once merged.\n")


# --- GITHUB_STEP_SUMMARY that cannot be written ------------------------------------------------

@pytest.mark.parametrize("where", ["missing-folder/summary.md", "a-folder"])
def test_validate_github_prints_every_annotation_when_the_summary_cannot_be_written(pkg, capsys, monkeypatch,
                                                                                      tmp_path, where):
    (tmp_path / "a-folder").mkdir()
    summary = tmp_path / where
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    line = pkg.set_cell("meetings", BEIJING, "country", "XKX")
    code, out = pkg.validate("github")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"::error file=data/meetings.csv,line={line},title=DE331 country-code::country: "
                               '"XKX" is not an ISO 3166-1 alpha-3 country code')
    reason = "No such file or directory" if where.startswith("missing") else "Is a directory"
    assert lines[-2] == (f"::notice title=job summary not written::cannot write GITHUB_STEP_SUMMARY {summary}: "
                         f"{reason}; the annotations above are complete")
    assert lines[-1] == "1 error(s), see annotations."
    assert not summary.is_file()


def test_source_check_github_prints_its_annotation_when_the_summary_cannot_be_written(repo, capsys, monkeypatch,
                                                                                        tmp_path):
    _commit(repo)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "missing" / "summary.md"))
    path = "sources/src-2025-09-02-cpecnews-sharif-putin.txt"
    (repo / path).unlink()
    code, out = _run(capsys, "source", "check", "--repo", str(repo), "--base", "HEAD", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"::error file={path},title=archived source changed::{path}: this archived text "
                               "was deleted since HEAD.")
    assert lines[1] == (f"::notice title=job summary not written::cannot write GITHUB_STEP_SUMMARY "
                        f"{tmp_path / 'missing' / 'summary.md'}: No such file or directory; the annotations above "
                        "are complete")
