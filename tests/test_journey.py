"""A new contributor adds a meeting from a new report, start to finish."""

from __future__ import annotations

import json
from html import unescape
from pathlib import Path

import pytest

from tests.site.support import copy_project
from tests.support import Ran, set_cell
from tests.support import dipevents as run_cli

REPORT = """MOSCOW; Pakistan's Deputy Prime Minister and Foreign Minister Ishaq Dar met Russian Prime Minister Mikhail Mishustin in Moscow on Monday on the sidelines of the SCO Council of Heads of Government meeting.
Dar said Pakistan "values its partnership" with Russia and called for faster work on the trade corridor.
"""
EVIDENCE = ("Ishaq Dar met Russian Prime Minister Mikhail Mishustin in Moscow on Monday on the sidelines "
            "of the SCO Council of Heads of Government meeting")
SOURCE = "src-2025-11-18-example-dar-meets-mishustin-moscow"
MEETING = "mtg-2025-11-17-moscow-dar-mishustin"


def dipevents(*args, root: Path) -> Ran:
    """`dipevents ARGS` from the project's folder, in-process (tests.support.dipevents)."""
    return run_cli(*args, cwd=root)


def edit(root: Path, table: str, key: str, column: str, value: str) -> None:
    set_cell(root / "data" / f"{table}.csv", key, column, value)


def line_of(root: Path, table: str, key: str, second: str | None = None) -> int:
    lines = (root / "data" / f"{table}.csv").read_text(encoding="utf-8").splitlines()
    return next(i + 1 for i, text in enumerate(lines) if text.startswith(key + ",") and (second is None or second in text))


@pytest.mark.slow
def test_new_contributor_adds_a_meeting(tmp_path):
    root = copy_project(tmp_path / "repo")
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")

    # 1. archive the source
    added = dipevents("source", "add", str(report), "--url", "https://example.org/news/dar-mishustin",
                      "--published", "2025-11-18", "--publisher", "Example News",
                      "--title", "Dar meets Mishustin in Moscow", root=root)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith(f"archived sources/{SOURCE}.txt and added {SOURCE} to data/sources.csv at line 3")  # sorted after the 2025-09-02 source
    assert (root / "sources" / f"{SOURCE}.txt").read_text(encoding="utf-8") == REPORT

    # 2. the actors (looked up first), the meeting, its participants and a statement, all with `new`
    assert dipevents("actors", "find", "Ishaq Dar", root=root).returncode == 1  # not there yet
    for values in [["name=Ishaq Dar", "actor_type=person", "country=PAK"],
                   ["name=Mikhail Mishustin", "actor_type=person", "country=RUS"]]:
        assert dipevents("new", "actors", "--append", *sum([["--set", v] for v in values], []), root=root).returncode == 0
    template = dipevents("new", "meetings", "--set", "date=2025-11-17", "--set", "city=Moscow",
                         "--party", "act-ishaq-dar", "--party", "act-mikhail-mishustin", root=root)
    assert template.stdout.splitlines()[-1].startswith(MEETING + ",")
    meeting = {"date": "2025-11-18",  # mistake 1: the day of publication, not the Monday before it
               "title": "Ishaq Dar - Mikhail Mishustin meeting in Moscow", "date_as_reported": "on Monday",
               "city": "Moscow", "country": "RUS", "format": "bilateral", "status": "occurred",
               "parent_meeting_id": "mtg-2025-11-moscow-sco-heads-of-government-summit", "source_id": SOURCE,
               "evidence": "Dar met Mishustin in Moscow on Monday"}  # mistake 2: a paraphrase
    parties = ["--party", "act-ishaq-dar", "--party", "act-mikhail-mishustin"]

    def new_meeting():
        return dipevents("new", "meetings", "--append", *parties,
                         *sum([["--set", f"{k}={v}"] for k, v in meeting.items()], []), root=root)

    # 3. `new --append` runs the validator on the row first and names each mistake: nothing is written
    refused = new_meeting()
    assert refused.returncode == 1
    assert [line.split(" [")[0] for line in refused.stderr.splitlines() if ": error " in line] == [
        "data/meetings.csv:5: error DE303", "data/meetings.csv:5: error DE311"]  # where it would be sorted
    assert MEETING not in (root / "data" / "meetings.csv").read_text(encoding="utf-8")
    meeting.update(date="2025-11-17", evidence=EVIDENCE)
    appended = new_meeting()
    assert appended.returncode == 0, appended.stderr
    assert "still to do" in appended.stdout and "meeting_participants" in appended.stdout
    typo = dipevents("new", "meeting_participants", "--append", "--set", f"meeting_id={MEETING}",
                     "--set", "actor_id=act-ishaq-daar", "--set", "represents=act-pakistan",  # mistake 3: a typo
                     "--set", "role=participant", "--set", f"source_id={SOURCE}", "--set", f"evidence={EVIDENCE}",
                     root=root)
    assert typo.returncode == 1 and "DE207 [foreign-key] actor_id" in typo.stderr
    for actor, side in [("act-ishaq-dar", "act-pakistan"), ("act-mikhail-mishustin", "act-russia")]:
        assert dipevents("new", "meeting_participants", "--append", "--set", f"meeting_id={MEETING}",
                         "--set", f"actor_id={actor}", "--set", f"represents={side}", "--set", "role=participant",
                         "--set", f"source_id={SOURCE}", "--set", f"evidence={EVIDENCE}", root=root).returncode == 0
    assert dipevents("new", "statements", "--append", "--set", "speaker_id=act-ishaq-dar",
                     "--set", "date=2025-11-17", "--set", "date_as_reported=on Monday",
                     "--set", f"meeting_id={MEETING}", "--set", "about_id=act-russia",
                     "--set", "statement_type=characterization", "--set", "quote=values its partnership",
                     "--set", "summary=Dar said Pakistan values its partnership with Russia.",
                     "--set", f"source_id={SOURCE}",
                     "--set", 'evidence=Dar said Pakistan "values its partnership" with Russia', root=root).returncode == 0

    # 4. a change made in a spreadsheet: the validator names it, `set` fixes it, then the checks a pull request runs
    edit(root, "meetings", MEETING, "date", "2025-11-18")
    checked = dipevents("validate", "--format", "json", root=root)
    assert checked.returncode == 1
    errors = {(e["file"], e["line"], e["column"], e["code"]) for e in json.loads(checked.stdout)["errors"]
              if e["severity"] == "error"}
    meeting_line = line_of(root, "meetings", MEETING)
    statements = (root / "data" / "statements.csv").read_text(encoding="utf-8").splitlines()
    statement_line = next(i + 1 for i, row in enumerate(statements) if MEETING in row)  # made at that meeting
    assert errors == {("data/meetings.csv", meeting_line, "date", "DE303"),
                      ("data/statements.csv", statement_line, "date", "DE344")}
    text = dipevents("validate", root=root).stdout
    assert f"data/meetings.csv:{meeting_line}: error DE303 [date-words] date:" in text
    fixed = dipevents("set", "meetings", MEETING, "date=2025-11-17", root=root)
    assert fixed.returncode == 0, fixed.stderr
    assert dipevents("fmt", root=root).returncode == 0
    assert dipevents("fmt", "--check", root=root).returncode == 0
    valid = dipevents("validate", root=root)
    assert valid.returncode == 0, valid.stdout
    site = dipevents("site", root=root)
    assert site.returncode == 0, site.stdout

    # 5. the new meeting is on the actors' pages
    for actor in ["act-ishaq-dar", "act-mikhail-mishustin", "act-pakistan"]:
        page = unescape((root / "site" / "actors" / actor / "index.html").read_text(encoding="utf-8"))
        assert "Ishaq Dar - Mikhail Mishustin meeting in Moscow" in page, actor
