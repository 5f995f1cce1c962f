"""The catalogue of every problem the validator can report.

Each rule has a stable code (``DE`` + three digits), a short name, a one-line title and a
hint telling a contributor how to fix it. Codes are permanent: a retired rule keeps its
code unused. The documentation site renders this catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    title: str
    hint: str
    severity: str = "error"
    wrong: str = ""  # an example of the problem, for the error's documentation page
    fixed: str = ""  # the same example, corrected


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
    Rule("DE108", "control-character", "The file holds an invisible control character",
         "Delete the character (often a NUL or an escape pasted with the text); tabs and line breaks are fine."),
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
    Rule("DE343", "reference-cycle", "A record is its own ancestor",
         "A self-reference (such as parent_meeting_id) names an enclosing record: follow the chain "
         "and break the loop."),
    Rule("DE351", "retired-id-reused", "A retired identifier is used again",
         "IDs are permanent: give the record a new identifier (see data/retired_ids.csv)."),
    Rule("DE352", "retired-replacement", "A retired identifier's replacement does not exist",
         "replaced_by must be an identifier of the table named in table_name."),
    # The validator itself
    Rule("DE901", "internal", "The validator could not finish a check",
         "This is a bug in the validator or an input it cannot read: report it with the message."),
]

# code: (wrong, fixed) examples shown on each error's documentation page
_EXAMPLES = {
    'DE001': ('{"name": "diplomatic-events" "version": "0.1.0"}',
              '{"name": "diplomatic-events", "version": "0.1.0"}'),
    'DE002': ('"resources": {"name": "meetings"}',
              '"resources": [{"name": "meetings", "path": "data/meetings.csv", ...}]'),
    'DE003': ('"path": "https://example.org/meetings.csv"',
              '"path": "data/meetings.csv"'),
    'DE004': ('"schema": "schemas/meeting.json"   (the file is schemas/meetings.json)',
              '"schema": "schemas/meetings.json"'),
    'DE101': ('Beijing saved as Windows-1252: the byte 0xe9 for é',
              'the same text saved as UTF-8'),
    'DE102': ('<BOM>meeting_id,title,...   (a byte-order mark before the header)',
              'meeting_id,title,...'),
    'DE103': ('mtg-2024-astana-sco-summit,...<CR><LF>',
              'mtg-2024-astana-sco-summit,...<LF>'),
    'DE104': ('mtg-x,"SCO summit" in Astana,2024,...',
              'mtg-x,"""SCO summit"" in Astana",2024,...'),
    'DE105': ('meeting_id,title,date,city,...   (end_date missing)',
              'meeting_id,title,date,end_date,date_as_reported,city,...'),
    'DE106': ('mtg-x,Talks in Astana, Kazakhstan,2024,...',
              'mtg-x,"Talks in Astana, Kazakhstan",2024,...'),
    'DE108': ('Vladimir<NUL>Putin', 'Vladimir Putin'),
    'DE107': ('mtg-a,...\n\nmtg-b,...',
              'mtg-a,...\nmtg-b,...'),
    'DE201': ('title = (empty)',
              'title = Shehbaz Sharif - Vladimir Putin meeting in Beijing'),
    'DE202': ('published_date = 2 Sept 2025',
              'published_date = 2025-09-02'),
    'DE203': ('meeting_id = MTG Beijing 2025',
              'meeting_id = mtg-2025-09-02-beijing-sharif-putin'),
    'DE204': ('city = Peking   (the schema allows Beijing, Moscow, Astana)',
              'city = Beijing'),
    'DE205': ('two rows with meeting_id = mtg-2024-astana-sco-summit',
              'one row per meeting_id'),
    'DE206': ('two rows with meeting_id, actor_id = mtg-x, act-vladimir-putin',
              'one row per participant of a meeting'),
    'DE207': ('speaker_id = act-sergei-lavrov   (actors.csv has act-sergey-lavrov)',
              'speaker_id = act-sergey-lavrov'),
    'DE208': ('evidence = met in Beijing',
              'evidence = Prime Minister Shehbaz Sharif and Russian President Vladimir Putin met in Beijing on Tuesday'),
    'DE209': ('attendance = 1   (minimum 2)',
              'attendance = 2'),
    'DE210': ('sectors = energy;steel',
              'sectors = energy;industry'),
    'DE301': ('date = 2025-09-31',
              'date = 2025-09-30'),
    'DE302': ('date = 2025-09-02, end_date = 2025-09-01',
              'date = 2025-09-01, end_date = 2025-09-02'),
    'DE303': ('date = 2025-09-01, date_as_reported = on Tuesday   (source published Tuesday 2025-09-02)',
              'date = 2025-09-02, date_as_reported = on Tuesday'),
    'DE304': ('date = 2024-07-03, date_as_reported = in 2024',
              'date = 2024, date_as_reported = in 2024, notes = Other reports date it 3 July 2024.'),
    'DE305': ('date_as_reported = shortly after the summit',
              '(a notice: check the date by hand; nothing to fix if it is right)'),
    'DE311': ('evidence = Sharif and Putin met in Beijing on Tuesday   (a paraphrase)',
              'evidence = Prime Minister Shehbaz Sharif and Russian President Vladimir Putin met in Beijing on Tuesday'),
    'DE312': ('evidence = Shanghai Cooperation Organisation',
              'evidence = on the sidelines of the Shanghai Cooperation Organisation (SCO) Council of Heads of State Summit'),
    'DE313': ('sources/src-x.txt edited after archiving',
              'the file restored byte for byte (git checkout sources/src-x.txt)'),
    'DE314': ('text_path = ../notes/report.txt',
              'text_path = sources/src-2025-09-02-cpecnews-sharif-putin.txt'),
    'DE315': ('quote = great leader   (the source says “dynamic leader”)',
              'quote = dynamic leader'),
    'DE321': ('summary = =HYPERLINK(1)',
              'summary = A link was shared: HYPERLINK(1)'),
    'DE331': ('country = XKX',
              'country = RUS'),
    'DE332': ('act-vladimir-putin,Vladimir Putin,person,,...',
              'act-vladimir-putin,Vladimir Putin,person,RUS,...'),
    'DE341': ('inviter_id = act-shehbaz-sharif, invitee_id = act-shehbaz-sharif',
              'inviter_id = act-vladimir-putin, invitee_id = act-shehbaz-sharif'),
    'DE342': ('a bilateral meeting with only act-shehbaz-sharif (represents act-pakistan) in meeting_participants',
              'add act-vladimir-putin (represents act-russia), or code format = multilateral'),
    'DE343': ('meeting_id = mtg-x, parent_meeting_id = mtg-x',
              'parent_meeting_id = mtg-2025-sco-heads-of-state-summit'),
    'DE351': ('meeting_id = mtg-old   (listed in retired_ids.csv)',
              'meeting_id = mtg-2025-09-02-beijing-sharif-putin-2'),
    'DE352': ('retired_id = act-putin, replaced_by = act-v-putin   (no such actor)',
              'retired_id = act-putin, replaced_by = act-vladimir-putin'),
    'DE901': ('(an input the validator could not handle)',
              '(report it: the message names the check that stopped)'),
}
_RULES = [replace(rule, wrong=_EXAMPLES[rule.code][0], fixed=_EXAMPLES[rule.code][1]) for rule in _RULES]

RULES: dict[str, Rule] = {rule.name: rule for rule in _RULES}
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in _RULES}
