"""A warm run reuses the result of every step whose files are unchanged, and its report is the
report of a run without the cache: after each change below (to a table, an archived text, a
schema), on a package with faults of every rule family, the two are compared."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from contextlib import redirect_stdout

import pytest

from dipevents import tracked_tables
from dipevents.cli import main
from tests.support import read_csv_rows, synth, write_csv_rows


def _validate(root, *options) -> dict:
    out = io.StringIO()
    with redirect_stdout(out):
        main(["validate", str(root), "--format", "json", *options])
    return json.loads(out.getvalue())


@pytest.fixture
def faulty(tmp_path, monkeypatch):
    """A synthetic package with faults of every rule family, and a cache of its own."""
    monkeypatch.setenv("DIPEVENTS_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "package"
    synth(60, root, "--errors", "0.1")
    return root


def _reads(monkeypatch) -> list[str]:
    names = []
    original = tracked_tables.read_table
    monkeypatch.setattr(tracked_tables, "read_table",
                        lambda resource: names.append(resource.name) or original(resource))
    return names


def test_a_run_with_nothing_changed_reads_no_table_and_reports_the_same(faulty, monkeypatch):
    cold = _validate(faulty)
    assert len({e["code"] for e in cold["errors"]}) >= 10
    reads = _reads(monkeypatch)
    assert _validate(faulty) == cold
    assert reads == []
    assert _validate(faulty, "--no-cache") == cold
    assert len(reads) == len(json.loads((faulty / "datapackage.json").read_text())["resources"])


def _edit_table(root, table, change):
    path = root / "data" / f"{table}.csv"
    rows = read_csv_rows(path)
    change(rows)
    write_csv_rows(path, rows)


def _set(rows, column, value, index=1):
    rows[index][rows[0].index(column)] = value


def _symlink_text(root):
    first, second = sorted((root / "sources").iterdir())[:2]
    second.unlink()
    second.symlink_to(first.name)


EDITS = [
    ("a statement's evidence no longer in its text", lambda r: _edit_table(r, "statements", lambda rows: _set(rows, "evidence", "words nobody wrote"))),
    ("a meeting's date after its source", lambda r: _edit_table(r, "meetings", lambda rows: _set(rows, "date", "2099-01-01"))),
    ("an actor removed (references break)", lambda r: _edit_table(r, "actors", lambda rows: rows.pop(1))),
    ("a row repeated", lambda r: _edit_table(r, "meeting_participants", lambda rows: rows.append(list(rows[1])))),
    ("a codelist entry removed", lambda r: (r / "data" / "codelists" / "meeting_formats.csv").write_text(
        "\n".join((r / "data" / "codelists" / "meeting_formats.csv").read_text().splitlines()[:-1]) + "\n")),
    ("an archived text edited", lambda r: next((r / "sources").iterdir()).write_text("Nothing here.\n")),
    ("an archived text removed", lambda r: sorted((r / "sources").iterdir())[-1].unlink()),
    ("an archived text replaced by a symlink", lambda r: _symlink_text(r)),
    ("a schema's maxLength lowered", lambda r: (r / "schemas" / "meetings.json").write_text(
        (r / "schemas" / "meetings.json").read_text().replace('"maxLength": 300', '"maxLength": 20', 1))),
    ("a table broken", lambda r: (r / "data" / "invitations.csv").write_text('inv,"unclosed\n')),
]


@pytest.mark.slow
@pytest.mark.interpreter
def test_after_each_change_a_warm_run_reports_what_a_run_without_the_cache_reports(faulty, monkeypatch):
    _validate(faulty)
    for name, edit in EDITS:
        edit(faulty)
        warm = _validate(faulty)
        cold = _validate(faulty, "--no-cache")
        assert warm == cold, name


@pytest.mark.slow
@pytest.mark.interpreter
def test_a_change_to_one_table_reruns_only_the_steps_that_used_it(faulty, monkeypatch):
    from dipevents import validate

    _validate(faulty)
    ran = []
    original = validate._guarded
    monkeypatch.setattr(validate, "_guarded", lambda step, *args: ran.append(step.__name__) or original(step, *args))
    _edit_table(faulty, "invitations", lambda rows: _set(rows, "notes", "changed"))
    warm = _validate(faulty)
    # invitations' own schema check and the rules that read invitations run again ...
    assert {"check_table", "no_self_invitation", "foreign_keys"} <= set(ran)
    assert ran.count("check_table") == 1
    # ... rules that never read it do not (bilateral_sides reads meetings and participants)
    assert "bilateral_sides" not in ran and "actor_country_required" not in ran
    assert warm == _validate(faulty, "--no-cache")


@pytest.mark.slow
@pytest.mark.interpreter
def test_the_cache_can_be_turned_off_and_an_unusable_one_is_ignored(faulty, monkeypatch, tmp_path):
    cold = _validate(faulty, "--no-cache")
    monkeypatch.setenv("DIPEVENTS_CACHE_DIR", "off")
    reads = _reads(monkeypatch)
    assert _validate(faulty) == cold and _validate(faulty) == cold
    assert len(reads) == 2 * len(json.loads((faulty / "datapackage.json").read_text())["resources"])
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("DIPEVENTS_CACHE_DIR", str(blocker / "cache"))
    assert _validate(faulty) == cold


def test_a_store_of_another_shape_is_ignored_and_the_run_says_so(faulty, monkeypatch, tmp_path, capsys):
    """Issue 19: a cache database with the right tables but other columns made validate exit 2
    ("no such column"); it is now a store that cannot be used: every check runs, with a note."""
    import sqlite3

    folder = tmp_path / "cache"
    folder.mkdir()
    db = sqlite3.connect(folder / "validate.sqlite")
    db.execute("CREATE TABLE files (name TEXT)")
    db.execute("CREATE TABLE steps (name TEXT)")
    db.commit()
    db.close()
    cold = _validate(faulty, "--no-cache")
    monkeypatch.setenv("DIPEVENTS_CACHE_DIR", str(folder))
    capsys.readouterr()
    assert main(["validate", str(faulty), "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out) == cold
    assert err.startswith(f"dipevents validate: the result cache in {folder} cannot be used (OperationalError: "
                          "no such column: path)") and err.endswith(": every check ran without it\n")


@pytest.mark.parametrize("target", ["data/meetings.csv", "sources/"])
def test_a_file_edited_while_a_step_reads_it_stores_no_result(faulty, monkeypatch, target):
    """Issue 19: a table (or an archived text) edited between a step's read and the working out of
    its content id was stored under the new content with the old verdict, and every later run
    said what the old content deserved. Now the edit is seen and nothing is stored."""
    from dipevents import archived_texts

    edited = []

    def edit_now(text_path=None):
        if not edited:
            edited.append(True)
            if target == "sources/":  # the text just read
                text = faulty / text_path
                text.write_bytes(text.read_bytes() + b"\nAn edit made while the text was read.\n")
            else:
                table = faulty / target
                table.write_bytes(table.read_bytes().replace(b"\n", b"\r\n", 1))  # a fault: CR line endings

    with monkeypatch.context() as patch:
        if target == "sources/":
            original = archived_texts.Folder.read
            patch.setattr(archived_texts.Folder, "read",
                          lambda self, row: (original(self, row), edit_now(row["text_path"]))[0])
        else:
            original = tracked_tables.read_table
            patch.setattr(tracked_tables, "read_table",
                          lambda resource: (original(resource), edit_now() if resource.path == target else None)[0])
        _validate(faulty)  # reads the old content; the file changes during the run
    assert edited
    assert _validate(faulty) == _validate(faulty, "--no-cache")


def test_a_result_is_not_reused_under_other_limits(faulty, monkeypatch):
    """The same files read under a lower table limit are too large: the limits are part of the key."""
    from dipevents import limits

    assert not [e for e in _validate(faulty)["errors"] if e["code"] == "DE109"]
    monkeypatch.setattr(limits, "MAX_TABLE_BYTES", 1000)
    too_large = {e["file"] for e in _validate(faulty)["errors"] if e["code"] == "DE109"}
    assert "data/meetings.csv" in too_large and too_large == {e["file"] for e in _validate(faulty, "--no-cache")["errors"]
                                                              if e["code"] == "DE109"}


@pytest.mark.slow
@pytest.mark.interpreter
def test_validation_imports_no_output_stage(faulty):
    """The toolkit id leaves out dipevents.site and dipevents.export (cache.OUTPUT_STAGES): that
    is right only while validation never runs their code."""
    from dipevents.cache import OUTPUT_STAGES

    code = ("import sys, io, contextlib; from dipevents.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['validate', sys.argv[1], '--no-cache'])\n"
            "import json; print(json.dumps(sorted(m for m in sys.modules if m.startswith('dipevents.'))))")
    done = subprocess.run([sys.executable, "-c", code, str(faulty)], capture_output=True, text=True, check=True)
    loaded = json.loads(done.stdout)
    assert "dipevents.rules.evidence" in loaded
    assert [m for m in loaded if m.split(".")[1] in OUTPUT_STAGES] == []


@pytest.mark.slow
@pytest.mark.interpreter
def test_a_run_with_every_check_in_the_cache_does_not_import_pandera(faulty):
    """pandera (about 0.2 s to import) is loaded only when a table's schema check runs."""
    code = ("import sys, io, contextlib; from dipevents.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['validate', sys.argv[1]])\n"
            "print('pandera' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code, str(faulty)], capture_output=True, text=True, check=True)
            for _ in range(2)]
    assert [r.stdout.split() for r in runs] == [["True"], ["False"]]  # the first run fills the cache


@pytest.mark.slow
@pytest.mark.interpreter
def test_a_folder_of_texts_whose_files_kept_their_status_is_not_looked_into(faulty, monkeypatch):
    """The archived texts' folder keeps the id worked out from its files while every file has
    the status (size, times, inode) it had then; an edit that keeps a text's size and puts back
    its modification time still changes its status (the change time), and is seen."""
    import os
    import time

    from dipevents import cache

    texts = sorted((faulty / "sources").iterdir())
    old = time.time() - 3600
    for path in texts:
        os.utime(path, (old, old))
    time.sleep(2.1)  # a file changed in the last two seconds is never trusted (Store._racy)
    before = _validate(faulty)  # works out the folder's id from its files, and remembers it
    looked = []
    original = cache.Store._file_id
    monkeypatch.setattr(cache.Store, "_file_id",
                        lambda self, path, info, found: looked.append(path) or original(self, path, info, found))
    assert _validate(faulty) == before
    assert [p for p in looked if p.startswith(str(faulty / "sources") + os.sep)] == []
    body = texts[0].read_bytes()
    texts[0].write_bytes(body.replace(b"a", b"b"))  # the same size
    os.utime(texts[0], (old, old))
    time.sleep(2.1)
    after = _validate(faulty)
    assert str(texts[0]) in looked
    assert after == _validate(faulty, "--no-cache") != before


@pytest.mark.slow
@pytest.mark.interpreter
def test_a_file_changed_in_the_last_two_seconds_is_not_remembered(faulty):
    """Its status may stay the same through its next edit (a coarse clock): it is hashed
    again next time rather than trusted, and so is its folder."""
    import os
    import sqlite3
    import time

    from dipevents import cache
    from dipevents.loader import load

    package = load(faulty)[0]
    texts = sorted((faulty / "sources").iterdir())
    old = time.time() - 3600
    for path in texts[1:]:
        os.utime(path, (old, old))
    time.sleep(2.1)
    texts[0].write_text("Changed just now.\n", encoding="utf-8")  # the one recent file
    store = cache.open_store(package)
    assert store.content_id("sources/") not in (None, cache.ABSENT)
    assert store.content_id("data/meetings.csv") not in (None, cache.ABSENT)
    store.close()
    db = sqlite3.connect(cache.location() / "validate.sqlite")
    remembered = {path for (path,) in db.execute("SELECT path FROM files")}
    assert str(texts[1]) in remembered and str(faulty / "data" / "meetings.csv") in remembered
    assert str(texts[0]) not in remembered
    assert str(faulty / "sources") + os.sep not in remembered
