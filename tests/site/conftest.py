"""Fixtures for site tests: a built site, served on localhost, and a real headless browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.support import CHROMIUM, Tab, build, copy_project, serve


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site of the fixture package (tests/fixtures/founding), built in PROJECT/site."""
    root = copy_project(tmp_path_factory.mktemp("fixture") / "project")
    proc = build(root, root / "site")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "site"


@pytest.fixture(scope="session")
def site_package(built_site):
    """The package the built site was made from (to compare pages with its data)."""
    from dipevents.loader import load

    package, errors = load(built_site.parent)
    assert errors == []
    return package


@pytest.fixture(scope="session")
def site_url(built_site):
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian's chromium is missing: run .ci/run or `apt-get install chromium`"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def tab(browser):
    t = Tab(browser)
    yield t
    t.page.close()
