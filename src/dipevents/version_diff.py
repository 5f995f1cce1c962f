"""Rows added, removed and changed between two versions of the package, by primary key."""

from __future__ import annotations

import io
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import git
from .escape import display, gfm_cell, gfm_code
from .loader import load
from .package import DESCRIPTOR
from .report import show
from .tables import read_tables, rows


class DiffError(Exception):
    """A side of the comparison could not be read."""


@dataclass
class TableDiff:
    name: str
    status: str = ""  # "added" or "removed" for a whole table
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[tuple[str, object, object]]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.status or self.columns_added or self.columns_removed
                    or self.added or self.removed or self.changed)


@dataclass
class Side:
    columns: dict[str, list[str]]  # table -> its columns
    rows: dict[str, dict[str, dict]]  # table -> key -> row


def keyed_rows(root: Path, label: str) -> Side:
    """Every table of the package at ROOT by primary key; refuses a package it cannot read whole."""
    package, errors = load(root)
    if package is None or errors:
        raise DiffError(f"{label}: {errors[0].file}: {errors[0].message}; run dipevents validate on it")
    tables, read_errors = read_tables(package)
    broken = [e for e in read_errors if e.rule.name not in {"bom", "line-ending", "control-character"}]
    if broken:
        raise DiffError(f"{label}: {broken[0].file}:{broken[0].line}: {broken[0].message}; run dipevents validate on it")
    side = Side({}, {})
    for name, table in tables.items():
        pk = table.resource.primary_key or list(table.frame.columns)
        keyed: dict[str, dict] = {}
        for line, r in rows(table.frame):
            key = "--".join("" if r[k] is None else str(r[k]) for k in pk)
            if key in keyed:
                raise DiffError(f"{label}: {table.file}:{line}: the key {key} is repeated; run dipevents validate on it")
            keyed[key] = r
        side.columns[name], side.rows[name] = list(table.frame.columns), keyed
    return side


def compare(old: Side, new: Side) -> list[TableDiff]:
    result = []
    for name in list(new.rows) + [n for n in old.rows if n not in new.rows]:
        before, after = old.rows.get(name, {}), new.rows.get(name, {})
        cols_old, cols_new = old.columns.get(name, []), new.columns.get(name, [])
        d = TableDiff(name, "added" if name not in old.rows else "removed" if name not in new.rows else "",
                      [c for c in cols_new if c not in cols_old] if cols_old else [],
                      [c for c in cols_old if c not in cols_new] if cols_new else [],
                      sorted(set(after) - set(before)), sorted(set(before) - set(after)))
        for key in sorted(set(before) & set(after)):
            fields = list(after[key]) + [f for f in before[key] if f not in after[key]]
            changes = [(f, before[key].get(f), after[key].get(f)) for f in fields
                       if before[key].get(f) != after[key].get(f)]
            if changes:
                d.changed.append((key, changes))
        result.append(d)
    return result


def _extract(tar: tarfile.TarFile, target: Path) -> None:
    """Regular files only, each checked to land inside TARGET (links and devices are skipped)."""
    root = target.resolve()
    for member in tar.getmembers():
        if not member.isfile():
            continue
        dest = (root / member.name).resolve()
        if not dest.is_relative_to(root):
            raise DiffError(f"the revision holds a path outside its tree: {member.name!r}")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(tar.extractfile(member).read())


def materialise(spec: str, repo: Path, workdir: Path) -> Path:
    """A package folder as given, or the tree of a git revision extracted into WORKDIR."""
    path = Path(spec)
    if (path / DESCRIPTOR).is_file():
        return path
    try:
        tree, complaint = git.rev_parse(repo, spec, "tree")
        proc = None if tree is None else git.run(repo, "archive", "--format=tar", tree, check=False)
    except git.GitError as exc:
        raise DiffError(str(exc)) from None
    if tree is None:
        raise DiffError(f"{spec!r} is neither a package folder nor a git revision of {repo}"
                        + (f" ({complaint})" if complaint else ""))
    if proc.returncode:
        raise DiffError(f"git archive {spec}: {proc.stderr.decode(errors='replace').strip()}")
    target = workdir / f"rev-{len(list(workdir.iterdir()))}"
    target.mkdir()
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        _extract(tar, target)
    return target


def diff_specs(old: str, new: str, repo: Path) -> list[TableDiff]:
    with tempfile.TemporaryDirectory() as tmp:
        return compare(keyed_rows(materialise(old, repo, Path(tmp)), old),
                       keyed_rows(materialise(new, repo, Path(tmp)), new))


def _counts(d: TableDiff) -> str:
    counts = f"{len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed"
    return f"table {d.status}; {counts}" if d.status else counts


def _column_lines(d: TableDiff, name=display) -> list[str]:
    return ([f"column added: {name(c)}" for c in d.columns_added]
            + [f"column removed: {name(c)}" for c in d.columns_removed])


def render_text(diffs: list[TableDiff]) -> str:
    """For a terminal: table names, columns and keys through escape.display, values quoted (show)."""
    out = []
    for d in diffs:
        if d.empty:
            continue
        out.append(f"{display(d.name)}: {_counts(d)}")
        out += [f"  {line}" for line in _column_lines(d)]
        out += [f"  + {display(key)}" for key in d.added] + [f"  - {display(key)}" for key in d.removed]
        for key, changes in d.changed:
            out.append(f"  ~ {display(key)}")
            out += [f"      {display(f)}: {show(a)} -> {show(b)}" for f, a, b in changes]
    return "\n".join(out or ["No differences."]) + "\n"


def _cell(value: object) -> str:
    return "" if value is None else gfm_cell(value)


def render_markdown(diffs: list[TableDiff]) -> str:
    out = []
    for d in diffs:
        if d.empty:
            continue
        columns = _column_lines(d, gfm_code)
        out += [f"### {gfm_code(d.name)}: {_counts(d)}", ""] + [f"- {line}" for line in columns]
        out += ([""] if columns else []) + ["| change | id | field | old | new |", "|---|---|---|---|---|"]
        out += [f"| added | {gfm_code(k)} | | | |" for k in d.added]
        out += [f"| removed | {gfm_code(k)} | | | |" for k in d.removed]
        for key, changes in d.changed:
            out += [f"| changed | {gfm_code(key)} | {gfm_code(f)} | {_cell(a)} | {_cell(b)} |" for f, a, b in changes]
        out.append("")
    return "\n".join(out or ["No differences."]) + "\n"
