"""Check a change before it is written: validate a temporary copy of the package with it.

Writers (``new --append``, ``set``, ``source add``) use the validator itself, not a second
set of checks: the copy holds the descriptor, the schemas, every table (the changed one
with its new text) and the archived texts (hard links where the file system allows).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .package import DESCRIPTOR, Package, Resource
from .paths import safe_path
from .report import Error

# Errors on a new row that only rows added next can clear (a bilateral meeting has no
# participants until they are added, and they cannot be added before the meeting).
FOLLOW_UP = {"bilateral-sides": "add its participants with dipevents new meeting_participants"}


@dataclass
class Verdict:
    row_errors: list[Error] = field(default_factory=list)  # the changed row's own errors: refuse
    follow_up: list[Error] = field(default_factory=list)  # errors only later rows can fix
    other_errors: int = 0  # errors elsewhere in the package: reported, never blocking

    @property
    def accepted(self) -> bool:
        return not self.row_errors


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _outside(root: Path):
    """For copytree: skip entries that lead out of the package (the copy never reads them; the
    validator of the copy then reports the missing file, as it reports the link on the package)."""
    def ignore(folder: str, names: list[str]) -> set[str]:
        base = Path(folder)
        return {n for n in names if (base / n).is_symlink() and not (base / n).resolve().is_relative_to(root)}
    return ignore


def _copy_package(package: Package, dest: Path, texts: dict[str, str], files: dict[str, bytes]) -> None:
    shutil.copy2(package.root / DESCRIPTOR, dest / DESCRIPTOR)
    paths = {r.schema_path for r in package.resources.values() if r.schema_path}
    paths |= {r.path for r in package.resources.values()}
    for rel in sorted(paths):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel in texts:
            target.write_text(texts[rel], encoding="utf-8", newline="")
        else:
            shutil.copy2(package.root / rel, target)
    sources, reason = safe_path(package.root, "sources")
    if not reason and sources.is_dir():
        shutil.copytree(sources, dest / "sources", copy_function=_link_or_copy, symlinks=False,
                        ignore=_outside(package.root))
    for rel, data in files.items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_bytes(data)


def check_change(package: Package, resource: Resource, text: str, line: int, key: str,
                 files: dict[str, bytes] | None = None) -> Verdict:
    """Validate the package as it would be with RESOURCE holding TEXT (and FILES added).

    The row at LINE of the new text (its key KEY) is the one being written: errors on that
    line, or naming KEY in another file, are its own."""
    from .validate import run

    with tempfile.TemporaryDirectory(prefix="dipevents-check-") as tmp:
        _copy_package(package, Path(tmp), {resource.path: text}, files or {})
        result = run(tmp)
    verdict = Verdict()
    for error in result.errors:
        if error.severity != "error":
            continue
        own = (error.file == resource.path and error.line == line) or (
            error.file != resource.path and key and f'"{key}"' in error.message)
        if own and error.rule.name in FOLLOW_UP:
            verdict.follow_up.append(error)
        elif own:
            verdict.row_errors.append(error)
        else:
            verdict.other_errors += 1
    return verdict


def describe(verdict: Verdict, what: str) -> str:
    """The refusal or the follow-up advice, for people."""
    from .report import render_text

    out = []
    if verdict.row_errors:
        out.append(f"{what} would break the package; nothing was written:")
        out.append(render_text(verdict.row_errors, {}).rsplit("\n\n", 1)[0].rstrip("\n"))
    for error in verdict.follow_up:
        out.append(f"still to do: {error.message}: {FOLLOW_UP[error.rule.name]}")
    if verdict.other_errors:
        out.append(f"the package has {verdict.other_errors} other error(s); run dipevents validate")
    return "\n".join(out)
