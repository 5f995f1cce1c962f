"""The contribution workflow: GitHub workflows, pre-commit hooks, documented commands, light --help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, assemble

BIN = Path(sys.executable).parent


def _check_jsonschema(schema: str, *files) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True)


def test_workflows_pass_the_github_workflow_schema():
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert [p.name for p in workflows] == ["pull-request.yml", "release.yml", "site.yml"]
    proc = _check_jsonschema("vendor.github-workflows", *workflows)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_workflow_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    steps:\n      - run: true\n", encoding="utf-8")  # no runs-on
    assert _check_jsonschema("vendor.github-workflows", broken).returncode == 1


def test_issue_form_and_citation_pass_their_schemas():
    assert _check_jsonschema("vendor.github-issue-forms", ROOT / ".github/ISSUE_TEMPLATE/propose-event.yml").returncode == 0
    assert _check_jsonschema("vendor.citation-file-format", ROOT / "CITATION.cff").returncode == 0


def test_pull_request_workflow_validates_with_annotations_and_runs_ci():
    text = (ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8")
    assert "dipevents validate --format github" in text
    assert 'dipevents validate --format github --changed-since "origin/$BASE_REF"' in text  # pull requests
    assert "bash .ci/run" in text


def test_a_pull_request_never_saves_the_validation_cache():
    """Issue 19: the cache was restored and saved around the pull request's own code, so a later
    push could restore what an earlier push's code wrote. Only pushes to main save it, and only
    their entries are restored."""
    import yaml

    doc = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    steps = doc["jobs"]["check"]["steps"]
    caching = [s for s in steps if "actions/cache" in s.get("uses", "")]
    assert [s["uses"] for s in caching] == ["actions/cache/restore@v4", "actions/cache/save@v4"]
    restore, save = caching
    assert save["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert restore["with"]["restore-keys"].startswith("dipevents-validate-main-")
    assert save["with"]["key"].startswith("dipevents-validate-main-")


def _pre_commit(repo: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "pre-commit"), "run", "--all-files"], cwd=repo, env=env,
                          capture_output=True, text=True)


@pytest.mark.slow
def test_pre_commit_hooks_on_a_temporary_repository(tmp_path):
    repo = assemble(tmp_path / "repo", extra=[".pre-commit-config.yaml"])
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", PRE_COMMIT_HOME=str(tmp_path / "cache"),
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    clean = _pre_commit(repo, env)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    actors = repo / "data" / "actors.csv"
    good = actors.read_bytes()
    actors.write_bytes(b"\xef\xbb\xbf" + good.replace(b"\n", b"\r\n"))
    fixing = _pre_commit(repo, env)
    assert fixing.returncode == 1  # hooks changed files: the commit stops so they can be reviewed
    assert actors.read_bytes() == good
    assert _pre_commit(repo, env).returncode == 0

    actors.write_bytes(good.replace(b",RUS,Q159,", b",RUX,Q159,"))
    broken = _pre_commit(repo, env)
    assert broken.returncode == 1
    assert "DE331" in broken.stdout


def _subcommands() -> list[str]:
    from dipevents.cli import _parser

    action = next(a for a in _parser()._actions if a.dest == "command")
    return sorted(action.choices)


def test_every_command_is_documented():
    docs = (ROOT / "README.md").read_text(encoding="utf-8") + (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert _subcommands() == ["actors", "build", "date", "diff", "fmt", "new", "set", "site", "source", "validate"]
    assert [c for c in _subcommands() if f"dipevents {c}" not in docs] == []


def test_help_imports_no_heavy_library():
    code = ("import sys\nfrom dipevents.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = {'pandas', 'pandera', 'frictionless', 'pyarrow', 'mkdocs', 'matplotlib', 'pycountry'}\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_every_error_code_has_examples():
    from dipevents.catalogue import by_code

    assert [c for c, r in by_code().items() if not (r.wrong and r.fixed and r.hint)] == []


def test_security_policy_names_tests_that_exist():
    import re

    policy = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    named = re.findall(r"`((?:site/)?test_[a-z_]+\.py)`", policy)
    assert len(named) >= 8
    assert [n for n in named if not (ROOT / "tests" / n).is_file()] == []
    assert "SECURITY.md" in (ROOT / "README.md").read_text(encoding="utf-8")
