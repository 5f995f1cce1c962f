"""Checks on the descriptor and schemas themselves, before any data is read.

A schema that fails here derives no checks (its table is not read), so a broken schema
gives one clear error at its own file instead of a cascade of odd data errors; and no
property that would make frictionless fetch something (a custom profile, an external
dialect) gets through.
"""

from __future__ import annotations

import json
import re

from .package import Package, Resource
from .report import Error, show

NAME = re.compile(r"[a-z0-9._-]+")
# Semantic Versioning 2.0.0 (https://semver.org, the regular expression it recommends).
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?", re.ASCII)
STANDARD_PROFILES = {
    "https://datapackage.org/profiles/2.0/datapackage.json",
    "https://datapackage.org/profiles/2.0/dataresource.json",
    "https://datapackage.org/profiles/2.0/tableschema.json",
    "data-package", "tabular-data-package", "data-resource", "tabular-data-resource",
}


def profile_problems(obj: dict) -> list[str]:
    """A custom profile would be fetched from its URL: only the standard ones are allowed."""
    return [f"{key} {show(obj[key])} is not a standard Data Package profile"
            for key in ("$schema", "profile") if key in obj and obj[key] not in STANDARD_PROFILES]


def _constraint_problems(field: dict) -> list[str]:
    out = []
    c = field.get("constraints", {})
    if not isinstance(c, dict):
        return [f"constraints of {show(field['name'])} must be an object"]
    if "pattern" in c:
        try:
            re.compile(str(c["pattern"]))
        except re.error as exc:
            out.append(f"pattern of {show(field['name'])} is not a regular expression: {exc}")
    return out


def schema_problems(resource: Resource) -> list[str]:
    """What is wrong with one Table Schema on its own (per the v2 profile and more)."""
    from frictionless import Schema

    schema = resource.schema
    out = [e.message for e in Schema.validate_descriptor(schema).errors]
    out += profile_problems(schema)
    names = resource.field_names  # unique names and the primary key are checked by the profile above
    for field in resource.fields:
        out += _constraint_problems(field)
    for fk in resource.foreign_keys:
        out += [f"foreign key field {show(f)} is not a field" for f in fk.fields if f not in names]
    return out


def resource_problems(res: dict) -> list[str]:
    out = profile_problems(res)
    if not NAME.fullmatch(str(res.get("name", ""))):
        out.append(f"name {show(res.get('name'))} must use only a-z, 0-9, '.', '_' and '-'")
    if "dialect" in res and not isinstance(res["dialect"], dict):
        out.append("dialect must be written inline, not as a path or URL")
    return out


def _ascii(value: object) -> str:
    """A value for a message, every non-ASCII or control character escaped (a name may hold anything)."""
    return json.dumps(value, ensure_ascii=True)[:120]


def identity_problems(descriptor: dict) -> list[Error]:
    """The package name and version name the release files (NAME-VERSION.zip, NAME.sqlite):
    a name is a Data Package name (lowercase, no slash), a version a semantic version."""
    out = []
    name, version = descriptor.get("name"), descriptor.get("version")
    if not isinstance(name, str) or not NAME.fullmatch(name):
        out.append(Error("datapackage.json", None, "name", "descriptor-invalid",
                         f"name {_ascii(name)} must use only a-z, 0-9, '.', '_' and '-' (no slash): "
                         "it names the release files"))
    if not isinstance(version, str) or not SEMVER.fullmatch(version):
        out.append(Error("datapackage.json", None, "version", "descriptor-invalid",
                         f"version {_ascii(version)} is not a semantic version such as 1.2.0 (https://semver.org)"))
    return out


def package_problems(package: Package) -> list[Error]:
    """Checks across resources: names unique, references and codelists point somewhere real."""
    errors = [Error("datapackage.json", None, None, "descriptor-invalid", p)
              for p in profile_problems(package.descriptor)]
    errors += identity_problems(package.descriptor)
    seen = [r.get("name") for r in package.descriptor["resources"] if isinstance(r, dict)]
    errors += [Error("datapackage.json", None, "resources", "descriptor-invalid",
                     f"resource name {show(n)} is used twice") for n in sorted({n for n in seen if seen.count(n) > 1})]
    for resource in package.resources.values():
        where = resource.schema_path or "datapackage.json"
        for fk in resource.foreign_keys:
            target = package.resources.get(fk.resource)
            if target is None:
                errors.append(Error(where, None, None, "descriptor-invalid",
                                    f"foreign key to {show(fk.resource)}: no such resource"))
            elif any(f not in target.field_names for f in fk.ref_fields):
                errors.append(Error(where, None, None, "descriptor-invalid",
                                    f"foreign key to {fk.resource}.{', '.join(fk.ref_fields)}: no such field"))
        for field in resource.fields:
            if "codelist" in field and field["codelist"] not in package.resources:
                errors.append(Error(where, None, field["name"], "descriptor-invalid",
                                    f"codelist {show(field['codelist'])} is not a resource"))
    return errors
