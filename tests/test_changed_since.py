"""`dipevents validate --changed-since REV`: the rows changed since a git revision, and the rows
tied to them, get the full validation's verdict (dipevents.changed_rows, dipevents.changed_scope)."""

from __future__ import annotations

import json
import random
import shutil
import subprocess

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dipevents.changed_rows import ALL, changed_lines
from dipevents.cli import main
from tests.oracles import commit_all
from tests.support import only, synth


def _run(capsys, root, *options):
    capsys.readouterr()
    code = main(["validate", str(root), "--format", "json", *options])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if captured.out else None), captured.err


@pytest.fixture
def repo(pkg):
    """The fixture package committed to a repository of its own; (pkg, commit)."""
    return pkg, commit_all(pkg.root)


# --- which lines changed --------------------------------------------------------------------

def test_lines_not_in_the_revision_are_the_changed_records():
    before = b"id,name\na,1\nb,2\nc,3\n"
    assert changed_lines(b"id,name\na,1\nb,9\nc,3\nd,4\n", before) == {3, 5}
    assert changed_lines(before, before) == set()
    assert changed_lines(b'id,name\na,"x\ny"\n', b'id,name\na,"x\ny"\n') == set()  # the same bytes


def test_reordered_and_repeated_lines_count_as_lines_not_positions():
    before = b"id,name\na,1\nb,2\n"
    assert changed_lines(b"id,name\nb,2\na,1\n", before) == set()
    assert changed_lines(b"id,name\na,1\na,1\nb,2\n", before) == {3}  # the second copy is new


def test_lines_match_as_a_multiset_like_a_counter_would():
    """Against a plain Counter, on random files with many repeated lines."""
    import random
    from collections import Counter

    rng = random.Random(7)
    for _ in range(200):
        before = [b"h"] + [rng.choice([b"a", b"b", b"c", b"d"]) for _ in range(rng.randrange(0, 12))]
        now = [b"h"] + [rng.choice([b"a", b"b", b"c", b"e"]) for _ in range(rng.randrange(0, 12))]
        left, expected = Counter(before[1:]), set()
        for number, line in enumerate(now[1:], start=2):
            if left[line]:
                left[line] -= 1
            else:
                expected.add(number)
        assert changed_lines(b"\n".join(now), b"\n".join(before)) == expected, (now, before)


@pytest.mark.parametrize("now,before,changed", [
    (b'id,name\na,"one\nline"\nb,2\n', b'id,name\na,"one\nline"\n', {4}),  # a cell spans lines
    (b"id,name\na,1\n", b'id,name\na,"x\n1"\n', {2}),  # one did at the revision
    # issue 19: each line holds an even number of quotes (a quote inside an unquoted cell balances
    # the one that opens the cell spanning lines); the edit is on the record's second line
    (b'id,a,b\nr1,x"y,"one\ntwo",z"w\nr2,p,q\n', b'id,a,b\nr1,x"y,"one\nTWO",z"w\nr2,p,q\n', {2}),
])
def test_records_are_split_as_the_table_reader_splits_them(now, before, changed):
    assert changed_lines(now, before) == changed


RECORD_CELL = st.one_of(
    # a quote inside an unquoted cell is a plain character; a quoted cell may span lines
    st.sampled_from(['x"y', 'z"w', "ab", '"one\ntwo"', '"one\nTWO"', '"a""\nb"', '"p,q"']),
    st.text(alphabet='ab"', max_size=3).filter(lambda t: not t.startswith('"')),
    st.text(alphabet='ab",\n', max_size=4).map(lambda t: '"' + t.replace('"', '""') + '"'))


RECORDS = st.lists(st.lists(RECORD_CELL, min_size=3, max_size=3), max_size=6)
EDITS = st.lists(st.tuples(st.integers(0, 5), st.lists(RECORD_CELL, min_size=3, max_size=3)), max_size=3)
ISSUE_19 = ([['x"y', '"one\ntwo"', 'z"w']], [(0, ['x"y', '"one\nTWO"', 'z"w'])])  # the edit on a second line


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(RECORDS, EDITS, st.randoms(use_true_random=False))
@example(*ISSUE_19, random.Random(0))
def test_no_edited_record_is_missed(records, edits, rng):
    _no_edited_record_is_missed(records, edits, rng)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None, derandomize=True, database=None)
@given(RECORDS, EDITS, st.randoms(use_true_random=False))
def test_no_edited_record_is_missed_in_thousands_of_cases(records, edits, rng):
    _no_edited_record_is_missed(records, edits, rng)


def _no_edited_record_is_missed(records, edits, rng):
    """Against the csv module: every record of NOW whose values are not among BEFORE's (as a
    multiset) is reported, whatever the quoting; records with quotes inside unquoted cells and
    cells spanning lines included."""
    import csv
    import io
    from collections import Counter

    before_records = ["r%d,%s" % (i, ",".join(cells)) for i, cells in enumerate(records)]
    now_records = list(before_records)
    for position, cells in edits:
        if now_records and position % 3 == 0:
            k = position % len(now_records)
            now_records[k] = now_records[k].split(",", 1)[0] + "," + ",".join(cells)  # an edit, same id
        elif now_records and position % 3 == 1:
            del now_records[position % len(now_records)]  # a deletion
        else:
            now_records.insert(position % (len(now_records) + 1), "n," + ",".join(cells))  # an addition
    rng.shuffle(now_records)
    before = ("id,a,b,c\n" + "".join(r + "\n" for r in before_records)).encode()
    now = ("id,a,b,c\n" + "".join(r + "\n" for r in now_records)).encode()

    def parsed(data: bytes) -> list[tuple[int, tuple]]:
        reader = csv.reader(io.StringIO(data.decode(), newline=""), strict=True)
        out, end = [], 0
        for row in reader:
            out.append((end + 1, tuple(row)))
            end = reader.line_num
        return out[1:]

    left = Counter(row for _, row in parsed(before))
    missed_if_absent = set()
    for line, row in parsed(now):
        if left[row] > 0:
            left[row] -= 1
        else:
            missed_if_absent.add(line)
    changed = changed_lines(now, before)
    assert changed is ALL or missed_if_absent <= changed, (now, before, changed)


@pytest.mark.parametrize("now,before", [
    (b"id,name\na,1\n", None),  # the table is new
    (b"id,title\na,1\n", b"id,name\na,1\n"),  # its header changed
    (b'id,name\na,"broken\n', b"id,name\na,1\n"),  # it cannot be split into records
    (b'id,name\na,"\xe9"\n', b'id,name\na,"1"\n'),  # nor read as UTF-8
    (b"id,name\r\na,1\r\n", b"id,name\na,1\n"),  # a carriage return: a line is not a record
])
def test_a_table_whose_records_cannot_be_compared_counts_as_wholly_changed(now, before):
    assert changed_lines(now, before) is ALL


# --- the revision ---------------------------------------------------------------------------

@pytest.mark.parametrize("revision,says", [
    ("no-such-branch", "'no-such-branch' names no commit of this repository"),
    ("--output=/tmp/x", "'--output=/tmp/x' is not a revision"),
    ("--", "'--' is not a revision"),  # argparse hands --changed-since=-- over as []
    ("HEAD~5", "'HEAD~5' names no commit of this repository"),
])
def test_a_revision_that_names_no_commit_is_a_usage_error(repo, capsys, revision, says):
    pkg, _ = repo
    code, doc, err = _run(capsys, pkg.root, f"--changed-since={revision}")
    assert (code, doc) == (2, None)
    assert err == f"dipevents validate: --changed-since: {says}\n"


def test_a_package_outside_any_repository_is_a_usage_error(pkg, capsys):
    code, doc, err = _run(capsys, pkg.root, "--changed-since", "HEAD")
    assert (code, doc) == (2, None)
    assert err == f"dipevents validate: --changed-since: {pkg.root} is not inside a git repository\n"


def test_it_cannot_be_combined_with_the_official_pass(repo, capsys):
    pkg, commit = repo
    code, doc, err = _run(capsys, pkg.root, "--changed-since", commit, "--official")
    assert (code, doc) == (2, None)
    assert "--changed-since and --official cannot be combined" in err


# --- what is checked ------------------------------------------------------------------------

def test_nothing_changed_checks_no_row_and_is_valid(repo, capsys):
    pkg, commit = repo
    code, doc, err = _run(capsys, pkg.root, "--changed-since", commit)
    assert code == 0 and doc["valid"]
    assert err == f"dipevents validate: checked 0 of 97 rows: those changed since {commit[:12]} and those tied to them\n"
    assert doc["errors"] == []  # the fixture's notice is on a row nobody changed


def test_a_changed_row_is_checked_fully(repo, capsys):
    pkg, commit = repo
    line = pkg.set_cell("statements", "stm-2025-07-overchuk-natural-allies", "quote", "natural enemies")
    code, doc, err = _run(capsys, pkg.root, "--changed-since", commit)
    assert code == 1 and "checked 1 of 97 rows" in err
    e = only(doc["errors"], severity="error")
    assert (e["file"], e["line"], e["column"], e["rule"]) == ("data/statements.csv", line, "quote", "verbatim-not-in-source")


def test_an_unchanged_row_tied_to_a_changed_one_is_checked(repo, capsys):
    """Moving a meeting's date leaves the statements made at it outside its dates: they did not
    change, but they point at the row that did."""
    pkg, commit = repo
    rows = pkg.read_rows("data/meetings.csv")
    meeting = next(r for r in rows[1:] if r[rows[0].index("date")] == "2025-09-02")
    pkg.set_cell("meetings", meeting[0], "date", "2025-09-10")
    full = [e for e in pkg.errors("--no-cache") if e["rule"] == "date-within"]
    code, doc, _ = _run(capsys, pkg.root, "--changed-since", commit)
    tied = [e for e in doc["errors"] if e["rule"] == "date-within"]
    assert full and tied == full
    assert {e["file"] for e in tied} != {"data/meetings.csv"}


def test_an_edited_archived_text_ties_every_row_citing_it(repo, capsys):
    pkg, commit = repo
    text = pkg.path("sources/src-2025-09-02-cpecnews-sharif-putin.txt")
    text.write_bytes(text.read_bytes() + b"\nAn added line.\n")
    code, doc, err = _run(capsys, pkg.root, "--changed-since", commit)
    assert code == 1
    e = only(doc["errors"], rule="source-hash")
    assert (e["file"], e["line"], e["column"]) == ("data/sources.csv", 2, "text_sha256")
    citing = 0
    for table in pkg.root.glob("data/*.csv"):
        rows = pkg.read_rows(f"data/{table.name}")
        if "source_id" in rows[0] and table.name != "sources.csv":
            citing += sum(r[rows[0].index("source_id")] == "src-2025-09-02-cpecnews-sharif-putin" for r in rows[1:])
    assert citing > 30 and f"checked {citing + 1} of 97 rows" in err  # the source row and every row citing it
    assert doc["errors"] == pkg.errors("--no-cache")  # the notice that their evidence went unchecked included


TEXT = "sources/src-2025-09-02-cpecnews-sharif-putin.txt"


def test_a_text_changed_behind_git_attributes_is_still_a_change(repo, capsys):
    """With `text` set, git's own diff would call a text whose line endings changed unchanged;
    what counts is whether the text still matches the SHA-256 its unchanged row records."""
    pkg, commit = repo
    (pkg.root / ".gitattributes").write_text("sources/* text\n", encoding="utf-8")
    text = pkg.path(TEXT)
    text.write_bytes(text.read_bytes().replace(b"\n", b"\r\n"))
    assert subprocess.run(["git", "-C", str(pkg.root), "diff", "--quiet", commit, "--", "sources"]).returncode == 0
    code, doc, _ = _run(capsys, pkg.root, "--changed-since", commit)
    e = only(doc["errors"], rule="source-hash")
    assert (code, e["file"], e["line"]) == (1, "data/sources.csv", 2)


def _lone_carriage_return(pkg):
    """A CR alone ends a line for the CSV reader: the lines after it are numbered differently."""
    actors = pkg.path("data/actors.csv")
    rows = actors.read_bytes().split(b"\n")
    rows[5] = rows[5].replace(b",IND,", b",XXX,")
    actors.write_bytes(rows[0] + b"\n" + rows[1] + b"\r" + b"\n".join(rows[2:]))


def _symlinked_text_edited(pkg):
    text = pkg.path(TEXT)
    text.write_bytes(text.read_bytes() + b"edited\n")


def _odd_file_name(pkg):
    pkg.path("sources/notes\r").write_bytes(b"a stray file")
    pkg.set_cell("statements", "stm-2025-07-overchuk-natural-allies", "quote", "natural enemies")


def _source_moved_earlier(pkg):
    pkg.set_cell("sources", "src-2025-09-02-cpecnews-sharif-putin", "published_date", "2025-08-01")


def _symlink_the_text(pkg):
    text = pkg.path(TEXT)
    real = pkg.path("sources/real.txt")
    text.rename(real)
    text.symlink_to("real.txt")


def _no_source_foreign_keys(pkg):
    dropped = 0
    for schema in pkg.root.glob("schemas/*.json"):
        doc = json.loads(schema.read_text(encoding="utf-8"))
        if doc.get("foreignKeys"):
            kept = [fk for fk in doc["foreignKeys"] if fk.get("fields") not in ("source_id", ["source_id"])]
            dropped += len(doc["foreignKeys"]) - len(kept)
            doc["foreignKeys"] = kept
            schema.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    assert dropped >= 5


@pytest.mark.parametrize("before,change", [
    (None, _lone_carriage_return),
    (_symlink_the_text, _symlinked_text_edited),
    (None, _odd_file_name),
    (_no_source_foreign_keys, _source_moved_earlier),  # the rules find a source by source_id anyway
])
@pytest.mark.slow
def test_changes_found_in_review_get_the_full_verdict(pkg, capsys, before, change):
    if before is not None:
        before(pkg)
    code, base, _ = _run(capsys, pkg.root, "--no-cache")
    assert code == 0
    commit = commit_all(pkg.root)
    change(pkg)
    code, full, _ = _run(capsys, pkg.root, "--no-cache")
    errors = [e for e in full["errors"] if e["severity"] == "error"]
    assert code == 1 and errors
    code, doc, err = _run(capsys, pkg.root, "--changed-since", commit)
    assert code == 1 and "every row" not in err
    assert [e for e in doc["errors"] if e["severity"] == "error"] == errors


def test_a_package_in_a_folder_of_the_repository(tmp_path, capsys):
    from tests.support import assemble

    root = assemble(tmp_path / "repo" / "data sets" / "events")
    commit = commit_all(tmp_path / "repo")
    actors = root / "data" / "actors.csv"
    rows = actors.read_bytes().split(b"\n")
    line = next(i for i, row in enumerate(rows) if b",person," in row) + 1
    rows[line - 1] = rows[line - 1].replace(b",person,", b",persona,")
    actors.write_bytes(b"\n".join(rows))
    code, doc, err = _run(capsys, root, "--changed-since", commit)
    assert "checked " in err and "every row" not in err
    full = [e for e in _run(capsys, root, "--no-cache")[1]["errors"] if e["severity"] == "error"]
    assert full and [e for e in doc["errors"] if e["severity"] == "error"] == full
    assert {(e["file"], e["line"]) for e in full} == {("data/actors.csv", line)}


def test_a_changed_schema_checks_every_row(repo, capsys):
    pkg, commit = repo
    pkg.edit_json("schemas/meetings.json", lambda doc: doc.update(description="changed"))
    code, doc, err = _run(capsys, pkg.root, "--changed-since", commit)
    assert err == f"dipevents validate: checked every row: schemas/meetings.json changed since {commit}\n"
    assert code == 0 and [e["rule"] for e in doc["errors"]] == ["date-words-unchecked"]


def test_the_descriptor_compared_is_the_one_loaded(pkg, capsys):
    """Issue 19: `validate OTHER.json --changed-since REV` compared datapackage.json, so a stricter
    inline schema in OTHER.json went unseen ("checked 0 of N rows", valid)."""
    other = pkg.root / "other.json"
    other.write_bytes((pkg.root / "datapackage.json").read_bytes())
    commit = commit_all(pkg.root)
    doc = json.loads(other.read_text(encoding="utf-8"))
    meetings = next(r for r in doc["resources"] if r["name"] == "meetings")
    schema = json.loads((pkg.root / meetings["schema"]).read_text(encoding="utf-8"))
    next(f for f in schema["fields"] if f["name"] == "title")["constraints"]["maxLength"] = 10
    meetings["schema"] = schema
    other.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    code, full, _ = _run(capsys, other, "--no-cache")
    assert code == 1 and [e for e in full["errors"] if e["code"] == "DE208"]
    code, incremental, err = _run(capsys, other, "--changed-since", commit)
    assert err == f"dipevents validate: checked every row: other.json changed since {commit}\n"
    assert (code, incremental["errors"]) == (1, full["errors"])


def test_when_the_tied_rows_cannot_be_worked_out_every_row_is_checked(repo, capsys, monkeypatch):
    from dipevents import changed_scope

    def broken(*args):
        raise KeyError("source_id")

    monkeypatch.setattr(changed_scope, "focus", broken)
    pkg, commit = repo
    line = pkg.set_cell("statements", "stm-2025-07-overchuk-natural-allies", "quote", "natural enemies")
    code, doc, err = _run(capsys, pkg.root, "--changed-since", commit)
    assert err == ("dipevents validate: checked every row: the rows tied to the change could not be worked out "
                   "(KeyError: 'source_id')\n")
    assert code == 1 and [e["rule"] for e in doc["errors"]] == ["date-words-unchecked", "verbatim-not-in-source"]
    assert doc["errors"][1]["line"] == line


def test_a_duplicate_of_an_unchanged_key_is_found(repo, capsys):
    """Keys are compared over every row, changed or not."""
    pkg, commit = repo
    rows = pkg.read_rows("data/actors.csv")
    line = pkg.append_row("actors", dict(zip(rows[0], rows[1])))
    code, doc, _ = _run(capsys, pkg.root, "--changed-since", commit)
    e = only(doc["errors"], rule="primary-key")
    assert (e["file"], e["line"]) == ("data/actors.csv", line)


def test_a_change_to_the_validator_checks_every_row(tmp_path):
    """When the toolkit runs from the package's repository, a rule changed since REV must see
    every row; the site and the downloads are not validation."""
    from dipevents.changed_rows import _toolkit_changed

    code = tmp_path / "src" / "dipevents"
    for rel in ("rules/dates.py", "site/pages.py"):
        (code / rel).parent.mkdir(parents=True, exist_ok=True)
        (code / rel).write_text("# v1\n", encoding="utf-8")
    (tmp_path / "package").mkdir()
    (tmp_path / "package" / "datapackage.json").write_text("{}", encoding="utf-8")
    commit = commit_all(tmp_path)
    assert _toolkit_changed(tmp_path / "package", commit, code) is None
    (code / "site" / "pages.py").write_text("# v2\n", encoding="utf-8")
    assert _toolkit_changed(tmp_path / "package", commit, code) is None
    (code / "rules" / "dates.py").write_text("# v2\n", encoding="utf-8")
    assert _toolkit_changed(tmp_path / "package", commit, code) == "src/dipevents/rules/dates.py"
    assert _toolkit_changed(tmp_path / "package", commit, tmp_path.parent) is None  # installed elsewhere


def test_faults_of_every_rule_family_get_the_full_verdict(tmp_path, capsys):
    """scripts/synth.py: a valid package committed, then the same package with faults of every
    rule family (--errors): both validations report the same errors."""
    root, broken = tmp_path / "package", tmp_path / "broken"
    synth(80, root)
    synth(80, broken, "--errors", "0.15")
    commit = commit_all(root)
    for part in ("data", "sources"):
        shutil.rmtree(root / part)
        shutil.copytree(broken / part, root / part)
    _, full, _ = _run(capsys, root, "--no-cache")
    code, incremental, err = _run(capsys, root, "--changed-since", commit)
    assert code == 1 and "every row" not in err
    errors = [e for e in full["errors"] if e["severity"] == "error"]
    assert len(errors) > 50
    assert [e for e in incremental["errors"] if e["severity"] == "error"] == errors
