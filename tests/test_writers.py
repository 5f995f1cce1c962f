"""Writers that cannot lose data (issue 9): a lock, atomic writes, source add as one step,
builds swapped in whole, and the cleanup of what a killed writer left behind."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dipevents.cli import main
from tests.site.support import copy_project
from tests.support import assemble, snapshot

NAMES = ["Alpha Person", "Bravo Person", "Charlie Person", "Delta Person"]
SOURCE_ARGS = ["--url", "https://www.example.org/a", "--published", "2025-01-02",
               "--publisher", "Example News"]


def cli(*args) -> list[str]:
    return [sys.executable, "-m", "dipevents.cli", *map(str, args)]


def run(*args, env=None, timeout: float = 300) -> subprocess.CompletedProcess:
    proc = subprocess.run(cli(*args), capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, **(env or {})))
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    return proc


def rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


@pytest.fixture
def package(tmp_path) -> Path:
    return assemble(tmp_path / "package")


def leftovers(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.name.endswith(".tmp") or ".dipevents-" in p.name or p.name == ".dipevents.lock")


# --- concurrent writers -------------------------------------------------------------------

@pytest.mark.slow
def test_four_parallel_appends_keep_all_four_rows(package):
    before = {r["actor_id"] for r in rows(package / "data" / "actors.csv")}
    procs = [subprocess.Popen(cli("new", "actors", "--package", package, "--set", f"name={name}",
                                  "--set", "actor_type=person", "--set", "country=PAK", "--append"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in NAMES]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    assert [code for code, _, _ in results] == [0, 0, 0, 0], results
    after = {r["actor_id"] for r in rows(package / "data" / "actors.csv")}
    assert after - before == {"act-alpha-person", "act-bravo-person", "act-charlie-person", "act-delta-person"}
    assert before <= after
    assert leftovers(package) == []
    assert main(["validate", str(package)]) == 0


@pytest.mark.slow
def test_parallel_source_adds_keep_every_row_and_text(package, tmp_path):
    titles = ["Talks in Astana", "Talks in Baku", "Talks in Cairo"]
    procs = []
    for i, title in enumerate(titles):
        text = tmp_path / f"report-{i}.txt"
        text.write_text(f"{title}: a report.\n", encoding="utf-8")
        procs.append(subprocess.Popen(cli("source", "add", text, "--package", package, *SOURCE_ARGS, "--title", title,
                                          "--url", f"https://www.example.org/{i}"),
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    assert [code for code, _, _ in results] == [0, 0, 0], results
    added = {r["source_id"]: r for r in rows(package / "data" / "sources.csv")}
    for title in titles:
        [row] = [r for r in added.values() if r["title"] == title]
        text = (package / row["text_path"]).read_bytes()
        assert text == f"{title}: a report.\n".encode() and hashlib.sha256(text).hexdigest() == row["text_sha256"]
    assert len(list((package / "sources").iterdir())) == len(added)  # no orphan text
    assert leftovers(package) == []


def test_a_writer_waits_for_the_lock_then_refuses_with_a_message(package):
    from dipevents.lock import package_lock

    before = snapshot(package)
    with package_lock(package):
        started = time.monotonic()
        proc = run("new", "actors", "--package", package, "--set", "name=Echo Person", "--set", "actor_type=person",
                   "--set", "country=PAK", "--append", env={"DIPEVENTS_LOCK_TIMEOUT": "1"})
        waited = time.monotonic() - started
    assert proc.returncode == 2
    assert proc.stderr == (f"dipevents new: another dipevents command is writing {package} (it holds "
                           f"{package / '.dipevents.lock'}); waited 1 s. Try again when it has finished.\n")
    assert waited >= 1
    assert snapshot(package) == before  # and the lock file is gone once released


def test_a_lock_file_that_is_a_symlink_is_refused(package, tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("keep\n", encoding="utf-8")
    (package / ".dipevents.lock").symlink_to(victim)
    proc = run("fmt", package)
    assert proc.returncode == 2
    assert proc.stderr == (f"dipevents fmt: {package / '.dipevents.lock'} is a symlink; delete it "
                           "(dipevents creates its own lock file)\n")
    assert victim.read_text(encoding="utf-8") == "keep\n"


# --- atomic writes ------------------------------------------------------------------------

@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError])
def test_write_atomic_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, failure):
    from dipevents import fmt

    target = tmp_path / "table.csv"
    target.write_text("old\n", encoding="utf-8")

    def broken(src, dst):
        raise failure("interrupted")

    monkeypatch.setattr(fmt.os, "replace", broken)
    with pytest.raises(failure):
        fmt.write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]


@pytest.mark.slow
def test_leftovers_of_a_killed_writer_are_ignored_by_validate_and_removed_by_the_next_writer(package):
    stale = package / "data" / ".actors.csv.k1ll3d.tmp"
    stale.write_text("half a table", encoding="utf-8")
    orphan = package / "sources" / ".src-2025-01-02-example-orphan.txt.k1ll3d.tmp"
    orphan.write_text("a text whose row was never written\n", encoding="utf-8")
    assert run("validate", package).returncode == 0
    tables = {p.name: p.read_bytes() for p in (package / "data").glob("*.csv")}
    proc = run("fmt", package)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not stale.exists() and not orphan.exists()
    assert {p.name: p.read_bytes() for p in (package / "data").glob("*.csv")} == tables
    assert leftovers(package) == []


@pytest.mark.slow
def test_a_text_whose_row_was_written_before_a_kill_is_put_in_place(package):
    """kill -9 between writing the sources row and renaming the text: the next writer finishes."""
    from dipevents.fmt import write_temp

    text = b"Talks in Dushanbe: a report.\n"
    source_id = "src-2025-01-02-example-talks-dushanbe"
    table = package / "data" / "sources.csv"
    header, *body = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"), newline="")))
    row = {"source_id": source_id, "title": "Talks in Dushanbe", "publisher": "Example News",
           "url": "https://www.example.org/d", "published_date": "2025-01-02", "language": "en",
           "text_path": f"sources/{source_id}.txt", "text_sha256": hashlib.sha256(text).hexdigest()}
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *body, [row.get(n, "") for n in header]])
    table.write_text(buf.getvalue(), encoding="utf-8")
    staged = write_temp(package / "sources" / f"{source_id}.txt", text)
    assert run("validate", package).returncode == 1  # the row's text is missing until the rename
    assert run("fmt", package).returncode == 0
    assert not staged.exists()
    assert (package / "sources" / f"{source_id}.txt").read_bytes() == text
    assert run("validate", package).returncode == 0


# --- source add: one step or neither; only regular files ----------------------------------

def _source_add(package, file, title="Talks in Astana"):
    return run("source", "add", file, "--package", package, *SOURCE_ARGS, "--title", title, timeout=60)


@pytest.mark.slow
def test_source_add_refuses_a_fifo_without_hanging(package, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    before = snapshot(package)
    proc = _source_add(package, fifo)
    assert proc.returncode == 1
    assert proc.stderr == f"dipevents source add: {fifo} is a FIFO (named pipe); give a text file\n"
    assert snapshot(package) == before


@pytest.mark.parametrize("kind", ["folder", "device", "symlink"])
@pytest.mark.slow
def test_source_add_refuses_what_is_not_a_regular_file(package, tmp_path, kind):
    if kind == "folder":
        path, message = tmp_path, f"{tmp_path} is a folder; give a text file"
    elif kind == "device":
        path, message = Path("/dev/null"), "/dev/null is a device; give a text file"
    else:
        real = tmp_path / "real.txt"
        real.write_text("A report.\n", encoding="utf-8")
        path = tmp_path / "link.txt"
        path.symlink_to(real)
        message = f"{path} is a symlink; give the file itself"
    before = snapshot(package)
    proc = _source_add(package, path)
    assert proc.returncode == 1
    assert proc.stderr == f"dipevents source add: {message}\n"
    assert snapshot(package) == before


@pytest.mark.slow
def test_source_add_refuses_a_text_over_the_limit(package, tmp_path):
    from dipevents.author import MAX_SOURCE_BYTES

    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (MAX_SOURCE_BYTES + 1))
    before = snapshot(package)
    proc = _source_add(package, big)
    assert proc.returncode == 1
    assert proc.stderr == (f"dipevents source add: {big} is larger than 5 MB, the limit for an archived text; "
                           "archive the article's text only\n")
    assert snapshot(package) == before


def test_source_add_that_fails_writing_the_row_leaves_neither_text_nor_row(package, tmp_path, monkeypatch, capsys):
    from dipevents import author

    text = tmp_path / "report.txt"
    text.write_text("Talks in Astana: a report.\n", encoding="utf-8")
    before = snapshot(package)

    def full_disk(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(author, "write_atomic", full_disk)
    code = main(["source", "add", str(text), "--package", str(package), *SOURCE_ARGS, "--title", "Talks in Astana"])
    assert code == 2
    assert "No space left on device" in capsys.readouterr().err
    assert snapshot(package) == before  # no text, no row, no temporary file, no lock file


def test_source_add_that_fails_placing_the_text_takes_the_row_back(package, tmp_path, monkeypatch, capsys):
    from dipevents import author

    text = tmp_path / "report.txt"
    text.write_text("Talks in Astana: a report.\n", encoding="utf-8")
    before = snapshot(package)

    def interrupted(staged, archived):
        raise KeyboardInterrupt

    monkeypatch.setattr(author, "_place", interrupted)
    code = main(["source", "add", str(text), "--package", str(package), *SOURCE_ARGS, "--title", "Talks in Astana"])
    assert code == 130
    assert snapshot(package) == before


# --- builds: killed or failed, the previous output survives and the next build works -------

@pytest.mark.slow
def test_a_build_killed_midway_leaves_the_previous_build_and_the_next_build_works(tmp_path):
    project = copy_project(tmp_path / "project")
    assert run("build", project).returncode == 0
    dist, site = snapshot(project / "dist"), snapshot(project / "site")
    proc = subprocess.Popen(cli("build", project), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not list(project.glob(".site.dipevents-new-*/*")) and time.monotonic() < deadline:
        time.sleep(0.02)  # mkdocs has started writing the new site
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert list(project.glob(".*.dipevents-new-*")), "the kill came too late to test anything"
    assert snapshot(project / "dist") == dist and snapshot(project / "site") == site
    again = run("build", project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert snapshot(project / "dist") == dist
    assert leftovers(project) == []


@pytest.mark.slow
def test_a_build_stopped_with_sigterm_cleans_up_after_itself(tmp_path):
    project = copy_project(tmp_path / "project")
    proc = subprocess.Popen(cli("build", project), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not list(project.glob(".dist.dipevents-new-*/*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 130
    assert leftovers(project) == []
    assert not (project / "dist").exists() and not (project / "site").exists()
