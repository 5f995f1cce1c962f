"""CONTRIBUTING.md's walkthrough runs as written: its commands, on the frozen fixture package,
print what the page shows and leave a valid package."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, assemble, dipevents

REPORT = ROOT / "tests/fixtures/contribution/sources/src-2025-10-08-example-sharif-mirziyoyev.txt"
FIRST, LAST = "## 1. Archive the source", "## 7. Check your work"


def _blocks(kind: str) -> list[str]:
    page = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    steps = page[page.index(FIRST):page.index(LAST)]
    return re.findall(rf"```{kind}\n(.*?)```", steps, flags=re.S)


@pytest.mark.slow
def test_the_walkthrough_runs_and_prints_what_the_page_shows(tmp_path):
    root = assemble(tmp_path / "package")
    # not `set -e`: `actors find` exits 1 when nothing matches, as grep does
    script = "\n".join(_blocks("sh")).replace("~/report.txt", str(REPORT))
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    proc = subprocess.run(["bash", "-c", script], cwd=root, capture_output=True, text=True, env=env)
    out = proc.stdout + proc.stderr
    # the last command is the page's example of a refused change (`set`, exit 1)
    assert proc.returncode == 1, out
    assert "Traceback" not in out and out.count("nothing was written") == 1
    assert out.count("appended ") == 9  # actor, meeting, 2 participants, agreement, 2 parties, invitation, statement
    shown = [line for block in _blocks("text") for line in block.splitlines() if "..." not in line]
    assert shown and [line for line in shown if line not in out] == []
    check = dipevents("validate", root)
    assert check.returncode == 0, check.stdout
    fmt = dipevents("fmt", "--check", root)
    assert fmt.returncode == 0, fmt.stdout
