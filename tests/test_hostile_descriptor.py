"""Hostile descriptors and schemas (issue 9): every fault in a schema's properties, the
project's own ones included, is a data error (DE001/DE002) naming the schema file, exit 1;
never "internal error" (DE901), never a traceback, and nothing reaches the checks that would
hang or crash on it."""

from __future__ import annotations

import json
import time

import pytest

from dipevents.cli import main
from tests.support import only


def _field(name):
    def get(doc):
        return next(f for f in doc["fields"] if f["name"] == name)
    return get


def _set_field(name, prop, value):
    def change(doc):
        _field(name)(doc)[prop] = value
    return change


def _set_constraint(name, prop, value):
    def change(doc):
        _field(name)(doc).setdefault("constraints", {})[prop] = value
    return change


def _set_schema(prop, value):
    def change(doc):
        doc[prop] = value
    return change


def _set_fk(index, path, value):
    """foreignKeys[INDEX] with PATH ("fields", "reference", "reference.resource"...) set to VALUE."""
    def change(doc):
        target = doc["foreignKeys"][index]
        *parents, last = path.split(".")
        for part in parents:
            target = target[part]
        target[last] = value
    return change


def _add_integer(prop, value):
    """A new integer field with one constraint (the CSV lacks the column: the schema error comes first)."""
    def change(doc):
        doc["fields"].append({"name": "attendance", "type": "integer", "constraints": {prop: value}})
    return change


FK_SOURCE = 0  # meetings: source_id -> sources.source_id
FK_SELF = 1  # meetings: parent_meeting_id -> meeting_id

# (schema file, case id, change)
CASES = [
    # foreignKeys, whole and in parts
    *[("meetings", f"foreignKeys={v!r}", _set_schema("foreignKeys", v))
      for v in ["sources", 5, {}, [5], ["source_id"], [None], [[]], [{"fields": ["source_id"]}]]],
    *[("meetings", f"foreignKeys[0].{p}={v!r}", _set_fk(FK_SOURCE, p, v)) for p, v in [
        ("fields", 5), ("fields", []), ("fields", [5]), ("fields", [["source_id"]]), ("fields", {"a": 1}),
        ("fields", ["source_id", "title"]), ("fields", ["nope"]),
        ("reference", "sources"), ("reference", 5), ("reference", []), ("reference", {}),
        ("reference.resource", 5), ("reference.resource", ["sources"]), ("reference.resource", {}),
        ("reference.resource", "nope"), ("reference.fields", 5), ("reference.fields", []),
        ("reference.fields", [5]), ("reference.fields", {"a": 1}), ("reference.fields", ["nope"]),
        ("reference.fields", ["source_id", "title"]),
    ]],
    ("meetings", "foreignKeys[1].reference.fields=[[]]", _set_fk(FK_SELF, "reference.fields", [[]])),
    # codelist
    *[("agreements", f"codelist={v!r}", _set_field("sectors", "codelist", v))
      for v in [5, ["sectors"], {}, None, "", True, "nope", "meetings"]],
    # notBefore
    *[("meetings", f"notBefore={v!r}", _set_field("end_date", "notBefore", v))
      for v in [5, ["date"], {}, None, True, "", "nope", "end_date"]],
    # dateWithin
    *[("statements", f"dateWithin={v!r}", _set_field("date", "dateWithin", v))
      for v in [5, ["meeting_id"], {}, None, "", "nope", "speaker_id"]],
    # referenceWhere
    *[("meeting_participants", f"referenceWhere={v!r}", _set_field("represents", "referenceWhere", v))
      for v in ["actor_type", 5, [], {}, None, {"actor_type": "state"}, {"actor_type": [5]},
                {"actor_type": [["state"]]}, {"actor_type": []}, {"nope": ["state"]}]],
    ("meeting_participants", "referenceWhere on a field without a foreign key",
     _set_field("capacity", "referenceWhere", {"actor_type": ["state"]})),
    # duplicateKeys
    *[("actors", f"duplicateKeys={v!r}", _set_schema("duplicateKeys", v)) for v in [
        "name", 5, {}, [5], [None], [{}], [{"fields": "name"}], [{"fields": []}], [{"fields": [5]}],
        [{"fields": ["name"], "where": []}], [{"fields": ["name"], "where": {"actor_type": "state"}}],
        [{"fields": ["name"], "fold": {"name": 5}}], [{"fields": ["name"], "fold": {"name": ["text"]}}],
        [{"fields": ["name"], "fold": {"name": "nope"}}], [{"fields": ["name"], "fold": []}],
        [{"fields": ["nope"]}], [{"fields": ["name"], "where": {"nope": ["x"]}}],
        [{"fields": ["name"], "extra": 1}],
    ]],
    # happenedCodes
    *[("meetings", f"happenedCodes={v!r}", _set_field("status", "happenedCodes", v))
      for v in ["occurred", 5, {}, [5], [["occurred"]], [None], True, []]],
    # idRecipe
    *[("sources", f"idRecipe={v!r}", _set_field("source_id", "idRecipe", v))
      for v in ["title", 5, {}, [], [5], [["title"]], [None]]],
    # constraints
    *[("meetings", f"constraints.{p}={v!r}", _set_constraint("title", p, v)) for p, v in [
        ("maxLength", -1), ("maxLength", 1.5), ("maxLength", "5"), ("maxLength", True), ("maxLength", [5]),
        ("minLength", -3), ("minLength", {}), ("pattern", 5), ("pattern", ["a"]), ("pattern", "("),
        ("pattern", "(a+)+"), ("pattern", "(x\\w*)+y"), ("pattern", "(a|aa)*b"), ("pattern", "(\\w+\\s?)+$"),
        ("pattern", "(?P<a>x)(?P=a)"), ("enum", "abc"), ("enum", [[1]]), ("enum", []),
        ("required", "yes"), ("unique", 5),
    ]],
    ("meetings", "constraints.minimum on a string", _set_constraint("title", "minimum", 3)),
    *[("sources", f"published_date.{p}={v!r}", _set_constraint("published_date", p, v))
      for p, v in [("minimum", "abc"), ("maximum", 5), ("minimum", True), ("maximum", "2025-02-30")]],
    *[("meetings", f"integer field {p}={v!r}", _add_integer(p, v))
      for p, v in [("minimum", "5"), ("maximum", "x"), ("minimum", True), ("exclusiveMinimum", "abc")]],
    ("meetings", "constraints=[]", _set_field("title", "constraints", [])),
    ("meetings", "constraints=5", _set_field("title", "constraints", 5)),
    # fields and keys
    ("meetings", "type=nope", _set_field("title", "type", "nope")),
    ("meetings", "type=5", _set_field("title", "type", 5)),
    ("meetings", "description=5", _set_field("title", "description", 5)),
    ("meetings", "primaryKey=5", _set_schema("primaryKey", 5)),
    ("meetings", "primaryKey=[5]", _set_schema("primaryKey", [5])),
    ("meetings", "primaryKey={}", _set_schema("primaryKey", {})),
    ("meetings", "missingValues=x", _set_schema("missingValues", "x")),
    ("meetings", "missingValues=[5]", _set_schema("missingValues", [5])),
    ("meetings", "missingValues=[None]", _set_schema("missingValues", [None])),
]


def _run(pkg, table, change):
    """Break schemas/TABLE.json with CHANGE; validate as JSON and as text, both in-process."""
    pkg.edit_json(f"schemas/{table}.json", change)
    code, doc = pkg.validate()
    text_code, text = pkg.validate("text")
    return code, doc, text_code, text


@pytest.mark.parametrize("table, case, change", CASES, ids=[f"{t}:{c}" for t, c, _ in CASES])
def test_malformed_schema_property_is_a_data_error_at_the_schema(pkg, table, case, change):
    start = time.perf_counter()
    code, doc, text_code, text = _run(pkg, table, change)
    assert time.perf_counter() - start < 20, "a hostile schema made validation slow"
    assert (code, text_code) == (1, 1), doc["errors"]
    schema = f"schemas/{table}.json"
    at_schema = [e for e in doc["errors"] if e["file"] == schema and e["code"] in {"DE001", "DE002"}]
    assert at_schema, f"no DE001/DE002 at {schema}:\n" + "\n".join(
        f"  {e['file']} {e['code']}: {e['message']}" for e in doc["errors"])
    assert [e for e in doc["errors"] if e["code"] == "DE901"] == []
    assert "Traceback" not in text and "internal error" not in text.lower()
    assert schema in text


def _raw(pkg, rel, old, new):
    text = pkg.path(rel).read_text(encoding="utf-8")
    assert old in text, old
    pkg.path(rel).write_text(text.replace(old, new, 1), encoding="utf-8")


JSON_CASES = [
    ("datapackage.json", '"name": "diplomatic-events"', '"name": "diplomatic-events", "name": "x"',
     'the key "name" appears twice in one object'),
    ("datapackage.json", '"name": "diplomatic-events"', '"name": "diplomatic-\\ud800events"',
     "name holds a lone surrogate"),
    ("datapackage.json", '"version": "0.1.0"', '"version": "0.1.\\udfff"', "version holds a lone surrogate"),
    ("schemas/meetings.json", '"required": true', '"required": true, "required": false',
     'the key "required" appears twice in one object'),
    ("schemas/meetings.json", '"description": "A short title', '"description": "\\udc00A short title',
     "fields[1].description holds a lone surrogate"),
    ("schemas/meetings.json", '"maxLength": 300', '"maxLength": NaN', "NaN is not a JSON number"),
    ("schemas/meetings.json", '"maxLength": 300', '"maxLength": Infinity', "Infinity is not a JSON number"),
    ("schemas/meetings.json", '"maxLength": 300', '"maxLength": -Infinity', "-Infinity is not a JSON number"),
    ("schemas/meetings.json", '"maxLength": 300', '"maxLength": 1e400', "the number 1e400 is too large"),
    ("schemas/meetings.json", '"maxLength": 300', '"maxLength": 99999999999999999999',
     "the integer 99999999999999999999 is outside the signed 64-bit range"),
    ("schemas/meetings.json", '"maxLength": 300', '"maxLength": ' + "9" * 5000, "outside the signed 64-bit range"),
]


@pytest.mark.parametrize("rel, old, new, message", JSON_CASES, ids=[c[3][:40] for c in JSON_CASES])
@pytest.mark.slow
def test_json_that_readers_disagree_on_is_refused(pkg, capsys, rel, old, new, message):
    _raw(pkg, rel, old, new)
    code, doc = pkg.validate()
    assert code == 1
    e = only(doc["errors"], file=rel, code="DE001")
    assert message in e["message"]
    text_code, text = pkg.validate("text")
    assert text_code == 1 and rel in text and "Traceback" not in text
    assert "\\ud800" not in text or "\ud800" not in text  # shown escaped, never raw


def test_surrogate_in_a_schema_description_does_not_reach_build(pkg, capsys):
    _raw(pkg, "schemas/meetings.json", '"description": "A short title', '"description": "\\udc00A short title')
    assert main(["build", str(pkg.root)]) == 1
    out = capsys.readouterr()
    assert "schemas/meetings.json" in out.out + out.err and "Traceback" not in out.out + out.err
    assert not (pkg.root / "dist").exists()


def test_oversized_schema_is_refused_before_it_is_parsed(pkg):
    from dipevents.limits import MAX_JSON_BYTES

    _raw(pkg, "schemas/meetings.json", '"description": "A short title',
         '"description": "' + "x" * MAX_JSON_BYTES + 'A short title')
    e = only(pkg.errors(), file="schemas/meetings.json", code="DE109")
    assert e["message"] == f"schemas/meetings.json is larger than {MAX_JSON_BYTES // 1024} KB, " \
                           "the limit for a descriptor or schema"


@pytest.mark.parametrize("pattern", ["(a+)+", "(a*)*b", "(x\\w*)+y", "(a|aa)*b", "(a?a?)+b", "(\\w+\\s?)+$",
                                     "((ab)*)+c", "(.*a){3,}"])
def test_a_pattern_that_can_backtrack_forever_is_refused_at_load(pkg, pattern):
    pkg.edit_json("schemas/meetings.json", _set_constraint("title", "pattern", pattern))
    pkg.set_cell("meetings", "mtg-2025-09-02-beijing-sharif-putin", "title", "a" * 40 + "!")
    start = time.perf_counter()
    e = only(pkg.errors(), file="schemas/meetings.json", code="DE002")
    assert time.perf_counter() - start < 20
    assert e["message"].startswith('meetings: pattern of "title" can take exponential time')
    assert e["message"].endswith(f"(pattern {json.dumps(pattern)})")


@pytest.mark.parametrize("pattern", ["mtg-[a-z0-9]+(-[a-z0-9]+)*", "[a-z_]+(;[a-z_]+)*", "(ab|cd)*", "(a+b)+", "(a|ab)*c",
                                     "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", "(x[0-9]*)+"])
def test_patterns_whose_repeats_cannot_overlap_are_accepted(pkg, pattern):
    from dipevents.patterns import pattern_problem

    assert pattern_problem(pattern) is None


def _set_resource(prop, value):
    def change(doc):
        next(r for r in doc["resources"] if r["name"] == "meetings")[prop] = value
    return change


PACKAGE_CASES = [
    ("resources={}", lambda d: d.update(resources={})),
    ("resources=[5]", lambda d: d["resources"].append(5)),
    ("name=5", lambda d: d.update(name=5)),
    ("version=[1]", lambda d: d.update(version=[1])),
    *[(f"meetings.{p}={v!r}", _set_resource(p, v)) for p, v in [
        ("path", 5), ("path", ["data/meetings.csv"]), ("path", ""), ("schema", 5), ("schema", []),
        ("schema", {"fields": 5}), ("schema", {"fields": [5]}), ("schema", {"fields": [{"name": 5}]}),
        ("dialect", "x"), ("dialect", 5), ("name", 5), ("profile", 5),
    ]],
]


@pytest.mark.parametrize("case, change", PACKAGE_CASES, ids=[c for c, _ in PACKAGE_CASES])
def test_malformed_resource_is_a_data_error_at_the_descriptor(pkg, case, change):
    pkg.edit_json("datapackage.json", change)
    code, doc = pkg.validate()
    text_code, text = pkg.validate("text")
    assert (code, text_code) == (1, 1), doc["errors"]
    assert [e for e in doc["errors"] if e["file"] == "datapackage.json" and e["code"] in {"DE001", "DE002", "DE003"}]
    assert [e for e in doc["errors"] if e["code"] == "DE901"] == []
    assert "Traceback" not in text and "internal error" not in text.lower() and "datapackage.json" in text


@pytest.mark.parametrize("rel, where", [("datapackage.json", "description"),
                                        ("schemas/meetings.json", "fields[1].description")])
def test_a_control_character_in_descriptor_text_is_an_error_naming_the_key(pkg, rel, where):
    """Issue 19: U+0007 in the description validated, then `build` ended in an internal error from
    the workbook writer. It is a descriptor error naming the key, and nothing is built."""
    def change(doc):
        target = doc if rel == "datapackage.json" else doc["fields"][1]
        target["description"] = "Meetings\u0007 between leaders"
    pkg.edit_json(rel, change)
    e = only(pkg.errors(), file=rel, column=where, code="DE002")
    assert e["message"] == f'"{where}" holds the control character U+0007; remove it'
    assert main(["build", str(pkg.root)]) == 1
    assert not (pkg.root / "dist").exists()


@pytest.mark.parametrize("constraints, says", [
    ({}, '"notes" needs a maxLength constraint: the most characters a cell may hold (at most 32,767, '
         "what a spreadsheet cell holds)"),
    ({"maxLength": 40_000}, 'maxLength of "notes" is 40,000; a spreadsheet cell holds at most 32,767 characters, '
                            "and the workbook download would cut the text"),
])
def test_every_string_field_has_a_max_length_a_spreadsheet_cell_can_hold(pkg, constraints, says):
    """Issue 19: a schema could drop maxLength; a 40,000-character cell then validated and the
    workbook silently kept 32,767 characters."""
    pkg.edit_json("schemas/meetings.json", lambda doc: next(
        f for f in doc["fields"] if f["name"] == "notes").update(constraints=constraints))
    e = only(pkg.errors(), file="schemas/meetings.json", code="DE002")
    assert e["message"] == f"meetings: {says}"
