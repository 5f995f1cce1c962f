"""Checks on the descriptor and schemas themselves, before any data is read.

A schema that fails here derives no checks (its table is not read), so a broken schema
gives one clear error at its own file instead of a cascade of odd data errors; and no
property that would make frictionless fetch something (a custom profile, an external
dialect) gets through.
"""

from __future__ import annotations

import json
import re

from . import fieldtypes
from .conventions import is_date, opens_formula
from .package import CODELIST_SCHEMA, Package, Resource
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


_LENGTHS = ("minLength", "maxLength")
_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _bound_problem(field: dict, value: object) -> str | None:
    """A minimum or maximum is a value of the field's own type (a number, or a date, time or year)."""
    kind = field.get("type", "string")
    if kind in ("integer", "number"):
        return None if isinstance(value, (int, float)) and not isinstance(value, bool) else "must be a number"
    if kind in ("date", "datetime", "year"):
        ftype = fieldtypes.TYPES[kind]
        ok = isinstance(value, (str, int)) and not isinstance(value, bool) and ftype.valid(str(value))
        return None if ok else f"must be {ftype.wording}"
    return f"a {kind} field has no minimum or maximum"


def _constraint_problems(field: dict) -> list[str]:
    from .patterns import pattern_problem

    out = []
    name = show(field["name"])
    c = field.get("constraints", {})
    if not isinstance(c, dict):
        return [f"constraints of {name} must be an object"]
    out += [f"{key} of {name} must be a whole number, 0 or more" for key in _LENGTHS
            if key in c and not _is_count(c[key])]
    out += [f"{key} of {name}: {why}" for key in _BOUNDS if key in c and (why := _bound_problem(field, c[key]))]
    if "enum" in c and (not isinstance(c["enum"], list) or not c["enum"]
                        or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in c["enum"])):
        out.append(f"enum of {name} must be a non-empty list of values")
    if "pattern" in c:
        why = pattern_problem(c["pattern"])
        if why:
            out.append(f"pattern of {name} {why} (pattern {json.dumps(c['pattern'], ensure_ascii=True)[:120]})")
    return out


def _is_names(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _one_field_reference(resource: Resource, name: object):
    return next((fk for fk in resource.foreign_keys if fk.fields == [name] and len(fk.ref_fields) == 1), None)


def _relation_problems(resource: Resource) -> list[str]:
    """The project's own properties (conventions.py) have their shape: dateWithin, referenceWhere,
    duplicateKeys. Fields they name in other tables are checked in package_problems."""
    from .normal_forms import FOLDS

    out = []
    for field in resource.fields:
        name = show(field["name"])
        if "dateWithin" in field:
            link = field["dateWithin"]
            if not isinstance(link, str) or _one_field_reference(resource, link) is None:
                out.append(f"dateWithin of {name}: {show(link)} is not a field with a one-field foreign key")
            elif not is_date(field):
                out.append(f"dateWithin of {name}: only a date field (date, *_date) can be within another row's dates")
        if "referenceWhere" in field:
            where = field["referenceWhere"]
            if not isinstance(where, dict) or not where or not all(_is_names(v) for v in where.values()):
                out.append(f"referenceWhere of {name} must be an object: field name -> list of values")
            elif _one_field_reference(resource, field["name"]) is None:
                out.append(f"referenceWhere of {name} needs a one-field foreign key on that field")
    keys = resource.schema.get("duplicateKeys", [])
    if not isinstance(keys, list):
        return out + ["duplicateKeys must be a list of objects"]
    for i, key in enumerate(keys):
        where = f"duplicateKeys[{i}]"
        if not isinstance(key, dict) or set(key) - {"fields", "where", "fold"}:
            out.append(f"{where} must be an object with fields and, optionally, where and fold")
        elif not _is_names(key.get("fields")):
            out.append(f"{where}.fields must be a non-empty list of field names")
        elif not isinstance(key.get("where", {}), dict) or not all(_is_names(v) for v in key.get("where", {}).values()):
            out.append(f"{where}.where must be an object: field name -> list of values")
        elif not isinstance(key.get("fold", {}), dict) or set(key.get("fold", {})) - set(key["fields"]):
            out.append(f"{where}.fold must be an object naming some of its fields")
        else:
            out += [f"{where}.fold: {show(f)} is not a fold ({', '.join(FOLDS)})"
                    for f in key.get("fold", {}).values() if not isinstance(f, str) or f not in FOLDS]
    return out


def _names_or_name(value) -> bool:
    return (isinstance(value, str) and bool(value)) or _is_names(value)


def _key_problems(resource: Resource) -> list[str]:
    """primaryKey and foreignKeys have their shape before anything reads them."""
    schema, names = resource.schema, resource.field_names
    out = []
    if "primaryKey" in schema and not _names_or_name(schema["primaryKey"]):
        out.append("primaryKey must be a field name or a list of field names")
    fks = schema.get("foreignKeys", [])
    if not isinstance(fks, list):
        return out + ["foreignKeys must be a list of objects"]
    for i, fk in enumerate(fks):
        where = f"foreignKeys[{i}]"
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(ref, dict):
            out.append(f"{where} must be an object with fields and a reference object")
        elif not _names_or_name(fk.get("fields")):
            out.append(f"{where}.fields must be a field name or a non-empty list of field names")
        elif not isinstance(ref.get("resource", ""), str):
            out.append(f"{where}.reference.resource must be a resource name")
        elif not _names_or_name(ref.get("fields")):
            out.append(f"{where}.reference.fields must be a field name or a non-empty list of field names")
        elif len(_listed(fk["fields"])) != len(_listed(ref["fields"])):
            out.append(f"{where}: {len(_listed(fk['fields']))} field(s) cannot refer to "
                       f"{len(_listed(ref['fields']))} field(s)")
        else:
            out += [f"{where}: {show(f)} is not a field" for f in _listed(fk["fields"]) if f not in names]
    return out


def _listed(value) -> list:
    return [value] if isinstance(value, str) else list(value)


CELL_CHARACTERS = 32_767  # the most characters an Excel cell holds (the workbook download)


def _property_problems(resource: Resource) -> list[str]:
    """The project's field properties (conventions.py) other than the relations: maxLength on
    every string field, codelist, notBefore, happenedCodes, idRecipe."""
    from .ids import RECIPE

    out = []
    for field in resource.fields:
        name = show(field["name"])
        limit = (field.get("constraints") or {}).get("maxLength")
        if field.get("type", "string") == "string" and limit is None:
            out.append(f"{name} needs a maxLength constraint: the most characters a cell may hold "
                       f"(at most {CELL_CHARACTERS:,}, what a spreadsheet cell holds)")
        elif isinstance(limit, int) and limit > CELL_CHARACTERS:
            out.append(f"maxLength of {name} is {limit:,}; a spreadsheet cell holds at most {CELL_CHARACTERS:,} "
                       "characters, and the workbook download would cut the text")
        if "codelist" in field and not (isinstance(field["codelist"], str) and field["codelist"]):
            out.append(f"codelist of {name} must be the name of a codelist resource")
        if "notBefore" in field:
            earlier = field["notBefore"]
            if not isinstance(earlier, str) or earlier not in resource.field_names or earlier == field["name"]:
                out.append(f"notBefore of {name}: {show(earlier)} is not another field of {resource.name}")
            elif not (is_date(field) and is_date(resource.field(earlier))):
                out.append(f"notBefore of {name}: both fields must be date fields (date, *_date)")
        if "happenedCodes" in field and not _is_names(field["happenedCodes"]):
            out.append(f"happenedCodes of {name} must be a non-empty list of codes")
        if RECIPE in field and not _is_names(field[RECIPE]):
            out.append(f"{RECIPE} of {name} must be a non-empty list of strings")
    # What an idRecipe names is authoring metadata, judged by `dipevents new` (ids.recipe_problems);
    # its shape is checked here so that nothing meets a recipe of the wrong type.
    return out


def schema_problems(resource: Resource) -> list[str]:
    """What is wrong with one Table Schema on its own (per the v2 profile and more).

    Shapes are checked first: a schema whose keys or properties have the wrong types is
    reported as such and read no further, so no later step meets a value it cannot handle."""
    from frictionless import Schema

    schema = resource.schema
    out = profile_problems(schema) + _key_problems(resource)
    for field in resource.fields:
        out += _constraint_problems(field)
        if opens_formula(field["name"]):
            out.append(f"field name {show(field['name'])} starts with {show(field['name'][0])}, "
                       "which spreadsheets run as a formula (it heads a column of every download)")
    if out:
        return out
    try:
        out = [e.message for e in Schema.validate_descriptor(schema).errors]
    except Exception as exc:  # noqa: BLE001 - a schema frictionless cannot read is a schema error
        out = [f"frictionless cannot read the schema: {type(exc).__name__}: {exc}"]
    if out:
        return out
    return _property_problems(resource) + _relation_problems(resource)


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


# C0 and C1 control characters but tab, line feed and carriage return (a description may hold
# paragraphs): text of the descriptor and schemas is printed in the downloads (the workbook
# refuses these outright), the site and terminals.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_problems(doc: object, file: str) -> list[Error]:
    """An error naming the key of every text (or key) in the JSON document DOC that holds a control
    character."""
    out = []

    def walk(value: object, where: str) -> None:
        if isinstance(value, str):
            found = CONTROL.search(value)
            if found:
                out.append(Error(file, None, where or None, "descriptor-invalid",
                                 f"{show(where or 'the document')} holds the control character "
                                 f"U+{ord(found.group()):04X}; remove it"))
        elif isinstance(value, dict):
            for key, item in value.items():
                inner = f"{where}.{key}" if where else key
                if CONTROL.search(key):
                    walk(key, inner)
                walk(item, inner)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]")

    walk(doc, "")
    return out


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
            elif "codelist" in field and not package.resources[field["codelist"]].is_codelist:
                errors.append(Error(where, None, field["name"], "descriptor-invalid",
                                    f"codelist {show(field['codelist'])} is not a codelist ({CODELIST_SCHEMA})"))
        errors += [Error(where, None, None, "descriptor-invalid", f"{resource.name}: {p}")
                   for p in _named_field_problems(package, resource)]
    return errors


def _named_field_problems(package: Package, resource: Resource) -> list[str]:
    """Fields the project's properties name exist (their shape is checked in schema_problems).

    Reported here, not in schema_problems, so the table is still read: a dropped field turns
    the checks that need it off, and this says why."""
    out = []
    for i, key in enumerate(resource.schema.get("duplicateKeys") or []):
        out += [f"duplicateKeys[{i}] names {show(f)}, which is not a field of {resource.name}"
                for f in [*key["fields"], *key.get("where", {})] if f not in resource.field_names]
    for field in resource.fields:
        fk = _one_field_reference(resource, field.get("dateWithin") if "dateWithin" in field else field["name"])
        target = package.resources.get(fk.resource) if fk else None
        if target is None:
            continue
        if "dateWithin" in field and "date" not in target.field_names:
            out.append(f"dateWithin of {show(field['name'])}: {target.name} has no date field")
        if "referenceWhere" in field:
            out += [f"referenceWhere of {show(field['name'])} names {show(f)}, which is not a field of {target.name}"
                    for f in field["referenceWhere"] if f not in target.field_names]
    return out
