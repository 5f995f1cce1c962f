"""Generated text that is committed must match what the generator writes now."""

from __future__ import annotations

import subprocess
import sys

from tests.support import ROOT


def test_readme_table_list_is_up_to_date():
    proc = subprocess.run([sys.executable, "scripts/readme_tables.py", "--check"], cwd=ROOT)
    assert proc.returncode == 0, "README.md is out of date: run `python scripts/readme_tables.py`"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.startswith("python3 -m venv") and "pytest" in line)
    assert command in (ROOT / ".ci/run").read_text(encoding="utf-8")
