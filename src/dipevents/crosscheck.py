"""Compare the default (fast) validation with the official frictionless row-by-row pass.

``dipevents validate`` runs the project's own reader, pandera checks and rules; the
frictionless pass runs only with ``--official`` (and in the release workflow). The two must
agree: every fault frictionless finds, the fast path reports at the same place. When the
environment variable ``DIPEVENTS_CROSSCHECK`` names a file, every validation also runs the
official pass and appends one JSON line to that file: the package, how many official faults
it found, and each one the fast path did not report at the same file, line and column. The
test suite sets it for the whole session and its last test reads the file.
"""

from __future__ import annotations

import json
import os

from .report import Error

ENV = "DIPEVENTS_CROSSCHECK"


def log_path() -> str | None:
    return os.environ.get(ENV) or None


def unexplained(ours: list[Error], official: list[Error]) -> list[Error]:
    """The official faults the fast path does not report at the same place.

    A fault with a line must have one of ours on that line of that file, in the same
    column when both name one (a fault of a whole row, such as a short row, has no column
    in one of the two). A fault without a line (about the descriptor or a whole file) must
    have one of ours about the same file.
    """
    files = {e.file for e in ours}
    lines = {(e.file, e.line) for e in ours if e.line is not None}
    cells = {(e.file, e.line, e.column) for e in ours if e.line is not None}
    whole_row = {(e.file, e.line) for e in ours if e.line is not None and e.column is None}
    missed = []
    for fault in official:
        if fault.line is None:
            ok = fault.file in files
        elif fault.column is None:
            ok = (fault.file, fault.line) in lines
        else:
            ok = (fault.file, fault.line, fault.column) in cells or (fault.file, fault.line) in whole_row
        if not ok:
            missed.append(fault)
    return missed


def record(location, ours: list[Error], official: list[Error]) -> None:
    """Append this package's comparison to the log named by DIPEVENTS_CROSSCHECK."""
    path = log_path()
    if path is None:
        return
    entry = {"package": str(location), "official": len(official),
             "unexplained": [e.as_dict() for e in unexplained(ours, official)]}
    with open(path, "a", encoding="utf-8") as log:
        log.write(json.dumps(entry, ensure_ascii=False) + "\n")
