"""Which rows ``validate --changed-since REV`` checks, and the checks run on them.

Every table is read whole (the keys need every row). Then:

- the rows to report on (``core``): the changed rows (see changed_rows), the source rows whose
  archived text is unusable now (an unchanged row that still matches its SHA-256 has the
  revision's text), and every row whose foreign key (or source_id) names one of them (a
  statement whose meeting moved may now fall outside its dates);
- the rows a check may look at (``context``): those, and every row their foreign keys name (a
  statement's meeting and source, the source's archived text).

Checks of single cells (the schema's types, patterns, codes...) and the rules declared
``per_row`` (see registry) run on the context and keep what they report on the core rows. The
checks that compare rows with each other (unique fields, primary keys, foreign keys, duplicate
rows, cycles, bilateral sides, retired ids) run on every row, as in a full validation. When the
revision passed validation, the verdict is the full validation's: an unchanged row tied to no
change gives what it gave at the revision, nothing (tests/test_changed_since.py compares the
two on every bad-input case of the test suite).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .archived_texts import SOURCES
from .changed_rows import ALL, Changes
from .package import Package
from .report import Error
from .tables import Table, rows


def _keys(frame: pd.DataFrame, fields: list[str], mask: np.ndarray | None = None) -> pd.Index:
    """The distinct non-empty values (tuples for several fields) of FIELDS, on the rows of MASK."""
    part = frame[fields] if mask is None else frame.loc[mask, fields]
    part = part.dropna()
    if len(fields) == 1:
        return pd.Index(part[fields[0]].unique())
    return pd.MultiIndex.from_frame(part).unique()


def _holding(frame: pd.DataFrame, fields: list[str], keys: pd.Index) -> np.ndarray:
    """A mask of FRAME's rows whose FIELDS hold one of KEYS."""
    if not len(keys):
        return np.zeros(len(frame), bool)
    if len(fields) == 1:
        return frame[fields[0]].isin(keys).to_numpy()
    return pd.MultiIndex.from_frame(frame[fields]).isin(keys)


def _links(package: Package, frames: dict[str, pd.DataFrame]):
    """(child, fields, parent, parent fields) of every foreign key whose tables were read and
    hold the fields named, and of every source_id column (the rules find a row's source by
    that name, declared as a foreign key or not)."""
    found = set()
    for child, resource in package.resources.items():
        links = [(fk.fields, fk.resource, fk.ref_fields) for fk in resource.foreign_keys]
        if child != SOURCES:
            links.append((["source_id"], SOURCES, ["source_id"]))
        for fields, parent, ref_fields in links:
            mine, theirs = frames.get(child), frames.get(parent)
            if (mine is None or theirs is None or not fields or len(fields) != len(ref_fields)
                    or not set(fields) <= set(mine.columns) or not set(ref_fields) <= set(theirs.columns)):
                continue
            link = (child, tuple(fields), parent, tuple(ref_fields))
            if link not in found:
                found.add(link)
                yield child, list(fields), parent, list(ref_fields)


def focus(package: Package, tables, changes: Changes, ctx) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """(core, context): per readable table, a mask of the rows to report on and of the rows
    checks may look at (see the module's docstring). CTX (a Context on every row) reads the
    archived texts: a source whose text is unusable counts as changed."""
    frames = {name: tables[name].frame for name in package.resources if tables[name].frame is not None}
    changed: dict[str, np.ndarray] = {}
    for name, frame in frames.items():
        lines = changes.lines.get(name, ALL)
        changed[name] = np.ones(len(frame), bool) if lines is ALL else frame.index.isin(list(lines))
    sources = frames.get(SOURCES)
    if sources is not None and {"text_path", "text_sha256"} <= set(sources.columns):
        # an unchanged row's text is the revision's when it still matches its SHA-256 (and is usable)
        unusable = [ctx.archive(row).text is None for _, row in rows(sources)]
        changed[SOURCES] = changed[SOURCES] | np.array(unusable, bool)
    links = list(_links(package, frames))
    core = {name: mask.copy() for name, mask in changed.items()}
    for child, fields, parent, ref_fields in links:
        if changed[parent].any():
            core[child] |= _holding(frames[child], fields, _keys(frames[parent], ref_fields, changed[parent]))
    context = {name: mask.copy() for name, mask in core.items()}
    for child, fields, parent, ref_fields in links:
        if core[child].any():
            context[parent] |= _holding(frames[parent], ref_fields, _keys(frames[child], fields, core[child]))
    return core, context


def restricted(tables, masks: dict[str, np.ndarray]) -> dict[str, Table]:
    """The tables with only the rows of MASKS (same line numbers); unreadable ones as they are."""
    out = {}
    for name in tables:
        table = tables[name]
        if table.frame is None or name not in masks:
            out[name] = table
        else:
            out[name] = Table(table.resource, table.header, table.record_lines, table.frame[masks[name]])
    return out


class Reported:
    """Keeps the errors about core rows, and those about no row (a file, a header, a column or
    the package); leaves out those about rows outside the core."""

    def __init__(self, tables, core: dict[str, np.ndarray]):
        self._records = {}  # file -> (its record lines, its core lines)
        for name, mask in core.items():
            table = tables[name]
            self._records[table.file] = (table.frame.index, set(table.frame.index[mask].tolist()))

    def __call__(self, errors: list[Error]) -> list[Error]:
        return [e for e in errors if self._kept(e)]

    def _kept(self, e: Error) -> bool:
        if e.line is None or e.file not in self._records:
            return True
        records, core = self._records[e.file]
        return e.line in core or e.line not in records
