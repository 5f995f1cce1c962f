"""Safe rendering of data into Markdown pages.

Every value from the data goes through ``text`` (or ``external_link``), which is
``escape.markdown``: HTML is escaped, every character Markdown could act on becomes a numeric
entity and invisible characters are shown as escapes, so data is always shown as literal
text, never interpreted as markup or Markdown. Page titles use ``escape.front_matter``.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from ..escape import entities as _entities
from ..escape import safe_url
from ..escape import markdown as text

__all__ = ["text", "safe_url", "external_link", "link", "when", "table", "slug"]


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


@lru_cache(maxsize=1 << 16)  # dates repeat across a site's pages
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


_NOT_SLUG = re.compile(r"[^a-z0-9-]+")


@lru_cache(maxsize=1 << 16)  # a record's id is slugged for every link to it
def slug(value: str) -> str:
    """A file or anchor name from an identifier (IDs are slugs already; this keeps it so)."""
    return _NOT_SLUG.sub("-", str(value).lower()).strip("-") or "x"


def page_path(table_name: str, key: str) -> str:
    """The Markdown page of one record, relative to the site's root."""
    return f"{slug(table_name)}/{slug(key)}.md"
