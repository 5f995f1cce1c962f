"""Write every download into a fresh folder (the caller swaps it in: see outputs.Staged)."""

from __future__ import annotations

from pathlib import Path

from ..package import Package
from ..paths import inside
from ..tables import Table
from .archive import write_checksums, write_zip
from .datasette import write_metadata
from .files import write_csv, write_json, write_parquet
from .sqlite import write_sqlite
from .xlsx import write_xlsx


def artifact_name(package: Package) -> str:
    """NAME-VERSION from the descriptor's checked name and version (descriptor.identity_problems);
    refuse anything else, so no value from the data can name a file outside the downloads."""
    from ..descriptor import identity_problems

    problems = identity_problems(package.descriptor)
    if problems:
        raise ValueError(f"datapackage.json: {problems[0].message}")
    return f"{package.name}-{package.version}"


def build_zip(package: Package, tables: dict[str, Table], out: Path) -> Path:
    """The dataset zip, NAME-VERSION.zip, written into OUT with the archived texts the sources name."""
    name = artifact_name(package)
    out.mkdir(parents=True, exist_ok=True)
    sources = tables.get("sources")
    text_paths = [] if sources is None or sources.frame is None else sorted(sources.frame["text_path"].dropna())
    return write_zip(package, tables, text_paths, inside(out, f"{name}.zip"), name)


def build_dist(package: Package, tables: dict[str, Table], out: Path) -> list[Path]:
    """All artifacts, plus SHA256SUMS, written into OUT (an empty folder); every path stays inside OUT."""
    name = artifact_name(package)
    artifacts = [build_zip(package, tables, out),
                 write_sqlite(tables, inside(out, f"{package.name}.sqlite"), package),
                 write_metadata(package, package.name, inside(out, "datasette-metadata.json")),
                 write_xlsx(package, tables, inside(out, f"{name}.xlsx"))]
    for table in tables.values():
        artifacts += [write_csv(table, out), write_json(table, out), write_parquet(table, out)]
    for path in artifacts:
        inside(out, path)
    return artifacts + [write_checksums(out, artifacts)]
