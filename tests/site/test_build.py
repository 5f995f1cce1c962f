"""The built site: strict build, no broken link, nothing loaded from outside, complete dictionary."""

from __future__ import annotations

import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from dipevents.loader import load
from dipevents.site.render import slug
from tests.site.support import ROOT

PACKAGE, _ = load(ROOT)  # the definitions (tables, fields, codelists); the data is site_package's


def test_every_record_has_a_page(built_site, site_package):
    checked = 0
    for name, resource in site_package.resources.items():
        if resource.is_codelist or len(resource.primary_key) > 1:
            continue
        assert (built_site / slug(name) / "index.html").is_file(), name
        for key in [line.split(",")[0] for line in resource.file.read_text(encoding="utf-8").splitlines()[1:]]:
            assert (built_site / slug(name) / slug(key) / "index.html").is_file(), f"{name}/{key}"
            checked += 1
    assert checked > 0


def test_no_broken_internal_link(site_url):
    proc = subprocess.run([sys.executable, "-m", "linkcheck", "--no-status", "--no-warnings", site_url],
                          capture_output=True, text=True, timeout=300)
    assert "0 errors found" in proc.stdout, proc.stdout[-3000:]
    assert proc.returncode == 0


class _Resources(HTMLParser):
    """Collect every URL the browser would load by itself (not plain <a> links)."""

    LOADED = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
              ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data")}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if (tag, name) in self.LOADED and value and not (tag == "link" and ("rel", "canonical") in attrs):
                self.urls.append(value)


def test_pages_load_nothing_from_another_host(built_site):
    outside = []
    for page in built_site.rglob("*.html"):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        outside += [f"{page.relative_to(built_site)}: {u}" for u in parser.urls if urlsplit(u).netloc]
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "url(http" not in text.replace(" ", "") and "@import" not in text, css
    assert outside == []


def test_no_web_fonts(built_site):
    for page in built_site.rglob("*.html"):
        assert "fonts.googleapis" not in page.read_text(encoding="utf-8"), page


def test_data_dictionary_lists_every_table_field_and_code(built_site):
    html = unescape((built_site / "dictionary" / "index.html").read_text(encoding="utf-8"))
    missing = []
    for name, resource in PACKAGE.resources.items():
        if f'id="table-{slug(name)}"' not in html:
            missing.append(f"table {name}")
        for field in resource.fields:
            if f"<code>{field['name']}</code>" not in html:
                missing.append(f"{name}.{field['name']}")
        if resource.is_codelist:
            import csv

            with resource.file.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    if f"<code>{row['code']}</code>" not in html or row["label"] not in html:
                        missing.append(f"{name}:{row['code']}")
    assert missing == []


def test_home_page_counts_each_table(built_site, site_package):
    html = unescape((built_site / "index.html").read_text(encoding="utf-8"))
    for name, resource in site_package.resources.items():
        if not resource.is_codelist:
            rows = len(resource.file.read_text(encoding="utf-8").splitlines()) - 1
            assert f"<td>{rows}</td>" in html, name
    assert "2024 (year only) to November 2025 (month only)" in html


def test_csv_downloads_are_the_committed_files(built_site, site_package):
    for name, resource in site_package.resources.items():
        if not resource.is_codelist:
            assert (built_site / "data" / f"{name}.csv").read_bytes() == resource.file.read_bytes()


def test_nothing_generated_is_committed_in_docs():
    generated_dirs = {n for n, r in PACKAGE.resources.items() if not r.is_codelist}
    present = {p.name for p in (ROOT / "docs").iterdir()}
    assert not (present & (generated_dirs | {"dictionary.md", "timeline.md", "network.md"}))


@pytest.mark.slow
def test_site_command_refuses_an_invalid_package(tmp_path):
    from tests.site.support import build, copy_project

    root = copy_project(tmp_path / "p")
    path = root / "data" / "meetings.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",bilateral,", ",trilateral,", 1), encoding="utf-8")
    proc = build(root, root / "site")
    assert proc.returncode == 1
    assert "DE207" in proc.stdout and "Nothing was built" in proc.stdout
    assert not (root / "site").exists()


def test_every_error_code_has_a_page(built_site):
    from dipevents.catalogue import by_code

    for code, rule in by_code().items():
        page = unescape((built_site / "errors" / code / "index.html").read_text(encoding="utf-8"))
        assert rule.title in page and rule.fixed in page, code


def test_security_policy_is_a_page_of_the_site(built_site):
    html = unescape((built_site / "security" / "index.html").read_text(encoding="utf-8"))
    assert "Threat model" in html and "Reporting a vulnerability" in html
    assert 'href="security/"' in (built_site / "index.html").read_text(encoding="utf-8")  # in the navigation


def test_the_dictionary_has_one_h1(built_site):
    html = (built_site / "dictionary" / "index.html").read_text(encoding="utf-8")
    assert html.count("<h1") == 1
