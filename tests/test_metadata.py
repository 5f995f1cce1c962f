"""The metadata before the data: descriptor, schemas and codelists are complete and consistent."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from frictionless import Package as FlPackage

from tests.support import ROOT
from dipevents import conventions
from dipevents.loader import load

PACKAGE, LOAD_ERRORS = load(ROOT)
RESOURCES = list(PACKAGE.resources.values())
FIELDS = [(r, f) for r in RESOURCES for f in r.fields]


def test_descriptor_loads_and_declares_v2():
    assert LOAD_ERRORS == []
    assert PACKAGE.descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert [lic["name"] for lic in PACKAGE.descriptor["licenses"]] == ["CC-BY-4.0"]


def test_descriptor_and_schemas_pass_the_v2_profiles():
    report = FlPackage(str(ROOT / "datapackage.json")).validate(limit_rows=1)
    assert report.errors == []
    assert [e.message for t in report.tasks for e in t.errors if e.type.endswith("-error") and "row" not in e.type] == []


def test_every_schema_and_data_file_is_reachable_from_the_descriptor():
    used_schemas = {r.schema_path for r in RESOURCES}
    assert used_schemas == {f"schemas/{p.name}" for p in (ROOT / "schemas").glob("*.json")}
    used_data = {r.path for r in RESOURCES}
    assert used_data == {str(p.relative_to(ROOT)) for p in (ROOT / "data").rglob("*.csv")}


@pytest.mark.parametrize("resource, field", FIELDS, ids=[f"{r.name}.{f['name']}" for r, f in FIELDS])
def test_every_field_has_a_description(resource, field):
    assert len(field.get("description", "")) > 10


@pytest.mark.parametrize("resource, field", FIELDS, ids=[f"{r.name}.{f['name']}" for r, f in FIELDS])
def test_every_field_has_a_short_title(resource, field):
    """The site labels fields by their title (never the raw name): short, plain, one line."""
    title = field.get("title", "")
    assert 0 < len(title) <= 40 and title == " ".join(title.split()) and title != field["name"]


def test_fields_shared_by_tables_mean_the_same_thing():
    seen = defaultdict(set)
    for resource, field in FIELDS:
        if [field["name"]] == resource.primary_key or resource.is_codelist:
            continue  # a table's own identifier is described as such
        seen[field["name"]].add((field.get("type", "string"), field["description"]))
    differing = {name: variants for name, variants in seen.items() if len(variants) > 1}
    assert differing == {}


def test_every_id_reference_has_a_foreign_key():
    for resource in RESOURCES:
        fk_fields = {f for fk in resource.foreign_keys for f in fk.fields}
        refs = {f["name"] for f in resource.fields
                if (f["name"].endswith("_id") or f["name"] == "represents") and [f["name"]] != resource.primary_key}
        assert refs <= fk_fields, resource.name


def test_every_codelist_is_used_by_a_field():
    codelists = {r.name for r in RESOURCES if r.is_codelist}
    used = {fk.resource for r in RESOURCES for fk in r.foreign_keys} | {
        f.get("codelist") for _, f in FIELDS}
    assert codelists <= used


def test_every_code_has_a_label_and_description():
    for resource in RESOURCES:
        if not resource.is_codelist:
            continue
        text = resource.file.read_text(encoding="utf-8").splitlines()
        assert text[0] == "code,label,description"
        assert len(text) > 2, resource.name


def test_naming_conventions_hold():
    for resource, field in FIELDS:
        name = field["name"]
        if name.endswith(conventions.WORDS_SUFFIX):
            assert resource.field(name[: -len(conventions.WORDS_SUFFIX)]), f"{resource.name}.{name} has no date"
        if conventions.is_date(field):
            assert field["constraints"]["pattern"] == "[0-9]{4}(-[0-9]{2}(-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?)?)?"
        if conventions.is_country(name):
            assert field["constraints"]["pattern"] == "[A-Z]{3}"


def test_json_files_are_utf8_lf_and_end_with_a_newline():
    for path in [ROOT / "datapackage.json", *(ROOT / "schemas").glob("*.json")]:
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and raw.endswith(b"\n"), path
        json.loads(raw)


def test_every_table_with_an_id_has_a_sound_id_recipe():
    from dipevents.ids import prefix, recipe, recipe_problems

    for resource in RESOURCES:
        if prefix(resource) is None:
            continue  # no one-field ID of its own to suggest
        assert recipe(resource), f"{resource.name}: its key field has no idRecipe"
        assert recipe_problems(resource) == [], resource.name
        assert "(idRecipe)" in resource.field(resource.primary_key[0])["description"], resource.name
