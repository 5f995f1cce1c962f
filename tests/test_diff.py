"""`dipevents diff` between two folders and between two git revisions."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from dipevents.cli import main
from tests.support import PACKAGE_PARTS, assemble


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def base(tmp_path) -> Path:
    """The unchanged fixture package, in a folder of its own: the OLD side of a diff against pkg."""
    return assemble(tmp_path / "base")


def _run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["diff", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_diff_between_two_git_revisions(pkg, capsys):
    repo = pkg.root
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "add", *PACKAGE_PARTS)
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "v1")
    pkg.set_cell("meetings", "mtg-2024-astana-sco-summit", "title", "24th SCO summit, Astana")
    rows = [r for r in pkg.read_rows("data/statements.csv") if r[0] != "stm-2025-06-lavrov-expand-cooperation"]
    pkg.write_rows("data/statements.csv", rows)
    pkg.append_row("actors", {"actor_id": "act-ishaq-dar", "name": "Ishaq Dar", "actor_type": "person", "country": "PAK"})
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "v2")
    code, out, err = _run(capsys, "HEAD~1", "HEAD", "--repo", repo)
    assert code == 0, err
    assert out == (
        "actors: 1 added, 0 removed, 0 changed\n"
        "  + act-ishaq-dar\n"
        "meetings: 0 added, 0 removed, 1 changed\n"
        "  ~ mtg-2024-astana-sco-summit\n"
        '      title: "SCO summit in Astana 2024" -> "24th SCO summit, Astana"\n'
        "statements: 0 added, 1 removed, 0 changed\n"
        "  - stm-2025-06-lavrov-expand-cooperation\n")


def test_diff_between_folders_as_markdown(pkg, base, capsys):
    pkg.set_cell("meetings", "mtg-2025-09-02-beijing-sharif-putin", "city", "Beijing | Diaoyutai")
    code, out, _ = _run(capsys, base, pkg.root, "--format", "markdown")
    assert code == 0
    assert out == (
        "### `meetings`: 0 added, 0 removed, 1 changed\n\n"
        "| change | id | field | old | new |\n|---|---|---|---|---|\n"
        "| changed | `mtg-2025-09-02-beijing-sharif-putin` | `city` | Beijing | Beijing \\| Diaoyutai |\n\n")


def test_no_differences(pkg, base, capsys):
    code, out, _ = _run(capsys, base, pkg.root)
    assert (code, out) == (0, "No differences.\n")


def test_unknown_revision_is_a_clear_error(base, capsys, tmp_path):
    code, out, err = _run(capsys, "no-such-rev", base, "--repo", tmp_path)
    assert code == 1
    assert "'no-such-rev' is neither a package folder nor a git revision" in err


def test_option_like_revision_is_refused(base, capsys, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    code, _, err = _run(capsys, "--repo", base, "--", f"--output={victim}", base)
    assert code == 1 and "is neither a package folder nor a git revision" in err
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_columns_and_tables_added_or_removed(pkg, base, capsys):
    rows = pkg.read_rows("data/actors.csv")
    pkg.edit_json("schemas/actors.json", lambda doc: doc["fields"].append(
        {"name": "alias", "type": "string", "description": "Another name the actor is known by.",
         "constraints": {"maxLength": 200}}))
    pkg.write_rows("data/actors.csv", [r + (["alias"] if i == 0 else [""]) for i, r in enumerate(rows)])
    pkg.edit_json("datapackage.json", lambda doc: doc.update(resources=[r for r in doc["resources"] if r["name"] != "retired_ids"]))
    code, out, _ = _run(capsys, base, pkg.root)
    assert code == 0
    assert out == ("actors: 0 added, 0 removed, 0 changed\n  column added: alias\n"
                   "retired_ids: table removed; 0 added, 0 removed, 0 changed\n")


def test_an_unreadable_side_is_refused_not_reported_as_removed(pkg, base, capsys):
    pkg.path("schemas/statements.json").write_text("{", encoding="utf-8")
    code, _, err = _run(capsys, base, pkg.root)
    assert code == 1
    assert "schemas/statements.json" in err and "run dipevents validate on it" in err
