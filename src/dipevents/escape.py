"""Data shown to people, escaped for the place it goes: one function per context.

Every value from a package is untrusted (a pull request may hold anything), so whatever
writes data into a terminal, a log, a page, an image or a GitHub summary goes through one of
these:

- terminal: ``visible`` (a whole line), ``visible_lines`` (a message of several lines), ``quoted`` (a value in a message), ``display`` (a name,
  quoted only when needed), ``shell`` (a copyable shell word);
- HTML: ``title`` (the text of ``<title>`` and of the page title MkDocs and the theme print
  unescaped), ``front_matter`` (a Markdown page's title);
- ``markdown``: literal text inside the site's Markdown (paragraphs, headings, tables, links);
- ``gfm_cell`` / ``gfm_code``: a table cell or an inline code span of a GitHub summary;
- ``svg_text``: a text or an attribute value of a chart drawn as SVG inside a site page;
- ``safe_url``: a link's target (the site's links, Datasette's licence and source links): a plain
  http(s) URL or nothing.

The search index needs no function of its own: the theme's search plugin indexes a page's
title (``title``, already entity-escaped) and the text of its rendered HTML, which it escapes
again, and shows both as HTML; tests/site/test_hostile.py checks the index and the results.

Invisible characters - control characters, bidi embeddings, overrides and isolates
(U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), zero-width characters (U+200B-U+200D,
U+2060, U+FEFF) and every other character Python does not call printable - are shown as
visible backslash escapes (``\\u202e``) in every context, so what a reader sees is what the
data holds.
"""

from __future__ import annotations

import html
import json
import re
import shlex
from functools import lru_cache
from urllib.parse import urlsplit

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
INVISIBLE = BIDI_CONTROLS | ZERO_WIDTH


def is_visible(ch: str) -> bool:
    """True for a character a reader sees as itself (the ASCII space included)."""
    return ch.isprintable() and ch not in INVISIBLE


def escape_char(ch: str) -> str:
    """One invisible character as a backslash escape: \\n, \\x1b, \\u202e, \\U000e0041."""
    o = ord(ch)
    if ch in "\n\r\t":
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch]
    if 0xDC80 <= o <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{o - 0xDC00:02x}"
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}"


_INVISIBLE_RE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")


def _escaped(text: str, also: str = "") -> str:
    """TEXT with every invisible character escaped, and the characters in ALSO backslashed."""
    if not also and text.isprintable() and (text.isascii() or not _INVISIBLE_RE.search(text)):
        return text  # nothing to escape (most text): no loop over its characters
    return "".join("\\" + ch if ch in also else ch if is_visible(ch) else escape_char(ch) for ch in text)


# --- terminal and logs ------------------------------------------------------------------------

def visible(value: object) -> str:
    """A line for a terminal or a log: invisible characters as escapes, nothing else changed.

    Idempotent, so a message already holding ``quoted`` values can pass through it again."""
    return _escaped("" if value is None else str(value))


def visible_lines(value: object) -> str:
    """A message of several lines: each line through ``visible``, the line breaks kept."""
    return "\n".join(visible(line) for line in ("" if value is None else str(value)).split("\n"))


def quoted(value: object, limit: int | None = None) -> str:
    """A value in a message: in double quotes, backslash and quote escaped, invisible characters
    escaped; cut to LIMIT characters (with an ellipsis) before escaping."""
    text = "" if value is None else str(value)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return '"' + _escaped(text, '\\"') + '"'


def display(value: str) -> str:
    """A name for a message: as is when plain, else quoted with escapes (spaces stay visible)."""
    if value and all(is_visible(ch) and ch not in ' "\\' for ch in value):
        return value
    return '"' + _escaped(value, '\\"') + '"'


def shell(value: str) -> str:
    """VALUE quoted for a POSIX shell; invisible characters in bash's $'...' form (one line, copyable)."""
    if all(is_visible(ch) for ch in value):
        return shlex.quote(value)
    return "$'" + _escaped(value, "\\'") + "'"


# --- HTML ---------------------------------------------------------------------------------

def title(value: object) -> str:
    """The page title: plain text on one line, entity-escaped, never markup.

    MkDocs and the theme print a page's title unescaped in ``<title>``, the header, the footer
    and the search index, so this is given to MkDocs as the page's ``title`` (front matter)."""
    return html.escape(visible(" ".join(("" if value is None else str(value)).split())), quote=True)


def front_matter(page_title: object) -> str:
    """A Markdown page's YAML front matter setting its title (see ``title``).

    The value is a JSON string, which YAML reads as a double-quoted scalar: nothing in the data
    can end it or start another key."""
    return "---\ntitle: " + json.dumps(title(page_title), ensure_ascii=True) + "\n---\n\n"


# --- Markdown -----------------------------------------------------------------------------

# HTML's special characters and every character Markdown could act on become numeric character
# references, which both HTML and Markdown show as the character itself.
_MD_ESCAPES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#+-.!|~=^:$%"})
_SPACES = re.compile(r"\s+")


def entities(value: str) -> str:
    """Every character HTML or Markdown could act on as a numeric reference; nothing else changes."""
    return value.translate(_MD_ESCAPES)


def markdown(value: object, strip: bool = True) -> str:
    """Data as literal text inside the site's Markdown (paragraphs, headings, tables, links).

    Runs of whitespace (line breaks included) become one space, so a value never starts a new
    Markdown block; invisible characters are shown as escapes (whose backslash is itself an
    entity); STRIP=False keeps a single space at either end."""
    if value is None:
        return ""
    return _markdown(str(value), strip)


@lru_cache(maxsize=1 << 16)  # names, places and dates repeat across a site's pages
def _markdown(value: str, strip: bool) -> str:
    shown = entities(visible(_SPACES.sub(" ", value)))
    return shown.strip() if strip else shown


_GFM_ACTIVE = re.compile(r"([\\`*_\[\]<>|~!&#$])")


def gfm_cell(value: object) -> str:
    """A cell of a GitHub-flavoured Markdown table (job summaries): literal text on one line.

    Every character GitHub could act on inside a cell (emphasis, links, HTML, entities, math,
    the cell's own pipe) is backslash-escaped, which keeps the raw summary readable."""
    text = visible(" ".join(("" if value is None else str(value)).split()))
    return _GFM_ACTIVE.sub(r"\\\1", text)


def gfm_code(value: object) -> str:
    """An inline code span (GitHub summaries): entities do not work there, so backticks get a
    longer fence, pipes are backslashed (GFM tables), invisible characters are escapes."""
    text = visible(" ".join(("" if value is None else str(value)).split())).replace("|", "\\|")
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# --- charts -------------------------------------------------------------------------------

def svg_text(value: object) -> str:
    """A text (``<text>``, ``<title>``) or a double-quoted attribute value of an SVG chart inlined
    in a site page: one line, every character HTML or Markdown could act on as a numeric
    reference (the chart sits in the page's Markdown as raw HTML; the HTML parser reads inline
    SVG's text and attributes like HTML's), invisible characters shown as escapes."""
    return markdown(value)


# --- link targets -------------------------------------------------------------------------

def safe_url(value: object) -> str | None:
    """The URL when it is a plain http(s) URL, else None (javascript:, data: and the like)."""
    if not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if (parts.scheme.lower() not in {"http", "https"} or not parts.netloc
            or not all(is_visible(c) and not c.isspace() for c in value.strip())):
        return None
    return value.strip()
