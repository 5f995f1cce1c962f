"""The release zip (a complete data package) and SHA256SUMS, both byte-reproducible."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from ..package import DESCRIPTOR, Package, inside

# Files of the repository that travel with the data (paths relative to the package root).
RELEASE_FILES = ["README.md", "LICENSE", "LICENSE-DATA.md", "CITATION.cff", "CHANGELOG.md"]
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip's earliest date: the same bytes on every build


def package_files(package: Package, text_paths: list[str]) -> list[str]:
    """Descriptor, schemas, data, the archived texts the sources table names, and the
    release files, sorted. Nothing else under sources/ travels (no stray or linked file), and
    every file is read through ``safe_path``: one that leads out of the package stops the build."""
    root = package.root
    files = {DESCRIPTOR}
    for resource in package.resources.values():
        files.add(resource.path)
        if resource.schema_path:
            files.add(resource.schema_path)
    files |= set(text_paths)
    files |= {name for name in RELEASE_FILES if (root / name).is_file() and not (root / name).is_symlink()}
    return sorted(files)


def write_zip(package: Package, text_paths: list[str], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as zf:
        for name in package_files(package, text_paths):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system builds it
            zf.writestr(info, inside(package.root, name).read_bytes(), compresslevel=9)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_checksums(out: Path, artifacts: list[Path]) -> Path:
    """SHA256SUMS in the format `sha256sum -c` reads, paths relative to OUT."""
    lines = [f"{sha256(p)}  {p.relative_to(out).as_posix()}" for p in sorted(artifacts)]
    path = out / "SHA256SUMS"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return path
