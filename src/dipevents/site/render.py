"""Safe rendering of data into Markdown pages.

Every value from the data goes through ``text`` (or ``external_link``): HTML is escaped and
every character Markdown could act on becomes a numeric entity, so data is always shown
as literal text, never interpreted as markup or Markdown.
"""

from __future__ import annotations

import calendar
import re
from urllib.parse import urlsplit

# One pass: HTML's special characters and every character Markdown could act on become
# numeric character references, which both HTML and Markdown show as the character itself.
_ESCAPES = {c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#+-.!|~=^:$%"}
_ESCAPE_RE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")


def text(value: object, strip: bool = True) -> str:
    """Data as literal text inside Markdown (paragraphs, headings, tables, links).

    Runs of whitespace (line breaks included) become one space, so a value never starts a
    new Markdown block; STRIP=False keeps a single space at either end.
    """
    if value is None:
        return ""
    escaped = _entities(str(value))
    escaped = re.sub(r"\s+", " ", escaped)
    return escaped.strip() if strip else escaped


def safe_url(value: object) -> str | None:
    """The URL when it is a plain http(s) URL, else None (javascript:, data: and the like)."""
    if not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc or any(c.isspace() for c in value.strip()):
        return None
    return value.strip()


def _entities(value: str) -> str:
    """Every character HTML or Markdown could act on as a numeric reference; nothing else changes."""
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], value)


def external_link(value: object) -> str:
    """A link out of the site, only for http(s) URLs; Markdown never sees a live character of it."""
    url = safe_url(value)
    if url is None:
        return text(value)
    return f'<a href="{_entities(url)}" rel="nofollow noopener noreferrer">{_entities(url)}</a>'


_HREF = re.compile(r"[A-Za-z0-9._/#-]+")


def link(label: object, href: str) -> str:
    """A Markdown link to a page of the site; HREF is built by the site from slugs, never raw data."""
    if not _HREF.fullmatch(href):
        raise ValueError(f"unsafe link target {href!r}")
    return f"[{text(label)}]({href})"


def when(value: str | None) -> str:
    """A reduced-precision date said honestly: '2024 (year only)', 'November 2025 (month only)',
    '29 April 2024 to 5 May 2024 (span of days)' for an interval."""
    if not value:
        return ""
    from ..isodate import parse

    span = parse(value)
    if span is None:
        return text(value)
    d = span.start
    shown = {"year": f"{d.year} (year only)", "month": f"{calendar.month_name[d.month]} {d.year} (month only)",
             "day": _day(d)}
    return shown.get(span.precision, f"{_day(d)} to {_day(span.end)} (span of days)")


def _day(d) -> str:
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table from already-rendered cells."""
    if not rows:
        return ""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def slug(value: str) -> str:
    """A file or anchor name from an identifier (IDs are slugs already; this keeps it so)."""
    return re.sub(r"[^a-z0-9-]+", "-", str(value).lower()).strip("-") or "x"
