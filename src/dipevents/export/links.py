"""Relative links of the Markdown files the release zip carries, made to work where they land.

The codebook is ``docs/codebook.md`` in the repository and ``codebook.md`` in the zip; the
changelog links to ``docs/versioning.md``, which the zip does not hold. Each relative link is
resolved against the file's place in the repository: a target the zip holds becomes a link
relative to the file's place in the zip; any other becomes an absolute URL of the same path
at this version in the source repository (``<repository>/blob/v<version>/<path>``, the
release tag). Links are found by Python-Markdown (so text in code is never taken for a link);
anchors (``#...``) and absolute URLs stay as they are.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit


class _Targets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if (tag, key) in {("a", "href"), ("img", "src")} and value:
                self.found.append(value)


def link_targets(markdown_text: str) -> list[str]:
    """Every link and image target of a Markdown text, in order, as written."""
    import markdown

    parser = _Targets()
    parser.feed(markdown.markdown(markdown_text))
    return parser.found


def is_relative(target: str) -> bool:
    parts = urlsplit(target)
    return not (parts.scheme or parts.netloc or target.startswith(("#", "/")))


def _split(target: str) -> tuple[str, str]:
    """(path, the rest: ?query and #fragment as written)."""
    at = min((i for i in (target.find("?"), target.find("#")) if i >= 0), default=len(target))
    return target[:at], target[at:]


def relocate(text: str, source: str, dest: str, placed: dict[str, str], base_url: str) -> str:
    """TEXT (the Markdown file at repository path SOURCE, going to zip path DEST) with each
    relative link rewritten: PLACED maps repository paths to zip paths of the files the zip
    holds; BASE_URL (empty when unknown) prefixes the repository path of any other target."""
    here = posixpath.dirname(source)
    out = text
    for target in dict.fromkeys(t for t in link_targets(text) if is_relative(t)):
        path, rest = _split(target)
        if not path:
            continue
        resolved = posixpath.normpath(posixpath.join(here, path))
        if resolved.startswith("../") or resolved == "..":
            continue  # outside the repository: nothing to point at
        inside = placed.get(resolved) or (resolved if any(p.startswith(resolved + "/") for p in placed.values())
                                          else None)
        if inside is not None:
            new = posixpath.relpath(inside, posixpath.dirname(dest) or ".") + ("/" if path.endswith("/") else "")
        elif base_url:
            new = f"{base_url.rstrip('/')}/{resolved}"
        else:
            continue
        out = _replace(out, target, new + rest)
    return out


def _replace(text: str, old: str, new: str) -> str:
    """Replace link target OLD in its Markdown or HTML link syntax only (never in running text)."""
    escaped = re.escape(old)
    patterns = [rf"(\]\(\s*<?){escaped}(?=>|\s|\))",  # [text](old "title"), [text](<old>)
                rf"(^[ ]{{0,3}}\[[^\]]+\]:[ \t]*<?){escaped}(?=>|\s|$)",  # [ref]: old
                rf"((?:href|src)=[\"']){escaped}(?=[\"'])"]  # <a href="old">
    for pattern in patterns:
        text = re.sub(pattern, lambda m: m.group(1) + new, text, flags=re.M)
    return text
