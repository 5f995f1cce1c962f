"""The size and time limits the toolkit enforces, in one place (documented in the codebook).

A pull request is untrusted input: no file, cell, number or regular expression in it may make
validation run for minutes or exhaust memory. Limits on single cells live in the schemas
(``maxLength``); the limits here are those of whole files and of the checks themselves.
"""

from __future__ import annotations

import os

MB = 1024 * 1024
TABLE_MB_ENV = "DIPEVENTS_MAX_TABLE_MB"
DEFAULT_TABLE_MB = 100


def table_mb_setting(value: str | None, default: int = DEFAULT_TABLE_MB) -> int | None:
    """The whole number from 1 that a setting (DIPEVENTS_MAX_TABLE_MB, DIPEVENTS_PATTERN_SECONDS)
    gives, DEFAULT when it is not set, or None when VALUE is not one (the command line refuses to
    start: see cli.main)."""
    if value is None or value == "":
        return default
    return int(value) if value.isascii() and value.isdigit() and int(value) >= 1 else None


# An archived source text (sources/*): `source add` refuses a larger file; validate reports one.
MAX_SOURCE_BYTES = 5 * MB
# A table file (data/*.csv, data/codelists/*.csv): validate and fmt refuse to read a larger one.
# 100 MB is the largest file GitHub accepts in a push; a package kept elsewhere and larger (the
# tables of a million meetings are about 700 MB) sets DIPEVENTS_MAX_TABLE_MB for its own runs.
MAX_TABLE_BYTES = (table_mb_setting(os.environ.get(TABLE_MB_ENV)) or DEFAULT_TABLE_MB) * MB
# The whole package: its tables and archived texts together (validate reads nothing past it).
# DIPEVENTS_MAX_PACKAGE_MB sets it for a run, as DIPEVENTS_MAX_TABLE_MB does for a table.
PACKAGE_MB_ENV = "DIPEVENTS_MAX_PACKAGE_MB"
DEFAULT_PACKAGE_MB = 2000
MAX_PACKAGE_BYTES = (table_mb_setting(os.environ.get(PACKAGE_MB_ENV), DEFAULT_PACKAGE_MB) or DEFAULT_PACKAGE_MB) * MB
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
# Every pattern a validation matches cell by cell (those RE2 cannot run), in all: past this, the
# patterns not yet judged are reported, not waited for. DIPEVENTS_PATTERN_SECONDS sets it for a run.
PATTERN_RUN_ENV = "DIPEVENTS_PATTERN_SECONDS"
DEFAULT_PATTERN_RUN_SECONDS = 30


class PatternBudget:
    """The time every pattern of one validation may take in all (PATTERN_RUN_SECONDS)."""

    def __init__(self):
        self.spent = 0.0

    @property
    def exceeded(self) -> bool:
        return self.spent > PATTERN_RUN_SECONDS


PATTERN_RUN_SECONDS = (table_mb_setting(os.environ.get(PATTERN_RUN_ENV), DEFAULT_PATTERN_RUN_SECONDS)
                       or DEFAULT_PATTERN_RUN_SECONDS)
