"""Validate the package, then build the site with MkDocs (strict: broken links fail)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def build_site(root: Path, out: Path, dist: Path | None = None) -> tuple[int, str]:
    """Run ``mkdocs build --strict`` for the package at ROOT into OUT; (exit code, log).

    DIST, when given, is where the downloads were built (default: ROOT/dist)."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        return 1, f"no mkdocs.yml in {root}\n"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", MPLBACKEND="Agg")
    if dist is not None:
        env["DIPEVENTS_DIST"] = str(dist.resolve())
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q",
                           "-f", str(config.resolve()), "-d", str(out.resolve())],
                          capture_output=True, text=True, env=env, cwd=root)
    return (0 if proc.returncode == 0 else 1), proc.stdout + proc.stderr
