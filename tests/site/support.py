"""Helpers for site tests: assemble a project, build its site, serve it, watch a browser tab."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.support import ROOT, SITE_PARTS, Ran, assemble, dipevents

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's chromium package, installed by .ci/run


def copy_project(dest: Path) -> Path:
    """A project that can build its site: the fixture package plus the site's configuration and pages."""
    return assemble(dest, extra=SITE_PARTS)


def build(root: Path, out: Path) -> Ran:
    return dipevents("site", root, "--out", out)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class Tab:
    """A browser page that records every request and every script error."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1280, "height": 1000})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def outside_requests(self) -> list[str]:
        from urllib.parse import urlsplit

        return [u for u in self.requests if urlsplit(u).hostname not in {"127.0.0.1", "localhost"}
                and not u.startswith(("data:", "blob:", "about:"))]

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
