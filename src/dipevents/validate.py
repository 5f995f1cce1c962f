"""The whole validation: load, read, official checks, derived schema checks, rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import official as frictionless_pass
from .context import Context
from .package import Package, load
from .codes import STEP_CODES
from .report import Error, merge
from .tables import Table, read_tables


@dataclass
class Result:
    package: Package | None
    tables: dict[str, Table] = field(default_factory=dict)
    errors: list[Error] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(e.severity == "error" for e in self.errors)

    def summary(self) -> dict:
        if self.package is None:
            return {}
        rows = {name: (0 if t.frame is None else len(t.frame)) for name, t in self.tables.items()}
        return {"name": self.package.name, "version": self.package.version, "tables": rows}


STRUCTURAL = {rule.name for rule in STEP_CODES if rule.code.startswith("DE1")}


def _not_already_explained(ours: list[Error], official_errors: list[Error], tables: dict[str, Table]) -> list[Error]:
    """Drop official errors that restate a problem our reader already pinned to a line.

    Frictionless reports a short row once per missing cell (and again as "required"), an
    undecodable file once per table that references it, and a broken file's rows as data
    errors; ours names the file and line once. Until a file can be read, references into
    it are not judged either.
    """
    unreadable = {t.file for t in tables.values() if t.frame is None}
    reported = {e.rule for e in ours if e.rule in STRUCTURAL}
    lines = {(e.file, e.line) for e in ours if e.rule in STRUCTURAL}
    return [e for e in official_errors
            if e.file not in unreadable
            and not (e.rule in STRUCTURAL and e.rule in reported)
            and (e.file, e.line) not in lines
            and not (unreadable and e.rule == "foreign-key")]


def _guarded(step, *args) -> list[Error]:
    """Run one check; a crash becomes an error about that check, never a traceback."""
    try:
        return list(step(*args))
    except Exception as exc:  # noqa: BLE001 - any failure of a check must reach the user
        name = getattr(step, "__name__", str(step))
        return [Error("datapackage.json", None, None, "internal",
                      f"the check {name} stopped: {type(exc).__name__}: {exc}")]


def _missing(check, tables: dict[str, Table]) -> Error | None:
    """A notice when a table or column the check needs is absent: the check cannot run."""
    for name, columns in check.needs.items():
        table = tables.get(name)
        if table is None:
            return Error("datapackage.json", None, None, "check-not-run",
                         f"the check {check.name} needs the table {name}, which the package does not have")
        if table.frame is None:
            return Error(table.file, None, None, "check-not-run",
                         f"the check {check.name} cannot run until {table.file} can be read")
        absent = [c for c in columns if c not in table.frame.columns]
        if absent:
            return Error(table.file, 1, absent[0], "check-not-run",
                         f"the check {check.name} needs the column(s) {', '.join(absent)} of {name}")
    return None


def run(location, official: bool = False) -> Result:
    """Validate the package at LOCATION. With OFFICIAL, frictionless' own row-by-row pass
    runs too and its findings are merged in (``validate --official``); without it, it runs
    only to be compared with ours when DIPEVENTS_CROSSCHECK asks for it (see crosscheck)."""
    from . import crosscheck

    package, load_errors = load(location)
    if package is None:
        return Result(None, errors=merge(load_errors))
    tables, read_errors = read_tables(package)
    ours = list(load_errors) + read_errors
    compare = not official and crosscheck.log_path() is not None
    if (official or compare) and not load_errors:
        # paths are known safe: the official validator may open them
        official_errors = _guarded(frictionless_pass.validate, package, tables)
    else:
        official_errors = []
    from . import schema
    from .rules import ALL

    for table in tables.values():
        ours += _guarded(schema.check_table, table)
    ctx = Context(package, tables)
    for check in ALL:
        missing = _missing(check, tables)
        if missing:
            ours.append(missing)
        else:
            ours += _guarded(check.func, ctx)
    official_errors = _not_already_explained(ours, official_errors, tables)
    if compare:
        crosscheck.record(location, ours, official_errors)
        return Result(package, tables, merge(ours))
    return Result(package, tables, merge(ours, official_errors))
