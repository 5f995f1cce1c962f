"""Schema `pattern`s that cannot hang validation.

A regular expression such as ``(a+)+`` takes exponential time on a cell it almost matches:
with backtracking engines (Python's ``re``, which frictionless uses, and ``regex``) a schema
in a pull request could stop CI. Two guards:

- ``pattern_problem`` refuses, when the descriptor loads, a pattern whose repeated part can
  split one text into iterations in more than one way (the exponential case): a repeat whose
  body can be empty, or holds a part of varying length, unless the body starts or ends with a
  character none of those parts can match (``mtg-[a-z0-9]+(-[a-z0-9]+)*`` is fine: each
  iteration starts with ``-``). Backreferences are refused too. A refused pattern never
  reaches pandera or frictionless.
- ``matcher`` compiles an accepted pattern with the ``regex`` package and a timeout
  (``limits.PATTERN_SECONDS``), so what slips through (polynomial backtracking) is reported,
  not waited for.
"""

from __future__ import annotations

import re
from re import _constants as C
from re import _parser as P

_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT}
_SINGLE = {C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN}
_CATEGORIES = {name: re.compile(rx) for name, rx in [
    ("CATEGORY_DIGIT", r"\d"), ("CATEGORY_NOT_DIGIT", r"\D"), ("CATEGORY_SPACE", r"\s"),
    ("CATEGORY_NOT_SPACE", r"\S"), ("CATEGORY_WORD", r"\w"), ("CATEGORY_NOT_WORD", r"\W"),
]}
# Characters tried when asking whether two character classes overlap (with every literal and
# range end of the pattern itself): the intersection of two ranges holds an end of one of them.
_SAMPLE = [chr(i) for i in range(128)] + list("\u00a0\u00e9\u00df\u0416\u0661\u4e2d\u2003\u2028\U0001f600_")


def _in_class(items, ch: str) -> bool:
    negate = bool(items) and items[0][0] is C.NEGATE
    hit = False
    for op, av in items[1:] if negate else items:
        if op is C.LITERAL:
            hit = ord(ch) == av
        elif op is C.RANGE:
            hit = av[0] <= ord(ch) <= av[1]
        elif op is C.CATEGORY:
            rx = _CATEGORIES.get(str(av))
            hit = True if rx is None else rx.fullmatch(ch) is not None
        if hit:
            break
    return hit != negate


def _matches(op, av, ch: str) -> bool:
    if op is C.LITERAL:
        return ord(ch) == av
    if op is C.NOT_LITERAL:
        return ord(ch) != av
    if op is C.ANY:
        return True
    return _in_class(av, ch)


def _children(op, av) -> list:
    """The sub-sequences of one parsed item."""
    if op in _REPEATS:
        return [av[2]]
    if op is C.SUBPATTERN:
        return [av[3]]
    if op is C.ATOMIC_GROUP:
        return [av]
    if op is C.BRANCH:
        return list(av[1])
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [av[1]]
    return []


def _singles(seq) -> list:
    """Every single-character item in SEQ, at any depth."""
    out = []
    for op, av in seq:
        if op in _SINGLE:
            out.append((op, av))
        for child in _children(op, av):
            out += _singles(child)
    return out


def _width(op, av) -> tuple[int, int]:
    sub = P.SubPattern(P.State())
    sub.append((op, av))
    return sub.getwidth()


def _unwrap(seq) -> list:
    """The items of a repeat's body, a lone group opened."""
    items = list(seq)
    while len(items) == 1 and items[0][0] is C.SUBPATTERN:
        items = list(items[0][1][3])
    return items


def _ambiguous(body, sample: list[str]) -> bool:
    lo, hi = body.getwidth()
    if lo == 0:
        return True  # the empty string can be repeated any number of times
    items = _unwrap(body)
    variable = [item for item in items if _width(*item)[0] != _width(*item)[1]]
    if not variable:
        return False  # every iteration has the same length: only one way to split
    inner = [s for item in variable for s in _singles([item])]
    for op, av in (items[0], items[-1]):
        if op in _SINGLE and not any(_matches(op, av, ch) and any(_matches(*s, ch) for s in inner) for ch in sample):
            return False  # each iteration starts (or ends) at a character the varying parts cannot take
    return True


def _sample(seq) -> list[str]:
    extra = set()
    for op, av in _singles(seq):
        if op in (C.LITERAL, C.NOT_LITERAL):
            extra.add(chr(av))
        elif op is C.IN:
            for o, a in av:
                if o is C.LITERAL:
                    extra.add(chr(a))
                elif o is C.RANGE:
                    extra.update((chr(a[0]), chr(a[1])))
    return _SAMPLE + sorted(extra)


def _problem(seq, sample: list[str]) -> str | None:
    for op, av in seq:
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return "uses a backreference"
        if op in _REPEATS and av[1] > 1 and _ambiguous(av[2], sample):
            return "can take exponential time: a repeated part can match the same text in more than one way"
        for child in _children(op, av):
            found = _problem(child, sample)
            if found:
                return found
    return None


def pattern_problem(pattern: object) -> str | None:
    """Why PATTERN cannot be a schema pattern (None when it can)."""
    import regex

    if not isinstance(pattern, str):
        return "must be a string"
    try:
        parsed = P.parse(pattern)
        regex.compile(pattern)
    except (re.error, regex.error, RecursionError, OverflowError) as exc:
        return f"is not a regular expression: {exc}"
    try:
        return _problem(parsed, _sample(parsed))
    except RecursionError:
        return "is nested too deeply"


def matcher(pattern: str):
    """fullmatch(value) -> bool, raising TimeoutError when one value takes too long."""
    import regex

    from .limits import PATTERN_SECONDS

    rx = regex.compile(pattern)
    return lambda value: rx.fullmatch(value, timeout=PATTERN_SECONDS) is not None


def _re2_char(code: int) -> str:
    return chr(code) if chr(code).isascii() and chr(code).isalnum() else f"\\x{{{code:X}}}"


def _re2(seq) -> str | None:
    """SEQ (a parsed pattern) written for RE2, or None when it uses anything outside the plain
    subset whose meaning is the same in both engines."""
    out = []
    for op, av in seq:
        if op is C.LITERAL:
            out.append(_re2_char(av))
        elif op is C.NOT_LITERAL:
            out.append(f"[^{_re2_char(av)}]")
        elif op is C.ANY:
            out.append(".")
        elif op is C.IN:
            negate = bool(av) and av[0][0] is C.NEGATE
            parts = []
            for o, a in av[1:] if negate else av:
                if o is C.LITERAL:
                    parts.append(_re2_char(a))
                elif o is C.RANGE:
                    parts.append(f"{_re2_char(a[0])}-{_re2_char(a[1])}")
                else:
                    return None  # \d, \w, \s... are Unicode-aware in Python, ASCII in RE2
            if not parts:
                return None
            out.append(f"[{'^' if negate else ''}{''.join(parts)}]")
        elif op is C.BRANCH:
            branches = [_re2(b) for b in av[1]]
            if any(b is None for b in branches):
                return None
            out.append(f"(?:{'|'.join(branches)})")
        elif op is C.SUBPATTERN:
            group, add_flags, del_flags, body = av
            inner = _re2(body)
            if add_flags or del_flags or inner is None:
                return None
            out.append(f"(?:{inner})")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):  # greedy or lazy: the same texts match in full
            low, high, body = av
            inner = _re2(body)
            if inner is None or low > 1000 or (high is not C.MAXREPEAT and high > 1000):
                return None  # RE2 repeats at most 1000 times
            out.append(f"(?:{inner}){{{low},{'' if high is C.MAXREPEAT else high}}}")
        else:
            return None  # anchors, lookarounds, backreferences, possessive or atomic parts
    return "".join(out)


def re2_fullmatch(pattern: str) -> str | None:
    """PATTERN as an RE2 expression that matches exactly the texts ``re.fullmatch`` matches in
    full (for pyarrow.compute, which runs in linear time on whole columns); None when PATTERN
    uses a construct whose meaning differs between the engines (the caller then matches cell
    by cell with ``matcher``)."""
    try:
        parsed = P.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    if parsed.state.flags & ~re.UNICODE:
        return None  # (?i), (?s), (?x)... set for the whole pattern
    try:
        body = _re2(parsed)
    except RecursionError:
        return None
    return None if body is None else f"\\A(?:{body})\\z"
