"""scripts/bench.py turns its measurements into the Performance page: machine, every size,
the ratio to frictionless and the parse floor, and the design note's estimate (no timing here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _m(median, peak=100.0, code=0, runs=3):
    return {"median": median, "min": median, "runs": runs, "exit": code, "peak_mib": peak}


def test_page_from_results():
    bench = _bench()
    results = {"machine": {"CPU": "Test CPU 9000", "Cores": "2", "RAM": "8 GiB", "Python": "3.11", "OS": "Linux"},
               "real": {"validate": _m(1.25), "help": _m(0.05, 12), "rows": 51},
               "sizes": [{"meetings": 10_000, "rows": 70_000, "validate": _m(7.0, 300), "parse": _m(0.14),
                          "frictionless": _m(28.0, 70), "build": _m(80.0, 1000, 1, 1), "site": _m(79.0, 1000, 1, 1)}]}
    page = bench.page(results)
    assert "| CPU | Test CPU 9000 |" in page
    assert "| `dipevents validate` (51 rows) | 1.25 s | 100 MiB |" in page
    assert "| 10,000 | 70,000 | 7.00 s (exit 0, 3 run(s)) | 10,000 | 300 MiB | 28.00 s (70 MiB) | 4.00x | 0.14 s | 50x |" in page
    assert "`dipevents site` 79.00 s" in page and "(exit 1)" in page
    assert "| meetings | filling the cache |" in page  # no warm figures at this size: the table is empty
    # 7 s for 70,000 rows is 100 µs a row: 6 million rows in ten minutes
    assert "about 100 µs" in page and "about 6.0 million rows" in page


def test_page_shows_warm_runs_and_their_target():
    bench = _bench()
    big = {"meetings": 1_000_000, "rows": 7_000_000, "validate": _m(60.0, 9000), "parse": _m(7.0),
           "fill": _m(70.0, 9000), "warm": _m(2.5, 200), "appended": _m(20.0, 3000),
           "changed_since": _m(12.0, 2500)}
    results = {"machine": {"CPU": "x", "Cores": "2", "RAM": "8 GiB", "Python": "3.11", "OS": "Linux"},
               "real": {"validate": _m(1.25), "help": _m(0.05, 12), "rows": 51}, "sizes": [big]}
    page = bench.page(results)
    assert "| 1,000,000 | 70.00 s | 2.50 s | 200 MiB | 20.00 s | 3000 MiB | 12.00 s | 2500 MiB |" in page
    assert ("| 1M meetings: 100 rows appended to one table | proportional to the change (≤ 3 s, as with nothing "
            "changed) | 12.00 s (the faster of the cache and `--changed-since`) | **missed** |") in page
    assert "| 1M meetings warm, nothing changed | ≤ 3 s | 2.50 s | met |" in page


def test_machine_names_cpu_and_python():
    info = _bench().machine()
    assert set(info) == {"CPU", "Cores", "RAM", "Python", "OS"} and all(info.values())


def test_targets_say_met_missed_or_not_measured():
    bench = _bench()
    results = {"real": {"validate": _m(1.25), "help": _m(0.05)},
               "sizes": [{"meetings": 100_000, "validate": _m(80.0), "frictionless": _m(40.0)}]}
    table = "\n".join(bench.targets(results))
    assert "| real data: `dipevents validate` median | ≤ 1.5 s | 1.25 s | met |" in table
    assert "| 100k meetings: `dipevents validate` | ≤ 10 s | 80.00 s | **missed** |" in table
    assert "| 100k meetings: speed-up over `frictionless validate` | ≥ 10x | 0.50x | **missed** |" in table
    assert "| 1M meetings cold | ≤ 30 s, peak < 4 GiB | not measured | not measured |" in table
