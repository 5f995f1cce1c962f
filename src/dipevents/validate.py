"""The whole validation: load the descriptor, read each table and check it against its schema
(pandera), run the rules, and with --official add frictionless' own row-by-row pass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from . import official as frictionless_pass
from .context import Context
from .limits import PatternBudget
from .loader import load
from .package import Package
from .report import Error, merge
from .step_codes import STEP_CODES
from .tables import Table
from .tracked_tables import Tables


@dataclass
class Result:
    package: Package | None
    tables: Mapping[str, Table] = field(default_factory=dict)
    errors: list[Error] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # records per table (0 when unreadable)
    scope: str = ""  # with --changed-since: which rows were checked
    notes: list[str] = field(default_factory=list)  # for the person running it (the cache could not be used...)

    @property
    def valid(self) -> bool:
        return not any(e.severity == "error" for e in self.errors)

    def summary(self) -> dict:
        if self.package is None:
            return {}
        return {"name": self.package.name, "version": self.package.version, "tables": dict(self.rows)}


STRUCTURAL = {rule.name for rule in STEP_CODES if rule.code.startswith("DE1")}


def _not_already_explained(ours: list[Error], official_errors: list[Error], tables: dict[str, Table]) -> list[Error]:
    """Drop official errors that restate a problem our reader already pinned to a line.

    Frictionless reports a short row once per missing cell (and again as "required"), an
    undecodable file once per table that references it, and a broken file's rows as data
    errors; ours names the file and line once. Until a file can be read, references into
    it are not judged either.
    """
    unreadable = {t.file for t in tables.values() if t.frame is None}
    reported = {e.rule.name for e in ours if e.rule.name in STRUCTURAL}
    lines = {(e.file, e.line) for e in ours if e.rule.name in STRUCTURAL}
    return [e for e in official_errors
            if e.file not in unreadable
            and not (e.rule.name in STRUCTURAL and e.rule.name in reported)
            and (e.file, e.line) not in lines
            and not (unreadable and e.rule.name == "foreign-key")]


def _too_large(package: Package) -> Error | None:
    """An error when the package's tables and archived texts together are over the package limit
    (one status per file: nothing is read)."""
    import os

    from . import limits
    from .archived_texts import SOURCE_DIR

    total = 0
    for resource in package.resources.values():
        try:
            total += os.lstat(resource.file).st_size
        except OSError:
            pass  # the table's own step says what is wrong with it
    try:
        with os.scandir(package.root / SOURCE_DIR) as texts:
            total += sum(entry.stat(follow_symlinks=False).st_size for entry in texts if entry.is_file(follow_symlinks=False))
    except OSError:
        pass
    if total <= limits.MAX_PACKAGE_BYTES:
        return None
    return Error(package.descriptor_file, None, None, "too-large",
                 f"the tables and archived texts take {total / limits.MB:,.0f} MB, more than "
                 f"{limits.MAX_PACKAGE_BYTES // limits.MB:,} MB, the limit for a package "
                 f"(set {limits.PACKAGE_MB_ENV} to allow more); nothing is read")


def _guarded(step, *args) -> list[Error]:
    """Run one check; a crash becomes an error about that check, never a traceback."""
    try:
        return list(step(*args))
    except Exception as exc:  # noqa: BLE001 - any failure of a check must reach the user
        name = getattr(step, "__name__", str(step))
        return [Error("datapackage.json", None, None, "internal",
                      f"the check {name} stopped: {type(exc).__name__}: {exc}")]


def _missing(check, package: Package, readable: dict[str, bool]) -> Error | None:
    """A notice when a table or column the check needs is absent: the check cannot run.

    A table is read into a frame only when its header is its schema's field list, so a
    readable table has exactly its schema's columns."""
    for name, columns in check.needs.items():
        resource = package.resources.get(name)
        if resource is None:
            return Error("datapackage.json", None, None, "check-not-run",
                         f"the check {check.name} needs the table {name}, which the package does not have")
        if not readable[name]:
            return Error(resource.path, None, None, "check-not-run",
                         f"the check {check.name} cannot run until {resource.path} can be read")
        absent = [c for c in columns if c not in resource.field_names]
        if absent:
            return Error(resource.path, 1, absent[0], "check-not-run",
                         f"the check {check.name} needs the column(s) {', '.join(absent)} of {name}")
    return None


def _table_step(tables: Tables, name: str, store, budget) -> tuple[list[Error], bool, int]:
    """Read and schema-check one table: (errors, readable, records), from the cache when its
    file is unchanged."""
    from .cache import Inputs, errors_from_json, errors_to_json

    resource = tables.package.resources[name]
    step = f"table:{name}"
    hit = store.get(step) if store else None
    if hit is not None:
        return errors_from_json(hit["errors"]), hit["readable"], hit["rows"]
    from . import schema  # pandera: not imported when every table's check is in the cache
    table = tables[name]
    errors = list(tables.read_errors[name]) + _guarded(schema.check_table, table, None, budget)
    readable, records = table.frame is not None, (0 if table.frame is None else len(table.frame))
    if store and not any(e.rule.name == "internal" for e in errors):
        store.put(step, Inputs({resource.path: None}),
                  {"errors": errors_to_json(errors), "readable": readable, "rows": records})
    return errors, readable, records


def _rule_step(check, ctx: Context, tables: Tables, readable: dict[str, bool], store) -> list[Error]:
    """Run one rule, from the cache when every file it read last time is unchanged."""
    from .cache import Inputs, errors_from_json, errors_to_json

    step = f"rule:{check.name}"
    hit = store.get(step) if store else None
    if hit is not None:
        return errors_from_json(hit["errors"])
    used = tables.track()
    try:
        for name in check.needs:
            if name in tables.package.resources:
                tables.use(tables.package.resources[name].path)
        missing = _missing(check, tables.package, readable)
        errors = [missing] if missing else _guarded(check.func, ctx)
    finally:
        tables.untrack(used)
    if store and not any(e.rule.name == "internal" for e in errors):
        store.put(step, Inputs(dict.fromkeys(used)), {"errors": errors_to_json(errors)})
    return errors


def _incremental(package: Package, load_errors: list[Error], changes) -> tuple[list[Error], Tables, dict, str]:
    """Validate the rows CHANGES names and the rows tied to them (see changed_scope)."""
    import numpy as np

    from . import schema
    from .changed_scope import Reported, focus, restricted
    from .rules import ALL

    tables = Tables(package)
    budget = PatternBudget()
    ours = list(load_errors)
    for name in package.resources:
        tables[name]  # every table read first: the focus follows references between them
    whole = Context(package, tables)
    try:
        core, context = focus(package, tables, changes, whole)
        reason = None
    except Exception as exc:  # noqa: BLE001 - a failure to narrow the rows must not narrow the check
        every = {n: np.ones(len(tables[n].frame), bool) for n in package.resources if tables[n].frame is not None}
        core, context = every, every
        reason = f"the rows tied to the change could not be worked out ({type(exc).__name__}: {exc})"
    readable, records = {}, {}
    for name in package.resources:
        table = tables[name]
        ours += tables.read_errors[name]
        ours += _guarded(schema.check_table, table, core.get(name), budget)
        readable[name] = table.frame is not None
        records[name] = 0 if table.frame is None else len(table.frame)
    part = whole.seeing(restricted(tables, context))
    reported_on = Reported(tables, core)
    for check in ALL:
        missing = _missing(check, package, readable)
        if missing:
            ours.append(missing)
        elif check.per_row:
            ours += reported_on(_guarded(check.func, part))
        else:
            ours += _guarded(check.func, whole)
    changed = sum(int(m.sum()) for m in core.values())
    scope = (f"checked every row: {reason}" if reason else
             f"checked {changed:,} of {sum(records.values()):,} rows: those changed since "
             f"{changes.revision[:12]} and those tied to them")
    return ours, tables, records, scope


def run(location, official: bool = False, cache: bool = True, changed_since: str | None = None) -> Result:
    """Validate the package at LOCATION. With OFFICIAL, frictionless' own row-by-row pass
    runs too and its findings are merged in (``validate --official``).
    With CACHE, each step's result is reused while the files it read are unchanged (see cache).
    With CHANGED_SINCE (a git revision), only the rows changed since it and the rows tied to
    them are checked (see changed_scope); changed_rows.RevisionError says why it cannot be compared."""
    from .cache import open_store
    from .rules import ALL

    package, load_errors = load(location)
    if package is None:
        return Result(None, errors=merge(load_errors))
    too_large = _too_large(package)
    if too_large is not None:
        return Result(package, errors=merge(load_errors, [too_large]))
    if changed_since is not None and not load_errors:
        from . import changed_rows as since

        found = since.since(package, changed_since)
        if found.everything is None:
            ours, tables, records, scope = _incremental(package, load_errors, found)
            return Result(package, tables, merge(ours), records, scope)
        scope = f"checked every row: {found.everything}"
    else:
        scope = ""
    tables = Tables(package)
    store = open_store(package) if cache and not load_errors else None
    budget = PatternBudget()  # the time the schemas' patterns may take in this run, in all
    if store:
        store.read_log = tables.read_log
    try:
        ours = list(load_errors)
        readable, records = {}, {}
        for name in package.resources:
            errors, readable[name], records[name] = _table_step(tables, name, store, budget)
            ours += errors
        ctx = Context(package, tables)
        for check in ALL:
            ours += _rule_step(check, ctx, tables, readable, store)
    finally:
        if store:
            store.close()
    official_errors = []
    if official and not load_errors:
        # paths are known safe: the official validator may open them
        official_errors = _not_already_explained(ours, _guarded(frictionless_pass.validate, package, tables), tables)
    notes = [f"the result cache in {store.folder} cannot be used ({store.broken}): every check ran without it"
             ] if store and store.broken else []
    return Result(package, tables, merge(ours, official_errors), records, scope, notes)
