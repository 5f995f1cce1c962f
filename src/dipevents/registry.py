"""Where every check declares itself: its function, the codes it reports, what it needs.

A rule module decorates each rule function with ``@check(code(...), ..., needs=...)``. The
codes (with their title, hint and a wrong and a fixed example) are declared right above the
function that reports them, once; the catalogue, the error pages and the tests read them from
here. ``needs`` names the tables and columns the rule reads: when one is missing the runner
says so (DE902) instead of skipping the rule in silence.

This module is light (no pandas) and imports nothing of the toolkit: every code declared so far
is in DECLARED, by rule name, so an error holds its rule from the moment it is made
(``report.Error``); ``catalogue.py`` gathers them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rule:
    """One code the validator can report."""

    code: str
    name: str
    title: str
    hint: str
    severity: str = "error"
    wrong: str = ""  # an example of the problem, for the error's documentation page
    fixed: str = ""  # the same example, corrected


DECLARED: dict[str, Rule] = {}


def code(code: str, name: str, title: str, hint: str, *, wrong: str, fixed: str,
         severity: str = "error") -> Rule:
    """Declare a code (the catalogue refuses a code or name declared twice)."""
    rule = DECLARED[name] = Rule(code, name, title, hint, severity, wrong, fixed)
    return rule


@dataclass(frozen=True)
class Check:
    """A rule function and the codes it reports."""

    func: Callable
    codes: tuple[Rule, ...]
    needs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    per_row: bool = False

    @property
    def name(self) -> str:
        return self.func.__name__


CHECKS: list[Check] = []


def check(*codes: Rule, needs: dict[str, tuple[str, ...]] | None = None, per_row: bool = False):
    """Register the decorated function as a rule reporting CODES; it runs in declaration order.

    PER_ROW declares that the rule's verdict on a row depends only on that row, the rows its
    foreign keys name and their archived texts, and that it reports on that row: then
    ``validate --changed-since`` runs it on the changed rows and the rows tied to them only.
    A rule that compares rows with each other (keys, duplicates, cycles, groups) does not."""
    def register(func: Callable) -> Callable:
        CHECKS.append(Check(func, tuple(codes), dict(needs or {}), per_row))
        return func
    return register
