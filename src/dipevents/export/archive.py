"""The release zip (a data package for data users) and SHA256SUMS, both byte-reproducible.

The zip unpacks into one folder, NAME-VERSION/, holding the package (descriptor, schemas,
data, the archived texts the sources table names), the licence, citation and changelog, the
codebook, a data dictionary and a README generated for data users (relative links in the
copied Markdown rewritten to resolve there: links.py). Its datapackage.json also
declares each archived text as a resource, with the publisher's rights, not the data's licence.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from ..package import DESCRIPTOR, Package
from ..paths import inside
from ..tables import Table, rows
from .about import SOURCES_RIGHTS
from .readme import CODEBOOK, DICTIONARY, data_dictionary, data_readme

# Files of the repository that travel with the data (paths relative to the package root).
RELEASE_FILES = ["LICENSE-DATA.md", "CITATION.cff", "CHANGELOG.md"]
CODEBOOK_SOURCE = "docs/codebook.md"
README = "README.md"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip's earliest date: the same bytes on every build


def _regular(root: Path, name: str) -> bool:
    return (root / name).is_file() and not (root / name).is_symlink()


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
    files |= {name for name in RELEASE_FILES if _regular(root, name)}
    return sorted(files)


def text_resources(package: Package, tables: dict[str, Table]) -> list[dict]:
    """One Data Package resource per archived text, with its hash and the publisher's rights."""
    sources = tables.get("sources")
    if sources is None or sources.frame is None:
        return []
    out = []
    for _, row in sorted(rows(sources.frame), key=lambda r: r[1]["text_path"] or ""):
        path = row.get("text_path")
        if not path:
            continue
        data = inside(package.root, path).read_bytes()
        out.append({
            "name": f"text-{Path(path).stem}", "path": path, "format": "txt", "mediatype": "text/plain",
            "encoding": "utf-8", "bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
            "title": row.get("title") or path,
            "description": f"Archived text of source {row['source_id']} ({row.get('publisher') or 'its publisher'}).",
            "sources": [{"title": row.get("publisher") or row["source_id"], **({"path": row["url"]} if row.get("url") else {})}],
            "licenses": [{"name": "LicenseRef-publisher-rights",
                          "title": f"Rights remain with the publisher: {SOURCES_RIGHTS}"}],
        })
    return out


def release_descriptor(package: Package, tables: dict[str, Table]) -> bytes:
    descriptor = json.loads(inside(package.root, DESCRIPTOR).read_text(encoding="utf-8"))
    descriptor["resources"] = descriptor["resources"] + text_resources(package, tables)
    return (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def release_contents(package: Package, tables: dict[str, Table], text_paths: list[str]) -> dict[str, bytes]:
    """Every file of the zip (path inside its folder -> bytes), the generated ones included."""
    contents = {name: inside(package.root, name).read_bytes() for name in package_files(package, text_paths)}
    contents[DESCRIPTOR] = release_descriptor(package, tables)
    origin = {name: name for name in contents}  # zip path -> repository path
    if _regular(package.root, CODEBOOK_SOURCE):
        contents[CODEBOOK] = inside(package.root, CODEBOOK_SOURCE).read_bytes()
        origin[CODEBOOK] = CODEBOOK_SOURCE
    contents.update(_relinked(package, contents, origin))
    contents[DICTIONARY] = data_dictionary(package, tables).encode("utf-8")
    contents[README] = data_readme(package, sorted([*contents, README])).encode("utf-8")
    return dict(sorted(contents.items()))


def _relinked(package: Package, contents: dict[str, bytes], origin: dict[str, str]) -> dict[str, bytes]:
    """The Markdown files copied from the repository, their relative links made to resolve in
    the zip (links.py): to the file in the zip, else to the file at this version's tag."""
    from .about import repository
    from .links import relocate

    base = repository(package)
    base_url = f"{base.rstrip('/')}/blob/v{package.version}" if base else ""
    placed = {source: name for name, source in origin.items()}
    return {name: relocate(contents[name].decode("utf-8"), origin[name], name, placed, base_url).encode("utf-8")
            for name in origin if name.endswith(".md")}


def write_zip(package: Package, tables: dict[str, Table], text_paths: list[str], path: Path, folder: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in release_contents(package, tables, text_paths).items():
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system builds it
            zf.writestr(info, data, compresslevel=9)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_checksums(out: Path, artifacts: list[Path]) -> Path:
    """SHA256SUMS in the format `sha256sum -c` reads, paths relative to OUT."""
    lines = [f"{sha256(p)}  {p.relative_to(out).as_posix()}" for p in sorted(artifacts)]
    path = out / "SHA256SUMS"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return path
