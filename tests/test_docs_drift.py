"""Generated text that is committed must match what the generator writes now."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, assemble


def test_readme_table_list_is_up_to_date():
    proc = subprocess.run([sys.executable, "scripts/readme_tables.py", "--check"], cwd=ROOT)
    assert proc.returncode == 0, "README.md is out of date: run `python scripts/readme_tables.py`"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if "python3 -m venv" in line and not line.startswith("#")]
    assert len(commands) == 2  # the README gives exactly two commands: the main job and the tests
    command = next(line for line in commands if "pytest" in line)
    assert command.startswith("bash scripts/setup-system && ")  # the test command does the system set-up too
    assert command in (ROOT / ".ci/run").read_text(encoding="utf-8")


def _readme_check(project: Path) -> int:
    return subprocess.run([sys.executable, "scripts/readme_tables.py", "--check"], cwd=project).returncode


def _project_with_readme(tmp_path: Path) -> Path:
    project = assemble(tmp_path / "project", extra=["README.md"])
    (project / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "readme_tables.py", project / "scripts" / "readme_tables.py")
    assert _readme_check(project) == 0
    return project


@pytest.mark.slow
def test_readme_table_list_does_not_change_with_the_data(tmp_path):
    project = _project_with_readme(tmp_path)
    actors = project / "data" / "actors.csv"
    actors.write_text(actors.read_text(encoding="utf-8") + "act-zambia,Zambia,state,ZMB,Q953,\n", encoding="utf-8")
    (project / "data" / "statements.csv").write_text(
        (project / "data" / "statements.csv").read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    assert _readme_check(project) == 0


@pytest.mark.slow
def test_readme_drift_check_notices_a_changed_description(tmp_path):
    project = _project_with_readme(tmp_path)
    descriptor = project / "datapackage.json"
    doc = json.loads(descriptor.read_text(encoding="utf-8"))
    doc["resources"][0]["description"] = "Archived sources, described differently."
    descriptor.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    assert _readme_check(project) == 1
