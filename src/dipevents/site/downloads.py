"""The downloads the site publishes: exactly the files dist/SHA256SUMS lists, each verified.

Every file in dist/ must be listed with the SHA-256 it has now, be a regular file (no symlink
anywhere) and stay inside dist/; anything else stops the site build with a message naming
the file. A dist/ folder without SHA256SUMS means the downloads were not built: none are published.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..paths import safe_path
from .views import Artifact

SUMS = "SHA256SUMS"
LINE = re.compile(r"([0-9a-f]{64})  ([A-Za-z0-9._+/-]+)")  # + for a version's build metadata


class DownloadError(Exception):
    """dist/ holds something the site must not publish; the message names it."""


def _no_links(dist: Path, rel: str) -> None:
    here = dist
    for part in Path(rel).parts:
        here = here / part
        if here.is_symlink():
            raise DownloadError(f"{dist / rel}: {here} is a symlink; downloads are published only from "
                                "files dipevents build wrote")


def verified(dist: Path) -> list[Artifact]:
    """The downloads in DIST, each checked against SHA256SUMS (empty when there is no SHA256SUMS)."""
    if dist.is_symlink():
        raise DownloadError(f"{dist} is a symlink; downloads are published only from a real folder")
    if not dist.is_dir() or not (dist / SUMS).exists():
        return []
    _no_links(dist, SUMS)
    found, listed = [], set()
    for number, line in enumerate((dist / SUMS).read_text(encoding="utf-8").splitlines(), start=1):
        match = LINE.fullmatch(line)
        if not match or ".." in match.group(2).split("/"):
            raise DownloadError(f"{dist / SUMS}:{number}: not a line 'SHA256  PATH' that dipevents build writes")
        digest, rel = match.groups()
        _no_links(dist, rel)
        path, reason = safe_path(dist, rel)
        if reason:
            raise DownloadError(f"{dist / SUMS}:{number}: {reason}")
        if not path.is_file():
            raise DownloadError(f"{dist / rel} is listed in {SUMS} but is not a file")
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            raise DownloadError(f"{dist / rel} does not match its SHA-256 in {SUMS}; rebuild with dipevents build")
        listed.add(rel)
        found.append(Artifact(rel, path.stat().st_size, digest))
    for path in sorted(dist.rglob("*")):
        rel = path.relative_to(dist).as_posix()
        if path.is_symlink():
            raise DownloadError(f"{path} is a symlink; downloads are published only from files dipevents build wrote")
        if path.is_file() and rel != SUMS and rel not in listed:
            raise DownloadError(f"{path} is not listed in {dist / SUMS}; rebuild with dipevents build")
    found.append(Artifact(SUMS, (dist / SUMS).stat().st_size, ""))
    return found
