"""Output folders (dist/, site/) are cleared before each build: make sure that is safe.

A folder may be cleared only when it is not the package, does not contain it, does not
hold any of its inputs, and is empty or was written by a previous build.
"""

from __future__ import annotations

from pathlib import Path

INPUTS = ("datapackage.json", "mkdocs.yml", "data", "schemas", "sources", "docs", "src", "tests", ".git")
# What a previous build leaves behind: dist/ has its checksums, site/ its sitemap.
BUILT_MARKERS = ("SHA256SUMS", "sitemap.xml")


def unsafe_output(root: Path, out: Path) -> str | None:
    """Why OUT must not be cleared for the package at ROOT, or None when it may."""
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
