"""Record pages converted without Python-Markdown: the same HTML, in a fraction of the time.

Record pages are most of the site (one per meeting, statement, actor...) and Python-Markdown's
inline processing was half of the build. ``pages.py`` writes them in a small subset of
Markdown: headings (with an optional ``{#id}``), paragraphs, ``- `` lists, pipe tables, ``> ``
quotes, ``<blockquote|div ... markdown="1">`` blocks, links ``[label](page.md)`` with an
optional ``{.class}``, and inline HTML; every value from the data reaches it escaped
(``escape.markdown``: HTML escaped, every character Markdown could act on an entity). This
module turns exactly that subset into the HTML Python-Markdown gives (tables, attr_list,
md_in_html and toc with permalinks, as mkdocs.yml configures them), links resolved and
checked by MkDocs' own code, and hands back the table of contents and anchors MkDocs needs.

Anything outside the subset (a construct this module does not know, a character Markdown
could act on) makes ``convert`` return None and the page goes through Python-Markdown as
every other page does. tests/site/test_fastpage.py builds sites both ways and compares them
byte for byte.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_HEADING = re.compile(r"(#{1,6}) (.*?)(?: \{#([A-Za-z0-9_-]+)\})?")
_LINK = re.compile(r'\[([^\[\]]*)\]\(([A-Za-z0-9._/#-]+)(?: "([^"<>\\]*)")?\)(?:\{\.([A-Za-z0-9_-]+)\})?')
_ATTRS = re.compile(r" ?\{[#.][A-Za-z0-9_-]+\}$")  # a heading's {#id}, a link's {.class}
_ORDERED = re.compile(r"([0-9]+)\. ")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_ID = re.compile(r"""<[A-Za-z][^<>]*?\sid="([^"<>]*)"[^<>]*>""")
_MD_BLOCK = re.compile(r'<(blockquote|div)( class="[A-Za-z0-9 _-]+")? markdown="1">')
# Characters Python-Markdown could act on in running text (once tags, links and entities are
# taken out): emphasis, code spans, escapes, autolinks and references, a bare ampersand.
# "[6]" (a passage number) stays as written: Python-Markdown finds no reference named 6.
_NUMBER = re.compile(r"\[[0-9]+\](?![(\[:])")
_ACTIVE = re.compile(r"[*_`\\<>\[\]&]")
# What is not running text: a tag, an entity, a passage number.
_NOT_TEXT = re.compile(_TAG.pattern + "|" + _ENTITY.pattern + "|" + _NUMBER.pattern)
PERMALINK = '<a class="headerlink" href="#{0}" title="Permanent link">&para;</a>'


class Unsupported(Exception):
    """The page uses Markdown this module does not convert; Python-Markdown will."""


@dataclass
class Converted:
    html: str
    toc_tokens: list[dict]
    anchors: set[str]
    title: str | None  # as MkDocs takes it from a first-line H1 (a page without a title in its front matter)
    lead: str  # the text before the first section (H2), as plain text: what search indexes

    def search_text(self) -> str:
        """The lead as the search index holds text: HTML (escaped here), shown as such by the theme."""
        return f"<p>{html.escape(self.lead, quote=False)}</p>" if self.lead else ""


def convert(markdown: str, resolve) -> Converted | None:
    """The page's HTML, or None when it is not in the subset. RESOLVE maps a link target as
    written (``../actors/x.md#a``) to its URL, as MkDocs does (and warns as MkDocs does)."""
    try:
        return _Page(resolve).run(markdown)
    except Unsupported:
        return None


class _Page:
    def __init__(self, resolve):
        self.resolve = resolve
        self.ids: set[str] = set()
        self.counters: dict[str, int] = {}
        self.tokens: list[dict] = []

    def run(self, markdown: str) -> Converted:
        lines = markdown.split("\n")
        # the whole page checked at once: its text (a quote's marker, tags, entities and link
        # syntax aside; labels and titles kept) holds no character Markdown would act on
        checked = _LINK.sub(lambda m: m.group(1) + (" " + m.group(3) if m.group(3) else ""),
                            "\n".join(_ATTRS.sub("", line[2:] if line.startswith("> ") else line) for line in lines))
        _check_text(checked)
        if "![" in markdown:
            raise Unsupported  # an image
        if any(line.endswith((" ", "\t")) for line in lines):
            raise Unsupported  # Python-Markdown keeps a space that ends a line, or makes a break of two
        # as the toc extension does: ids given with {#id} are taken before any is made from text
        self.ids = {m.group(3) for line in lines if (m := _HEADING.fullmatch(line)) and m.group(3)}
        blocks = _blocks(lines)
        for before, after in zip(blocks, blocks[1:]):
            if _is_list(before[0]) and _is_list(after[0]):
                raise Unsupported  # Python-Markdown would make the second list part of the first
        out = [self.block(b) for b in blocks]
        body = "\n".join(out)
        lead = []
        for b, piece in zip(blocks, out):
            if (m := _HEADING.fullmatch(b[0])) and len(m.group(1)) > 1:
                break
            if piece.startswith("<p>"):  # tags dropped, entities read: data never made a tag (escape.markdown)
                lead.append(html.unescape(re.sub(r"<[^>]*>", "", piece)))
        first = self.tokens[0] if self.tokens and blocks and _HEADING.fullmatch(blocks[0][0]) else None
        title = re.sub(r"<[^>]*>", "", first["html"]) if first and first["level"] == 1 else None
        return Converted(body, _nest(self.tokens), set(_ID.findall(body)), title, " ".join(" ".join(lead).split()))

    # --- blocks -----------------------------------------------------------------------------------

    def block(self, lines: list[str]) -> str:
        first = lines[0]
        if m := _MD_BLOCK.fullmatch(first):
            tag = m.group(1)
            if lines[-1] != f"</{tag}>":
                raise Unsupported
            inside = _blocks(lines[1:-1])
            if any(_is_list(a[0]) and _is_list(b[0]) for a, b in zip(inside, inside[1:])):
                raise Unsupported
            inner = "".join(self.block(b) + "\n" for b in inside)
            return f"<{tag}{m.group(2) or ''}>{chr(10) if inner else ''}{inner}</{tag}>"
        if raw := _RAW_BLOCK.match(first):
            if len(lines) > 1 or not _closes_at_end(first, raw.group(1)):
                raise Unsupported
            return first + "\n"  # a block of HTML (a chart): Python-Markdown leaves it as it is, a blank line after
        if m := _HEADING.fullmatch(first):
            if len(lines) > 1:
                raise Unsupported
            if m.group(2).endswith(("#", "}")):
                raise Unsupported  # closing hashes, an attribute list this module does not read
            level, inner = len(m.group(1)), self.inline(m.group(2))
            ident = self.heading_id(level, inner, m.group(3))
            return f'<h{level} id="{ident}">{inner}{PERMALINK.format(ident)}</h{level}>'
        if first.startswith("| ") and len(lines) > 1 and re.fullmatch(r"\|(?:---\|)+", lines[1]):
            return self.table(lines)
        if first.startswith("- "):
            if not all(line.startswith("- ") for line in lines):
                raise Unsupported
            return "<ul>\n" + "".join(f"<li>{self.inline(line[2:].strip())}</li>\n" for line in lines) + "</ul>"
        if m := _ORDERED.match(first):
            if m.group(1) != "1" or not all(_ORDERED.match(line) for line in lines):
                raise Unsupported  # Python-Markdown would number it from its first number
            return "<ol>\n" + "".join(f"<li>{self.inline(_ORDERED.sub('', line, 1).strip())}</li>\n"
                                       for line in lines) + "</ol>"
        if first.startswith("> "):
            if len(lines) > 1:
                raise Unsupported
            if not first[2:].strip():
                raise Unsupported  # an empty quote
            return f"<blockquote>\n<p>{self.inline(first[2:].strip())}</p>\n</blockquote>"
        if any(_OTHER_BLOCK.match(line) for line in lines):
            raise Unsupported
        return "<p>" + "\n".join(self.inline(line) for line in lines).strip() + "</p>"

    def table(self, lines: list[str]) -> str:
        rows = [_cells(line) for line in lines[:1] + lines[2:]]
        width = len(rows[0])
        if lines[1] != "|" + "---|" * width or any(len(r) != width for r in rows):
            raise Unsupported
        head = "".join(f"<th>{self.inline(c)}</th>\n" for c in rows[0])
        body = "".join("<tr>\n" + "".join(f"<td>{self.inline(c)}</td>\n" for c in r) + "</tr>\n" for r in rows[1:])
        return f"<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>"

    # --- inline -----------------------------------------------------------------------------------

    def inline(self, text: str) -> str:
        def link(m: re.Match) -> str:
            label, target, title, cls = m.groups()  # their text was checked with the page's (run)
            # attributes in the order Python-Markdown writes them (sorted by name)
            attrs = f' class="{cls}"' if cls else ""
            attrs += f' href="{html.escape(self.resolve(target), quote=True)}"'
            attrs += f' title="{title}"' if title is not None else ""
            return f"<a{attrs}>{label}</a>"

        return _LINK.sub(link, text) if "](" in text else text

    def heading_id(self, level: int, inner: str, given: str | None) -> str:
        from markdown.extensions.toc import slugify, strip_tags, unique

        name = strip_tags(inner)
        ident = given or unique(slugify(html.unescape(name), "-"), self.ids, self.counters)
        self.ids.add(ident)
        self.tokens.append({"level": level, "id": ident, "name": name, "html": inner, "data-toc-label": ""})
        return ident


# A line Python-Markdown could read as the start of some other block (or as a block of HTML).
_OTHER_BLOCK = re.compile(r"[-+*] |[0-9]+[.)] |[#>=|:~ \t-]|<(?!(?:span|mark|code|strong|em|sup)[ >]|a |br>)")


# A block of HTML on one line: a block-level tag, closed at the end of the line, no markdown="1".
_RAW_BLOCK = re.compile(r"<(div|figure|svg|table|section|nav|details)[ >]")


def _closes_at_end(line: str, tag: str) -> bool:
    """Whether the TAG that opens LINE is closed exactly at its end (and not before)."""
    if "markdown=" in line or not line.endswith(f"</{tag}>"):
        return False
    depth = 0
    for m in re.finditer(rf"<(/?){tag}[ >]", line):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end() == len(line)
    return False


def _check_text(text: str) -> None:
    """Raise Unsupported when TEXT (tags and entities aside) holds a character Markdown acts on."""
    if _ACTIVE.search(_NOT_TEXT.sub("", text)):
        raise Unsupported


def _is_list(line: str) -> bool:
    return line.startswith("- ") or bool(_ORDERED.match(line))


def _cells(line: str) -> list[str]:
    if not (line.startswith("| ") and line.endswith(" |")):
        raise Unsupported
    return [c.strip() for c in line[2:-2].split(" | ")]


def _blocks(lines: list[str]) -> list[list[str]]:
    """Lines grouped into blocks: blank lines separate them; a markdown="1" block is one block
    up to its closing tag (blank lines inside it included)."""
    blocks, current, depth = [], [], None
    for line in lines:
        if depth is not None:
            current.append(line)
            if line == f"</{depth}>":
                blocks.append(current)
                current, depth = [], None
            continue
        if not line.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        if m := _MD_BLOCK.fullmatch(line):
            if current:
                raise Unsupported  # Python-Markdown would not start a block here
            current, depth = [line], m.group(1)
            continue
        if line.startswith((" ", "\t")):
            raise Unsupported  # indented code or a continuation: not in the subset
        current.append(line)
    if depth is not None:
        raise Unsupported
    if current:
        blocks.append(current)
    return blocks


def _nest(tokens: list[dict]) -> list[dict]:
    from markdown.extensions.toc import nest_toc_tokens

    return nest_toc_tokens([dict(t) for t in tokens])
