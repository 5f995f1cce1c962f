"""The catalogue of every problem the validator can report.

Each rule has a stable code (``DE`` + three digits), a short name, a one-line title and a
hint telling a contributor how to fix it. Codes are permanent: a retired rule keeps its
code unused. The documentation site renders this catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    title: str
    hint: str
    severity: str = "error"


_RULES = [
    # Package and descriptor
    Rule("DE001", "descriptor-json", "The descriptor or a schema is not valid JSON",
         "Fix the JSON syntax at the line shown (a missing comma or quote is the usual cause)."),
    Rule("DE002", "descriptor-invalid", "The descriptor breaks the Data Package v2 profile",
         "Compare the property named in the message with the Data Package v2 specification."),
    Rule("DE003", "unsafe-path", "A path leaves the repository or points at a URL",
         "Use a relative path to a file inside the repository, such as data/meetings.csv."),
    Rule("DE004", "missing-file", "A file named by the descriptor does not exist",
         "Create the file or correct the path in datapackage.json."),
    # File structure
    Rule("DE101", "encoding", "The file is not valid UTF-8",
         "Save the file as UTF-8 (without BOM); in a spreadsheet choose 'CSV UTF-8'."),
    Rule("DE102", "bom", "The file starts with a byte-order mark",
         "Save as UTF-8 without BOM, or run `dipevents fmt` once it exists."),
    Rule("DE103", "line-ending", "The file has CR or CRLF line endings",
         "Use LF line endings (git config core.autocrlf input, or your editor's setting)."),
    Rule("DE104", "csv-syntax", "The CSV cannot be parsed",
         "Check the quoting on this line: a cell holding a comma, quote or line break must be "
         "wrapped in double quotes, and a quote inside it doubled (\"\")."),
    Rule("DE105", "header", "The header does not match the table's schema",
         "The first line must list the schema's field names, in the schema's order."),
    Rule("DE106", "row-length", "A row has too many or too few cells",
         "Count the commas on this line: every row has one cell per column; quote cells that hold commas."),
    Rule("DE107", "blank-row", "A row is empty",
         "Delete the empty line."),
    # Table Schema (derived from schemas/*.json)
    Rule("DE201", "required", "A required cell is empty",
         "Fill in the cell; the data dictionary describes what belongs in it."),
    Rule("DE202", "type", "A cell does not have the field's type",
         "Write the value in the field's type, for example a date as YYYY-MM-DD."),
    Rule("DE203", "pattern", "A cell does not match the field's pattern",
         "Follow the pattern given in the message (IDs are lowercase slugs with the table prefix)."),
    Rule("DE204", "enum", "A cell is not one of the field's allowed values",
         "Use one of the values listed in the message."),
    Rule("DE205", "unique", "A value that must be unique is repeated",
         "Give this row its own identifier, or delete the duplicate row."),
    Rule("DE206", "primary-key", "Two rows have the same primary key",
         "Each combination of the key fields may appear once: merge or delete the duplicate row."),
    Rule("DE207", "foreign-key", "A reference points at a row that does not exist",
         "Use an identifier that exists in the referenced table, or add that row first."),
    Rule("DE208", "length", "A cell is too short or too long",
         "Lengthen or shorten the value to the limits in the message."),
    Rule("DE209", "range", "A value is outside the field's range",
         "Use a value within the minimum and maximum in the message."),
    Rule("DE210", "codelist", "A code is not in the field's codelist",
         "Use codes from the codelist named in the message, separated by ';'."),
    # Rules across fields and tables
    Rule("DE301", "calendar-date", "A date does not exist in the calendar",
         "Check the month (01-12) and the day (the month's length, leap years)."),
    Rule("DE302", "date-order", "A date comes before the date it must follow",
         "Check both dates: an end comes after its start, an event after the invitation to it."),
    Rule("DE303", "date-words", "A date disagrees with the source's own words for it",
         "Resolve the words against the source's published_date: a weekday within a week of it, "
         "'last year' as the year before, a month name within a year of it."),
    Rule("DE304", "date-precision", "A date is more precise than the source's words support",
         "Shorten the date to what the words say (YYYY for a year, YYYY-MM for a month) and put "
         "outside knowledge of the exact day in notes."),
    Rule("DE305", "date-words-unchecked", "Date words the checker cannot interpret",
         "Nothing to fix: a person should check these dates by hand.", severity="notice"),
    Rule("DE311", "evidence-not-in-source", "The evidence is not in the archived source text",
         "Copy the passage from the archived text in sources/ exactly: same words, same case."),
    Rule("DE312", "evidence-too-short", "The evidence is too short to support the row",
         "Quote the whole clause or sentence that states the fact (at least four words)."),
    Rule("DE313", "source-hash", "An archived source text does not match its recorded SHA-256",
         "Archived texts are never edited; restore the file, or record a new source row for a new text."),
    Rule("DE314", "source-path", "A source's text_path is missing or outside sources/",
         "Archive the text under sources/ and give its path relative to the package root."),
    Rule("DE315", "verbatim-not-in-source", "A quote or date words are not in the archived source text",
         "Copy the words from the source exactly; put paraphrase in summary, context in notes."),
    Rule("DE321", "formula-opener", "A text cell starts like a spreadsheet formula",
         "Reword the cell so it does not begin with =, +, -, @, a tab or a carriage return."),
    Rule("DE331", "country-code", "A country code is not an ISO 3166-1 alpha-3 code",
         "Use the three-letter ISO code, for example PAK, RUS, CHN."),
    Rule("DE332", "actor-country", "A person or state has no country",
         "Fill in country with the ISO 3166-1 alpha-3 code: nationality for a person, itself for a state."),
    Rule("DE341", "self-invitation", "An actor invites itself",
         "Check inviter_id and invitee_id: they must be different actors."),
    Rule("DE342", "bilateral-sides", "A bilateral meeting does not have exactly two sides",
         "List the participants of both sides with their 'represents', or code the meeting as multilateral."),
    Rule("DE343", "parent-meeting", "A meeting is its own parent",
         "parent_meeting_id names the summit around this meeting, never the meeting itself."),
    Rule("DE351", "retired-id-reused", "A retired identifier is used again",
         "IDs are permanent: give the record a new identifier (see data/retired_ids.csv)."),
    Rule("DE352", "retired-replacement", "A retired identifier's replacement does not exist",
         "replaced_by must be an identifier of the table named in table_name."),
    # The validator itself
    Rule("DE901", "internal", "The validator could not finish a check",
         "This is a bug in the validator or an input it cannot read: report it with the message."),
]

RULES: dict[str, Rule] = {rule.name: rule for rule in _RULES}
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in _RULES}
