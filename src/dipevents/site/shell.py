"""Record pages written into a page the theme rendered once per folder.

A record page is not in the navigation, so the theme renders every record page of a folder
(actors/, meetings/...) the same, except for five things: its title (front matter), its
content, its table of contents, the "skip to content" link (its first heading) and, when
site_url is set, its canonical link. The theme's template (two thirds of the time left per
page) runs once per folder with those five replaced by markers; each page is then that
shell with the markers filled in, and its table of contents rendered by the theme's own
partials/toc.html. tests/site/test_fastpage.py builds sites with and without this and
compares them byte for byte.
"""

from __future__ import annotations

TITLE, TOC, CANONICAL = (f"\x00dipevents-{name}\x00" for name in ("title", "toc", "canonical"))
SKIP = "#\x00dipevents-skip\x00"  # an anchor, which the theme's url filter leaves as it is
CONTENT = "\x00dipevents-content<h1>\x00"  # holds "<h1", as the page's content does: the theme adds no heading
TEMPLATE = "dipevents/record.html"  # the template a record page names in its meta
THEME_TOC = "dipevents/theme-toc.html"  # the theme's partials/toc.html, under another name


class _TocItem:
    def __init__(self, url: str):
        self.url, self.level, self.children, self.title = url, 2, [], ""


class _Marked:
    """The page as the shell's one rendering sees it: the five parts replaced by markers."""

    def __init__(self, page):
        self._page = page
        self.meta = {**page.meta, "title": TITLE}
        self.content = CONTENT
        self.canonical_url = CANONICAL if page.canonical_url else page.canonical_url
        self.toc = [_TocItem(SKIP)]

    def __getattr__(self, name):
        return getattr(self._page, name)


class Shells:
    def __init__(self, env, key):
        """ENV: the theme's Jinja environment; KEY(page, base_url): the folder a record page
        shares its shell with, or None for a page that must be rendered in full."""
        self.env, self.key, self.shells, self.lang = env, key, {}, None

    def render(self, context) -> str:
        values = context.get_all()
        page, base_url = values["page"], values["base_url"]
        title, first = page.meta.get("title"), next(iter(page.toc), None)
        folder = self.key(page, base_url)
        if folder is None or not isinstance(title, str) or not title or first is None or "<h1" not in page.content:
            return self.env.get_template("main.html").render(values)
        shape = (folder, bool(page.canonical_url))
        if shape not in self.shells:
            html = self.env.get_template("main.html").render(dict(values, page=_Marked(page), dipevents_marking=True))
            if any(html.count(m) != n for m, n in ((TITLE, 2), (CONTENT, 1), (TOC, 1), (SKIP, 1))):
                return self.env.get_template("main.html").render(values)  # a theme this does not know
            self.shells[shape] = html
        if self.lang is None:  # the theme's translations, as base.html imports them for its partials
            self.lang = self.env.get_template("partials/language.html").make_module(values)
        toc = self.env.get_template(THEME_TOC).render(dict(values, lang=self.lang))
        return (self.shells[shape].replace(TITLE, title).replace(SKIP, self.env.filters["url"](context, str(first.url)))
                .replace(CANONICAL, page.canonical_url or "").replace(TOC, toc).replace(CONTENT, page.content))
