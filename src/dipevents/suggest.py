"""Near misses: the existing value a mistyped one was probably meant to be.

Suggestions are computed only for values that already failed a check, once per distinct
value (callers dedupe), so their cost grows with the mistakes, not with the package.
rapidfuzz and pycountry are imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Iterable

from .report import show

CUTOFF = 70  # rapidfuzz ratio (0-100) below which a candidate is not worth naming
LIMIT = 3


def nearest(value: str, choices: Iterable[str], limit: int = LIMIT, cutoff: float = CUTOFF) -> list[str]:
    """Up to LIMIT choices most like VALUE (best first), none scoring under CUTOFF."""
    from rapidfuzz import fuzz, process

    found = process.extract(value, list(choices), scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
    return [choice for choice, _score, _index in found]


def did_you_mean(options: list[str]) -> str:
    """'; did you mean "a"?' or '; did you mean "a", "b" or "c"?'; empty without options."""
    if not options:
        return ""
    quoted = [show(o) for o in options]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"; did you mean {listed}?"


def countries(value: str, limit: int = LIMIT) -> list[tuple[str, str]]:
    """(alpha-3 code, name) of the countries VALUE may stand for: an alpha-2 code or a name."""
    import pycountry

    if len(value) == 2 and (country := pycountry.countries.get(alpha_2=value.upper())) is not None:
        return [(country.alpha_3, country.name)]
    if len(value) < 4:
        return []  # a mistyped code: a fuzzy name search would only guess
    try:
        found = pycountry.countries.search_fuzzy(value)
    except LookupError:
        return []
    return [(c.alpha_3, c.name) for c in found[:limit]]


def did_you_mean_country(found: list[tuple[str, str]]) -> str:
    """'; did you mean VNM (Viet Nam)?' for the countries found."""
    if not found:
        return ""
    named = [f"{code} ({name})" for code, name in found]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]
    return f"; did you mean {listed}?"


def closest_passage(text: str, needle: str, cutoff: float = 60) -> tuple[float, str, list[tuple[str, str]]] | None:
    """Where TEXT comes closest to NEEDLE (both already normalised).

    rapidfuzz finds the best-matching stretch of characters; a word diff (difflib) over the
    words around it projects the needle's ends onto the text and names the words that
    differ. Returns (likeness 0-100, an excerpt of TEXT around the first difference, the
    differing words as (needle's, text's) pairs), or None when no passage is CUTOFF alike."""
    import difflib
    import re

    from rapidfuzz import fuzz

    if not needle.strip() or not text.strip():
        return None
    found = fuzz.partial_ratio_alignment(needle, text, score_cutoff=cutoff)
    if found is None:
        return None
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    inside = [i for i, (a, b) in enumerate(spans) if b > found.dest_start and a < found.dest_end]
    if not inside:
        return None
    ours = needle.split()
    pad = len(ours) // 4 + 3
    lo, hi = max(0, inside[0] - pad), min(len(spans), inside[-1] + 1 + pad)
    window = [text[a:b] for a, b in spans[lo:hi]]
    blocks = [b for b in difflib.SequenceMatcher(a=ours, b=window, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    theirs = window[max(0, first.b - first.a): min(len(window), last.b + last.size + len(ours) - last.a - last.size)]
    _trim_edges(ours, theirs)
    changes = [(i1, i2, j1, j2) for op, i1, i2, j1, j2 in
               difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False).get_opcodes() if op != "equal"]
    if not changes:
        return None
    pairs = [(" ".join(ours[i1:i2]), " ".join(theirs[j1:j2])) for i1, i2, j1, j2 in changes]
    _, _, j1, j2 = changes[0]
    lo, hi = max(0, j1 - 4), min(len(theirs), max(j2, j1 + 1) + 4)
    excerpt = ("…" if lo > 0 else "") + " ".join(theirs[lo:hi]) + ("…" if hi < len(theirs) else "")
    return found.score, excerpt, pairs


def _trim_edges(ours: list[str], theirs: list[str]) -> None:
    """Punctuation the text has around the needle's first or last word is not a difference."""
    def punct(rest: str) -> bool:
        return not any(ch.isalnum() for ch in rest)

    if ours and theirs and theirs[-1] != ours[-1] and theirs[-1].startswith(ours[-1]) \
            and punct(theirs[-1][len(ours[-1]):]):
        theirs[-1] = ours[-1]
    if ours and theirs and theirs[0] != ours[0] and theirs[0].endswith(ours[0]) \
            and punct(theirs[0][: -len(ours[0])]):
        theirs[0] = ours[0]


def describe_passage(found: tuple[float, str, list[tuple[str, str]]] | None, label: str = "the evidence",
                     limit: int = 3) -> str:
    """'; the closest passage (94% alike) is "…", where the text reads "Tuesday" and the evidence "Wednesday"'."""
    if found is None:
        return ""
    score, excerpt, pairs = found
    diffs = []
    for ours, theirs in pairs[:limit]:
        if not ours:
            diffs.append(f"the text reads {show(theirs, 40)} that {label} leaves out")
        elif not theirs:
            diffs.append(f"{label} adds {show(ours, 40)}")
        else:
            diffs.append(f"the text reads {show(theirs, 40)} where {label} has {show(ours, 40)}")
    more = f" and {len(pairs) - limit} more difference(s)" if len(pairs) > limit else ""
    return f"; the closest passage ({int(score)}% alike) is {show(excerpt, 100)}: {'; '.join(diffs)}{more}"
