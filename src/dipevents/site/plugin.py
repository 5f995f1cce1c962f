"""MkDocs plugin: adds the pages, charts and CSV downloads generated from the package.

Nothing generated is written into docs/: pages exist only in the build.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File


STATS_MARKER = "<!-- dipevents:stats -->"
# Set to 0 to send record pages through Python-Markdown like every other page (fastpage.py;
# the tests build both ways and compare).
FAST_PAGES_ENV = "DIPEVENTS_FAST_PAGES"
DOWNLOADS_MARKER = "<!-- dipevents:downloads -->"


class PluginConfig(Config):
    package = config_options.Type(str, default=".")


class DipeventsPlugin(BasePlugin[PluginConfig]):
    def on_config(self, config):
        from ..context import Context
        from .model import load_dataset

        # Every file the site reads stays inside the project (the folder of mkdocs.yml): the
        # package, docs/, CONTRIBUTING.md; downloads come from dist/ (or DIPEVENTS_DIST, the
        # folder dipevents build named), verified against SHA256SUMS (see downloads.py).
        self.project = Path(config.config_file_path).parent.resolve()
        self.root = self._inside(self.config.package, "the dipevents plugin's package option")
        self._inside(os.path.relpath(os.path.abspath(config["docs_dir"]), self.project), "docs_dir")
        self.ds = load_dataset(self.root)
        self.ctx = Context(self.ds.package, self.ds.tables)
        named = os.environ.get("DIPEVENTS_DIST")
        self.dist = Path(named) if named else self._inside(os.path.relpath(self.root / "dist", self.project), "dist")
        self.downloads = None
        self.records: set[str] = set()  # pages fastpage.py converts
        self.unexclude: dict[str, dict | None] = {}
        self.relative_urls: dict[str, dict[str, str]] = {}
        self.shared: set[str] = set()  # record pages: outside the navigation, one shell per folder (shell.py)
        self.found_files: dict[tuple[str, str], object] = {}  # (page folder, link path) -> File or None
        self.fast_pages = os.environ.get(FAST_PAGES_ENV, "1") != "0"
        return config

    def _inside(self, rel: str, what: str | None = None) -> Path:
        """REL (relative to the project) resolved by safe_path; the build stops if it leaves the project."""
        from ..paths import safe_path

        path, reason = safe_path(self.project, rel)
        if reason:
            raise PluginError(f"{what}: {reason}" if what else reason)
        return path

    def _artifacts(self):
        from .downloads import DownloadError, verified

        if self.downloads is None:
            try:
                self.downloads = verified(self.dist)
            except DownloadError as exc:
                raise PluginError(str(exc)) from None
        return self.downloads

    def _table_downloads(self) -> dict[str, list[tuple[str, str]]]:
        """Per table: (label, link from its list page) for the CSV, and the JSON and Parquet when built."""
        from .views import csv_path

        built = {a.path for a in self._artifacts()}
        out = {}
        for name, resource in self.ds.resources.items():
            if not resource.is_codelist:
                out[name] = [("CSV", f"../{csv_path(name)}")] + [
                    (label, f"../downloads/{rel}") for label, rel in
                    [("JSON", f"json/{name}.json"), ("Parquet", f"parquet/{name}.parquet")] if rel in built]
        return out

    def _generated(self, config) -> dict[str, str | bytes]:
        from .assets import table_library
        from .dictionary import dictionary_page
        from .errorpages import error_pages
        from .evidence import Evidence
        from .lookup import Lookup
        from .pages import all_pages
        from .render import page_path
        from .sourcepage import source_section, text_download_path
        from .views import csv_path, network_page, timeline_page

        lk, ev = Lookup(self.ds), Evidence(self.ds, self.ctx)
        out: dict[str, str | bytes] = dict(all_pages(lk, ev, config.get("site_url") or "", self._table_downloads()))
        self.records = set(out) | {"timeline.md", "network.md"}  # pages that grow with the data
        self.shared = {path for path in out if not path.endswith("index.md")}
        for row in self.ds.rows["sources"]:
            archived, href = ev.text(row["source_id"]), None
            if archived is not None:  # the archived text, downloadable next to its page
                out[text_download_path(row["source_id"])] = self.ctx.source_text(row["source_id"]).encode("utf-8")
                href = text_download_path(row["source_id"]).rsplit("/", 1)[1]
            out[page_path("sources", row["source_id"])] += "\n" + source_section(lk, ev, row, href)
        out.update(error_pages())
        for name, target in [("CONTRIBUTING.md", "contributing.md"), ("CHANGELOG.md", "changelog.md"),
                             ("SECURITY.md", "security.md")]:
            found = self._inside(os.path.relpath(self.root / name, self.project))
            if found.is_file():  # one text for GitHub and the site; its links point into docs/
                out[target] = found.read_text(encoding="utf-8").replace("](docs/", "](")
            elif target != "contributing.md":
                out[target] = f"# {name[:-3].title()}\n\nThis copy of the site was built without {name}.\n"
        out["dictionary.md"] = dictionary_page(self.ds)
        out["timeline.md"] = timeline_page(self.ds)
        out["network.md"] = network_page(self.ds)
        out.update(table_library())
        for name, resource in self.ds.resources.items():
            if not resource.is_codelist:
                out[csv_path(name)] = resource.file.read_bytes()
        for artifact in self._artifacts():
            out[f"downloads/{artifact.path}"] = (self.dist / artifact.path).read_bytes()
        return out

    def on_files(self, files, config):
        docs = Path(os.path.abspath(config["docs_dir"]))
        for file in files:  # pages from docs/ (theme files come from the installed theme)
            source = Path(os.path.abspath(file.abs_src_path)) if file.abs_src_path else None
            if source is not None and source.is_relative_to(docs):
                self._inside(os.path.relpath(source, self.project))
        for path, content in self._generated(config).items():
            if files.get_file_from_path(path) is not None:
                files.remove(files.get_file_from_path(path))
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        if STATS_MARKER in markdown:
            from .views import home_stats

            markdown = markdown.replace(STATS_MARKER, home_stats(self.ds))
        if DOWNLOADS_MARKER in markdown:
            from .views import downloads_table

            markdown = markdown.replace(DOWNLOADS_MARKER, downloads_table(self._artifacts()))
        if self.fast_pages and page.file.src_uri in self.records:
            from mkdocs.structure.pages import _RelativePathTreeprocessor

            from .fastpage import convert

            links = _RelativePathTreeprocessor(page.file, files, config)  # MkDocs' own link resolution and checks
            done = convert(markdown, self._resolver(page, files, links))
            if done is not None:
                page.render = _Rendered(page, done, links.links_to_anchors)  # what Page.render would set
                return ""
        return markdown

    def on_env(self, env, config, files):
        """Record pages get the template shell.py fills in (the theme rendered once per folder,
        its own partials/toc.html for each page's contents); nothing of the theme is copied."""
        import jinja2

        from . import shell

        if not self.fast_pages:
            return env
        try:
            theme_toc = env.loader.get_source(env, "partials/toc.html")[0]
        except jinja2.TemplateNotFound:  # not the theme this knows: record pages rendered in full
            env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({shell.TEMPLATE: '{% extends "main.html" %}'}),
                                              env.loader])
            return env
        shared = self.shared

        def key(page, base_url):
            """Pages in one folder, outside the navigation, share a shell (the theme's links are
            relative: "../" from a page of actors/ is the actors' list)."""
            if page is None or page.file.src_uri not in shared or page.parent is not None:
                return None
            return f"{base_url} {page.url.rstrip('/').rpartition('/')[0]}"

        shells = shell.Shells(env, key)

        @jinja2.pass_context
        def record(context):
            return shells.render(context)

        env.globals.update(dipevents_record=record, dipevents_toc_marker=shell.TOC)
        own_toc = ('{% if dipevents_marking is defined %}{{ dipevents_toc_marker }}'
                   '{% else %}{% include "' + shell.THEME_TOC + '" %}{% endif %}')
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({
            "partials/toc.html": own_toc, shell.THEME_TOC: theme_toc,
            shell.TEMPLATE: "{{ dipevents_record() }}"}), env.loader])
        return env

    def _resolver(self, page, files, links):
        """A link target as pages.py writes it (a file of the site, relative to the page's
        Markdown file, maybe with #anchor) to its URL, as MkDocs' ``path_to_url`` gives it. A
        target found among the site's files, not excluded, is resolved here (with the relative
        URL remembered per folder: a page has hundreds of links); anything else goes to
        ``path_to_url``, which warns as for any page."""
        import posixpath

        from mkdocs.utils import get_relative_url

        folder = posixpath.dirname(page.file.src_uri)
        url = page.file.url
        base = url if url.endswith("/") or not url else posixpath.dirname(url) + "/"
        cache = self.relative_urls.setdefault(base, {})

        def resolve(target: str) -> str:
            path, _, anchor = target.partition("#")
            if not path.endswith(".md") or path.startswith("/") or "//" in path:
                return links.path_to_url(target)
            where = (folder, path)
            if where not in self.found_files:
                self.found_files[where] = files.get_file_from_path(posixpath.normpath(posixpath.join(folder, path)))
            found = self.found_files[where]
            if found is None or found.inclusion.is_excluded():
                return links.path_to_url(target)
            if found.url not in cache:
                cache[found.url] = get_relative_url(found.url, url)
            if anchor:  # MkDocs checks, once every page is read, that the anchor is there
                links.links_to_anchors.setdefault(found, {}).setdefault(anchor, target)
                return f"{cache[found.url]}#{anchor}"
            return cache[found.url]

        return resolve

    def on_page_content(self, html, page, config, files):
        if isinstance(page.__dict__.get("render"), _Rendered):
            self._index_for_search(page, config, page.render.converted)
            if page.file.src_uri in self.shared:
                from .shell import TEMPLATE

                page.meta["template"] = TEMPLATE  # written into its folder's shell (shell.py)
        return html

    def _index_for_search(self, page, config, converted) -> None:
        """One search entry per generated page: its title and lead (the sentence that says what the
        record is, with its type), instead of the theme's entry per section of every page. The
        theme's search plugin parses each page's HTML (a sixth of the build) and its index grew
        to 12 MB at 1,000 meetings (a "Participants" or "All fields" entry for every record)."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        if index is None or not hasattr(index, "entries"):
            return  # no search (or another search plugin): the page is left to it
        meta = page.meta.get("search", {})
        if not isinstance(meta, dict) or meta.get("exclude"):
            return
        # the title as the theme prints it in <title>: HTML, escaped (escape.front_matter) or a heading's
        entry = {"location": page.url, "title": page.title or "", "text": converted.search_text()}
        if "boost" in meta:
            entry["boost"] = meta["boost"]
        index.entries.append(entry)
        # the theme's plugin skips the page (it is indexed here); on_page_context puts the meta back
        self.unexclude[page.file.src_uri] = page.meta.get("search")
        page.meta["search"] = {**meta, "exclude": True}

    @event_priority(-50)  # after the theme's search plugin, whatever the order in mkdocs.yml
    def on_page_context(self, context, page, config, nav):
        """After the theme's search plugin has seen the page: its front matter as written (the
        theme's templates read it)."""
        if page.file.src_uri in self.unexclude:
            before = self.unexclude.pop(page.file.src_uri)
            if before is None:
                del page.meta["search"]
            else:
                page.meta["search"] = before
        return context


class _Rendered:
    """Stands for ``Page.render`` on a page site/fastpage.py converted: sets what it sets."""

    def __init__(self, page, converted, links_to_anchors):
        self.page, self.converted, self.links_to_anchors = page, converted, links_to_anchors

    def __call__(self, config, files) -> None:
        from mkdocs.structure.toc import get_toc

        page, done = self.page, self.converted
        page.content = done.html
        page.toc = get_toc(done.toc_tokens)
        page._title_from_render = done.title
        page.present_anchor_ids = done.anchors
        page.links_to_anchors = self.links_to_anchors
