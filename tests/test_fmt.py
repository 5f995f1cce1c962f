"""`dipevents fmt`: canonical form, every value kept, idempotent, atomic."""

from __future__ import annotations

import csv
import io
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dipevents import fmt
from dipevents.cli import main

CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["", ",", '"', '""', "\n", "\r", "\r\n", " lead", "trail ", "a,b", 'say "hi"', "é😀", "=1+1"])


@st.composite
def tables(draw):
    fields = draw(st.lists(st.sampled_from(["id", "b", "c", "d"]), min_size=1, max_size=4, unique=True))
    header = draw(st.permutations(fields))
    rows = draw(st.lists(st.lists(CELL, min_size=len(fields), max_size=len(fields)), max_size=8))
    return fields, list(header), rows


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


@settings(max_examples=300, deadline=None)
@given(tables())
@pytest.mark.slow
def test_fmt_keeps_every_value_and_is_idempotent(table):
    fields, header, rows = table
    key = [fields[0]]
    once = fmt.canonical(header, rows, fields, key)
    back = parse(once)
    assert back[0] == fields
    as_records = lambda hdr, body: sorted(tuple(dict(zip(hdr, r))[f] for f in fields) for r in body)  # noqa: E731
    assert as_records(back[0], back[1:]) == as_records(header, rows)  # same cells, nothing lost or changed
    assert [r[0] for r in back[1:]] == sorted(r[header.index(fields[0])] for r in rows)  # sorted by key
    assert fmt.canonical(back[0], back[1:], fields, key) == once  # idempotent
    assert not once.startswith("\ufeff")


@pytest.mark.parametrize("cell, written", [("plain", "plain"), ("a,b", '"a,b"'), ('say "hi"', '"say ""hi"""'),
                                           ("two\nlines", '"two\nlines"'), ("cr\ronly", '"cr\ronly"'), ("", "")])
def test_minimal_quoting(cell, written):
    assert fmt.quote(cell) == written


def test_fmt_repairs_bom_crlf_order_and_sorting(pkg, capsys):
    path = pkg.path("data/actors.csv")
    rows = pkg.read_rows("data/actors.csv")
    header, body = rows[0], rows[1:]
    swapped = [header[1], header[0], *header[2:]]
    shuffled = [[r[1], r[0], *r[2:]] for r in reversed(body)]
    text = "\r\n".join(",".join(fmt.quote(c) for c in r) for r in [swapped, *shuffled]) + "\r\n"
    original = (pkg.root.parent / "original.csv")
    original.write_bytes((pkg.root / "data/actors.csv").read_bytes())
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert main(["fmt", str(pkg.root), "--check"]) == 1
    assert "would reformat data/actors.csv" in capsys.readouterr().out
    assert main(["fmt", str(pkg.root)]) == 0
    assert path.read_bytes() == original.read_bytes()
    assert main(["fmt", str(pkg.root), "--check"]) == 0


def test_fmt_says_when_it_removes_empty_lines(pkg, capsys):
    path = pkg.path("data/meetings.csv")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(2, "")
    path.write_text("\n".join(lines), encoding="utf-8")
    assert main(["fmt", str(pkg.root), "--check"]) == 1
    assert "would reformat data/meetings.csv (would remove 1 empty line(s))" in capsys.readouterr().out
    assert main(["fmt", str(pkg.root)]) == 0
    assert "reformatted data/meetings.csv (removed 1 empty line(s))" in capsys.readouterr().out


def test_fmt_refuses_a_broken_file_and_leaves_it(pkg, capsys):
    path = pkg.path("data/meetings.csv")
    broken = path.read_bytes() + b'mtg-x,"unclosed\n'
    path.write_bytes(broken)
    assert main(["fmt", str(pkg.root)]) == 1
    assert "DE104" in capsys.readouterr().out
    assert path.read_bytes() == broken


def test_interrupted_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    path.write_text("id\nold\n", encoding="utf-8")

    def crash(src, dst):
        raise KeyboardInterrupt  # the moment between writing the new file and swapping it in

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        fmt.write_atomic(path, "id\nnew\n")
    assert path.read_text(encoding="utf-8") == "id\nold\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]
