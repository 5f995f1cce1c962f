"""`dipevents source check`: archived texts (and their sources rows) never change once merged."""

from __future__ import annotations

import hashlib
import os
import subprocess

import pytest

from dipevents.cli import main
from tests.support import ROOT, assemble, read_csv_rows, set_cell, snapshot

HINT = "add the corrected text as a new source (`dipevents source add`)."


@pytest.fixture(autouse=True)
def _git_env(monkeypatch, tmp_path):
    """Commits work on a fresh machine; no global or system git configuration leaks in."""
    for name in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(name, "Test")
    for name in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(name, "test@example.org")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def _git(repo, *args) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def _commit(repo, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", message)


@pytest.fixture
def repo(tmp_path):
    """A package (the frozen fixture) committed as the base of a fresh git repository."""
    root = assemble(tmp_path / "repo")
    _git(root, "init", "-q")
    _commit(root, "base")
    return root


def _archived(repo, table: str = "data/sources.csv") -> tuple[str, int, str, str]:
    """(text_path, line in the sources table, source_id, text_sha256) of the first archived source."""
    rows = read_csv_rows(repo / table)
    header = rows[0]
    line, row = next((i + 1, dict(zip(header, r))) for i, r in enumerate(rows[1:], start=1))
    return row["text_path"], line, row["source_id"], row["text_sha256"]


def _sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check(capsys, repo, *args) -> tuple[int, str, str]:
    """Run the command in-process and check it changed nothing in the repository, .git included."""
    before = snapshot(repo)
    capsys.readouterr()
    code = main(["source", "check", "--repo", str(repo), *args])
    out = capsys.readouterr()
    assert snapshot(repo) == before, "source check modified the repository"
    return code, out.out, out.err


def _file_error(path: str, change: str, base: str = "HEAD", shell_path: str | None = None) -> str:
    shell_base = "'HEAD~1'" if base == "HEAD~1" else base  # quoted for the shell: ~ expands in some places
    return (f"{path}: error: this archived text was {change} since {base}. Archived texts are never edited: "
            f"restore it with `git checkout {shell_base} -- {shell_path or path}` and {HINT}\n")


def _compare(repo, committed: bool) -> tuple[list[str], str]:
    """The arguments comparing the change with the base: the working tree, or a commit of it."""
    if committed:
        _commit(repo, "change")
        return ["--base", "HEAD~1", "--head", "HEAD"], "HEAD~1"
    return ["--base", "HEAD"], "HEAD"


def test_an_unchanged_package_passes(repo, capsys):
    texts = len(list((repo / "sources").iterdir()))
    code, out, err = _check(capsys, repo, "--base", "HEAD")
    assert (code, out, err) == (0, f"No archived source changed since HEAD ({texts} archived text(s) compared).\n", "")


@pytest.mark.parametrize("committed", [False, True], ids=["working-tree", "head-revision"])
def test_an_edited_text_with_its_hash_updated_fails(repo, capsys, committed):
    path, line, source_id, old_sha = _archived(repo)
    text = repo / path
    text.write_bytes(text.read_bytes() + b"\nA paragraph added after archiving.\n")
    new_sha = _sha256(text)
    set_cell(repo / "data" / "sources.csv", source_id, "text_sha256", new_sha)
    if not committed:  # the gap this command closes: the validator alone accepts the edit
        assert main(["validate", str(repo), "--format", "json"]) == 0
    args, base = _compare(repo, committed)
    code, out, err = _check(capsys, repo, *args)
    assert (code, err) == (1, "")
    assert out == (
        _file_error(path, "modified", base)
        + f"data/sources.csv:{line}: error: the archived source {source_id} changed since {base} "
          f"(text_sha256 was {old_sha}, now {new_sha}). An archived source's text_path and text_sha256 never "
          f"change: restore them as they were at {base} and {HINT}\n"
        + f"2 change(s) to archived sources since {base}: archived texts are immutable once merged.\n")


@pytest.mark.parametrize("committed", [False, True], ids=["working-tree", "head-revision"])
def test_a_deleted_text_fails(repo, capsys, committed):
    path = _archived(repo)[0]
    (repo / path).unlink()
    args, base = _compare(repo, committed)
    code, out, _ = _check(capsys, repo, *args)
    assert code == 1
    assert out == (_file_error(path, "deleted", base)
                   + f"1 change(s) to archived sources since {base}: archived texts are immutable once merged.\n")


@pytest.mark.parametrize("committed", [False, True], ids=["working-tree", "head-revision"])
def test_a_renamed_text_fails(repo, capsys, committed):
    path = _archived(repo)[0]
    (repo / path).rename(repo / "sources" / "renamed.txt")
    args, base = _compare(repo, committed)
    code, out, _ = _check(capsys, repo, *args)
    assert code == 1
    assert out.splitlines(keepends=True)[0] == _file_error(path, "renamed to sources/renamed.txt", base)


@pytest.mark.parametrize("committed", [False, True], ids=["working-tree", "head-revision"])
def test_a_text_replaced_by_a_symlink_fails(repo, capsys, committed, tmp_path):
    path = _archived(repo)[0]
    outside = tmp_path / "outside.txt"
    outside.write_bytes((repo / path).read_bytes())  # same bytes, same hash: validate would not notice
    (repo / path).unlink()
    (repo / path).symlink_to(outside)
    args, base = _compare(repo, committed)
    code, out, _ = _check(capsys, repo, *args)
    assert code == 1
    assert out.splitlines(keepends=True)[0] == _file_error(path, "replaced by a symlink", base)


def test_a_text_replaced_by_a_folder_fails(repo, capsys):
    path = _archived(repo)[0]
    content = (repo / path).read_bytes()
    (repo / path).unlink()
    (repo / path).mkdir()
    (repo / path / "inside.txt").write_bytes(content)
    code, out, _ = _check(capsys, repo, "--base", "HEAD")
    assert code == 1
    assert out.splitlines(keepends=True)[0] == _file_error(path, "replaced by a directory")


def test_a_sources_folder_replaced_by_a_symlink_fails(repo, capsys, tmp_path):
    path = _archived(repo)[0]
    (repo / "sources").rename(tmp_path / "elsewhere")
    (repo / "sources").symlink_to(tmp_path / "elsewhere")
    code, out, _ = _check(capsys, repo, "--base", "HEAD")
    assert code == 1
    assert out.splitlines(keepends=True)[0] == _file_error(path, "moved behind a symlinked folder")


def test_a_changed_text_path_fails(repo, capsys):
    path, line, source_id, _ = _archived(repo)
    (repo / "sources" / "copy.txt").write_bytes((repo / path).read_bytes())
    set_cell(repo / "data" / "sources.csv", source_id, "text_path", "sources/copy.txt")
    code, out, _ = _check(capsys, repo, "--base", "HEAD")
    assert code == 1
    assert out.splitlines(keepends=True)[0] == (
        f"data/sources.csv:{line}: error: the archived source {source_id} changed since HEAD (text_path was "
        f"{path}, now sources/copy.txt). An archived source's text_path and text_sha256 never change: "
        f"restore them as they were at HEAD and {HINT}\n")


def test_the_sources_table_is_found_through_the_descriptor(tmp_path, capsys):
    root = assemble(tmp_path / "repo")
    (root / "data" / "sources.csv").rename(root / "data" / "register.csv")
    descriptor = root / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8")
    assert text.count('"data/sources.csv"') == 1
    descriptor.write_text(text.replace('"data/sources.csv"', '"data/register.csv"'), encoding="utf-8")
    _git(root, "init", "-q")
    _commit(root, "base")
    _, line, source_id, _ = _archived(root, "data/register.csv")
    set_cell(root / "data" / "register.csv", source_id, "text_sha256", "0" * 64)
    code, out, _ = _check(capsys, root, "--base", "HEAD")
    assert code == 1
    assert out.startswith(f"data/register.csv:{line}: error: the archived source {source_id} changed since HEAD (")


def test_an_unreadable_sources_table_fails(repo, capsys):
    (repo / "data" / "sources.csv").unlink()
    code, out, _ = _check(capsys, repo, "--base", "HEAD")
    assert code == 1
    assert out.splitlines()[0] == (
        "data/sources.csv: error: the sources table cannot be read (data/sources.csv does not exist), so the rows "
        "of the sources archived at HEAD cannot be compared; run dipevents validate and fix it")


def test_a_base_without_the_table_compares_the_files_and_says_so(tmp_path, capsys):
    root = assemble(tmp_path / "repo")
    _git(root, "init", "-q")
    _git(root, "add", "sources")
    _git(root, "commit", "-qm", "texts first")
    texts = len(list((root / "sources").iterdir()))
    code, out, _ = _check(capsys, root, "--base", "HEAD")
    assert code == 0
    assert out == ("note: the sources table at HEAD could not be read (there is no datapackage.json): only the "
                   "files under sources/ were compared\n"
                   f"No archived source changed since HEAD ({texts} archived text(s) compared).\n")


def test_a_new_source_text_passes(repo, capsys, tmp_path):
    texts = len(list((repo / "sources").iterdir()))
    report = tmp_path / "report.txt"
    report.write_text("Leaders met in Tashkent on Monday and agreed to meet again next year.\n", encoding="utf-8")
    assert main(["source", "add", str(report), "--package", str(repo), "--url", "https://example.org/report",
                 "--published", "2025-09-08", "--title", "Leaders meet in Tashkent", "--publisher", "Example News",
                 "--id", "src-2025-09-08-example-tashkent"]) == 0
    assert (repo / "sources" / "src-2025-09-08-example-tashkent.txt").is_file()
    code, out, _ = _check(capsys, repo, "--base", "HEAD")
    assert (code, out) == (0, f"No archived source changed since HEAD ({texts} archived text(s) compared).\n")
    _commit(repo, "a new source")
    code, out, _ = _check(capsys, repo, "--base", "HEAD~1", "--head", "HEAD")
    assert (code, out) == (0, f"No archived source changed since HEAD~1 ({texts} archived text(s) compared).\n")


def test_a_touched_but_unchanged_text_passes_and_the_index_is_left_alone(repo, capsys):
    path = _archived(repo)[0]
    stamp = (repo / path).stat().st_mtime + 120
    os.utime(repo / path, (stamp, stamp))  # stale stat data: a porcelain `git diff` would rewrite the index
    index = (repo / ".git" / "index").read_bytes()
    code, _, _ = _check(capsys, repo, "--base", "HEAD")
    assert code == 0
    assert (repo / ".git" / "index").read_bytes() == index


HOSTILE = os.fsdecode(b"sources/a b\n\x1b[31mred\xff.txt")


def test_a_hostile_file_name_is_shown_escaped(repo, capsys):
    (repo / HOSTILE).write_text("An archived text with a hostile name.\n", encoding="utf-8")
    _commit(repo, "hostile")
    (repo / HOSTILE).write_text("Edited.\n", encoding="utf-8")
    code, out, _ = _check(capsys, repo, "--base", "HEAD")
    assert code == 1
    assert out == (
        _file_error('"sources/a b\\n\\x1b[31mred\\xff.txt"', "modified",
                    shell_path="$'sources/a b\\n\\x1b[31mred\\xff.txt'")
        + "1 change(s) to archived sources since HEAD: archived texts are immutable once merged.\n")
    code, out, _ = _check(capsys, repo, "--base", "HEAD", "--format", "github")
    assert code == 1
    assert out.splitlines()[0] == (  # no file= property: GitHub could not match the name anyway
        "::error title=archived source changed::\"sources/a b\\n\\x1b[31mred\\xff.txt\": this archived "
        "text was modified since HEAD. Archived texts are never edited: restore it with `git checkout HEAD -- "
        "$'sources/a b\\n\\x1b[31mred\\xff.txt'` and " + HINT)


def test_a_name_with_spaces_is_quoted_for_the_shell(repo, capsys):
    (repo / "sources" / "it's here.txt").write_text("An archived text.\n", encoding="utf-8")
    _commit(repo, "spaces")
    (repo / "sources" / "it's here.txt").unlink()
    code, out, _ = _check(capsys, repo, "--base", "HEAD")
    assert code == 1
    assert out.splitlines(keepends=True)[0] == _file_error(
        '"sources/it\'s here.txt"', "deleted", shell_path="'sources/it'\"'\"'s here.txt'")


def test_github_annotations_and_job_summary(repo, capsys, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    path = _archived(repo)[0]
    (repo / path).unlink()
    code, out, _ = _check(capsys, repo, "--base", "HEAD", "--format", "github")
    assert code == 1
    assert out == (
        f"::error file={path},title=archived source changed::{path}: this archived text was deleted since "
        f"HEAD. Archived texts are never edited: restore it with `git checkout HEAD -- {path}` and {HINT}\n"
        "1 change(s) to archived sources since HEAD: archived texts are immutable once merged.\n")
    assert summary.read_text(encoding="utf-8").startswith(
        f"## dipevents source check\n\n- `{path}`: this archived text was deleted since HEAD.")


def test_a_package_in_a_subfolder_of_the_repository(tmp_path, capsys):
    outer = tmp_path / "outer"
    root = assemble(outer / "pkg")
    _git(outer, "init", "-q")
    _commit(outer, "base")
    path = _archived(root)[0]
    (root / path).write_text("Edited.\n", encoding="utf-8")
    code, out, _ = _check(capsys, root, "--base", "HEAD")  # paths as seen from the package folder
    assert code == 1 and out.splitlines(keepends=True)[0] == _file_error(path, "modified")
    code, out, _ = _check(capsys, root, "--base", "HEAD", "--format", "github")
    assert out.startswith(f"::error file=pkg/{path},title=archived source changed::{path}: this archived text was ")


def test_not_a_repository_is_a_usage_error(tmp_path, capsys):
    root = assemble(tmp_path / "plain")
    code, out, err = _check(capsys, root, "--base", "HEAD")
    assert (code, out) == (2, "")
    assert err.startswith(f"dipevents source check: {root} is not a git repository (fatal: not a git repository")


def test_an_unknown_revision_is_a_usage_error(repo, capsys):
    code, out, err = _check(capsys, repo, "--base", "no-such-rev")
    assert (code, out, err) == (2, "", f'dipevents source check: --base "no-such-rev" is not a git revision of {repo}\n')
    code, out, err = _check(capsys, repo, "--base", "HEAD", "--head", "no-such-rev")
    assert (code, err) == (2, f'dipevents source check: --head "no-such-rev" is not a git revision of {repo}\n')


@pytest.mark.parametrize("option", ["--base", "--head"])
def test_an_option_like_revision_is_refused(repo, capsys, tmp_path, option):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    args = ["--base=HEAD", f"{option}=--output={victim}"] if option == "--head" else [f"--base=--output={victim}"]
    code, out, err = _check(capsys, repo, *args)
    assert (code, out) == (2, "")
    assert err == f'dipevents source check: {option} "--output={victim}" looks like an option, not a git revision\n'
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_the_pull_request_workflow_runs_the_check_against_the_base_branch():
    text = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    assert "fetch-depth: 0" in text  # the base branch's history is there to compare with
    assert "BASE_REF: ${{ github.base_ref }}" in text
    assert 'dipevents source check --base "origin/$BASE_REF" --format github' in text
    assert 'dipevents source check --base "$BEFORE" --format github' in text
