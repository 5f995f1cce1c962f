"""Load the package descriptor safely and resolve its resources and schemas.

Nothing here reads data rows. Paths must be relative, stay inside the package root and
name local files: a URL, an absolute path or a path that climbs out of the root is an
error, and no file outside the root is ever opened. ``safe_path`` is the one rule for every
file the toolkit reads or writes (descriptor, schemas, tables, archived texts, outputs, site
pages): the path is resolved, symlinks followed, and must stay inside its base folder; a
symlink that leaves it is named in the error.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .report import Error, show

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

    @property
    def name(self) -> str:
        return str(self.descriptor.get("name", ""))

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))


def read_json(root: Path, relpath: str) -> tuple[object | None, list[Error]]:
    """Parse a JSON file inside the root; a syntax error becomes an Error with its line."""
    path, reason = safe_path(root, relpath)
    if reason:
        return None, [Error(relpath, None, None, "unsafe-path", reason)]
    from .limits import MAX_JSON_BYTES
    from .strictjson import JsonProblem, loads

    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            return None, [Error(relpath, None, None, "too-large",
                                f"{relpath} is larger than {MAX_JSON_BYTES // 1024} KB, the limit for a descriptor or schema")]
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Error(relpath, None, None, "encoding", f"not valid UTF-8 at byte {exc.start}")]
    except OSError as exc:
        return None, [Error(relpath, None, None, "missing-file", f"cannot read {relpath}: {exc.strerror}")]
    try:
        return loads(text), []
    except JsonProblem as exc:
        return None, [Error(relpath, None, None, "descriptor-json", f"invalid JSON: {exc}")]
    except json.JSONDecodeError as exc:
        return None, [Error(relpath, exc.lineno, None, "descriptor-json",
                            f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")]
    except RecursionError:
        return None, [Error(relpath, None, None, "descriptor-json", "invalid JSON: nested too deeply")]


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


def locate(location: str | Path) -> tuple[Path, str]:
    """The package root and descriptor file name for LOCATION (a folder or its datapackage.json)."""
    location = Path(location)
    if location.name == DESCRIPTOR or location.is_file():
        return location.parent, location.name
    return location, DESCRIPTOR


def load(location: str | Path) -> tuple[Package | None, list[Error]]:
    """Load the descriptor at LOCATION (a folder or its datapackage.json)."""
    root, descriptor_name = locate(location)
    if not (root / descriptor_name).is_file() and not (root / descriptor_name).is_symlink():
        return None, [Error(descriptor_name, None, None, "missing-file",
                            f"no {descriptor_name} in {root}")]
    descriptor, errors = read_json(root, descriptor_name)
    if errors:
        return None, errors
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [Error(descriptor_name, None, "resources", "descriptor-invalid",
                            "the descriptor must be a JSON object with a list of resources")]
    from .descriptor import package_problems

    package = Package(root=root.resolve(), descriptor=descriptor)
    for index, res in enumerate(descriptor["resources"]):
        resource, res_errors = _load_resource(package, descriptor_name, index, res)
        errors += res_errors
        if resource and resource.name not in package.resources:
            package.resources[resource.name] = resource
    errors += package_problems(package)
    return package, errors


def _load_resource(package: Package, descriptor_name: str, index: int, res: object):
    from .descriptor import resource_problems, schema_problems

    where = f"resources[{index}]"
    if not isinstance(res, dict) or not isinstance(res.get("name"), str):
        return None, [Error(descriptor_name, None, where, "descriptor-invalid",
                            "each resource must be an object with a name")]
    name = res["name"]
    problems = resource_problems(res)
    if problems:
        return None, [Error(descriptor_name, None, name, "descriptor-invalid", p) for p in problems]
    path, reason = safe_path(package.root, res.get("path"))
    if reason:
        return None, [Error(descriptor_name, None, f"{name}.path", "unsafe-path", reason)]
    if not path.is_file():
        return None, [Error(descriptor_name, None, f"{name}.path", "missing-file",
                            f"{show(res['path'])} does not exist")]
    if "schema" not in res and res.get("mediatype") == "text/plain":
        return None, []  # a text file, not a table (the release zip declares its archived texts so)
    schema = res.get("schema")
    schema_path = None
    if isinstance(schema, str):
        schema_file, reason = safe_path(package.root, schema)
        if reason:
            return None, [Error(descriptor_name, None, f"{name}.schema", "unsafe-path", reason)]
        if not schema_file.is_file():
            return None, [Error(descriptor_name, None, f"{name}.schema", "missing-file",
                                f"{show(schema)} does not exist")]
        schema_path = schema
        schema, errors = read_json(package.root, schema)
        if errors:
            return None, errors
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not all(
        isinstance(f, dict) and isinstance(f.get("name"), str) for f in schema["fields"]
    ):
        return None, [Error(schema_path or descriptor_name, None, None, "descriptor-invalid",
                            f"resource {show(name)} needs a Table Schema with a list of named fields")]
    resource = Resource(name, res["path"], path, schema, schema_path, res)
    problems = schema_problems(resource)
    if problems:
        return None, [Error(schema_path or descriptor_name, None, None, "descriptor-invalid", f"{name}: {p}")
                      for p in problems]
    return resource, []
