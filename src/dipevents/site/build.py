"""Build the site with MkDocs (strict: broken links fail) for a package the caller has validated; a
failed build is summarised from MkDocs' log for a person."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

# What a person needs from MkDocs' log: its warnings and errors, never a raw traceback.
_PROBLEM = re.compile(r"^(WARNING|ERROR|Error|Aborted|Config value)\b")


def summarise(log: str) -> str:
    """The warnings and errors of a failed build; a traceback reduced to its last line."""
    lines = [line.rstrip() for line in log.splitlines() if line.strip()]
    kept = [line for line in lines if _PROBLEM.match(line)]
    if any(line.startswith("Traceback") for line in lines):
        kept.append(f"the site generator stopped: {lines[-1].strip()}")
    return "\n".join(kept or lines[-5:]) + "\n"


def build_site(root: Path, out: Path, dist: Path | None = None) -> tuple[int, str]:
    """Run ``mkdocs build --strict`` for the package at ROOT into OUT; (exit code, log).

    DIST, when given, is where the downloads were built (default: ROOT/dist). No ``-q``:
    MkDocs counts strict-mode warnings only when it logs them."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        return 1, f"no mkdocs.yml in {root}\n"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    if dist is not None:
        env["DIPEVENTS_DIST"] = str(dist.resolve())
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                           "-f", str(config.resolve()), "-d", str(out.resolve())],
                          capture_output=True, text=True, env=env, cwd=root)
    if proc.returncode == 0:
        return 0, ""
    return 1, summarise(proc.stderr + proc.stdout)
