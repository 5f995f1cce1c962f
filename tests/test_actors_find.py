"""`dipevents actors find`: look an actor up by name, QID, country code or name, even misspelt."""

from __future__ import annotations

from dipevents.actors import fold
from dipevents.cli import main


def _find(pkg, capsys, text) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["actors", "find", text, "--package", str(pkg.root)])
    out = capsys.readouterr()
    return code, (out.out + out.err).splitlines()


def _ids(lines: list[str]) -> list[str]:
    return [line.split()[0] for line in lines[1:]]


def _add(pkg, actor_id, name, actor_type, country="", qid="", description="A test actor."):
    pkg.append_row("actors", {"actor_id": actor_id, "name": name, "actor_type": actor_type, "country": country,
                              "wikidata_qid": qid, "description": description})


def test_find_prints_id_name_type_country_and_qid(pkg, capsys):
    code, lines = _find(pkg, capsys, "Q7747")
    assert code == 0
    assert lines[0].split() == ["actor_id", "name", "actor_type", "country", "wikidata_qid"]
    assert lines[1].split() == ["act-vladimir-putin", "Vladimir", "Putin", "person", "RUS", "Q7747"]
    assert len(lines) == 2


def test_find_by_name_ignores_case_and_accents(pkg, capsys):
    _add(pkg, "act-recep-tayyip-erdogan", "Recep Tayyip Erdoğan", "person", "TUR")
    assert _ids(_find(pkg, capsys, "ERDOGAN")[1]) == ["act-recep-tayyip-erdogan"]
    assert _ids(_find(pkg, capsys, "erdoğan")[1]) == ["act-recep-tayyip-erdogan"]
    assert fold("  Erdoğan\tÉlysée ") == "erdogan elysee"


def test_find_by_iso3_code_lists_the_state_first(pkg, capsys):
    found = _ids(_find(pkg, capsys, "pak")[1])
    assert found[0] == "act-pakistan"
    assert "act-shehbaz-sharif" in found  # a person's country is their nationality


def test_find_by_country_name_goes_through_iso3(pkg, capsys):
    assert _ids(_find(pkg, capsys, "Russian Federation")[1])[0] == "act-russia"
    _add(pkg, "act-viet-nam", "Viet Nam", "state", "VNM")
    assert _ids(_find(pkg, capsys, "Vietnam")[1]) == ["act-viet-nam"]


def test_find_by_description_and_acronym(pkg, capsys):
    assert _ids(_find(pkg, capsys, "sco")[1])[0] == "act-sco"


def test_find_near_misses(pkg, capsys):
    assert _ids(_find(pkg, capsys, "Vladmir Putn")[1]) == ["act-vladimir-putin"]
    assert _ids(_find(pkg, capsys, "Pakistn")[1]) == ["act-pakistan"]


def test_find_nothing_says_so(pkg, capsys):
    code, lines = _find(pkg, capsys, "Zorblax")
    assert (code, lines) == (1, ["no actor matches 'Zorblax'; add one with: dipevents new actors --set name=... --append"])
