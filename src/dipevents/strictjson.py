"""JSON as the descriptor and schemas must be: what every JSON reader reads the same way.

The standard library accepts more than that: a key given twice (the last silently wins),
``NaN`` and ``Infinity``, ``1e400`` (read as infinity), integers of any size, and ``\\ud800``
escapes that make a lone surrogate (a string no UTF-8 file, terminal or web page can hold).
``loads`` refuses each with a ``JsonProblem`` whose message names the key or the place.
"""

from __future__ import annotations

import json
import math

from .limits import MAX_INTEGER, MIN_INTEGER


class JsonProblem(ValueError):
    """The JSON is well-formed but holds something this project does not accept."""


def _name(value: str) -> str:
    return json.dumps(value, ensure_ascii=True)[:120]


def _pairs(pairs: list[tuple[str, object]]) -> dict:
    seen: dict[str, object] = {}
    for key, value in pairs:
        if key in seen:
            raise JsonProblem(f"the key {_name(key)} appears twice in one object (a reader keeps only one of them)")
        seen[key] = value
    return seen


def _constant(word: str):
    raise JsonProblem(f"{word} is not a JSON number; write a finite number")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonProblem(f"the number {text[:40]} is too large to be stored")
    return value


def _int(text: str) -> int:
    digits = text.lstrip("-")
    if len(digits) > 19 or not MIN_INTEGER <= (value := int(text)) <= MAX_INTEGER:
        raise JsonProblem(f"the integer {text[:40]}{'...' if len(text) > 40 else ''} is outside the signed 64-bit range")
    return value


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _surrogate_at(doc: object) -> str | None:
    """The path of the first string (key or value) holding a lone surrogate, or None."""
    stack: list[tuple[str, object]] = [("", doc)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if _has_surrogate(value):
                return where or "the document"
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                if _has_surrogate(key):
                    return f"{where}.{_name(key)}" if where else f"the key {_name(key)}"
                stack.append((f"{where}.{key}" if where else key, item))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in reversed(list(enumerate(value))))
    return None


def loads(text: str) -> object:
    """Parse TEXT; json.JSONDecodeError for bad syntax, JsonProblem for what it refuses."""
    doc = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant,
                     parse_float=_float, parse_int=_int)
    where = _surrogate_at(doc)
    if where is not None:
        raise JsonProblem(f"{where} holds a lone surrogate (an escape such as \\ud800 that is no character)")
    return doc
