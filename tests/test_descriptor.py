"""Broken or hostile descriptors and schemas: one clear error where the problem is, exit 1,
no traceback, no network request."""

from __future__ import annotations

import socket

import pytest

from tests.support import only


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the validator tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _resource(resource_name, **changes):
    def change(doc):
        next(r for r in doc["resources"] if r["name"] == resource_name).update(changes)
    return change


@pytest.mark.parametrize("where, key", [("package", "profile"), ("package", "$schema"), ("resource", "profile")])
def test_custom_profiles_are_refused_without_fetching_them(pkg, no_network, where, key):
    if where == "package":
        pkg.edit_json("datapackage.json", lambda doc: doc.update({key: "http://127.0.0.1:9/p.json"}))
    else:
        pkg.edit_json("datapackage.json", _resource("actors", **{key: "http://127.0.0.1:9/p.json"}))
    code, doc = pkg.validate()
    assert code == 1
    e = only(doc["errors"], file="datapackage.json", code="DE002")
    assert "is not a standard Data Package profile" in e["message"]


def test_external_dialect_is_refused(pkg, no_network):
    pkg.edit_json("datapackage.json", _resource("actors", dialect="http://127.0.0.1:9/d.json"))
    e = only(pkg.errors(), file="datapackage.json", column="actors", code="DE002")
    assert e["message"] == "dialect must be written inline, not as a path or URL"


def test_descriptor_under_another_name_is_the_one_validated(pkg, capsys, no_network):
    from dipevents.cli import main

    (pkg.root / "pkg.json").write_bytes(pkg.path("datapackage.json").read_bytes())
    pkg.path("datapackage.json").unlink()
    assert main(["validate", str(pkg.root / "pkg.json"), "--format", "json"]) == 0


def test_deeply_nested_json(pkg):
    pkg.path("datapackage.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, doc = pkg.validate()
    assert code == 1
    e = only(doc["errors"], file="datapackage.json", code="DE001")
    assert e["message"] == "invalid JSON: nested too deeply"


@pytest.mark.parametrize("change, message", [
    (lambda f: f[1]["constraints"].update(maxLength="5"), 'maxLength of "title" must be a whole number, 0 or more'),
    (lambda f: f[1]["constraints"].update(pattern="("), 'pattern of "title" is not a regular expression'),
    (lambda f: f[1]["constraints"].update(enum="abc"), 'enum of "title" must be a non-empty list of values'),
    (lambda f: f.append(dict(f[1])), "names of the fields are not unique"),
])
def test_broken_schema_is_reported_at_the_schema(pkg, change, message):
    pkg.edit_json("schemas/meetings.json", lambda doc: change(doc["fields"]))
    code, doc = pkg.validate()
    assert code == 1
    e = only(doc["errors"], file="schemas/meetings.json", code="DE002")
    assert message in e["message"]
    assert not [x for x in doc["errors"] if x["code"] == "DE901"]


def test_primary_key_naming_no_field(pkg):
    pkg.edit_json("schemas/meetings.json", lambda doc: doc.update(primaryKey=["nope"]))
    e = only(pkg.errors(), file="schemas/meetings.json", code="DE002")
    assert """primary key "['nope']" does not match the fields""" in e["message"]


def test_foreign_key_to_a_missing_resource(pkg):
    def change(doc):
        doc["foreignKeys"][0]["reference"]["resource"] = "actor_typez"
    pkg.edit_json("schemas/actors.json", change)
    e = only(pkg.errors(), file="schemas/actors.json", code="DE002")
    assert e["message"] == 'foreign key to "actor_typez": no such resource'


def test_codelist_property_naming_no_resource(pkg):
    def change(doc):
        next(f for f in doc["fields"] if f["name"] == "sectors")["codelist"] = "sector"
    pkg.edit_json("schemas/agreements.json", change)
    only(pkg.errors(), file="schemas/agreements.json", column="sectors", code="DE002")


def test_resource_names_are_plain_and_unique(pkg):
    pkg.edit_json("datapackage.json", _resource("statements", name="x) <img src=x onerror=alert(1)> ("))
    e = only(pkg.errors(), file="datapackage.json", code="DE002")
    assert "must use only a-z, 0-9" in e["message"]


def test_duplicate_resource_names(pkg):
    pkg.edit_json("datapackage.json", _resource("statements", name="actors"))
    e = only(pkg.errors(), file="datapackage.json", column="resources", code="DE002")
    assert e["message"] == 'resource name "actors" is used twice'


def test_publication_date_at_the_calendar_edge_leaves_dates_unchecked(pkg):
    pkg.set_cell("sources", "src-2025-09-02-cpecnews-sharif-putin", "published_date", "9999-12-31")
    code, doc = pkg.validate()
    assert not [e for e in doc["errors"] if e["code"] == "DE901"]
    assert [e for e in doc["errors"] if e["code"] == "DE303"]  # the other date words are still judged


def test_control_character_in_a_cell(pkg):
    line = pkg.set_cell("actors", "act-vladimir-putin", "description", "Vladimir\x00Putin\x1b[31m")
    e = only(pkg.errors(), file="data/actors.csv", line=line, code="DE108")
    assert e["message"] == f"control character U+0000 on line {line}"


def test_broken_quote_in_a_multiline_record_names_the_faulty_line(pkg):
    path = pkg.path("data/actors.csv")
    path.write_text(path.read_text(encoding="utf-8") + 'act-x,"a\nb\nc",person,PAK,,"d"x\n', encoding="utf-8")
    e = only(pkg.errors(), file="data/actors.csv", code="DE104")
    assert e["line"] == 18
    assert "(the record starts on line 16)" in e["message"]


def test_evidence_must_match_whole_words(pkg):
    line = pkg.set_cell("meetings", "mtg-2025-09-02-beijing-sharif-putin", "evidence",
                        "ime Minister Shehbaz Sharif and Russian Pr")
    only(pkg.errors(), file="data/meetings.csv", line=line, code="DE311")


def test_blank_quote_is_not_found_in_the_source(pkg):
    line = pkg.set_cell("statements", "stm-2025-09-02-sharif-dynamic-leader", "quote", " ")
    only(pkg.errors(), file="data/statements.csv", line=line, column="quote", code="DE315")
