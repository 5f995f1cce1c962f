"""Free text is safe to open in a spreadsheet and shows what it holds."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .. import conventions
from ..context import Context
from ..escape import INVISIBLE
from ..registry import check, code
from ..report import Error, show

_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")


@check(
    code("DE321", "formula-opener", "A text cell starts like a spreadsheet formula",
         "Reword the cell so it does not begin with =, +, -, @, a tab or a carriage return.",
         wrong="summary = =HYPERLINK(1)",
         fixed="summary = A link was shared: HYPERLINK(1)"), per_row=True)
def formula_openers(ctx: Context) -> Iterator[Error]:
    """No text cell begins with a character a spreadsheet reads as a formula: free text, and text a
    pattern or an enum holds in shape too (a pattern such as `.*` or an enum value `@SUM(...)`
    would let one through)."""
    import numpy as np

    for table, frame in ctx.readable():
        for field in table.resource.fields:
            if field.get("type", "string") != "string" or field["name"] not in frame:
                continue
            column = frame[field["name"]]
            opens = [conventions.opens_formula(value) for value in column.tolist()]
            for line, value in column.iloc[np.flatnonzero(opens)].items():
                yield Error(table.file, int(line), field["name"], "formula-opener",
                            f"{show(value, 40)} starts with {show(value[0])}, which spreadsheets run as a formula")


@check(
    code("DE322", "invisible-character", "A name or text holds an invisible bidi or zero-width character",
         "Retype the value without the character shown as \\u....: bidi controls reorder the text a reader sees "
         "and zero-width characters make two different values look the same.",
         wrong="name = Vladimir\\u200b Putin   (U+200B, a zero-width space, after Vladimir)",
         fixed="name = Vladimir Putin"), per_row=True)
def invisible_characters(ctx: Context) -> Iterator[Error]:
    """No free-text cell holds a bidi control (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
    U+061C) or a zero-width character (U+200B-U+200D, U+2060, U+FEFF).

    Identifiers need no check here: their schema patterns admit none of these characters.
    Verbatim fields (evidence, quote, *_as_reported) are exempt: they must equal the archived
    text, which may need them; every message and page shows them as escapes."""
    for table, frame in ctx.readable():
        for field in table.resource.fields:
            name = field["name"]
            if not conventions.is_free_text(field) or conventions.is_verbatim(name) or name not in frame:
                continue
            values = frame[name].dropna()
            for line, value in values.iloc[_holding(values.tolist(), _INVISIBLE)].items():
                found = sorted({ch for ch in value if ch in INVISIBLE})
                shown = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".strip() for ch in found)
                yield Error(table.file, int(line), name, "invisible-character",
                            f"{show(value, 60)} holds {shown}, which a reader cannot see")


def _holding(values: list[str], pattern: re.Pattern):
    """The positions of the VALUES in which PATTERN (a character class) occurs: one regex
    search over all of them joined, its hits mapped back to values by their offsets."""
    import numpy as np

    hits = [m.start() for m in pattern.finditer("\n".join(values))]
    if not hits:
        return []
    ends = np.cumsum(np.fromiter(map(len, values), np.int64, len(values)) + 1)  # one past each separator
    return np.unique(np.searchsorted(ends, hits, side="right"))
