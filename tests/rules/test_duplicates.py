"""The same actor or source recorded twice: each later row names the first (DE361)."""

from __future__ import annotations

import hashlib

import pytest

from dipevents.normal_forms import fold_text, fold_url
from tests.support import only

ACTORS = "data/actors.csv"
SOURCES = "data/sources.csv"
SOURCE_ID = "src-2025-09-02-cpecnews-sharif-putin"
URL = "https://cpecnews.com/pm-shehbaz-president-putin-vow-to-strengthen-pakistan-russia-ties-at-sco-summit-in-beijing"
TEXT = "sources/src-2025-09-02-cpecnews-sharif-putin.txt"
SHA = "1827acf35aa54738b9cfbe0589994aeeeab9ae69aa61a0d2bae8d97a325f9088"


def _actor(actor_id, name, actor_type="state", country="", qid=""):
    return {"actor_id": actor_id, "name": name, "actor_type": actor_type, "country": country,
            "wikidata_qid": qid, "description": f"{name}, coded for a test of duplicates."}


def _source(pkg, source_id, url, text_path=TEXT, sha=SHA):
    return pkg.append_row("sources", {
        "source_id": source_id, "title": "A second copy of the report", "publisher": "CPEC News",
        "url": url, "published_date": "2025-09-02", "language": "en", "text_path": text_path, "text_sha256": sha})


def _dupes(pkg):
    return [(e["file"], e["line"], e["column"], e["message"]) for e in pkg.errors() if e["code"] == "DE361"]


def test_two_actors_with_one_wikidata_qid(pkg):
    line = pkg.append_row("actors", _actor("act-islamic-republic-of-pakistan", "Islamic Republic of Pakistan",
                                           "organization", qid="Q843"))
    e = only(pkg.errors(), file=ACTORS, line=line, column="wikidata_qid", code="DE361")
    assert e["message"] == ('"act-islamic-republic-of-pakistan" has the same wikidata_qid as "act-pakistan" '
                            f'at {ACTORS}:{pkg.line_of("actors", "act-pakistan")}: "Q843"')


def test_two_states_with_one_iso3_code(pkg):
    line = pkg.append_row("actors", _actor("act-viet-nam", "Viet Nam", country="VNM", qid="Q881"))
    pkg.append_row("actors", _actor("act-vietnam", "Vietnam", country="VNM"))
    first = line  # appended first, so the later one names it
    assert _dupes(pkg) == [(ACTORS, line + 1, "country",
                            '"act-vietnam" has the same country (among rows whose actor_type is "state") '
                            f'as "act-viet-nam" at {ACTORS}:{first}: "VNM"')]


def test_persons_of_one_country_are_not_duplicates(pkg):
    pkg.append_row("actors", _actor("act-ishaq-dar", "Ishaq Dar", "person", "PAK"))
    assert _dupes(pkg) == []


def test_two_actors_whose_names_differ_only_in_case_accents_and_spacing(pkg):
    line = pkg.append_row("actors", _actor("act-joe-biden", "Joe Biden", "person", "USA"))
    pkg.append_row("actors", _actor("act-joseph-biden", "  JOE  Bidén", "person", "USA"))
    assert _dupes(pkg) == [(ACTORS, line + 1, "name",
                            '"act-joseph-biden" has the same name, actor_type and country (name compared '
                            f'ignoring case, accents and spacing) as "act-joe-biden" at {ACTORS}:{line}: '
                            '"  JOE  Bidén", "person", "USA"')]


def test_same_name_in_another_country_or_of_another_type_is_not_a_duplicate(pkg):
    pkg.append_row("actors", _actor("act-joe-biden", "Joe Biden", "person", "USA"))
    pkg.append_row("actors", _actor("act-joe-biden-2", "Joe Biden", "person", "GBR"))
    pkg.append_row("actors", _actor("act-georgia", "Georgia", "state", "GEO"))
    pkg.append_row("actors", _actor("act-georgia-state", "Georgia", "organization"))
    assert _dupes(pkg) == []


def test_organizations_without_a_country_with_one_name(pkg):
    line = pkg.append_row("actors", _actor("act-sco-2", "Shanghai Cooperation  Organisation", "organization"))
    e = only(pkg.errors(), file=ACTORS, line=line, column="name", code="DE361")
    assert e["message"].startswith('"act-sco-2" has the same name, actor_type and country')
    assert e["message"].endswith(f'as "act-sco" at {ACTORS}:{pkg.line_of("actors", "act-sco")}: '
                                 '"Shanghai Cooperation  Organisation", "organization", ""')


def test_three_copies_each_name_the_first(pkg):
    lines = [pkg.append_row("actors", _actor(f"act-q-{n}", f"Q holder {n}", "organization", qid="Q99"))
             for n in ("a", "b", "c")]
    assert [(line, message[-25:]) for _, line, _, message in _dupes(pkg)] == [
        (lines[1], f'{ACTORS}:{lines[0]}: "Q99"'), (lines[2], f'{ACTORS}:{lines[0]}: "Q99"')]


def test_one_report_archived_twice(pkg):
    (pkg.root / "sources/src-copy.txt").write_bytes(pkg.path(TEXT).read_bytes())
    line = _source(pkg, "src-2025-09-02-cpecnews-copy", "https://example.org/copy", "sources/src-copy.txt")
    e = only(pkg.errors(), file=SOURCES, line=line, column="text_sha256", code="DE361")
    assert e["message"] == (f'"src-2025-09-02-cpecnews-copy" has the same text_sha256 as "{SOURCE_ID}" '
                            f'at {SOURCES}:2: "{SHA}"')


def test_one_url_archived_twice_under_another_spelling(pkg):
    text = b"Another text of the same page, archived again.\n"
    (pkg.root / "sources/src-again.txt").write_bytes(text)
    spelled = URL.replace("https://cpecnews.com", "HTTPS://CPECNews.com:443") + "/?utm_source=x&fbclid=1#top"
    line = _source(pkg, "src-2025-09-02-cpecnews-again", spelled, "sources/src-again.txt",
                   hashlib.sha256(text).hexdigest())
    e = only(pkg.errors(), file=SOURCES, line=line, column="url", code="DE361")
    assert e["message"] == ('"src-2025-09-02-cpecnews-again" has the same url (url compared as URLs: scheme and '
                            'host case, default port, trailing slash, fragment and tracking parameters aside) as '
                            f'"{SOURCE_ID}" at {SOURCES}:2: "{spelled[:79]}…"')


@pytest.mark.parametrize("a, b", [
    ("https://Example.org/a/", "https://example.org/a"),
    ("http://example.org:80/a", "http://example.org/a"),
    ("https://example.org/a?id=3&utm_medium=x&gclid=2", "https://example.org/a?id=3"),
    ("https://example.org/a#para", "https://example.org/a"),
])
def test_url_spellings_of_one_page_agree(a, b):
    assert fold_url(a) == fold_url(b)


@pytest.mark.parametrize("a, b", [
    ("https://example.org/a?id=3", "https://example.org/a?id=4"),
    ("https://example.org/A", "https://example.org/a"),
    ("https://example.org:8443/a", "https://example.org/a"),
    ("http://example.org/a", "https://example.org/a"),
])
def test_urls_of_different_pages_differ(a, b):
    assert fold_url(a) != fold_url(b)


def test_names_fold_case_accents_and_spacing_but_not_letters():
    assert fold_text("  Nguyễn  Phú Trọng ") == fold_text("nguyen phu trong")
    assert fold_text("Joe Biden") != fold_text("Jill Biden")


@pytest.mark.parametrize("keys, message", [
    ({"fields": ["name"]}, "duplicateKeys must be a list of objects"),
    ([{"fields": "name"}], "duplicateKeys[0].fields must be a non-empty list of field names"),
    ([{"fields": ["name"], "unique": True}], "duplicateKeys[0] must be an object with fields and, optionally, "
                                             "where and fold"),
    ([{"fields": ["country"], "where": {"actor_type": "state"}}], "duplicateKeys[0].where must be an object: "
                                                                   "field name -> list of values"),
    ([{"fields": ["name"], "fold": {"country": "text"}}], "duplicateKeys[0].fold must be an object naming some "
                                                          "of its fields"),
    ([{"fields": ["name"], "fold": {"name": "soundex"}}], 'duplicateKeys[0].fold: "soundex" is not a fold '
                                                          "(text, url)"),
])
def test_malformed_duplicate_keys_are_refused_at_the_schema(pkg, keys, message):
    pkg.edit_json("schemas/actors.json", lambda s: s.update(duplicateKeys=keys))
    code, doc = pkg.validate()
    assert code == 1
    e = only(doc["errors"], file="schemas/actors.json", code="DE002")
    assert e["message"] == f"actors: {message}"


def test_duplicate_key_naming_no_field_is_refused(pkg):
    pkg.edit_json("schemas/sources.json", lambda s: s.update(duplicateKeys=[{"fields": ["link"]}]))
    e = only(pkg.errors(), file="schemas/sources.json", code="DE002")
    assert e["message"] == 'sources: duplicateKeys[0] names "link", which is not a field of sources'
