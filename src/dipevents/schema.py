"""Turn a Table Schema into a pandera schema, and pandera's failures into Errors.

Everything checked here is read from schemas/*.json: required, type, pattern, enum,
length, range, unique and primary key. Nothing is retyped by hand. Frames hold strings
(None for empty cells); each check parses what it needs and reports only the cells that
fail, so one bad value never poisons a column.
"""

from __future__ import annotations

import time

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from . import fieldtypes
from .limits import PatternBudget
from .package import Resource
from .report import Error, show
from .tables import Table


def _number(field: dict, v: str) -> float | None:
    try:
        return float(v) if field.get("type") in {"integer", "number"} else None
    except ValueError:
        return None


class SlowPattern:
    """A field's pattern, matched with a time limit per cell, per field and per run (limits.py).

    After the first cell that takes too long, or once the run's BUDGET is spent, the pattern is
    judged no more; ``slow`` is that cell (``check_table`` reports it at the schema)."""

    def __init__(self, pattern: str, budget: PatternBudget):
        from .patterns import matcher

        self.match = matcher(pattern)
        self.spent = 0.0
        self.budget = budget
        self.slow: str | None = None
        self.over_budget = False

    def __deepcopy__(self, memo):
        return self  # pandera copies its checks; the outcome must reach check_table

    def __call__(self, value: str) -> bool:
        from .limits import PATTERN_SECONDS

        if self.slow is not None:
            return True
        start = time.perf_counter()
        try:
            return self.match(value)
        except TimeoutError:
            self.slow = value
            return True
        finally:
            spent = time.perf_counter() - start
            self.spent += spent
            self.budget.spent += spent
            if self.slow is None and self.budget.exceeded:
                self.slow, self.over_budget = value, True
            elif self.spent > 20 * PATTERN_SECONDS and self.slow is None:
                self.slow = value


class Re2Pattern:
    """A field's pattern matched on a whole column at once by RE2 (pyarrow.compute), which runs
    in linear time; used when ``patterns.re2_fullmatch`` can write the pattern for RE2 with
    the same meaning. If RE2 refuses it anyway, the cells are matched one by one."""

    def __init__(self, expression: str, fallback: SlowPattern):
        self.expression, self.fallback = expression, fallback

    def __deepcopy__(self, memo):
        return self

    def __call__(self, series: pd.Series) -> pd.Series:
        import pyarrow as pa
        import pyarrow.compute as pc

        try:
            matched = pc.match_substring_regex(pa.array(series.to_numpy(), type=pa.large_string()), self.expression)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return series.map(self.fallback)
        return pd.Series(matched.to_numpy(zero_copy_only=False), index=series.index, dtype=bool)


def _each_distinct(ok):
    """A column check that calls OK once per distinct value (identifiers are distinct anyway;
    dates, codes and flags repeat)."""
    def check(series: pd.Series) -> pd.Series:
        verdicts = {value: bool(ok(value)) for value in series.unique()}
        return series.map(verdicts).astype(bool)
    return check


def _field_checks(field: dict, patterns: dict | None = None, budget: PatternBudget | None = None) -> list[pa.Check]:
    """One named check per constraint; the name is the rule reported on failure. Each works on
    the column's non-empty cells at once (pandera leaves empty cells out)."""
    from .patterns import re2_fullmatch

    checks = []
    c = field.get("constraints", {})
    valid = fieldtypes.of(field).valid
    if valid is not None:
        checks.append(pa.Check(_each_distinct(valid), name="type"))
    if "pattern" in c:
        guard = SlowPattern(c["pattern"], budget or PatternBudget())
        if patterns is not None:
            patterns[field["name"]] = guard
        expression = re2_fullmatch(c["pattern"])
        if expression is None:
            checks.append(pa.Check(guard, element_wise=True, name="pattern"))
        else:
            checks.append(pa.Check(Re2Pattern(expression, guard), name="pattern"))
    if "enum" in c:
        allowed = {str(x) for x in c["enum"]}
        checks.append(pa.Check(lambda s: s.isin(allowed), name="enum"))
    if "minLength" in c or "maxLength" in c:
        shortest, longest = c.get("minLength", 0), c.get("maxLength", float("inf"))
        checks.append(pa.Check(lambda s: s.str.len().between(shortest, longest).astype(bool), name="length"))
    if "minimum" in c or "maximum" in c:
        lowest, highest = c.get("minimum", float("-inf")), c.get("maximum", float("inf"))
        checks.append(pa.Check(_each_distinct(lambda v: (n := _number(field, v)) is None or lowest <= n <= highest),
                               name="range"))
    return checks


def build(resource: Resource, patterns: dict | None = None, part: str = "all",
          budget: PatternBudget | None = None) -> pa.DataFrameSchema:
    """The pandera schema of RESOURCE; PATTERNS, when given, receives each field's SlowPattern.

    PART "cells" leaves out the checks that compare rows (unique fields, the primary key), "keys"
    keeps only those: ``validate --changed-since`` checks cells on some rows, keys on all."""
    pk = resource.primary_key
    cells, keys = part in ("all", "cells"), part in ("all", "keys")
    columns = {}
    for field in resource.fields:
        c = field.get("constraints", {})
        required = bool(c.get("required")) or field["name"] in pk
        unique = bool(c.get("unique")) or pk == [field["name"]]
        columns[field["name"]] = pa.Column(
            object, nullable=not (required and cells), unique=unique and keys, report_duplicates="exclude_first",
            checks=_field_checks(field, patterns, budget) if cells else [], coerce=False, required=True,
        )
    return pa.DataFrameSchema(
        columns, unique=pk if len(pk) > 1 and keys else None, report_duplicates="exclude_first", strict=True
    )


ALLOWED_SHOWN = 8  # an enum message lists at most this many allowed values...
ALLOWED_CHARS = 200  # ...and at most about this many characters of them


def allowed(values: list) -> str:
    """The allowed values of an enum for a message: all of a short list; of a long one, the first
    few and how many there are in all, so a large enum cannot make every message large."""
    shown, size = [], 0
    for value in values:
        text = str(value)
        if len(shown) == ALLOWED_SHOWN or size + len(text) > ALLOWED_CHARS:
            break
        shown.append(text)
        size += len(text) + 2
    if len(shown) == len(values):
        return ", ".join(shown)
    first = ", ".join(shown) or show(values[0], 40)
    return f"{first}, ... ({len(values):,} allowed values; see the schema)"


def _describe(field: dict, rule: str, value: object) -> str:
    c = field.get("constraints", {})
    v = show(value)
    if rule == "required":
        return "is empty but required"
    if rule == "type":
        return f"{v} is not {fieldtypes.of(field).wording}"
    if rule == "pattern":
        return f"{v} does not match the pattern {c['pattern']}"
    if rule == "enum":
        return f"{v} is not one of: {allowed(c['enum'])}"
    if rule == "length":
        limits = [f"at least {c['minLength']}" if "minLength" in c else "",
                  f"at most {c['maxLength']}" if "maxLength" in c else ""]
        return f"{v} has {len(str(value))} characters; must have {' and '.join(x for x in limits if x)}"
    if rule == "range":
        return f"{v} is outside [{c.get('minimum', '-inf')}, {c.get('maximum', 'inf')}]"
    if rule == "unique":
        return f"{v} is repeated; each value may appear once"
    return f"{v} fails {rule}"


def _slow_patterns(resource: Resource, patterns: dict) -> list[Error]:
    from .limits import PATTERN_RUN_ENV, PATTERN_RUN_SECONDS, PATTERN_SECONDS

    return [Error(resource.schema_path or "datapackage.json", None, name, "descriptor-invalid",
                  f"{resource.name}: the pattern of {show(name)} was stopped at {show(guard.slow, 40)}: the "
                  f"schemas' patterns took more than {PATTERN_RUN_SECONDS} s in all in this run (set "
                  f"{PATTERN_RUN_ENV} to allow more); until then its cells are not checked against it"
                  if guard.over_budget else
                  f"{resource.name}: the pattern of {show(name)} takes more than {PATTERN_SECONDS} s on "
                  f"{show(guard.slow, 40)}: simplify it; until then its cells are not checked against it")
            for name, guard in patterns.items() if guard.slow is not None]


_PANDERA_RULES = {"not_nullable": "required", "field_uniqueness": "unique",
                  "multiple_fields_uniqueness": "primary-key"}


def check_table(table: Table, rows=None, budget: PatternBudget | None = None) -> list[Error]:
    """Run the derived pandera schema over one table and translate its failures.

    ROWS (a boolean mask over the table's rows), when given, limits the checks of cells to
    those rows; the keys are still checked on every row. BUDGET is the run's time for patterns
    (a table of its own when not given)."""
    if table.frame is None:
        return []
    budget = budget or PatternBudget()
    if rows is None:
        return _check(table, table.frame, "all", budget)
    return _check(table, table.frame[rows], "cells", budget) + [
        e for e in _check(table, table.frame, "keys", budget) if e.rule.name in ("unique", "primary-key")]


def _check(table: Table, frame: pd.DataFrame, part: str, budget: PatternBudget) -> list[Error]:
    resource = table.resource
    patterns: dict[str, SlowPattern] = {}
    try:
        build(resource, patterns, part, budget).validate(frame, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return _slow_patterns(resource, patterns)
    errors = _slow_patterns(resource, patterns)
    pk = resource.primary_key
    for case in cases.itertuples(index=False):
        rule = _PANDERA_RULES.get(case.check, case.check)
        if rule == "unique" and pk == [case.column]:
            rule = "primary-key"  # a repeated identifier: one error, named for the key
        line = None if pd.isna(case.index) else int(case.index)
        if rule == "primary-key":
            if case.column != pk[0]:
                continue  # one error per duplicated key, not one per key field
            values = frame.loc[line, pk]
            key = ", ".join(f"{k}={show(values[k])}" for k in pk)
            errors.append(Error(table.file, line, "+".join(pk), rule,
                                f"the primary key ({key}) is repeated; an earlier row has it"))
            continue
        field = resource.field(case.column) or {}
        errors.append(Error(table.file, line, case.column, rule, _describe(field, rule, case.failure_case)))
    return errors
