"""Measure `dipevents validate` on the real package and on a synthetic large copy.

Usage: python scripts/benchmark.py [--meetings N]

The synthetic copy repeats the real meetings, participants and statements with new IDs
(evidence, dates and sources unchanged, so every rule has real work to do). Prints wall
times; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ["datapackage.json", "schemas", "data", "sources"]


def _timed(args: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True)
    return time.perf_counter() - started, proc.returncode


def _grow(root: Path, copies: int) -> dict[str, int]:
    """Append COPIES renamed copies of each meeting (with its participants and statements)."""
    counts = {}
    renamed = {}
    for table, id_columns in [("meetings", ["meeting_id"]), ("meeting_participants", ["meeting_id"]),
                              ("statements", ["statement_id", "meeting_id"])]:
        path = root / "data" / f"{table}.csv"
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        header, body = rows[0], rows[1:]
        cols = [header.index(c) for c in id_columns]
        parent = header.index("parent_meeting_id") if "parent_meeting_id" in header else None
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerows(rows)
        for n in range(copies):
            for row in body:
                new = list(row)
                for c in cols:
                    if new[c]:
                        new[c] = f"{new[c]}-copy{n}"
                if parent is not None and new[parent]:
                    new[parent] = f"{new[parent]}-copy{n}"
                writer.writerow(new)
        path.write_text(out.getvalue(), encoding="utf-8")
        counts[table] = len(body) * (copies + 1)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=10_000, help="meetings in the synthetic copy")
    args = parser.parse_args()
    validate = [sys.executable, "-m", "dipevents.cli", "validate"]
    seconds, code = _timed(validate + [str(ROOT)])
    print(f"real package: dipevents validate {seconds:.2f} s (exit {code})")
    seconds, code = _timed([sys.executable, "-m", "dipevents.cli", "--help"])
    print(f"dipevents --help: {seconds:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for part in PARTS:
            src = ROOT / part
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / part)
        real = len((ROOT / "data/meetings.csv").read_text(encoding="utf-8").splitlines()) - 1
        counts = _grow(root, max(args.meetings // real - 1, 0))
        seconds, code = _timed(validate + [str(root), "--format", "json"])
        print(f"synthetic package {counts}: dipevents validate {seconds:.2f} s (exit {code})")
        seconds, code = _timed([sys.executable, "-m", "frictionless", "validate", str(root / "datapackage.json")])
        print(f"synthetic package: frictionless validate alone {seconds:.2f} s (exit {code})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
