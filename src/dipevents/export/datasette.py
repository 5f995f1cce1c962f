"""Datasette's metadata.json for the SQLite download: title, licence, source, the description
of every table and column, and label columns so that each code shows its label."""

from __future__ import annotations

import json
from pathlib import Path

from ..escape import safe_url
from ..package import Package
from .about import repository
from .bridges import bridges
from .values import export_fields

# The column Datasette shows for a row that a foreign key points at, when the table has one.
LABEL_COLUMNS = ("label", "name", "title")


def metadata(package: Package, database: str) -> dict:
    d = package.descriptor
    licence = (d.get("licenses") or [{}])[0]
    tables = {}
    for name, resource in package.resources.items():
        fields = export_fields(resource)
        entry = {"description": resource.description,
                 "columns": {f["name"]: f.get("description", "") for f in fields}}
        label = next((c for c in LABEL_COLUMNS if c in {f["name"] for f in fields}), None)
        if label:
            entry["label_column"] = label
        tables[name] = entry
    for bridge in bridges(package.resources):
        tables[bridge.name] = {"description": bridge.description,
                               "columns": {f["name"]: f["description"] for f in bridge.fields(package.resources)}}
    about = {"title": f"{d.get('title', package.name)} (version {package.version})",
             "description": d.get("description", ""),
             "license": licence.get("name", ""), "license_url": safe_url(licence.get("path")) or "",
             "source": d.get("title", package.name), "source_url": safe_url(repository(package)) or "",
             "databases": {database: {"tables": tables}}}
    return {k: v for k, v in about.items() if v}


def write_metadata(package: Package, database: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(metadata(package, database), indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8", newline="\n")
    return path
