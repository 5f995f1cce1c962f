"""Output folders (dist/, site/): where a build may write, and how it replaces the last one.

A build writes into a fresh folder beside its target (same parent, named
``.TARGET.dipevents-new-*``) and swaps it in with a rename only when everything in it is
complete, so an interrupted or failed build (Ctrl-C, kill, a full disk, a crash) leaves the
previous output intact and never blocks the next build; the next build removes what a killed
one left beside the target.

An output folder may be replaced only when it is not the package, does not contain it, does
not hold any of its inputs, is not a symlink, stays inside the package root when it is under it
(``safe_path``: no symlink on the way leads out), and is empty or was written by a build.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

from .paths import safe_path

INPUTS = ("datapackage.json", "mkdocs.yml", "data", "schemas", "sources", "docs", "src", "tests", ".git")
# What a build leaves behind: dist/ has its checksums, site/ its sitemap.
BUILT_MARKERS = ("SHA256SUMS", "sitemap.xml")
NEW, OLD = ".dipevents-new-", ".dipevents-old-"


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def unsafe_output(root: Path, out: Path) -> str | None:
    """Why OUT must not be replaced by a build of the package at ROOT, or None when it may."""
    if _absolute(out).is_symlink():
        return f"{out} is a symlink (to {os.readlink(_absolute(out))}); give a real folder"
    lexical_root = _absolute(root)
    if _absolute(out).is_relative_to(lexical_root):  # under the package: must stay inside it
        _, reason = safe_path(root, _absolute(out).relative_to(lexical_root).as_posix())
        if reason:
            return reason
    root, out = root.resolve(), out.resolve()
    if out == root or root.is_relative_to(out):
        return f"{out} is the package folder or contains it"
    for name in INPUTS:
        used = root / name
        if out == used or out.is_relative_to(used) or used.is_relative_to(out):
            return f"{out} holds or is inside the package's {name}"
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and
                                              not any((out / m).exists() for m in BUILT_MARKERS))):
        return f"{out} is not empty and was not written by dipevents build"
    return None


def overlapping(dist: Path, site: Path) -> str | None:
    """Why the downloads folder and the site folder cannot be these two, or None."""
    dist, site = dist.resolve(), site.resolve()
    if dist == site:
        return f"--dist and --out are the same folder ({dist}); each build replaces its folder whole"
    if dist.is_relative_to(site) or site.is_relative_to(dist):
        return f"--dist ({dist}) and --out ({site}) must not be inside one another"
    return None


def clean_leftovers(target: Path) -> None:
    """Remove the folders a killed build left beside TARGET; restore TARGET if a swap was cut short."""
    target = _absolute(target)
    parent = target.parent
    if not parent.is_dir():
        return
    for old in sorted(parent.glob(f".{target.name}{OLD}*")):
        if not old.is_dir() or old.is_symlink():
            continue
        if not target.exists() and not target.is_symlink():
            os.rename(old, target)  # killed between the two renames of a swap: the old output returns
        else:
            shutil.rmtree(old)
    for new in parent.glob(f".{target.name}{NEW}*"):
        if new.is_dir() and not new.is_symlink():
            shutil.rmtree(new)


class Staged:
    """A fresh folder beside TARGET to build into; ``commit()`` swaps it in, leaving it removes it.

        with Staged(dist) as stage:
            write everything into stage.path
            stage.commit()
    """

    def __init__(self, target: Path):
        self.target = _absolute(target)
        self.path: Path | None = None
        self.committed = False

    def __enter__(self) -> Staged:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(self.target)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.target.name}{NEW}", dir=self.target.parent))
        os.chmod(self.path, 0o755)
        return self

    def commit(self) -> None:
        """Replace TARGET by the staged folder: two renames, then the old output is removed."""
        if self.target.is_symlink():  # checked before the build; checked again before any rename
            raise OSError(f"{self.target} became a symlink during the build; nothing was replaced")
        old = None
        if self.target.exists():
            old = self.target.parent / f".{self.target.name}{OLD}{uuid.uuid4().hex[:8]}"
            os.rename(self.target, old)
        os.rename(self.path, self.target)
        self.committed = True
        if old is not None:
            shutil.rmtree(old)

    def __exit__(self, *exc) -> None:
        if not self.committed and self.path is not None and self.path.is_dir():
            shutil.rmtree(self.path)
