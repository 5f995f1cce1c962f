"""Output formats of `dipevents validate`."""

from __future__ import annotations

from tests.support import only

BEIJING = "mtg-2025-09-02-beijing-sharif-putin"


def test_text_format_names_file_line_column_code_and_hint(pkg):
    line = pkg.set_cell("meetings", BEIJING, "country", "XKX")
    code, out = pkg.validate("text")
    assert code == 1
    assert (f'data/meetings.csv:{line}: error DE331 [country-code] country: "XKX" is not an ISO 3166-1 '
            "alpha-3 country code\n    hint: Use the three-letter ISO code, for example PAK, RUS, CHN.") in out
    assert "INVALID: 1 error(s) in 1 file(s), 1 notice(s)." in out


def test_github_format_writes_annotations_and_a_job_summary(pkg, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    line = pkg.set_cell("meetings", BEIJING, "summary", "=1+1, a | b")
    code, out = pkg.validate("github")
    assert code == 1
    assert (f"::error file=data/meetings.csv,line={line},title=DE321 formula-opener::summary: "
            '"=1+1, a | b" starts with "=", which spreadsheets run as a formula') in out
    table = summary.read_text(encoding="utf-8")
    assert f"| data/meetings.csv | {line} | summary | DE321 formula-opener |" in table
    assert "a \\| b" in table


def test_github_annotation_escapes_newlines_and_percent(pkg):
    line = pkg.set_cell("meetings", BEIJING, "summary", "-100%\nsecond line")
    code, out = pkg.validate("github")
    annotation = next(x for x in out.splitlines() if "DE321" in x)
    assert f"line={line}" in annotation
    assert '"-100%25\\nsecond line"' in annotation  # the message quotes the cell, escaping the newline


def test_a_check_that_crashes_is_exit_2_with_its_name(pkg, monkeypatch):
    from dipevents import rules
    from dipevents.registry import Check

    def broken(ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(rules, "ALL", [Check(broken, ()), *rules.ALL])
    code, doc = pkg.validate()
    assert code == 2
    e = only(doc["errors"], code="DE901")
    assert e["message"] == "the check broken stopped: RuntimeError: boom"


def test_json_format_carries_every_field(pkg):
    line = pkg.set_cell("actors", "act-russia", "country", "")
    e = only(pkg.errors(), code="DE332")
    assert e == {"file": "data/actors.csv", "line": line, "column": "country", "rule": "actor-country",
                 "message": '"act-russia" is a state and needs a country', "code": "DE332",
                 "severity": "error",
                 "hint": "Fill in country with the ISO 3166-1 alpha-3 code: nationality for a person, itself for a state."}
