"""`dipevents new` and `dipevents source add`: refuse before writing, never leave half a change."""

from __future__ import annotations

from dipevents.cli import main
from tests.support import snapshot

SOURCE_ARGS = ["--url", "https://www.example.org/a", "--published", "2025-01-02",
               "--title", "Dar meets Mishustin in Moscow", "--publisher", "Example News"]
SOURCE_ID = "src-2025-01-02-example-dar-meets-mishustin-moscow"
EVIDENCE = "Prime Minister Shehbaz Sharif and Russian President Vladimir Putin met in Beijing on Tuesday"
SOURCE = "src-2025-09-02-cpecnews-sharif-putin"


def _run(pkg, capsys, *args) -> tuple[int, str]:
    capsys.readouterr()
    code = main([*args])
    out = capsys.readouterr()
    return code, out.out + out.err


def _new(pkg, capsys, table, *args) -> tuple[int, str]:
    return _run(pkg, capsys, "new", table, "--package", str(pkg.root), *args)


def _text(tmp_path, content: bytes = b"A report.\n"):
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    return str(path)


def test_source_add_archives_records_the_hash_and_notes(pkg, capsys, tmp_path):
    code, out = _run(pkg, capsys, "source", "add", _text(tmp_path), "--package", str(pkg.root), *SOURCE_ARGS,
                     "--notes", "Seen on the publisher's front page.")
    assert code == 0, out
    assert out.startswith(f"archived sources/{SOURCE_ID}.txt and added {SOURCE_ID} to data/sources.csv at line ")
    assert (pkg.root / "sources" / f"{SOURCE_ID}.txt").read_bytes() == b"A report.\n"
    header, *rows = pkg.read_rows("data/sources.csv")
    row = dict(zip(header, next(r for r in rows if r[0] == SOURCE_ID)))
    # printf 'A report.\n' | sha256sum
    assert row["text_sha256"] == "a760a4a4ab7745330b7dd4d42736a2e93816dc41fa880ba8f17eaf6aa377d2fd"
    assert row["notes"] == "Seen on the publisher's front page."
    assert pkg.validate("text")[0] == 0


def test_source_add_topic_words_replace_the_title_in_the_id(pkg, capsys, tmp_path):
    code, out = _run(pkg, capsys, "source", "add", _text(tmp_path), "--package", str(pkg.root), *SOURCE_ARGS,
                     "--topic", "Dar Mishustin")
    assert code == 0, out
    assert (pkg.root / "sources" / "src-2025-01-02-example-dar-mishustin.txt").exists()


def test_source_id_cannot_leave_sources(pkg, capsys, tmp_path):
    for bad in ["../../outside/pwn", "/tmp/abs", "..", "Bad ID", "src-a/b"]:
        code, out = _run(pkg, capsys, "source", "add", _text(tmp_path), "--package", str(pkg.root),
                         *SOURCE_ARGS, "--id", bad)
        assert code == 1 and "does not match the source_id pattern" in out, bad
    assert sorted(p.name for p in (pkg.root / "sources").iterdir()) == [f"{SOURCE}.txt"]
    assert not (pkg.root.parent / "outside").exists()


def test_source_add_refuses_a_week_date_and_non_utf8(pkg, capsys, tmp_path):
    args = [a if a != "2025-01-02" else "2025-W01-1" for a in SOURCE_ARGS]
    code, out = _run(pkg, capsys, "source", "add", _text(tmp_path), "--package", str(pkg.root), *args)
    assert code == 1 and "is not a date YYYY-MM-DD" in out
    code, out = _run(pkg, capsys, "source", "add", _text(tmp_path, b"caf\xe9"), "--package", str(pkg.root), *SOURCE_ARGS)
    assert code == 1 and "is not UTF-8 text" in out


def test_source_add_leaves_no_orphan_when_the_table_is_broken(pkg, capsys, tmp_path):
    path = pkg.path("data/sources.csv")
    path.write_text(path.read_text(encoding="utf-8") + 'src-bad,"unterminated\n', encoding="utf-8")
    code, out = _run(pkg, capsys, "source", "add", _text(tmp_path), "--package", str(pkg.root), *SOURCE_ARGS)
    assert code == 1 and "cannot be rewritten" in out
    assert not (pkg.root / "sources" / f"{SOURCE_ID}.txt").exists()


def test_source_add_refuses_a_row_the_validator_rejects(pkg, capsys, tmp_path):
    before = snapshot(pkg.root)
    code, out = _run(pkg, capsys, "source", "add", _text(tmp_path), "--package", str(pkg.root), *SOURCE_ARGS,
                     "--notes", "=HYPERLINK(1)")
    assert code == 1
    assert out.splitlines()[:2] == [
        f"dipevents source add: the source {SOURCE_ID} would break the package; nothing was written:",
        'data/sources.csv:2: error DE321 [formula-opener] notes: "=HYPERLINK(1)" starts with "=", '
        "which spreadsheets run as a formula"]  # sorted before the 2025-09-02 source
    assert snapshot(pkg.root) == before


def test_source_add_never_replaces_an_archived_text(pkg, capsys, tmp_path):
    (pkg.root / "sources" / f"{SOURCE_ID}.txt").write_bytes(b"older text")
    code, out = _run(pkg, capsys, "source", "add", _text(tmp_path), "--package", str(pkg.root), *SOURCE_ARGS)
    assert code == 1 and "archived texts are never replaced" in out
    assert (pkg.root / "sources" / f"{SOURCE_ID}.txt").read_bytes() == b"older text"
    assert SOURCE_ID not in pkg.path("data/sources.csv").read_text(encoding="utf-8")


def test_new_refuses_an_existing_key_naming_its_row(pkg, capsys):
    before = pkg.path("data/actors.csv").read_bytes()
    line = pkg.line_of("actors", "act-russia")
    code, out = _new(pkg, capsys, "actors", "--set", "actor_id=act-russia", "--append")
    assert (code, out) == (2, f"dipevents new: act-russia is already in data/actors.csv:{line}\n")
    assert pkg.path("data/actors.csv").read_bytes() == before


def test_new_refuses_a_taken_suggestion_instead_of_numbering_it(pkg, capsys):
    line = pkg.line_of("actors", "act-russia")
    code, out = _new(pkg, capsys, "actors", "--set", "name=Russia")
    assert (code, out) == (2, f"dipevents new: the suggested ID act-russia is taken by data/actors.csv:{line}; "
                              "give --set actor_id=... explicitly\n")


def test_new_refuses_a_retired_suggestion(pkg, capsys):
    line = pkg.append_row("retired_ids", {"retired_id": "act-zed", "table_name": "actors", "replaced_by": "act-russia",
                                          "retired_in_version": "0.1.0", "reason": "merged"})
    code, out = _new(pkg, capsys, "actors", "--set", "name=Zed")
    assert (code, out) == (2, f"dipevents new: the suggested ID act-zed was retired (data/retired_ids.csv:{line}); "
                              "identifiers are never reused; give --set actor_id=... explicitly\n")


def test_new_append_refuses_a_table_with_a_bad_row(pkg, capsys):
    path = pkg.path("data/actors.csv")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].rstrip("\n") + ",EXTRA CELL\n"
    path.write_text("".join(lines), encoding="utf-8")
    before = path.read_bytes()
    code, out = _new(pkg, capsys, "actors", "--set", "name=Zed", "--append")
    assert code == 2 and "cannot be rewritten" in out
    assert path.read_bytes() == before


def test_new_append_lands_in_sorted_order_and_names_the_line(pkg, capsys):
    code, out = _new(pkg, capsys, "actors", "--set", "name=Ishaq Dar", "--set", "actor_type=person",
                     "--set", "country=PAK", "--append")
    assert code == 0, out
    line = pkg.line_of("actors", "act-ishaq-dar")
    assert out == f"appended act-ishaq-dar to data/actors.csv at line {line}\n"
    assert pkg.read_rows("data/actors.csv")[line - 2][0] < "act-ishaq-dar" < pkg.read_rows("data/actors.csv")[line][0]
    assert pkg.validate("text")[0] == 0


def test_new_append_refuses_a_row_the_validator_rejects(pkg, capsys):
    before = snapshot(pkg.root)
    code, out = _new(pkg, capsys, "actors", "--set", "name=Zed Zee", "--set", "actor_type=persn",
                     "--set", "country=PAK", "--append")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "dipevents new: the row act-zed-zee would break the package; nothing was written:"
    assert lines[1].startswith("data/actors.csv:")
    assert lines[1].endswith(': error DE207 [foreign-key] actor_type: "persn" matches no code in '
                             'data/codelists/actor_types.csv; did you mean "person"?')
    assert snapshot(pkg.root) == before


def test_new_append_is_not_blocked_by_errors_elsewhere(pkg, capsys):
    pkg.set_cell("meetings", "mtg-2024-astana-sco-summit", "country", "XXX")
    code, out = _new(pkg, capsys, "actors", "--set", "name=Ishaq Dar", "--set", "actor_type=person",
                     "--set", "country=PAK", "--append")
    assert code == 0, out
    assert out.splitlines()[-1] == "the package has 1 other error(s); run dipevents validate"


def test_new_bilateral_meeting_names_its_parties_and_the_participants_still_to_add(pkg, capsys):
    meeting = "mtg-2025-09-02-beijing-sharif-lavrov"
    values = {"title": "Sharif - Lavrov meeting", "date": "2025-09-02", "date_as_reported": "on Tuesday",
              "city": "Beijing", "country": "CHN", "format": "bilateral", "status": "occurred",
              "source_id": SOURCE, "evidence": EVIDENCE}
    sets = [a for k, v in values.items() for a in ("--set", f"{k}={v}")]
    code, out = _new(pkg, capsys, "meetings", *sets, "--party", "act-shehbaz-sharif", "--party", "act-sergey-lavrov",
                     "--append")
    assert code == 0, out
    line = pkg.line_of("meetings", meeting)
    assert out == (f"appended {meeting} to data/meetings.csv at line {line}\n"
                   f'still to do: "{meeting}" is bilateral but its participants represent 0 side(s) (none) in '
                   "meeting_participants: add its participants with dipevents new meeting_participants\n")


def test_new_party_refusals(pkg, capsys):
    code, out = _new(pkg, capsys, "meetings", "--set", "date=2025", "--party", "act-nobody")
    assert (code, out) == (2, "dipevents new: --party act-nobody is not in the actors table; "
                              "look it up with: dipevents actors find NAME\n")
    code, out = _new(pkg, capsys, "statements", "--party", "act-russia")
    assert (code, out) == (2, "dipevents new: statements takes no --party: its ID is formed from "
                              "date, speaker_id, topic:quote|topic:summary\n")
    code, out = _new(pkg, capsys, "meetings", "--set", "meeting_id=mtg-x", "--party", "act-russia")
    assert (code, out) == (2, "dipevents new: --party and --topic form a suggested ID; meeting_id is given explicitly\n")


def test_new_refuses_to_append_a_row_without_an_id(pkg, capsys):
    code, out = _new(pkg, capsys, "actors", "--set", "actor_type=person", "--append")
    assert (code, out) == (2, "dipevents new: no ID can be formed: fill in what actor_id is made of, "
                              "or give --set actor_id=... explicitly\n")
