"""Free text is safe to open in a spreadsheet."""

from __future__ import annotations

from collections.abc import Iterator

from .. import conventions
from ..context import Context
from ..registry import check, code
from ..report import Error, show

FORMULA_OPENERS = ("=", "+", "-", "@", "\t", "\r")


@check(
    code("DE321", "formula-opener", "A text cell starts like a spreadsheet formula",
         "Reword the cell so it does not begin with =, +, -, @, a tab or a carriage return.",
         wrong="summary = =HYPERLINK(1)",
         fixed="summary = A link was shared: HYPERLINK(1)"))
def formula_openers(ctx: Context) -> Iterator[Error]:
    """No free-text cell begins with a character a spreadsheet reads as a formula."""
    for table, frame in ctx.readable():
        for field in table.resource.fields:
            if not conventions.is_free_text(field) or field["name"] not in frame:
                continue
            for line, value in frame[field["name"]].dropna().items():
                if value.startswith(FORMULA_OPENERS):
                    yield Error(table.file, int(line), field["name"], "formula-opener",
                                f"{show(value, 40)} starts with {show(value[0])}, which spreadsheets run as a formula")
