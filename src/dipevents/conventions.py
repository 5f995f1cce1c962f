"""Naming conventions that give fields their meaning (documented in the codebook).

- ``date`` and ``*_date``: a date, ISO 8601 with reduced precision (YYYY, YYYY-MM, YYYY-MM-DD)
  or a run of days YYYY-MM-DD/YYYY-MM-DD.
- ``X_as_reported``: the source's own words for field ``X``; for a table's ``date`` they
  also cover its ``end_date``.
- ``country`` and ``*_country``: an ISO 3166-1 alpha-3 code.
- ``evidence``, ``quote`` and ``*_as_reported``: verbatim text of the archived source.
- A field with ``"notBefore": "other"`` may not be earlier than field ``other``.
- A field with ``"codelist": "name"`` holds codes from that codelist, separated by ``;``.
- A date field with ``"dateWithin": "link_id"`` falls within the dates (``date`` ..
  ``end_date``) of the row its one-field foreign key ``link_id`` points at; with reduced
  precision, "within" means the spans overlap.
- A reference field with ``"referenceWhere": {"field": ["a", "b"]}`` points only at rows
  whose ``field`` is ``a`` or ``b``.
- A table's ``"duplicateKeys": [{"fields": [...], "where": {...}, "fold": {...}}]`` lists
  the fields no two rows may share (among rows matching ``where``; fields named in ``fold``
  compared in a normal form, ``text`` or ``url``, see ``normal_forms.py``).
"""

from __future__ import annotations

WORDS_SUFFIX = "_as_reported"
# What a spreadsheet reads as the start of a formula: no text cell or field name may open with one.
FORMULA_OPENERS = ("=", "+", "-", "@", "\t", "\r")


def opens_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_OPENERS)


def is_date(field: dict) -> bool:
    name = field.get("name", "")
    return field.get("type", "string") == "string" and (name == "date" or name.endswith("_date"))


def words_for(name: str) -> str:
    return name + WORDS_SUFFIX


def is_country(name: str) -> bool:
    return name == "country" or name.endswith("_country")


def is_verbatim(name: str) -> bool:
    return name in {"evidence", "quote"} or name.endswith(WORDS_SUFFIX)


def is_free_text(field: dict) -> bool:
    """Text a person types freely: a string with no pattern or enum to hold it in shape."""
    c = field.get("constraints", {})
    return field.get("type", "string") == "string" and "pattern" not in c and "enum" not in c
