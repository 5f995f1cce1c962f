"""site/fastpage.py converts the generated pages without Python-Markdown: the site must be the
same, byte for byte, as the one Python-Markdown makes (DIPEVENTS_FAST_PAGES=0), on the fixture,
on hostile text and on a synthetic package; anything outside its subset goes to Python-Markdown.
Only the search index differs by design: one entry per generated page (its title and lead)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from dipevents.site.fastpage import convert
from tests.site.support import copy_project
from tests.support import SITE_PARTS, assemble, synth

SEARCH_INDEX = "search/search_index.json"


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _build_both_ways(root: Path, **env) -> tuple[dict[str, bytes], dict[str, bytes]]:
    def site(out: str, **more) -> dict[str, bytes]:
        done = subprocess.run([sys.executable, "-m", "dipevents.cli", "site", str(root), "--out", str(root / out)],
                              capture_output=True, text=True, env={**os.environ, **env, **more})
        assert done.returncode == 0, done.stdout + done.stderr
        return _files(root / out)

    return site("site-fast"), site("site-md", DIPEVENTS_FAST_PAGES="0")


def _assert_same_site(fast: dict[str, bytes], slow: dict[str, bytes]) -> None:
    assert fast.keys() == slow.keys()
    different = [name for name in fast if name != SEARCH_INDEX and fast[name] != slow[name]]
    assert different == []
    assert sum(name.endswith(".html") for name in fast) > 50


@pytest.mark.slow
def test_the_fixture_site_is_the_same_either_way(tmp_path):
    fast, slow = _build_both_ways(copy_project(tmp_path / "project"))
    _assert_same_site(fast, slow)


@pytest.mark.slow
def test_a_site_with_its_address_set_is_the_same_either_way(tmp_path):
    """With site_url, each page has a canonical link (filled into the record pages' shell)."""
    fast, slow = _build_both_ways(copy_project(tmp_path / "project"), DIPEVENTS_SITE_URL="https://example.org/events/")
    _assert_same_site(fast, slow)
    assert b'<link rel="canonical" href="https://example.org/events/actors/act-vladimir-putin/">' in \
        fast["actors/act-vladimir-putin/index.html"]


@pytest.mark.slow
def test_a_site_full_of_hostile_text_is_the_same_either_way(tmp_path):
    from tests.site.test_hostile import INVISIBLE, PAYLOADS, _fill

    root = _fill(copy_project(tmp_path / "project"), PAYLOADS, INVISIBLE)
    fast, slow = _build_both_ways(root)
    _assert_same_site(fast, slow)


@pytest.mark.slow
def test_a_synthetic_package_site_is_the_same_either_way(tmp_path):
    """Dates of every precision, spans, sources with many passages, lists of every table."""
    synth(60, tmp_path / "synth")
    root = assemble(tmp_path / "project", data=tmp_path / "synth", extra=SITE_PARTS)
    fast, slow = _build_both_ways(root)
    _assert_same_site(fast, slow)


# --- the converter on its own, against Python-Markdown configured as mkdocs.yml configures it ----

def _python_markdown(text: str) -> str:
    md = markdown.Markdown(extensions=["tables", "attr_list", "md_in_html", "toc"],
                           extension_configs={"toc": {"permalink": True}})
    return md.convert(text)


EVERY_CONSTRUCT = """# A title &#45; with an entity

<span class="record-type">Meeting</span> · [Someone](../actors/a.md) met [Other](../actors/b.md "A title&#58; here") on 2 May.
A second line of the same paragraph<br>
and a third.

## Participants

| Who | Capacity |
|---|---|
| [Someone](../actors/a.md) | Prime Minister |
| [Other](../actors/b.md) |   |

## Evidence {#evidence}

<blockquote class="evidence-quote" markdown="1">
Before <mark class="evidence here">the passage</mark> after.
</blockquote>

This record's passage is number [6] in [A source](../sources/s.md). [See passage 6](../sources/s.md#ev-x){.evidence-link}

## Evidence passages {#passages}

1. [First](../meetings/m.md#evidence)
2. [Second](../meetings/n.md#evidence)

Between two lists, a paragraph.

- [An item](../x.md) — with a dash
- Another item

> A quoted value

<div class="chart-block"><div class="inner"><svg><text>1</text></svg></div><p>note</p></div>

<div class="cite-box" markdown="1">

### Cite this record

Dataset: X<br>
Record: <code>m</code>

</div>

<div class="record-list" markdown="1">

</div>
"""


def test_every_construct_of_the_subset_converts_as_python_markdown_does():
    done = convert(EVERY_CONSTRUCT, lambda target: target)
    assert done is not None
    assert done.html == _python_markdown(EVERY_CONSTRUCT)
    assert done.title == "A title &#45; with an entity"
    assert [t["id"] for t in done.toc_tokens] == ["a-title-with-an-entity"]
    assert [t["id"] for t in done.toc_tokens[0]["children"]] == ["participants", "evidence", "passages"]
    assert done.lead == "Meeting · Someone met Other on 2 May. A second line of the same paragraph and a third."
    assert {"evidence", "passages", "participants", "cite-this-record"} <= done.anchors


def test_links_are_resolved_by_the_function_given():
    done = convert("[Someone](../actors/a.md#x)\n", lambda target: "RESOLVED/" + target)
    assert done.html == '<p><a href="RESOLVED/../actors/a.md#x">Someone</a></p>'


def test_repeated_headings_get_the_ids_python_markdown_gives():
    text = "## Notes\n\nx\n\n## Notes\n\ny\n\n## Fixed {#notes_1}\n"
    done = convert(text, lambda t: t)
    assert done.html == _python_markdown(text)


@pytest.mark.parametrize("text", [
    "Some *emphasis* here\n",
    "Some _emphasis_ here\n",
    "A `code span`\n",
    "A backslash \\. escape\n",
    "A bare & ampersand\n",
    "    indented code\n",
    "1) a list Python-Markdown does not know\n",
    "3. a list that starts at 3\n",
    "* a starred list\n",
    "Text\n---\n",
    "Title\n=====\n",
    "<script>alert(1)</script>\n",
    "<div markdown=\"1\">\nnot closed\n",
    "<div><p>two</p></div><div>elements</div>\n",
    "A [reference][x] link\n",
    "A line with two trailing spaces  \nmakes a break\n",
    "- a list\nwith a lazy line\n",
    "1. a list\n\n- followed by another\n",
    "A paragraph ending in a space \n",
    "> \n",
    "- an item ending in a space \n",
    "# A heading with closing hashes #\n",
    "# A heading {.with-a-class}\n",
    "Wow![an image](a.md)\n",
    "| a | b |\n|---|\n| c | d |\n",
])
def test_anything_outside_the_subset_is_left_to_python_markdown(text):
    assert convert(text, lambda t: t) is None


def test_search_has_one_entry_per_generated_page(built_site):
    entries = json.loads((built_site / SEARCH_INDEX).read_text(encoding="utf-8"))["docs"]
    by_location = {}
    for e in entries:
        by_location.setdefault(e["location"].split("#")[0], []).append(e)
    putin = by_location["actors/act-vladimir-putin/"]
    assert len(putin) == 1 and putin[0]["boost"] == 10.0 and putin[0]["title"] == "Vladimir Putin"
    assert putin[0]["text"].startswith("<p>Actor · Vladimir Putin: person of Russia (RUS)")
    meeting = by_location["meetings/mtg-2025-09-02-beijing-sharif-putin/"]
    assert len(meeting) == 1 and "boost" not in meeting[0]
    assert meeting[0]["text"].startswith("<p>Meeting · Shehbaz Sharif (Prime Minister, Pakistan) met Vladimir Putin")
    assert len(by_location["codebook/"]) > 1  # pages written by hand keep the theme's entry per section
