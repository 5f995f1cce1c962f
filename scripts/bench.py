"""Benchmark the validator, frictionless, the downloads and the site on synthetic packages.

Usage: python scripts/bench.py [--full] [--repeat R] [--sizes 10000,100000] [--no-site] [--out FILE]

In one run, so the figures compare: `dipevents validate` on the real package and `--help`;
then, for each size, a package from scripts/synth.py (distinct sources, evidence unique per
row) measured with `dipevents validate`, `frictionless validate` and the parse floor (pyarrow
reading the same CSVs); `build` and `site` at the smallest size (measured once). Each command
runs in its own process: wall time (median over R runs; the slow frictionless pass runs once
at 100k meetings and above), peak resident memory (the child's ru_maxrss) and rows per second.
--full adds 1M meetings (long). Writes a Markdown page with the machine it ran on (default
docs/performance.md); asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DIPEVENTS = [PY, "-m", "dipevents.cli"]
# The synthetic tables pass the 100 MB table limit (codebook: Limits) from about 150k
# meetings: the measured commands run with DIPEVENTS_MAX_TABLE_MB raised, as a package of that
# size would, so every table is read and every check runs (and the package limit, likewise).
TABLE_LIMIT = {"DIPEVENTS_MAX_TABLE_MB": "100000", "DIPEVENTS_MAX_PACKAGE_MB": "1000000"}

# Runs ARGV as the wrapper's only child and prints its peak RSS in KiB: ru_maxrss of
# RUSAGE_CHILDREN is the largest of all children, so each measured command gets a fresh wrapper.
_WRAPPER = ("import resource, subprocess, sys, json, time; t = time.perf_counter(); "
            "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(json.dumps([time.perf_counter() - t, p.returncode, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")


def run(argv: list[str], env: dict | None = None) -> tuple[float, int, int]:
    """(seconds, exit code, peak RSS in KiB) of one run of ARGV."""
    proc = subprocess.run([PY, "-c", _WRAPPER, *argv], capture_output=True, text=True, check=True, env=env)
    seconds, code, kib = json.loads(proc.stdout)
    return seconds, code, kib


def measure(argv: list[str], repeat: int, env: dict | None = None) -> dict:
    runs = [run(argv, env) for _ in range(repeat)]
    return {"median": statistics.median(r[0] for r in runs), "min": min(r[0] for r in runs),
            "runs": len(runs), "exit": runs[-1][1], "peak_mib": max(r[2] for r in runs) / 1024}


def parse_floor(root: Path, repeat: int) -> dict:
    """pyarrow reading every table of ROOT (all columns as strings), in a child process."""
    code = ("import sys, glob, pyarrow.csv as pc, pyarrow as pa; "
            "[pc.read_csv(f, convert_options=pc.ConvertOptions(column_types={}, strings_can_be_null=False, "
            "auto_dict_encode=False)) for f in sorted(glob.glob(sys.argv[1] + '/data/*.csv'))]")
    return measure([PY, "-c", code, str(root)], repeat)


def warm_runs(pkg: Path, cache: Path, repeat: int) -> dict:
    """`dipevents validate` with its cache (src/dipevents/cache.py): the run that fills it, runs
    with nothing changed, and a run after 100 rows were appended to statements (the file is
    put back afterwards)."""
    import csv
    import io

    env = {**os.environ, "DIPEVENTS_CACHE_DIR": str(cache)}
    shutil.rmtree(cache, ignore_errors=True)
    argv = DIPEVENTS + ["validate", str(pkg)]
    out = {"fill": measure(argv, 1, env), "warm": measure(argv, max(repeat, 3), env)}
    base = committed(pkg)
    statements = pkg / "data" / "statements.csv"
    original = statements.read_bytes()
    try:
        last = list(csv.reader(io.StringIO(original.decode("utf-8").splitlines()[-1])))[0]
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        for i in range(100):
            writer.writerow([f"{last[0]}-bench-{i}"] + last[1:])
        statements.write_bytes(original + buf.getvalue().encode("utf-8"))
        out["appended"] = measure(argv, 1, env)
        out["changed_since"] = measure(argv + ["--changed-since", base], 1, env)
    finally:
        statements.write_bytes(original)
    return out


def committed(pkg: Path) -> str:
    """The id of a commit of the whole package (made once: PKG becomes a git repository), for
    `validate --changed-since`."""
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false",
           "-C", str(pkg)]
    if not (pkg / ".git").exists():
        subprocess.run(git + ["init", "-q"], check=True)
        subprocess.run(git + ["add", "-A"], check=True)
        subprocess.run(git + ["commit", "-q", "-m", "synthetic package"], check=True)
    return subprocess.run(git + ["rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()


def rows_in(root: Path) -> int:
    total = 0
    for path in (root / "data").glob("*.csv"):
        with open(path, "rb") as f:
            total += sum(1 for _ in f) - 1
    return total


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        kib = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        ram = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"CPU": cpu, "Cores": f"{affinity} usable ({os.cpu_count()} online)", "RAM": ram,
            "Python": platform.python_version(), "OS": f"{platform.system()} {platform.release()}"}


def fmt_s(x: float) -> str:
    return f"{x:.2f} s" if x < 100 else f"{x:.0f} s"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also 1M meetings (long)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="10000,100000", help="meetings, comma-separated")
    parser.add_argument("--no-site", action="store_true", help="skip build and site")
    parser.add_argument("--no-frictionless", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--work", type=Path, help="folder for the synthetic packages (default: a temporary one)")
    parser.add_argument("--from-json", type=Path, help="write the page from figures saved with --json, measuring nothing")
    parser.add_argument("--notes", type=Path, help="Markdown appended to the page (say, the profile behind a missed target)")
    args = parser.parse_args(argv)
    notes = args.notes.read_text(encoding="utf-8") if args.notes else ""
    if args.from_json:
        args.out.write_text(page(json.loads(args.from_json.read_text(encoding="utf-8")), notes), encoding="utf-8")
        print(f"wrote {args.out}")
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([1_000_000] if args.full else [])
    os.environ.update(TABLE_LIMIT)
    results = {"machine": machine(), "real": {}, "sizes": []}
    print(json.dumps(results["machine"]), flush=True)
    results["real"]["validate"] = measure(DIPEVENTS + ["validate", str(ROOT)], max(args.repeat, 5))
    results["real"]["help"] = measure(DIPEVENTS + ["--help"], max(args.repeat, 5))
    results["real"]["rows"] = rows_in(ROOT)
    print("real", json.dumps(results["real"]), flush=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="dipevents-bench-"))
    try:
        for n in sizes:
            pkg = work / f"synth-{n}"
            started = time.perf_counter()
            if not (pkg / "datapackage.json").exists():  # a package from an earlier run is reused
                partial = work / f"synth-{n}.partial"  # renamed when complete: an interrupted run leaves no half package
                subprocess.run([PY, str(ROOT / "scripts" / "synth.py"), str(n), str(partial)], check=True,
                               stdout=subprocess.DEVNULL)
                shutil.rmtree(pkg, ignore_errors=True)
                partial.rename(pkg)
            entry = {"meetings": n, "rows": rows_in(pkg), "synth_s": time.perf_counter() - started}
            repeat = args.repeat if n <= 100_000 else 1
            entry["validate"] = measure(DIPEVENTS + ["validate", str(pkg), "--no-cache"], repeat)
            entry["parse"] = parse_floor(pkg, repeat)
            entry.update(warm_runs(pkg, work / f"cache-{n}", repeat))
            if not args.no_frictionless:
                entry["frictionless"] = measure([PY, "-m", "frictionless", "validate", str(pkg / "datapackage.json")],
                                                repeat if n < 100_000 else 1)
            if n == sizes[0] and not args.no_site:
                for name in ["mkdocs.yml", "docs"]:
                    src = ROOT / name
                    if src.is_dir():
                        shutil.copytree(src, pkg / name, dirs_exist_ok=True)
                    else:
                        shutil.copy2(src, pkg / name)
                for extra in ["CITATION.cff", "README.md", "CONTRIBUTING.md", "CHANGELOG.md", "LICENSE"]:
                    if (ROOT / extra).exists():
                        shutil.copy2(ROOT / extra, pkg / extra)
                entry["build"] = measure(DIPEVENTS + ["build", str(pkg), "--dist", str(work / "dist"),
                                                      "--out", str(work / "site-b")], 1)
                entry["site"] = measure(DIPEVENTS + ["site", str(pkg), "--out", str(work / "site-s")], 1)
            results["sizes"].append(entry)
            print(n, json.dumps(entry), flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    args.out.write_text(page(results, notes), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def targets(results: dict) -> list[str]:
    """The issue's targets, each with the figure measured and met / missed / not measured."""
    real, by_size = results["real"], {e["meetings"]: e for e in results["sizes"]}
    rows = []

    def add(what, limit, got, ok):
        rows.append(f"| {what} | {limit} | {got if got is not None else 'not measured'} | "
                    f"{'not measured' if got is None else ('met' if ok else '**missed**')} |")

    add("real data: `dipevents validate` median", "≤ 1.5 s", fmt_s(real["validate"]["median"]),
        real["validate"]["median"] <= 1.5)
    add("`dipevents --help`", "≤ 0.3 s", fmt_s(real["help"]["median"]), real["help"]["median"] <= 0.3)
    big = by_size.get(100_000)
    add("100k meetings: `dipevents validate`", "≤ 10 s", big and fmt_s(big["validate"]["median"]),
        big and big["validate"]["median"] <= 10)
    fr = big and big.get("frictionless")
    add("100k meetings: speed-up over `frictionless validate`", "≥ 10x",
        fr and f"{fr['median'] / big['validate']['median']:.2f}x", fr and fr["median"] / big["validate"]["median"] >= 10)
    huge = by_size.get(1_000_000)
    add("1M meetings cold", "≤ 30 s, peak < 4 GiB",
        huge and f"{fmt_s(huge['validate']['median'])}, {huge['validate']['peak_mib'] / 1024:.1f} GiB",
        huge and huge["validate"]["median"] <= 30 and huge["validate"]["peak_mib"] < 4096)
    add("1M meetings warm, nothing changed", "≤ 3 s", huge and "warm" in huge and fmt_s(huge["warm"]["median"]),
        huge and "warm" in huge and huge["warm"]["median"] <= 3)
    grown = huge and "appended" in huge and min(
        [huge["appended"]["median"]] + ([huge["changed_since"]["median"]] if "changed_since" in huge else []))
    add("1M meetings: 100 rows appended to one table", "proportional to the change (≤ 3 s, as with nothing changed)",
        grown and f"{fmt_s(grown)} (the faster of the cache and `--changed-since`)", grown and grown <= 3)
    small = next((e for e in results["sizes"] if "build" in e), None)
    add("10k meetings: `dipevents build`", "< 30 s", small and f"{fmt_s(small['build']['median'])} (exit {small['build']['exit']})",
        small and small["build"]["median"] < 30 and small["build"]["exit"] == 0)
    add("10k meetings: `dipevents site`", "< 2 min", small and f"{fmt_s(small['site']['median'])} (exit {small['site']['exit']})",
        small and small["site"]["median"] < 120 and small["site"]["exit"] == 0)
    return ["", "## Targets (issue 10)", "", "| target | limit | measured | |", "|---|---|---|---|"] + rows


def page(results: dict, notes: str = "") -> str:
    m, real = results["machine"], results["real"]
    lines = ["# Performance", "",
             "How long `dipevents validate` takes, measured by `python scripts/bench.py` (one run, so the "
             "figures compare) on synthetic packages from `python scripts/synth.py N OUT`: N meetings with "
             "proportionate actors, participants, agreements, invitations and statements, about one "
             "archived source text per five meetings, evidence unique per row. Median wall time over "
             "repeated runs (the 100k frictionless pass and 1M runs once), peak resident memory of the "
             "process, rows per second. `dipevents validate` runs as pull requests run it, without "
             "frictionless' row-by-row pass (`--official` adds it; the test suite proves the fast path "
             "reports every fault that pass finds). Synthetic tables pass the 100 MB table limit "
             "(codebook: Limits) from about 150k meetings; the measured commands run with "
             "`DIPEVENTS_MAX_TABLE_MB` raised, as such a package would, so every table is read and every "
             "check runs.", "",
             "## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in m.items()]
    lines += ["", "## Real data", "", "| command | median | peak memory |", "|---|---|---|",
              f"| `dipevents validate` ({real['rows']} rows) | {fmt_s(real['validate']['median'])} | "
              f"{real['validate']['peak_mib']:.0f} MiB |",
              f"| `dipevents --help` | {fmt_s(real['help']['median'])} | {real['help']['peak_mib']:.0f} MiB |",
              "", "## Synthetic packages", "",
              "| meetings | rows | `dipevents validate` | rows/s | peak memory | `frictionless validate` | speed-up (frictionless / validate) | "
              "pyarrow parse floor | validate / floor |",
              "|---|---|---|---|---|---|---|---|---|"]
    for e in results["sizes"]:
        v, p, f = e["validate"], e["parse"], e.get("frictionless")
        fr = f"{fmt_s(f['median'])} ({f['peak_mib']:.0f} MiB)" if f else "not run"
        ratio = f"{f['median'] / v['median']:.2f}x" if f else ""
        lines.append(f"| {e['meetings']:,} | {e['rows']:,} | {fmt_s(v['median'])} (exit {v['exit']}, {v['runs']} run(s)) | "
                     f"{e['rows'] / v['median']:,.0f} | {v['peak_mib']:.0f} MiB | {fr} | {ratio} | "
                     f"{fmt_s(p['median'])} | {v['median'] / p['median']:.0f}x |")
    lines += ["", "## With the cache", "",
              "`dipevents validate` keeps each check's result, keyed by the content of the files it read "
              "(README: validate). The run that fills the cache, runs with nothing changed (median), and a "
              "run after 100 rows were appended to `statements.csv`; the last column validates that change "
              "with `--changed-since` the package's commit (no cache: the changed rows, the rows tied to them, "
              "the keys of every row):", "",
              "| meetings | filling the cache | nothing changed | peak memory | statements +100 rows | peak memory "
              "| `--changed-since` | peak memory |",
              "|---|---|---|---|---|---|---|---|"]
    for e in results["sizes"]:
        if "warm" in e:
            lines.append(f"| {e['meetings']:,} | {fmt_s(e['fill']['median'])} | {fmt_s(e['warm']['median'])} | "
                         f"{e['warm']['peak_mib']:.0f} MiB | {fmt_s(e['appended']['median'])} | "
                         f"{e['appended']['peak_mib']:.0f} MiB | {since(e, 'median')} | {since(e, 'peak_mib')} |")
    for e in results["sizes"]:
        if "build" in e:
            lines += ["", f"At {e['meetings']:,} meetings: `dipevents build` (validate, every download, site) "
                      f"{fmt_s(e['build']['median'])}, peak {e['build']['peak_mib']:.0f} MiB (exit {e['build']['exit']}); "
                      f"`dipevents site` {fmt_s(e['site']['median'])}, peak {e['site']['peak_mib']:.0f} MiB "
                      f"(exit {e['site']['exit']}); each measured once."]
    lines += targets(results)
    if notes:
        lines += ["", notes.strip()]
    lines += ["", DESIGN_NOTE.format(**estimate(results))]
    return "\n".join(lines) + "\n"


def since(entry: dict, what: str) -> str:
    found = entry.get("changed_since")
    if found is None:
        return "not measured"
    return fmt_s(found["median"]) if what == "median" else f"{found['peak_mib']:.0f} MiB"


def estimate(results: dict) -> dict:
    """Per-row cost at the largest size measured, and the rows one machine validates in 10 minutes."""
    largest = max(results["sizes"], key=lambda e: e["rows"]) if results["sizes"] else None
    if largest is None:
        return {"per_row_us": "?", "rows_10min": "?", "mib_per_mrow": "?", "rows_mem": "?"}
    per_row = largest["validate"]["median"] / largest["rows"]
    mib_per_row = largest["validate"]["peak_mib"] / largest["rows"]
    return {"per_row_us": f"{per_row * 1e6:.0f}", "rows_10min": f"{600 / per_row / 1e6:,.1f} million",
            "mib_per_mrow": f"{mib_per_row * 1e6:,.0f}",
            "rows_mem": f"{16 * 1024 / mib_per_row / 1e6:,.0f} million"}


DESIGN_NOTE = """## Beyond one machine

At the largest size measured, validation costs about {per_row_us} µs and {mib_per_mrow} MiB of peak memory
per million rows, roughly linear in the number of rows (every check is a join, a group-by or one
pass per distinct value; evidence is one search per row in its own source's text). On this kind
of machine that is about {rows_10min} rows in a ten-minute CI job, and memory for about {rows_mem}
rows in 16 GiB: one machine is enough far beyond the largest hand-coded event datasets
(ACLED, a few million events, is a few times 10 million rows here).

Past that, validation would run where the data is partitioned rather than on one process:

- **pandera's Polars or PySpark backends** over the tables as partitioned Parquet (by year of
  `date`, or by source): the column checks (types, patterns, lengths, required, codelists) are
  the same `DataFrameSchema` built from `schemas/*.json`, run per partition in parallel.
- **The checks as SQL in DuckDB** (out-of-core on one large machine, or MotherDuck): foreign
  keys, duplicate keys, `dateWithin`, `referenceWhere` and bilateral sides are anti-joins and
  group-bys; reference cycles a recursive CTE.
- Evidence and date words partition naturally **by source**: each archived text is read once by
  the worker that holds its rows, and each (phrase, published date) is resolved once.

The only global steps are the keys (primary, foreign, duplicate) and the cycle check, which need
a shuffle by key; everything else is per row or per source.
"""


if __name__ == "__main__":
    sys.exit(main())
