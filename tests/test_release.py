"""Release metadata: citation valid per cffconvert, versions agree, `dipevents build` end to end."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from tests.support import RELEASE_PARTS, ROOT, SITE_PARTS, assemble, dipevents

CFF_VENV = ROOT / ".venv-cff"


@pytest.fixture(scope="session")
def cffconvert() -> Path:
    """cffconvert in its own environment (it needs jsonschema<4), pinned by requirements-cff.lock."""
    exe = CFF_VENV / "bin" / "cffconvert"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(CFF_VENV)], check=True)
        subprocess.run([str(CFF_VENV / "bin" / "pip"), "install", "-q", "-r", str(ROOT / "requirements-cff.lock")],
                       check=True)
    return exe


def test_citation_is_valid_per_cffconvert(cffconvert):
    proc = subprocess.run([str(cffconvert), "--validate", "-i", str(ROOT / "CITATION.cff")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "valid" in proc.stdout


def test_cffconvert_rejects_a_broken_citation(cffconvert, tmp_path):
    broken = tmp_path / "CITATION.cff"
    broken.write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8").replace("cff-version: 1.2.0", "cff-version: 1.2.0\ndoi: not-a-doi"),
                      encoding="utf-8")
    proc = subprocess.run([str(cffconvert), "--validate", "-i", str(broken)], capture_output=True, text=True)
    assert proc.returncode != 0


def test_versions_agree():
    version = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", version)
    citation = re.search(r'^version: "([^"]+)"', (ROOT / "CITATION.cff").read_text(encoding="utf-8"), re.M)
    changelog = re.search(r"^## \[([0-9][^\]]*)\]", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)
    assert citation.group(1) == changelog.group(1) == version


@pytest.mark.slow
def test_build_command_writes_downloads_and_lists_them_on_the_site(tmp_path):
    root = assemble(tmp_path / "project", extra=[*SITE_PARTS, *RELEASE_PARTS])
    proc = dipevents("build", root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    dist, site = root / "dist", root / "site"
    page = unescape((site / "downloads" / "index.html").read_text(encoding="utf-8"))
    for line in (dist / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, rel = line.split("  ", 1)
        assert digest in page and rel in page
        assert (site / "downloads" / rel).read_bytes() == (dist / rel).read_bytes()
    assert "KiB" in page
