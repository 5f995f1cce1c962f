"""Write every download into dist/ from a validated package."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..package import Package
from ..tables import Table
from .archive import write_checksums, write_zip
from .files import write_csv, write_json, write_parquet
from .sqlite import write_sqlite


def artifact_name(package: Package) -> str:
    return f"{package.name}-{package.version}"


def build_dist(package: Package, tables: dict[str, Table], out: Path) -> list[Path]:
    """All artifacts, plus SHA256SUMS; OUT is emptied first so nothing stale survives."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    sources = tables.get("sources")
    text_paths = [] if sources is None or sources.frame is None else sorted(sources.frame["text_path"].dropna())
    artifacts = [write_zip(package, text_paths, out / f"{artifact_name(package)}.zip"),
                 write_sqlite(tables, out / f"{package.name}.sqlite")]
    for table in tables.values():
        artifacts += [write_csv(table, out), write_json(table, out), write_parquet(table, out)]
    return artifacts + [write_checksums(out, artifacts)]
