"""The columnar reader (pyarrow) reads files in canonical form and must give exactly what the
exact reader (Python's csv, record by record) gives: the same values, None for empty cells,
the same physical line for every record. On anything else it steps aside and the exact reader
reads the file."""

from __future__ import annotations

import pytest

from dipevents import tables
from dipevents.loader import load
from tests.support import assemble

HEADER = "code,label,description\n"
CASES = {
    # name: (body after the header, read by the columnar reader? None: not even tried)
    "plain": ("a,Alpha,First\nb,Beta,\n", True),
    "quoted comma, quote and line break": ('a,"Alpha, one","He said ""no""\nthen left"\nb,Beta,"x\n\ny"\nc,C,z\n', True),
    "unicode": ("a,Ärger,\u4e2d\u6587 \U0001f600\nb,B,\n", True),
    # columns that repeat their values share one string per value (columnar._python_values)
    "repeated values": ("a,Alpha,\nb,Alpha,\nc,Alpha,\nd,Beta,\ne,Beta,x\n", True),
    "no record": ("", False),
    "quotes not needed": ('a,"Alpha",First\n', False),
    "quote inside an unquoted cell": ('a,Al"pha,First\n', False),
    "text after a closing quote": ('a,"Al"pha,First\n', False),
    "short record": ("a,Alpha\nb,Beta,Second\n", False),
    "long record": ("a,Alpha,First,extra\n", False),
    "blank line": ("a,Alpha,First\n\nb,Beta,Second\n", False),
    "no final line break": ("a,Alpha,First\nb,Beta,Second", False),
    "unclosed quote": ('a,"Alpha,First\nb,Beta,Second\n', False),
    "not UTF-8": (b"a,Alpha,First\nb,B\xe9ta,Second\n", False),
    "a control character": ("a,Al\x07pha,First\n", None),
    "a carriage return": ("a,Alpha,First\r\n", None),
    "a byte-order mark": ("\ufeff", None),
}


def _read(root, exact: bool, monkeypatch):
    package, errors = load(root)
    assert errors == []
    with monkeypatch.context() as m:
        if exact:
            m.setattr(tables, "_read_canonical", lambda table, raw: False)
        return tables.read_table(package.resources["sectors"])


@pytest.mark.parametrize("name", CASES)
def test_the_columnar_reader_agrees_with_the_exact_reader(name, tmp_path, monkeypatch):
    body, columnar = CASES[name]
    root = assemble(tmp_path / "package")
    data = HEADER.encode("utf-8") + (body if isinstance(body, bytes) else body.encode("utf-8"))
    if name == "a byte-order mark":
        data = body.encode("utf-8") + HEADER.encode("utf-8") + b"a,Alpha,First\n"
    (root / "data" / "codelists" / "sectors.csv").write_bytes(data)
    used = []
    original = tables._read_canonical
    monkeypatch.setattr(tables, "_read_canonical", lambda table, raw: used.append(r := original(table, raw)) or r)
    fast, fast_errors = tables.read_table(load(root)[0].resources["sectors"])
    monkeypatch.undo()
    exact, exact_errors = _read(root, True, monkeypatch)
    assert used == ([] if columnar is None else [columnar])  # None: refused on its bytes, before parsing
    assert fast_errors == exact_errors
    assert (fast.header, fast.record_lines) == (exact.header, exact.record_lines)
    if exact.frame is None:
        assert fast.frame is None
    else:
        assert fast.frame.index.tolist() == exact.frame.index.tolist()
        assert fast.frame.to_dict("records") == exact.frame.to_dict("records")
        assert (fast.frame.dtypes == object).all()


def test_records_after_a_cell_with_line_breaks_keep_their_physical_lines(tmp_path):
    root = assemble(tmp_path / "package")
    body = 'a,"two\nlines",x\nb,"three\n\nlines",y\nc,C,z\n'
    (root / "data" / "codelists" / "sectors.csv").write_text(HEADER + body, encoding="utf-8")
    table, errors = tables.read_table(load(root)[0].resources["sectors"])
    assert errors == []
    assert table.frame.index.tolist() == [2, 4, 7]
    assert table.frame.loc[4, "label"] == "three\n\nlines"
    assert table.frame.loc[2, "description"] == "x" and table.frame.loc[4, "description"] == "y"


def test_a_column_of_repeated_values_is_read_across_blocks_as_it_is():
    """pyarrow parses a large file in blocks; the distinct values are shared across them."""
    import pyarrow as pa

    from dipevents.columnar import _python_values

    blocks = [["a", "b", "a", "a"], ["c", "a", "", "c"], ["x", "x", "b", "NA"]]
    column = pa.chunked_array([pa.array(b, pa.large_string()) for b in blocks])
    got = _python_values(column, pa.array(["", "NA"], pa.large_string()))
    assert got.dtype == object
    assert got.tolist() == ["a", "b", "a", "a", "c", "a", None, "c", "x", "x", "b", None]
    assert got[0] is got[2]  # one string object for the value "a"
