"""Path safety: the one rule for every file the toolkit reads or writes (descriptor, schemas,
tables, archived texts, outputs, site pages).

Paths must be relative, stay inside their base folder and name local files: a URL, an
absolute path or a path that climbs out of the base is refused, and no file outside it is
ever opened. The path is resolved with symlinks followed; a symlink that leaves the base is
named in the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

from .report import show


def safe_path(root: Path, value: object) -> tuple[Path | None, str | None]:
    """Resolve a descriptor path; return (path, None) or (None, reason)."""
    if not isinstance(value, str) or not value:
        return None, f"path must be a non-empty string, got {show(value)}"
    if "://" in value or value.startswith(("http:", "https:", "ftp:", "file:", "data:")):
        return None, f"{show(value)} is a URL; only files inside the repository are allowed"
    if value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":"):
        return None, f"{show(value)} is an absolute path; use a path relative to the package root"
    if "\\" in value or "\x00" in value:
        return None, f"{show(value)} must use forward slashes and no control characters"
    base = Path(root).resolve()
    resolved = (base / value).resolve()
    if not resolved.is_relative_to(base):
        link = _leaving_link(base, value)
        if link is not None:
            rel = link.relative_to(base).as_posix()
            named = "" if rel == Path(value).as_posix() else f"{show(value)}: "
            return None, f"{named}{show(rel)} is a symlink to {show(os.readlink(link), 300)}, which leaves {base}"
        return None, f"{show(value)} points outside {base}"
    return resolved, None


def _leaving_link(base: Path, value: str) -> Path | None:
    """The first symlink on the way from BASE to VALUE whose target lies outside BASE."""
    here = base
    for part in Path(value).parts:
        here = here / part
        if here.is_symlink() and not here.resolve().is_relative_to(base):
            return here
        if part == "..":
            return None
    return None


def status(info: os.stat_result) -> str:
    """A file's status as a change detector reads it (size, modification and change times, inode,
    device), as git's index does: the cache and the readers compare it."""
    return f"{info.st_size} {info.st_mtime_ns} {info.st_ino} {info.st_ctime_ns} {info.st_dev}"


def status_of(path: str | Path) -> str | None:
    try:
        return status(os.lstat(path))
    except (OSError, ValueError):
        return None


CHANGED = "changed while read"  # in a read log: the file's status changed during the read


def climbing(value: object) -> str | None:
    """Why a path the data names (a resource, a schema, an archived text) must not have a ``..``
    segment, even one that resolves inside the package: it is written as it stands into the
    release zip's entry names and descriptor, where a naive unzip tool would follow it."""
    if isinstance(value, str) and ".." in value.replace("\\", "/").split("/"):
        return f"{show(value)} has a '..' segment; name the file by its path from the package root"
    return None


class UnsafePath(ValueError):
    """A path the toolkit was about to read or write leaves its base folder; the message names it."""


def inside(base: Path, path: str | Path) -> Path:
    """PATH (relative to BASE, or absolute under it) resolved by ``safe_path``; UnsafePath otherwise."""
    path = Path(path)
    if path.is_absolute():
        base_abs = Path(os.path.abspath(base))
        lexical = Path(os.path.abspath(path))
        if not lexical.is_relative_to(base_abs):
            raise UnsafePath(f"{path} is not inside {base}")
        path = lexical.relative_to(base_abs)
    resolved, reason = safe_path(base, path.as_posix())
    if reason:
        raise UnsafePath(reason)
    return resolved
