"""Evidence and other verbatim cells are really in the archived source text."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from .. import conventions
from ..archived_texts import SOURCES
from ..context import Context
from ..limits import MAX_VERBATIM_CHARS
from ..registry import check, code
from ..report import Error, show
from ..tables import rows

MIN_WORDS = 4

_TYPOGRAPHY = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
})


def _fold(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, its offset in the NFC text."""
    chars, offsets = [], []
    space = True  # drops leading whitespace
    for i, ch in enumerate(unicodedata.normalize("NFC", text)):
        if ch.isspace():
            if space:
                continue
            ch, space = " ", True
        else:
            ch, space = ch.translate(_TYPOGRAPHY), False
        chars.append(ch)
        offsets.append(i)
    if chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return "".join(chars), offsets


_TYPOGRAPHIC = [(chr(ch), to) for ch, to in _TYPOGRAPHY.items()]


def _fold_characters(text: str) -> str:
    """NFC, typographic quotes and dashes folded (whitespace left as it is)."""
    if text.isascii():  # ASCII is NFC; its only typographic character is the backtick
        return text.replace("`", "'")
    text = unicodedata.normalize("NFC", text)
    for ch, to in _TYPOGRAPHIC:
        if ch in text:
            text = text.replace(ch, to)
    return text


def normalise(text: str) -> str:
    """Fold what a copy may change (whitespace, typographic quotes and dashes); keep words and case.

    The same text as ``_fold(text)[0]`` without a per-character loop in Python. No typographic
    character folds to whitespace, so folding them first changes nothing; each folds to an
    ASCII character that is none of them, so replacing them one after the other is the
    translation. Whitespace: every whitespace character but the space is unprintable, so in a
    printable text (once line breaks are spaces) runs of spaces are all there is to fold;
    ``str.split()`` splits at exactly the characters ``str.isspace`` names."""
    text = _fold_characters(text)
    if "\n" in text:
        text = text.replace("\n", " ")
    if not text.isprintable():
        return " ".join(text.split())
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip(" ")


_SEP = "\x00"  # a starter that composes with nothing (NFC leaves it, and what is on each side of it, alone)


def _fold_characters_all(values: list[str]) -> list[str]:
    """``_fold_characters`` of each value, done on the values joined by NUL: a few passes
    over one string instead of a call per cell (per cell when a value holds NUL itself)."""
    joined = _SEP.join(values)
    if len(values) < 2 or joined.count(_SEP) != len(values) - 1:
        return [_fold_characters(value) for value in values]
    folded = _fold_characters(joined)
    return values if folded is joined else folded.split(_SEP)


def _in_text(text: str, value: str, chars: str) -> bool:
    """``find(text, normalise(value)) >= 0`` for a normalised TEXT, given CHARS, the value with
    its characters folded (``_fold_characters``), usually without normalising the value.

    A normalised text holds no whitespace but single spaces; CHARS found in it, with no space
    at either end, has no whitespace left to fold: it is what ``normalise`` makes of the value
    (the usual cell: one str search, its first hit's ends checked here)."""
    if chars and chars[0] != " " and chars[-1] != " ":
        at = text.find(chars)
        if at >= 0 and (_whole_at(text, at, chars) or find(text, chars) >= 0):
            return True
    return find(text, normalise(value)) >= 0


@lru_cache(maxsize=1024)
def _whole_words(needle: str) -> re.Pattern:
    """NEEDLE, escaped, not cut from a longer word at either end (a word character is one for
    which str.isalnum is true: ``[^\\W_]``). The left check is a look-behind placed after the
    needle, so the pattern starts with the literal needle and ``re`` finds candidates with its
    linear prefix search instead of trying every position."""
    pattern = re.escape(needle)
    if needle[-1].isalnum():
        pattern += r"(?![^\W_])"
    if needle[0].isalnum():
        pattern += r"(?<![^\W_]" + f".{{{len(needle)}}})"
    return re.compile(pattern, re.DOTALL)


def _whole_at(folded: str, at: int, needle: str) -> bool:
    """NEEDLE, found at AT in FOLDED, cuts no word at either end."""
    end = at + len(needle)
    return ((at == 0 or not needle[0].isalnum() or not folded[at - 1].isalnum())
            and (end == len(folded) or not needle[-1].isalnum() or not folded[end].isalnum()))


def find(folded: str, needle: str) -> int:
    """The first place NEEDLE stands in FOLDED as whole words (no half word at either end); -1 if none.

    Linear in the text's length whatever the needle: one regular-expression search, not a
    str.find per occurrence (a short passage repeated all over a long text took minutes)."""
    at = folded.find(needle) if needle else -1
    if at < 0:  # the usual miss, decided by one linear str search
        return -1
    if _whole_at(folded, at, needle):
        return at  # the usual hit: the first occurrence stands as whole words (no pattern compiled)
    found = _whole_words(needle).search(folded)
    return -1 if found is None else found.start()


def locate(text: str, passage: str) -> tuple[int, int] | None:
    """Where PASSAGE stands in TEXT (offsets in its NFC form), compared as ``normalise`` does."""
    return locate_folded(_fold(text), passage)


def fold(text: str) -> tuple[str, list[int]]:
    """TEXT folded as ``normalise`` folds it, with each folded character's offset in its
    NFC form: fold a text once to ``locate_folded`` many passages in it."""
    return _fold(text)


def locate_folded(folded_text: tuple[str, list[int]], passage: str) -> tuple[int, int] | None:
    """``locate`` in a text already folded by ``fold``."""
    folded, offsets = folded_text
    needle = normalise(passage)
    at = find(folded, needle)
    if at < 0:
        return None
    return offsets[at], offsets[at + len(needle) - 1] + 1


@check(
    code("DE314", "source-path", "A source's text_path is missing or outside sources/",
         "Archive the text under sources/ and give its path relative to the package root.",
         wrong="text_path = ../notes/report.txt",
         fixed="text_path = sources/src-2025-09-02-cpecnews-sharif-putin.txt"),
    code("DE313", "source-hash", "An archived source text does not match its recorded SHA-256",
         "Archived texts are never edited; restore the file, or record a new source row for a new text.",
         wrong="sources/src-x.txt edited after archiving",
         fixed="the file restored byte for byte (git checkout sources/src-x.txt)"),
    code("DE316", "source-encoding", "An archived source text is not valid UTF-8",
         "Archive the text as UTF-8 (dipevents source add reads it as it is: convert it first, for example "
         "with iconv -f windows-1252 -t utf-8), then record its new SHA-256.",
         wrong="sources/src-x.txt saved as Windows-1252: the byte 0xe9 for é",
         fixed="sources/src-x.txt saved as UTF-8"),
     needs={SOURCES: ("source_id", "text_path", "text_sha256")}, per_row=True)
def source_files(ctx: Context) -> Iterator[Error]:
    """Each source's text_path stays inside sources/, names a regular file within the size
    limit, with the recorded SHA-256, in UTF-8 (a text that is not is never skipped in silence)."""
    table = ctx.tables.get(SOURCES)
    frame = ctx.frame(SOURCES)
    if frame is None or not {"text_path", "text_sha256"} <= set(frame.columns):
        return
    for line, row in rows(frame):
        archived = ctx.archive(row)
        if archived.rule is not None:  # "source-path", "source-hash", "source-encoding" or "too-large"
            yield Error(table.file, int(line), archived.column, archived.rule, archived.message)


@check(
    code("DE317", "evidence-not-checked", "The evidence of rows citing a source could not be checked",
         "Fix the source's archived text first (the error on the same row says what is wrong); "
         "until then the evidence, quotes and date words of the rows citing it are not compared with it.",
         wrong="sources/src-x.txt edited after archiving: its rows' evidence is not checked",
         fixed="sources/src-x.txt restored: every row's evidence is checked",
         severity="notice"),
    needs={SOURCES: ("source_id", "text_path", "text_sha256")}, per_row=True)
def evidence_not_checked(ctx: Context) -> Iterator[Error]:
    """Once per source whose archived text cannot be used: how many citing rows hold verbatim
    cells (evidence, quote, date words) that therefore go unchecked."""
    table = ctx.tables[SOURCES]
    sources = ctx.frame(SOURCES)
    first: dict[str, int] = {}  # each source_id's first row
    for line, source_id in zip(sources.index.tolist(), sources["source_id"].tolist()):
        if source_id is not None and source_id not in first:
            first[source_id] = line
    unusable = {source_id: line for source_id, line in first.items() if ctx.archived(source_id).text is None}
    if not unusable:
        return  # the usual package: no citing row needs counting
    citing: Counter[str] = Counter()
    for _table, frame in ctx.readable():
        verbatim = [c for c in frame.columns if conventions.is_verbatim(c)]
        if "source_id" not in frame or not verbatim:
            continue
        cited = frame.loc[frame[verbatim].notna().any(axis=1), "source_id"].dropna()
        citing.update(source_id for source_id in cited.tolist() if source_id in unusable)
    for source_id, line in unusable.items():
        if citing[source_id]:
            yield Error(table.file, int(line), "text_path", "evidence-not-checked",
                        f"the evidence, quotes and date words of {citing[source_id]} row(s) citing "
                        f"{show(source_id)} are not checked: {ctx.archived(source_id).message}")


def _verbatim_columns(ctx: Context, names):
    """(table, column, lines, values, source ids) of each verbatim column NAMES picks, for the
    cells that hold a value and whose row names a source (plain lists, no row objects)."""
    for table, frame in ctx.readable():
        if "source_id" not in frame:
            continue
        cited = frame["source_id"].notna()
        for name in [c for c in frame.columns if names(c)]:
            filled = frame[name].notna() & cited
            yield (table, name, frame.index[filled].tolist(), frame.loc[filled, name].tolist(),
                   frame.loc[filled, "source_id"].tolist())


def _too_long(value: str) -> str:
    return (f"{show(value, 60)} has {len(value)} characters, more than the {MAX_VERBATIM_CHARS} a quoted "
            "passage may have; it is not looked up in the source")


_UNSEEN = object()


def _usable_texts(ctx: Context) -> dict:
    """source_id -> its normalised archived text, or None when the text is not usable; filled
    as rows ask for a source, so each text is read and normalised once per validation."""
    key = ("normalised texts",)
    if key not in ctx._texts:
        ctx._texts[key] = {}
    return ctx._texts[key]


def _usable(ctx: Context, texts: dict, source_id: str) -> str | None:
    text = texts.get(source_id, _UNSEEN)
    if text is _UNSEEN:
        raw = ctx.source_text(source_id)
        text = texts[source_id] = None if raw is None else normalise(raw)
    return text


@check(
    code("DE311", "evidence-not-in-source", "The evidence is not in the archived source text",
         "Copy the passage from the archived text in sources/ exactly: same words, same case.",
         wrong="evidence = Sharif and Putin met in Beijing on Tuesday   (a paraphrase)",
         fixed="evidence = Prime Minister Shehbaz Sharif and Russian President Vladimir Putin met in Beijing on Tuesday"), per_row=True)
def evidence_in_source(ctx: Context) -> Iterator[Error]:
    """The evidence passage appears in the archived text of the row's source."""
    from ..suggest import closest_passage, describe_passage

    texts = _usable_texts(ctx)
    nearest: dict[tuple[str, str], str] = {}  # each distinct failing passage is looked up once per text
    for table, name, lines, values, source_ids in _verbatim_columns(ctx, lambda c: c == "evidence"):
        for line, value, chars, source_id in zip(lines, values, _fold_characters_all(values), source_ids):
            text = texts.get(source_id, _UNSEEN)
            if text is _UNSEEN:
                text = _usable(ctx, texts, source_id)
            if text is None:
                continue
            if len(value) > MAX_VERBATIM_CHARS:
                yield Error(table.file, int(line), name, "evidence-not-in-source", _too_long(value))
                continue
            if not _in_text(text, value, chars):
                needle = normalise(value)
                key = (text, needle)
                if key not in nearest:
                    nearest[key] = describe_passage(closest_passage(text, needle))
                yield Error(table.file, int(line), name, "evidence-not-in-source",
                            f"{show(value, 60)} is not in the archived text of this row's source{nearest[key]}")


@check(
    code("DE315", "verbatim-not-in-source", "A quote or date words are not in the archived source text",
         "Copy the words from the source exactly; put paraphrase in summary, context in notes.",
         wrong="quote = great leader   (the source says “dynamic leader”)",
         fixed="quote = dynamic leader"), per_row=True)
def verbatim_in_source(ctx: Context) -> Iterator[Error]:
    """Quotes and date words also appear, word for word, in the archived text."""
    is_other = lambda c: conventions.is_verbatim(c) and c != "evidence"  # noqa: E731
    texts = _usable_texts(ctx)
    found: dict[tuple[str, str], bool] = {}  # quotes and date words repeat: each (source, value) once
    for table, name, lines, values, source_ids in _verbatim_columns(ctx, is_other):
        for line, value, source_id in zip(lines, values, source_ids):
            key = (source_id, value)
            there = found.get(key)
            if there is None:
                text = _usable(ctx, texts, source_id)
                there = found[key] = (text is None or (len(value) <= MAX_VERBATIM_CHARS and (
                    _in_text(text, value, _fold_characters(value)))))
            if there:
                continue
            if len(value) > MAX_VERBATIM_CHARS:
                yield Error(table.file, int(line), name, "verbatim-not-in-source", _too_long(value))
            else:
                yield Error(table.file, int(line), name, "verbatim-not-in-source",
                            f"{show(value, 60)} is not in the archived text of this row's source")


@check(
    code("DE312", "evidence-too-short", "The evidence is too short to support the row",
         "Quote the whole clause or sentence that states the fact (at least four words).",
         wrong="evidence = Shanghai Cooperation Organisation",
         fixed="evidence = on the sidelines of the Shanghai Cooperation Organisation (SCO) Council of Heads of State Summit"), per_row=True)
def evidence_length(ctx: Context) -> Iterator[Error]:
    """Evidence is a passage that can support a row: at least MIN_WORDS words."""
    for table, frame in ctx.readable():
        if "evidence" not in frame:
            continue
        column = frame["evidence"].dropna()
        for line, value in zip(column.index.tolist(), column.tolist()):
            if len(value.split(None, MIN_WORDS - 1)) < MIN_WORDS:  # at most MIN_WORDS pieces: no full split
                yield Error(table.file, int(line), "evidence", "evidence-too-short",
                            f"{show(value)} has {len(value.split())} word(s); evidence needs at least {MIN_WORDS}")
