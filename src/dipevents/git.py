"""The one way the toolkit runs git, on revisions that pull requests supply (``validate
--changed-since``, ``source check``, ``diff``).

Every call runs ``git -C REPO`` with no terminal prompt, no optional locks (read-only: git never
refreshes or writes the index), C-locale messages and a timeout. A revision is refused before it
reaches git when it is empty, looks like an option or holds a control character.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

TIMEOUT = 600  # seconds
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}


class GitError(Exception):
    """git is missing, took too long, or failed (the message is git's last line)."""


def run(repo: Path, *args: str, stdin: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """``git -C REPO ARGS``; with CHECK, a non-zero exit raises GitError."""
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], input=stdin, capture_output=True,
                              env={**os.environ, **_ENV}, timeout=TIMEOUT)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took more than {TIMEOUT // 60} minutes") from None
    if check and done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done


def refused(spec: str) -> bool:
    """Whether SPEC must not reach git: empty, option-like, or holding a control character (which
    no ref name may hold)."""
    return not spec or spec.startswith("-") or any(ord(c) < 32 or ord(c) == 127 for c in spec)


def rev_parse(repo: Path, spec: str, kind: str) -> tuple[str | None, str]:
    """(object id of SPEC^{KIND} in REPO, "") or (None, git's complaint); a refused SPEC never reaches git."""
    if refused(spec):
        return None, ""
    done = run(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{{kind}}}", check=False)
    complaint = done.stderr.decode("utf-8", "replace").strip()
    return (None, complaint) if done.returncode else (done.stdout.decode().strip(), "")


def text(done: subprocess.CompletedProcess) -> str:
    """git's output as text (paths in any encoding kept as surrogates), stripped."""
    return done.stdout.decode("utf-8", "surrogateescape").strip()
