"""Rows added, removed and changed between two versions of the package, by primary key."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .package import DESCRIPTOR, load
from .report import show
from .tables import read_tables, rows


class DiffError(Exception):
    """A side of the comparison could not be read."""


@dataclass
class TableDiff:
    name: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[tuple[str, object, object]]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def keyed_rows(root: Path) -> dict[str, dict[str, dict]]:
    """table -> key -> row, for every table of the package at ROOT."""
    package, errors = load(root)
    if package is None:
        raise DiffError(f"{root}: {errors[0].message}")
    tables, _ = read_tables(package)
    out = {}
    for name, table in tables.items():
        if table.frame is None:
            raise DiffError(f"{root}: {table.file} cannot be read; run dipevents validate on it")
        pk = table.resource.primary_key or list(table.frame.columns)
        out[name] = {"--".join(str(r[k]) for k in pk): r for _, r in rows(table.frame)}
    return out


def compare(old: dict[str, dict[str, dict]], new: dict[str, dict[str, dict]]) -> list[TableDiff]:
    result = []
    for name in list(new) + [n for n in old if n not in new]:
        before, after = old.get(name, {}), new.get(name, {})
        d = TableDiff(name, sorted(set(after) - set(before)), sorted(set(before) - set(after)))
        for key in sorted(set(before) & set(after)):
            fields = list(after[key]) + [f for f in before[key] if f not in after[key]]
            changes = [(f, before[key].get(f), after[key].get(f)) for f in fields
                       if before[key].get(f) != after[key].get(f)]
            if changes:
                d.changed.append((key, changes))
        result.append(d)
    return result


def materialise(spec: str, repo: Path, workdir: Path) -> Path:
    """A package folder as given, or the tree of a git revision extracted into WORKDIR."""
    path = Path(spec)
    if (path / DESCRIPTOR).is_file():
        return path
    proc = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", spec],
                          capture_output=True)
    if proc.returncode:
        raise DiffError(f"{spec!r} is neither a package folder nor a git revision of {repo}")
    target = workdir / f"rev-{len(list(workdir.iterdir()))}"
    target.mkdir()
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target


def diff_specs(old: str, new: str, repo: Path) -> list[TableDiff]:
    with tempfile.TemporaryDirectory() as tmp:
        return compare(keyed_rows(materialise(old, repo, Path(tmp))), keyed_rows(materialise(new, repo, Path(tmp))))


def _counts(d: TableDiff) -> str:
    return f"{len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed"


def render_text(diffs: list[TableDiff]) -> str:
    out = []
    for d in diffs:
        if d.empty:
            continue
        out.append(f"{d.name}: {_counts(d)}")
        out += [f"  + {key}" for key in d.added] + [f"  - {key}" for key in d.removed]
        for key, changes in d.changed:
            out.append(f"  ~ {key}")
            out += [f"      {f}: {show(a)} -> {show(b)}" for f, a, b in changes]
    return "\n".join(out or ["No differences."]) + "\n"


def _cell(value: object) -> str:
    from .report import _md_cell

    return "" if value is None else _md_cell(str(value))


def render_markdown(diffs: list[TableDiff]) -> str:
    out = []
    for d in diffs:
        if d.empty:
            continue
        out += [f"### `{d.name}`: {_counts(d)}", "", "| change | id | field | old | new |", "|---|---|---|---|---|"]
        out += [f"| added | `{_cell(k)}` | | | |" for k in d.added]
        out += [f"| removed | `{_cell(k)}` | | | |" for k in d.removed]
        for key, changes in d.changed:
            out += [f"| changed | `{_cell(key)}` | `{_cell(f)}` | {_cell(a)} | {_cell(b)} |" for f, a, b in changes]
        out.append("")
    return "\n".join(out or ["No differences."]) + "\n"
