"""What a source's date words ("last week", "on Tuesday", "la semaine dernière") say about a date.

``interpret(words, published, language)`` resolves the words against the source's
publication date and gives a Meaning: the runs of days the words allow (usually one; two
when a weekday or month without tense may lie before or after publication) and the finest
precision they support. English is read by the project's grammar (english.py), other
languages by dateparser (library.py); words neither understands give None, and the date is
then listed as unchecked, never failed.

Each distinct (words, published, language) is resolved once: the rule runs on every row.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from . import english
from .meaning import Meaning

ENGLISH = "en"


@lru_cache(maxsize=65536)
def interpret(words: str, published: date, language: str | None = ENGLISH) -> Meaning | None:
    language = (language or ENGLISH).strip().lower()
    if language == ENGLISH:
        return english.interpret(words, published)
    meaning = english.interpret(words, published, families=english.NEUTRAL)
    if meaning is None:
        from . import library  # imports dateparser: only for a non-English source

        meaning = library.interpret(english.normalise(words), published, language)
    return meaning


def describe(words: str, meaning: Meaning, language: str) -> str:
    """What ``dipevents date`` prints: each reading's first and last day, precision and value to code."""
    pub = meaning.published
    head = f"{words!r} in a source published {pub} ({pub:%A}), language {language}"
    lines = [head + (f": {len(meaning.readings)} readings, {meaning.note}" if len(meaning.readings) > 1 else "")]
    for n, r in enumerate(meaning.readings, 1):
        if len(meaning.readings) > 1:
            lines.append(f"reading {n}:")
        lines += [f"  earliest   {r.start} ({r.start:%A})", f"  latest     {r.end} ({r.end:%A})",
                  f"  precision  {r.precision}" + (f" ({r.days} days)" if r.precision == "span" else ""),
                  f"  code       {r.iso}"]
    return "\n".join(lines) + "\n"


__all__ = ["Meaning", "describe", "interpret"]
