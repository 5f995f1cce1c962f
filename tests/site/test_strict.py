"""`dipevents site` is strict for real: a broken link fails the build, and a failure shows
MkDocs' warnings and errors, never a raw traceback."""

from __future__ import annotations

import pytest
from tests.site.support import build, copy_project

from dipevents.site.build import summarise


@pytest.mark.slow
def test_a_broken_link_fails_the_site_build(tmp_path):
    root = copy_project(tmp_path / "project")
    with (root / "docs" / "codebook.md").open("a", encoding="utf-8") as fh:
        fh.write("\n[a page that does not exist](nowhere.md)\n")
    proc = build(root, root / "site")
    assert proc.returncode == 1
    assert ("WARNING -  Doc file 'codebook.md' contains a link 'nowhere.md', but the target is not found among "
            "documentation files.") in proc.stdout.splitlines()
    assert "Traceback" not in proc.stdout + proc.stderr
    assert not (root / "site").exists()


def test_a_crash_in_the_generator_is_reduced_to_its_last_line():
    log = ("INFO - Building\nTraceback (most recent call last):\n  File \"x.py\", line 1, in <module>\n"
           "    boom()\nKeyError: 'meetings'\n")
    assert summarise(log) == "the site generator stopped: KeyError: 'meetings'\n"


def test_warnings_and_errors_are_kept_in_order():
    log = "INFO - Cleaning\nWARNING -  a\nINFO - b\nERROR - c\nAborted with 1 warnings in strict mode!\n"
    assert summarise(log) == "WARNING -  a\nERROR - c\nAborted with 1 warnings in strict mode!\n"
