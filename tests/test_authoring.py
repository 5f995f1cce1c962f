"""`dipevents new` and `dipevents source add`: refuse before writing, never leave half a change."""

from __future__ import annotations

from dipevents.cli import main

SOURCE_ARGS = ["--url", "https://example.org/a", "--published", "2025-01-02", "--title", "T", "--publisher", "P"]


def _run(pkg, capsys, *args) -> tuple[int, str]:
    capsys.readouterr()
    code = main([*args])
    out = capsys.readouterr()
    return code, out.out + out.err


def _text(tmp_path, content: bytes = b"A report.\n"):
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    return str(path)


def test_source_add_archives_and_records_the_hash(pkg, capsys, tmp_path):
    code, out = _run(pkg, capsys, "source", "add", _text(tmp_path), "--package", str(pkg.root), *SOURCE_ARGS)
    assert code == 0, out
    assert (pkg.root / "sources" / "src-2025-01-02-p-t.txt").read_bytes() == b"A report.\n"
    row = next(r for r in pkg.read_rows("data/sources.csv") if r[0] == "src-2025-01-02-p-t")
    # printf 'A report.\n' | sha256sum
    assert row[-2] == "a760a4a4ab7745330b7dd4d42736a2e93816dc41fa880ba8f17eaf6aa377d2fd"


def test_source_id_cannot_leave_sources(pkg, capsys, tmp_path):
    for bad in ["../../outside/pwn", "/tmp/abs", "..", "Bad ID", "src-a/b"]:
        code, out = _run(pkg, capsys, "source", "add", _text(tmp_path), "--package", str(pkg.root),
                         *SOURCE_ARGS, "--id", bad)
        assert code == 1 and "does not match the source_id pattern" in out, bad
    assert sorted(p.name for p in (pkg.root / "sources").iterdir()) == ["src-2025-09-02-cpecnews-sharif-putin.txt"]
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
    assert not (pkg.root / "sources" / "src-2025-01-02-p-t.txt").exists()


def test_source_add_never_replaces_an_archived_text(pkg, capsys, tmp_path):
    (pkg.root / "sources" / "src-2025-01-02-p-t.txt").write_bytes(b"older text")
    code, out = _run(pkg, capsys, "source", "add", _text(tmp_path), "--package", str(pkg.root), *SOURCE_ARGS)
    assert code == 1 and "archived texts are never replaced" in out
    assert (pkg.root / "sources" / "src-2025-01-02-p-t.txt").read_bytes() == b"older text"
    assert "src-2025-01-02-p-t" not in pkg.path("data/sources.csv").read_text(encoding="utf-8")


def test_new_refuses_an_existing_key(pkg, capsys):
    before = pkg.path("data/actors.csv").read_bytes()
    code, out = _run(pkg, capsys, "new", "actors", "--package", str(pkg.root), "--set", "actor_id=act-russia", "--append")
    assert code == 2 and "act-russia is already in data/actors.csv" in out
    assert pkg.path("data/actors.csv").read_bytes() == before


def test_new_never_suggests_a_retired_id(pkg, capsys):
    pkg.append_row("retired_ids", {"retired_id": "act-zed", "table_name": "actors", "replaced_by": "act-russia",
                                   "retired_in_version": "0.1.0", "reason": "merged"})
    code, out = _run(pkg, capsys, "new", "actors", "--package", str(pkg.root), "--set", "name=Zed")
    assert code == 0
    assert out.splitlines()[-1].startswith("act-zed-2,Zed,")


def test_new_append_refuses_a_table_with_a_bad_row(pkg, capsys):
    path = pkg.path("data/actors.csv")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].rstrip("\n") + ",EXTRA CELL\n"
    path.write_text("".join(lines), encoding="utf-8")
    before = path.read_bytes()
    code, out = _run(pkg, capsys, "new", "actors", "--package", str(pkg.root), "--set", "name=Zed", "--append")
    assert code == 2 and "cannot be rewritten" in out
    assert path.read_bytes() == before


def test_new_append_lands_in_sorted_order_and_names_the_line(pkg, capsys):
    code, out = _run(pkg, capsys, "new", "actors", "--package", str(pkg.root), "--set", "name=Ishaq Dar",
                     "--set", "actor_type=person", "--set", "country=PAK", "--append")
    assert code == 0
    assert out.splitlines()[0] == "appended act-ishaq-dar to data/actors.csv at line 7"
    assert pkg.line_of("actors", "act-ishaq-dar") == 7
