"""Rules that no Table Schema can state, one small named function each.

Every rule takes a Context and yields Errors. ``ALL`` is the order they run in.
"""

from __future__ import annotations

from . import dates, evidence, keys, references, retired, text, words

ALL = [
    keys.foreign_keys,
    keys.codelist_lists,
    dates.calendar_dates,
    dates.date_order,
    words.date_words,
    evidence.source_files,
    evidence.evidence_in_source,
    evidence.verbatim_in_source,
    evidence.evidence_length,
    text.formula_openers,
    references.country_codes,
    references.actor_country_required,
    references.no_self_invitation,
    references.bilateral_sides,
    keys.self_reference_cycles,
    retired.retired_not_reused,
    retired.replacements_exist,
]
