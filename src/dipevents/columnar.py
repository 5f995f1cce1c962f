"""Read a table's records with pyarrow, column by column, when the file is in canonical form.

``tables.read_table`` reads every CSV exactly with Python's ``csv`` module, record by record,
which costs seconds at hundreds of thousands of rows. Files written by ``dipevents fmt``
(the form CI requires) are parsed here instead with pyarrow's CSV reader, and the result is
accepted only when it accounts for every byte of the file as the canonical encoding of the
values it found: each cell takes its length, plus two quotes and its doubled quotes when it
holds a quote, comma, CR or LF (and only then), each record ends with LF exactly where the
count says. Anything else (an unneeded or broken quote, a short row, a blank line, no final
LF) returns None and the exact reader reads the file, reporting what is wrong at its line.
Physical line numbers come from the line breaks counted inside each record's cells.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

NEEDS_QUOTES = '[",\r\n]'  # csv.QUOTE_MINIMAL with "," and LF: what fmt quotes


def read_records(body: bytes, header: list[str], first_line: int, missing: set[str]) -> pd.DataFrame | None:
    """The records of BODY (the file after its header line) as an object frame indexed by
    physical line (records start on FIRST_LINE), empty cells and MISSING values as None;
    None when BODY is not exactly the canonical CSV of what pyarrow parsed."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv

    width = len(header)
    if width < 2 or not body.endswith(b"\n"):
        return None  # a one-column table's blank line would be a record here; the exact reader decides
    names = [f"c{i}" for i in range(width)]
    try:
        parsed = pcsv.read_csv(
            pa.py_buffer(body),
            read_options=pcsv.ReadOptions(column_names=names, block_size=64 << 20),
            parse_options=pcsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(column_types={n: pa.large_string() for n in names},
                                                strings_can_be_null=False, quoted_strings_can_be_null=False,
                                                null_values=[]))
    except (pa.ArrowInvalid, pa.ArrowException):
        return None  # not UTF-8 (check_utf8 is on), a short or long row, a broken quote...
    rows = parsed.num_rows
    encoded = np.zeros(rows, dtype=np.int64)
    breaks = np.zeros(rows, dtype=np.int64)
    any_quote, any_break = b'"' in body, body.count(b"\n") != rows  # else no cell is quoted / spans lines
    for name in names:
        column = parsed.column(name)
        encoded += pc.binary_length(column).to_numpy(zero_copy_only=False)
        if any_quote:
            quoted = pc.match_substring_regex(column, NEEDS_QUOTES).to_numpy(zero_copy_only=False)
            if quoted.any():
                quotes = pc.count_substring(column, '"').to_numpy(zero_copy_only=False)
                encoded += np.where(quoted, 2 + quotes, 0)
        if any_break:
            breaks += pc.count_substring(column, "\n").to_numpy(zero_copy_only=False)
    encoded += width  # the commas between cells and the LF that ends the record
    ends = np.cumsum(encoded)
    if rows == 0 or ends[-1] != len(body):
        return None
    if not (np.frombuffer(body, dtype=np.uint8)[ends - 1] == 10).all():
        return None
    lines = first_line + np.arange(rows, dtype=np.int64) + np.concatenate(([0], np.cumsum(breaks)[:-1]))
    missing_values = pa.array(sorted(missing), type=pa.large_string())
    data = {field: _python_values(parsed.column(name), missing_values) for name, field in zip(names, header)}
    index = pd.Index(lines, name="line", dtype="int64")
    return pd.DataFrame(data, index=index, columns=header, dtype=object)


def _python_values(column, missing_values) -> np.ndarray:
    """COLUMN as an object array of Python strings, MISSING_VALUES as None.

    A column that repeats its values (keys named by other rows, codes, dates) makes one Python
    string per distinct value and shares it between the cells that hold it: at a million
    meetings most cells are such repeats, and one string object per cell is most of the
    memory a run needs. A column of mostly distinct values (ids, passages) is converted cell
    by cell, which is faster there."""
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(column).combine_chunks()
    distinct = encoded.dictionary
    if 2 * len(distinct) > len(column):
        values = column.to_numpy(zero_copy_only=False).astype(object)
        if len(missing_values):
            values[pc.is_in(column, value_set=missing_values).to_numpy(zero_copy_only=False)] = None
        return values
    strings = distinct.to_numpy(zero_copy_only=False).astype(object)
    if len(missing_values):
        strings[pc.is_in(distinct, value_set=missing_values).to_numpy(zero_copy_only=False)] = None
    return strings[encoded.indices.to_numpy(zero_copy_only=False)]
