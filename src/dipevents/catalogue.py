"""The catalogue of every problem the validator can report: the steps' codes (``step_codes.py``)
and those the rules declare with ``@check`` (``rules/``). The error pages and the tests read it.
"""

from __future__ import annotations

from functools import cache

from . import rules
from .registry import CHECKS, Rule
from .step_codes import STEP_CODES


@cache
def catalogue() -> dict[str, Rule]:
    """Every code, by rule name: the steps' codes and those the rules declare."""
    declared = STEP_CODES + [c for check in CHECKS for c in check.codes]
    names = [r.name for r in declared]
    codes = [r.code for r in declared]
    dupes = {x for x in names + codes if names.count(x) > 1 or codes.count(x) > 1}
    if dupes:
        raise RuntimeError(f"codes declared twice: {sorted(dupes)}")
    assert rules.ALL  # importing the rules registered them
    return {r.name: r for r in declared}


def by_code() -> dict[str, Rule]:
    return {r.code: r for r in catalogue().values()}

