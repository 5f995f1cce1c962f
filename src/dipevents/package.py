"""The package as loaded (``loader.load``): its descriptor, and each table's resource with its
Table Schema, fields, keys and foreign keys. Nothing here reads a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


DESCRIPTOR = "datapackage.json"
CODELIST_SCHEMA = "schemas/codelist.json"


@dataclass(frozen=True)
class ForeignKey:
    """A foreign key with its parts as lists; ``resource`` is the table itself for a self-reference."""

    fields: list[str]
    resource: str
    ref_fields: list[str]


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


@dataclass
class Resource:
    name: str
    path: str  # relative POSIX path, as written in the descriptor
    file: Path  # absolute path on disk
    schema: dict
    schema_path: str | None  # relative path of an external schema, None when inline
    descriptor: dict = field(default_factory=dict)  # the resource as written in datapackage.json

    @property
    def description(self) -> str:
        return str(self.descriptor.get("description", ""))

    @property
    def is_codelist(self) -> bool:
        return self.schema_path == CODELIST_SCHEMA

    @property
    def fields(self) -> list[dict]:
        return self.schema.get("fields", [])

    @property
    def field_names(self) -> list[str]:
        return [f.get("name") for f in self.fields]

    def field(self, name: str) -> dict | None:
        return next((f for f in self.fields if f.get("name") == name), None)

    @property
    def primary_key(self) -> list[str]:
        pk = self.schema.get("primaryKey") or []
        return [pk] if isinstance(pk, str) else list(pk)

    @property
    def foreign_keys(self) -> list[ForeignKey]:
        out = []
        for fk in self.schema.get("foreignKeys") or []:
            ref = fk.get("reference", {}) if isinstance(fk, dict) else {}
            if isinstance(ref, dict):
                out.append(ForeignKey(_as_list(fk.get("fields")), ref.get("resource") or self.name,
                                      _as_list(ref.get("fields"))))
        return out

    @property
    def date_fields(self) -> list[str]:
        """Reduced-precision date fields (by the naming convention)."""
        from .conventions import is_date

        return [f["name"] for f in self.fields if is_date(f)]


@dataclass
class Package:
    root: Path
    descriptor: dict
    resources: dict[str, Resource] = field(default_factory=dict)
    descriptor_file: str = DESCRIPTOR  # the descriptor's file name in root, as loaded

    @property
    def name(self) -> str:
        return str(self.descriptor.get("name", ""))

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))
