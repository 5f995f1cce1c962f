"""Plain Markdown for data users, generated from the package: the zip's README and data dictionary."""

from __future__ import annotations

from ..package import Package
from ..tables import Table, rows
from .about import DATES, citation, licence_lines, repository
from .bridges import bridges
from .values import export_fields

DICTIONARY = "data-dictionary.md"
CODEBOOK = "codebook.md"


def cell(value) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(value or "").split()).replace("|", "\\|")


def md_table(header: list[str], body: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in body]
    return "\n".join(lines)


def data_dictionary(package: Package, tables: dict[str, Table]) -> str:
    out = [f"# Data dictionary: {package.name} {package.version}", "",
           "Generated from `datapackage.json` and `schemas/*.json`. In the CSV files of `data/`, an "
           "empty cell is a missing value. Columns marked *derived* are not in `data/`: the CSV, JSON, "
           "Parquet, SQLite and Excel downloads add them beside each date field.", ""]
    for name, resource in package.resources.items():
        out += [f"## {name}", "", resource.description, "",
                f"File: `{resource.path}`. Primary key: {', '.join(f'`{k}`' for k in resource.primary_key)}.", ""]
        for fk in resource.foreign_keys:
            out.append(f"- `{', '.join(fk.fields)}` refers to `{fk.resource}.{', '.join(fk.ref_fields)}`")
        if resource.foreign_keys:
            out.append("")
        own = {f["name"] for f in resource.fields}
        body = [[f"`{f['name']}`" + ("" if f["name"] in own else " (derived)"), f.get("type", "string"),
                 "yes" if f.get("constraints", {}).get("required") or f["name"] in resource.primary_key else "",
                 f.get("description", "")] for f in export_fields(resource)]
        out += [md_table(["column", "type", "required", "description"], body), ""]
        table = tables.get(name)
        if resource.is_codelist and table is not None and table.frame is not None:
            codes = [[f"`{r['code']}`", r["label"], r["description"]] for _, r in rows(table.frame)]
            out += ["Codes:", "", md_table(["code", "label", "description"], codes), ""]
    listed = bridges(package.resources)
    if listed:
        out += ["## Bridge tables (SQLite download)", "",
                "Not in `data/`: the SQLite download adds one table per field that holds a `;`-separated "
                "list of codes, with a row per code, so that each code joins its codelist's label.", ""]
        for bridge in listed:
            body = [[f"`{f['name']}`", f.get("type", "string"), "yes", f["description"]]
                    for f in bridge.fields(package.resources)]
            out += [f"### {bridge.name}", "", bridge.description, "",
                    md_table(["column", "type", "required", "description"], body), ""]
    return "\n".join(out).rstrip() + "\n"


def data_readme(package: Package, files: list[str]) -> str:
    """The zip's README: what the tables are, how to cite, licences, dates, and FILES (the zip's own list)."""
    d = package.descriptor
    data = [[f"`{r.name}`", f"`{r.path}`", r.description] for r in package.resources.values() if not r.is_codelist]
    codelists = ", ".join(f"`{r.name}`" for r in package.resources.values() if r.is_codelist)
    out = [f"# {d.get('title', package.name)}", "",
           f"Version {package.version}. {d.get('description', '')}", "",
           "A [Frictionless Data Package](https://datapackage.org/) (v2): `datapackage.json` describes "
           "every file; `frictionless validate datapackage.json` checks them.", "",
           "## The tables", "", md_table(["table", "file", "what it holds"], data), ""]
    if codelists:
        out += [f"Codelists (`code,label,description`, in `data/codelists/`): {codelists}.", ""]
    listed = bridges(package.resources)
    if listed:
        out += ["A field that holds a `;`-separated list of codes also comes, in the SQLite download, as a "
                "bridge table with one row per code, to join to the codelist: "
                + ", ".join(f"`{b.name}` (`{b.parent}.{b.field}`)" for b in listed) + ".", ""]
    extra = [f for f in (DICTIONARY, CODEBOOK) if f in files]
    if extra:
        out += [" and ".join(f"`{f}`" for f in extra) + " explain every column and how events are coded.", ""]
    out += ["## How dates work", "", DATES, "",
            "## How to cite", "", citation(package), "",
            "`CITATION.cff` gives the same in the Citation File Format.", "",
            "## Licences", ""]
    out += [f"- {line}" for line in licence_lines(package)]
    out += ["", "## Files", "", *[f"- `{f}`" for f in files], ""]
    if repository(package):
        out += ["## More", "", f"Source repository, issues and the documentation site: {repository(package)}", ""]
    return "\n".join(out)
