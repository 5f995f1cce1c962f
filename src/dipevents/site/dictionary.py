"""The data dictionary: every table, field, key and codelist value, read from the schemas."""

from __future__ import annotations

import json

from .model import Dataset
from .render import slug, table, text

CONSTRAINT_ORDER = ["required", "unique", "pattern", "enum", "minLength", "maxLength", "minimum", "maximum"]
# Table Schema's own field properties; any other is one of the project's (codelist, notBefore,
# idRecipe...), explained in the codebook, and shown as it is written.
STANDARD = {"name", "type", "format", "title", "description", "example", "constraints", "rdfType",
            "categories", "categoriesOrdered", "missingValues", "trueValues", "falseValues",
            "bareNumber", "groupChar", "decimalChar"}


def _constraints(field: dict) -> str:
    c = field.get("constraints", {})
    shown = []
    for name in CONSTRAINT_ORDER:
        if name in c and name != "required":
            value = c[name] if not isinstance(c[name], bool) else "yes"
            shown.append(f"{name}: <code>{text(json.dumps(value) if isinstance(value, list) else value)}</code>")
    for extra in sorted(set(field) - STANDARD):
        value = field[extra]
        shown.append(f"{text(extra)}: <code>{text(value if isinstance(value, str) else json.dumps(value))}</code>")
    return "<br>".join(shown)


def _keys(ds: Dataset, name: str) -> list[str]:
    resource = ds.resources[name]
    out = [f"Primary key: {', '.join(f'<code>{text(k)}</code>' for k in resource.primary_key)}", ""]
    for fk in resource.foreign_keys:
        out.append(f"- <code>{text(', '.join(fk.fields))}</code> → "
                   f"[<code>{text(fk.resource)}.{text(', '.join(fk.ref_fields))}</code>](#table-{slug(fk.resource)})")
    return out + [""]


def table_section(ds: Dataset, name: str) -> str:
    resource = ds.resources[name]
    header = ["Field", "Type", "Required", "Constraints", "Description"]
    rows = [[f"<code>{text(f['name'])}</code>", text(f.get("type", "string")),
             "yes" if f.get("constraints", {}).get("required") or f["name"] in resource.primary_key else "",
             _constraints(f), text(f.get("description", ""))] for f in resource.fields]
    out = [f"## {text(name)} {{#table-{slug(name)}}}", "", text(resource.description), "",
           f"File: <code>{text(resource.path)}</code> · schema: <code>{text(resource.schema_path or 'inline')}</code>", ""]
    out += _keys(ds, name)
    out.append(table(header, rows))
    if resource.is_codelist:
        out += ["Codes:", "", table(["Code", "Label", "Description"],
                                    [[f"<code>{text(r['code'])}</code>", text(r["label"]), text(r["description"])]
                                     for r in ds.rows[name]])]
    return "\n".join(out)


def dictionary_page(ds: Dataset) -> str:
    data = [n for n in ds.resources if not ds.is_codelist(n)]
    codelists = [n for n in ds.resources if ds.is_codelist(n)]
    toc = "\n".join(f"- [{text(n)}](#table-{slug(n)})" for n in data + codelists)
    return ("# Data dictionary\n\nGenerated from `datapackage.json` and `schemas/*.json` at every build: "
            "it is the reference for every table, field, key and code.\n\n" + toc + "\n\n"
            + "\n\n".join(table_section(ds, n) for n in data)
            + "\n\n## Codelists {#codelists}\n\nEvery coded field takes its values from one of these tables.\n\n"
            + "\n\n".join(table_section(ds, n) for n in codelists) + "\n")
