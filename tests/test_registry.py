"""Each rule is registered once, with its codes and examples; every code is reported by some
check and expected by some test; a rule missing its tables or columns says so."""

from __future__ import annotations

import inspect
import re

from dipevents.catalogue import by_code, catalogue
from dipevents.loader import load
from dipevents.registry import CHECKS
from dipevents.step_codes import STEP_CODES
from tests.support import ROOT, only


def test_codes_are_unique_and_documented():
    rules = list(catalogue().values())
    assert len({r.code for r in rules}) == len(rules) == len({r.name for r in rules})
    assert [r.code for r in rules if not (r.title and r.hint and r.wrong and r.fixed)] == []
    assert {r.severity for r in rules} <= {"error", "notice"}


def _without_declarations(source: str) -> str:
    return re.sub(r"@check\((.|\n)*?\)\n(?=def )", "", source)


def test_each_rule_reports_the_codes_it_declares():
    """The module of a check reports each of its codes (outside the declarations themselves)."""
    for check in CHECKS:
        source = _without_declarations(inspect.getsource(inspect.getmodule(check.func)))
        for rule in check.codes:
            assert f'"{rule.name}"' in source, (check.name, rule.name)


def test_every_step_code_is_reported_somewhere_in_the_toolkit():
    import dipevents

    sources = "".join(p.read_text(encoding="utf-8") for p in
                      (ROOT / "src" / "dipevents").rglob("*.py") if p.name not in {"step_codes.py", "registry.py"})
    assert [r.name for r in STEP_CODES if f'"{r.name}"' not in sources] == []
    assert dipevents  # the package is importable from the tree the sources were read from


def test_what_rules_need_exists_in_the_schemas():
    package, errors = load(ROOT)
    assert errors == []
    for check in CHECKS:
        for table, columns in check.needs.items():
            assert table in package.resources, (check.name, table)
            assert set(columns) <= set(package.resources[table].field_names), (check.name, table, columns)


def test_a_rule_missing_its_column_says_it_cannot_run(pkg):
    rows = pkg.read_rows("data/actors.csv")
    col = rows[0].index("actor_type")
    pkg.write_rows("data/actors.csv", [r[:col] + r[col + 1:] for r in rows])
    pkg.edit_json("schemas/actors.json", lambda s: s.update(
        fields=[f for f in s["fields"] if f["name"] != "actor_type"],
        foreignKeys=[k for k in s.get("foreignKeys", []) if k["fields"] != ["actor_type"]]))
    e = only(pkg.errors(), code="DE902")
    assert (e["file"], e["line"], e["column"], e["severity"]) == ("data/actors.csv", 1, "actor_type", "notice")
    assert e["message"] == "the check actor_country_required needs the column(s) actor_type of actors"


def test_a_rule_missing_its_table_says_it_cannot_run(pkg):
    pkg.edit_json("datapackage.json",
                  lambda d: d.update(resources=[r for r in d["resources"] if r["name"] != "invitations"]))
    (pkg.root / "data" / "invitations.csv").unlink()
    e = only(pkg.errors(), code="DE902", message="the check no_self_invitation needs the table invitations, "
                                                 "which the package does not have")
    assert e["file"] == "datapackage.json"


def test_every_catalogued_code_is_expected_by_some_test():
    """Each code is expected by some test: a test feeds its rule bad data and checks the exact error
    (`only(errors, code="DE...")` or `e["code"] == "DE..."`), so a code no test expects is found at
    once, whatever the order of the tests or the worker they run in."""
    named = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r'code="(DE\d{3})"', text)) | set(re.findall(r'==\s*"(DE\d{3})"', text))
    assert sorted(set(by_code()) - named) == []
