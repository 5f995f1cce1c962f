"""The site published under a sub-path, as GitHub project pages are
(https://OWNER.github.io/REPO/): DIPEVENTS_SITE_URL names it, the sitemap and canonical links
use it, and the 404 page, served for any missing path, still finds its styles and links home."""

from __future__ import annotations

import functools
import os
import re
import socket
import subprocess
import sys
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.site.support import copy_project

PREFIX = "/diplomatic-events/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Pages(SimpleHTTPRequestHandler):
    """Like GitHub Pages: the site lives under PREFIX; a missing path gets 404.html, status 404."""

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + path[len(PREFIX):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    port = _free_port()
    url = f"http://127.0.0.1:{port}{PREFIX}"
    root = copy_project(tmp_path_factory.mktemp("subpath") / "project")
    proc = subprocess.run([sys.executable, "-m", "dipevents.cli", "site", str(root), "--out", str(root / "site")],
                          capture_output=True, text=True, env={**os.environ, "DIPEVENTS_SITE_URL": url})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Pages, directory=str(root / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root / "site", url
    server.shutdown()


def test_the_sitemap_lists_pages_under_the_site_url(hosted):
    site, url = hosted
    locations = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert len(locations) > 50
    assert all(loc.startswith(url) for loc in locations)
    assert url + "meetings/mtg-2025-09-02-beijing-sharif-putin/" in locations


def test_each_page_names_its_canonical_address(hosted):
    site, url = hosted
    page = (site / "meetings" / "mtg-2025-09-02-beijing-sharif-putin" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{url}meetings/mtg-2025-09-02-beijing-sharif-putin/">' in page


def test_the_404_page_under_a_sub_path_finds_its_styles_and_links_home(hosted, tab):
    site, url = hosted
    failed = []
    tab.page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.url != url + "no/such/page/" else None)
    response = tab.page.goto(url + "no/such/page/")
    assert response.status == 404
    tab.page.wait_for_load_state("networkidle")
    assert failed == []  # every stylesheet, script and image of the 404 page was found
    assert tab.page.locator("h1").first.inner_text().strip() != ""
    sheets = tab.page.evaluate("Array.from(document.styleSheets).filter(s => s.href).map(s => s.href)")
    assert sheets and all(s.startswith(url) for s in sheets)
    home = tab.page.locator("a.md-header__button.md-logo, a.md-logo").first.get_attribute("href")
    tab.page.goto(urljoin(tab.page.url, home))
    assert tab.page.url == url
    assert tab.outside_requests() == []
