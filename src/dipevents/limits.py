"""The size and time limits the toolkit enforces, in one place (documented in the codebook).

A pull request is untrusted input: no file, cell, number or regular expression in it may make
validation run for minutes or exhaust memory. Limits on single cells live in the schemas
(``maxLength``); the limits here are those of whole files and of the checks themselves.
"""

from __future__ import annotations

MB = 1024 * 1024

# An archived source text (sources/*): `source add` refuses a larger file; validate reports one.
MAX_SOURCE_BYTES = 5 * MB
# A table file (data/*.csv, data/codelists/*.csv): validate and fmt refuse to read a larger one.
MAX_TABLE_BYTES = 50 * MB
# The descriptor and each Table Schema (datapackage.json, schemas/*.json).
MAX_JSON_BYTES = 1 * MB
# Integers in JSON and in integer cells: what SQLite and Parquet store exactly (signed 64 bits).
MAX_INTEGER = 2**63 - 1
MIN_INTEGER = -(2**63)
# A verbatim cell (evidence, quote, date words) longer than this is reported, not looked up in
# its source (the schemas allow at most 2000 characters; this holds even if a schema drops that).
MAX_VERBATIM_CHARS = 10_000
# A schema `pattern` matching one cell: a pattern that takes longer is reported, not waited for.
PATTERN_SECONDS = 0.25
