"""Load the package descriptor safely and resolve its resources and schemas (``load``).

Nothing here reads data rows. Every path the descriptor names goes through ``paths.safe_path``:
no file outside the package root is ever opened.
"""

from __future__ import annotations

import json
from pathlib import Path

from .descriptor import control_problems, package_problems, resource_problems, schema_problems
from .limits import MAX_JSON_BYTES
from .package import DESCRIPTOR, Package, Resource
from .paths import climbing, safe_path
from .report import Error, show
from .strictjson import JsonProblem, loads


def read_json(root: Path, relpath: str) -> tuple[object | None, list[Error]]:
    """Parse a JSON file inside the root; a syntax error becomes an Error with its line."""
    path, reason = safe_path(root, relpath)
    if reason:
        return None, [Error(relpath, None, None, "unsafe-path", reason)]
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
    errors += control_problems(descriptor, descriptor_name)
    package = Package(root=root.resolve(), descriptor=descriptor, descriptor_file=descriptor_name)
    texts = []
    for index, res in enumerate(descriptor["resources"]):
        resource, res_errors = _load_resource(package, descriptor_name, index, res)
        errors += res_errors
        if resource and resource.name not in package.resources:
            package.resources[resource.name] = resource
        elif resource is None and not res_errors:
            texts.append(res["path"])
    if texts:  # no check skipped in silence
        shown = ", ".join(show(p) for p in texts[:3]) + (f" and {len(texts) - 3:,} more" if len(texts) > 3 else "")
        errors.append(Error(descriptor_name, None, None, "check-not-run",
                            f"{len(texts):,} resource(s) are text files (text/plain, no schema), not tables: "
                            f"{shown} are not checked as tables (an archived text is checked through the row "
                            "of the sources table that names it)"))
    errors += package_problems(package)
    return package, errors


def _load_resource(package: Package, descriptor_name: str, index: int, res: object):
    where = f"resources[{index}]"
    if not isinstance(res, dict) or not isinstance(res.get("name"), str):
        return None, [Error(descriptor_name, None, where, "descriptor-invalid",
                            "each resource must be an object with a name")]
    name = res["name"]
    problems = resource_problems(res)
    if problems:
        return None, [Error(descriptor_name, None, name, "descriptor-invalid", p) for p in problems]
    path, reason = safe_path(package.root, res.get("path"))
    reason = reason or climbing(res.get("path"))
    if reason:
        return None, [Error(descriptor_name, None, f"{name}.path", "unsafe-path", reason)]
    if not path.is_file():
        return None, [Error(descriptor_name, None, f"{name}.path", "missing-file",
                            f"{show(res['path'])} does not exist")]
    if "schema" not in res and res.get("mediatype") == "text/plain":
        return None, []  # a text file, not a table (the release zip declares its archived texts so)
    schema = res.get("schema")
    schema_path, found = None, []
    if isinstance(schema, str):
        schema_file, reason = safe_path(package.root, schema)
        reason = reason or climbing(schema)
        if reason:
            return None, [Error(descriptor_name, None, f"{name}.schema", "unsafe-path", reason)]
        if not schema_file.is_file():
            return None, [Error(descriptor_name, None, f"{name}.schema", "missing-file",
                                f"{show(schema)} does not exist")]
        schema_path = schema
        schema, errors = read_json(package.root, schema)
        if errors:
            return None, errors
        found = control_problems(schema, schema_path)
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not all(
        isinstance(f, dict) and isinstance(f.get("name"), str) for f in schema["fields"]
    ):
        return None, [Error(schema_path or descriptor_name, None, None, "descriptor-invalid",
                            f"resource {show(name)} needs a Table Schema with a list of named fields")]
    resource = Resource(name, res["path"], path, schema, schema_path, res)
    problems = schema_problems(resource)
    if problems:
        return None, found + [Error(schema_path or descriptor_name, None, None, "descriptor-invalid", f"{name}: {p}")
                              for p in problems]
    return resource, found
