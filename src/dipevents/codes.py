"""The catalogue of every problem the validator can report.

Each code is permanent (``DE`` + three digits): a retired rule keeps its code unused. Codes
reported by a rule are declared beside the rule's function, with ``@check`` (see
``registry.py`` and ``rules/``); the codes below are those of the validation steps around the
rules: loading the descriptor (DE0xx), reading the files (DE1xx), the checks derived from the
Table Schemas (DE2xx) and the validator itself (DE9xx). ``catalogue()`` gathers them all; the
documentation site renders it.
"""

from __future__ import annotations

from functools import cache

from .registry import Rule, code

STEP_CODES = [
    code("DE001", "descriptor-json", "The descriptor or a schema is not valid JSON",
         "Fix the JSON syntax at the line shown (a missing comma or quote is the usual cause).",
         wrong="{\"name\": \"diplomatic-events\" \"version\": \"0.1.0\"}",
         fixed="{\"name\": \"diplomatic-events\", \"version\": \"0.1.0\"}"),
    code("DE002", "descriptor-invalid", "The descriptor breaks the Data Package v2 profile",
         "Compare the property named in the message with the Data Package v2 specification.",
         wrong="\"resources\": {\"name\": \"meetings\"}",
         fixed="\"resources\": [{\"name\": \"meetings\", \"path\": \"data/meetings.csv\", ...}]"),
    code("DE003", "unsafe-path", "A path leaves the repository or points at a URL",
         "Use a relative path to a file inside the repository, such as data/meetings.csv.",
         wrong="\"path\": \"https://example.org/meetings.csv\"",
         fixed="\"path\": \"data/meetings.csv\""),
    code("DE004", "missing-file", "A file named by the descriptor does not exist",
         "Create the file or correct the path in datapackage.json.",
         wrong="\"schema\": \"schemas/meeting.json\"   (the file is schemas/meetings.json)",
         fixed="\"schema\": \"schemas/meetings.json\""),
    code("DE101", "encoding", "The file is not valid UTF-8",
         "Save the file as UTF-8 (without BOM); in a spreadsheet choose 'CSV UTF-8'.",
         wrong="Beijing saved as Windows-1252: the byte 0xe9 for é",
         fixed="the same text saved as UTF-8"),
    code("DE102", "bom", "The file starts with a byte-order mark",
         "Run `dipevents fmt` (it removes the mark), or save as UTF-8 without BOM.",
         wrong="<BOM>meeting_id,title,...   (a byte-order mark before the header)",
         fixed="meeting_id,title,..."),
    code("DE103", "line-ending", "The file has CR or CRLF line endings",
         "Use LF line endings (git config core.autocrlf input, or your editor's setting).",
         wrong="mtg-2024-astana-sco-summit,...<CR><LF>",
         fixed="mtg-2024-astana-sco-summit,...<LF>"),
    code("DE104", "csv-syntax", "The CSV cannot be parsed",
         "Check the quoting on this line: a cell holding a comma, quote or line break must be wrapped in double quotes, and a quote inside it doubled (\"\").",
         wrong="mtg-x,\"SCO summit\" in Astana,2024,...",
         fixed="mtg-x,\"\"\"SCO summit\"\" in Astana\",2024,..."),
    code("DE105", "header", "The header does not match the table's schema",
         "The first line must list the schema's field names, in the schema's order.",
         wrong="meeting_id,title,date,city,...   (end_date missing)",
         fixed="meeting_id,title,date,end_date,date_as_reported,city,..."),
    code("DE106", "row-length", "A row has too many or too few cells",
         "Count the commas on this line: every row has one cell per column; quote cells that hold commas.",
         wrong="mtg-x,Talks in Astana, Kazakhstan,2024,...",
         fixed="mtg-x,\"Talks in Astana, Kazakhstan\",2024,..."),
    code("DE107", "blank-row", "A row is empty",
         "Delete the empty line.",
         wrong="mtg-a,...\n\nmtg-b,...",
         fixed="mtg-a,...\nmtg-b,..."),
    code("DE108", "control-character", "The file holds an invisible control character",
         "Delete the character (often a NUL or an escape pasted with the text); tabs and line breaks are fine.",
         wrong="Vladimir<NUL>Putin",
         fixed="Vladimir Putin"),
    code("DE109", "too-large", "A file is larger than the toolkit reads",
         "Tables, archived texts and schemas have size limits (codebook: Limits): split the table, or "
         "archive only the report's own text.",
         wrong="sources/src-x.txt: a 40 MB dump of a whole web site",
         fixed="sources/src-x.txt: the report's text, a few KB"),
    code("DE201", "required", "A required cell is empty",
         "Fill in the cell; the data dictionary describes what belongs in it.",
         wrong="title = (empty)",
         fixed="title = Shehbaz Sharif - Vladimir Putin meeting in Beijing"),
    code("DE202", "type", "A cell does not have the field's type",
         "Write the value in the field's type, for example a date as YYYY-MM-DD.",
         wrong="published_date = 2 Sept 2025",
         fixed="published_date = 2025-09-02"),
    code("DE203", "pattern", "A cell does not match the field's pattern",
         "Follow the pattern given in the message (IDs are lowercase slugs with the table prefix).",
         wrong="meeting_id = MTG Beijing 2025",
         fixed="meeting_id = mtg-2025-09-02-beijing-sharif-putin"),
    code("DE204", "enum", "A cell is not one of the field's allowed values",
         "Use one of the values listed in the message.",
         wrong="city = Peking   (the schema allows Beijing, Moscow, Astana)",
         fixed="city = Beijing"),
    code("DE205", "unique", "A value that must be unique is repeated",
         "Give this row its own identifier, or delete the duplicate row.",
         wrong="two rows with meeting_id = mtg-2024-astana-sco-summit",
         fixed="one row per meeting_id"),
    code("DE206", "primary-key", "Two rows have the same primary key",
         "Each combination of the key fields may appear once: merge or delete the duplicate row.",
         wrong="two rows with meeting_id, actor_id = mtg-x, act-vladimir-putin",
         fixed="one row per participant of a meeting"),
    code("DE208", "length", "A cell is too short or too long",
         "Lengthen or shorten the value to the limits in the message.",
         wrong="evidence = met in Beijing",
         fixed="evidence = Prime Minister Shehbaz Sharif and Russian President Vladimir Putin met in Beijing on Tuesday"),
    code("DE209", "range", "A value is outside the field's range",
         "Use a value within the minimum and maximum in the message.",
         wrong="attendance = 1   (minimum 2)",
         fixed="attendance = 2"),
    code("DE901", "internal", "The validator could not finish a check",
         "This is a bug in the validator or an input it cannot read: report it with the message.",
         wrong="(an input the validator could not handle)",
         fixed="(report it: the message names the check that stopped)"),
    code("DE902", "check-not-run", "A check could not run: a table or column it needs is missing",
         "Restore the table or column named in the message (see the data dictionary); until then this "
         "check says nothing about the package.",
         wrong="actors.csv without its actor_type column: the actor-country check cannot run",
         fixed="actors.csv with every column of schemas/actors.json",
         severity="notice"),
]


@cache
def catalogue() -> dict[str, Rule]:
    """Every code, by rule name: the steps' codes and those the rules declare."""
    from . import rules
    from .registry import CHECKS

    declared = STEP_CODES + [c for check in CHECKS for c in check.codes]
    names = [r.name for r in declared]
    codes = [r.code for r in declared]
    dupes = {x for x in names + codes if names.count(x) > 1 or codes.count(x) > 1}
    if dupes:
        raise RuntimeError(f"codes declared twice: {sorted(dupes)}")
    assert rules.ALL  # the import registers every rule
    return {r.name: r for r in declared}


def by_code() -> dict[str, Rule]:
    return {r.code: r for r in catalogue().values()}


def rule(name: str) -> Rule:
    return catalogue()[name]
