"""Links in the release zip's Markdown files resolve inside the unzipped folder, or are absolute.

Links are read here with markdown-it-py (CommonMark), not with the Python-Markdown parser
the exporter uses, and each relative target is looked for on disk after unzipping.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from dipevents.export.links import relocate
from dipevents.validate import run
from tests.support import RELEASE_PARTS, assemble

REPOSITORY = "https://github.com/diplomatic-events/diplomatic-events"  # CITATION.cff's repository-code


def markdown_links(text: str) -> list[str]:
    """Every link and image target of a Markdown text (CommonMark, by markdown-it-py)."""
    from markdown_it import MarkdownIt

    out = []
    for token in MarkdownIt("commonmark").parse(text):
        for child in token.children or []:
            if child.type == "link_open":
                out.append(child.attrs["href"])
            elif child.type == "image":
                out.append(child.attrs["src"])
    return out


def broken_relative_links(folder: Path) -> list[tuple[str, str]]:
    """(file, target) of every relative link of every Markdown file under FOLDER whose target
    does not exist inside FOLDER."""
    bad = []
    for md in sorted(folder.rglob("*.md")):
        for target in markdown_links(md.read_text(encoding="utf-8")):
            if "://" in target or target.startswith(("#", "mailto:")):
                continue
            path = target.split("#", 1)[0].split("?", 1)[0]
            resolved = (md.parent / path).resolve()
            if not path or not resolved.exists() or not resolved.is_relative_to(folder.resolve()):
                bad.append((md.relative_to(folder).as_posix(), target))
    return bad


CODEBOOK_LINKS = """

## Links (added by the test)

See [the versioning rules](versioning.md#major), [the meetings table](../data/meetings.csv),
[the schemas](../schemas/), [identifiers](#identifiers), [the licence][licence],
![a chart](img/chart.png) and [the datapackage site](https://datapackage.org/).
Not a link: `[x](nothing.md)`.

[licence]: ../LICENSE-DATA.md
"""


def test_relocate_points_each_link_at_the_zip_or_the_tagged_repository():
    placed = {"data/meetings.csv": "data/meetings.csv", "LICENSE-DATA.md": "LICENSE-DATA.md",
              "docs/codebook.md": "codebook.md"}
    got = relocate(CODEBOOK_LINKS, "docs/codebook.md", "codebook.md", placed, f"{REPOSITORY}/blob/v1.2.3")
    assert got == CODEBOOK_LINKS.replace(
        "(versioning.md#major)", f"({REPOSITORY}/blob/v1.2.3/docs/versioning.md#major)").replace(
        "(../data/meetings.csv)", "(data/meetings.csv)").replace(
        "(../schemas/)", f"({REPOSITORY}/blob/v1.2.3/schemas)").replace(
        "]: ../LICENSE-DATA.md", "]: LICENSE-DATA.md").replace(
        "(img/chart.png)", f"({REPOSITORY}/blob/v1.2.3/docs/img/chart.png)")


def test_relocate_keeps_what_needs_no_change():
    text = "[a](#x) [b](https://example.org/a.md) [c](data/a.csv) `[d](e.md)`\n\n    [f](g.md)\n"
    assert relocate(text, "README.md", "README.md", {"data/a.csv": "data/a.csv"}, REPOSITORY) == text


def test_relocate_without_a_repository_leaves_a_link_it_cannot_place():
    text = "[a](other.md) and [b](codebook.md)\n"
    got = relocate(text, "docs/x.md", "x.md", {"docs/codebook.md": "codebook.md"}, "")
    assert got == "[a](other.md) and [b](codebook.md)\n"


def test_relocate_follows_a_file_moved_to_another_folder():
    got = relocate("[c](docs/codebook.md#dates)\n", "CHANGELOG.md", "CHANGELOG.md",
                   {"docs/codebook.md": "codebook.md"}, REPOSITORY)
    assert got == "[c](codebook.md#dates)\n"


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory) -> Path:
    """A package whose codebook links to files in and out of the zip, zipped, then unzipped
    into an empty folder."""
    from dipevents.export.build import artifact_name
    from dipevents.export.archive import write_zip

    root = assemble(tmp_path_factory.mktemp("links") / "package", extra=[*RELEASE_PARTS, "docs/codebook.md"])
    codebook = root / "docs" / "codebook.md"
    codebook.write_text(codebook.read_text(encoding="utf-8") + CODEBOOK_LINKS, encoding="utf-8")
    result = run(root)
    assert result.valid
    name = artifact_name(result.package)
    texts = sorted(result.tables["sources"].frame["text_path"].dropna())
    archive = write_zip(result.package, result.tables, texts, root.parent / "dist" / f"{name}.zip", name)
    target = tmp_path_factory.mktemp("empty")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(target)
    return target / name


def test_every_relative_link_in_the_zip_resolves_inside_it(unzipped):
    assert {p.name for p in unzipped.glob("*.md")} >= {"README.md", "codebook.md", "data-dictionary.md",
                                                       "CHANGELOG.md", "LICENSE-DATA.md"}
    assert broken_relative_links(unzipped) == []
    links = markdown_links((unzipped / "codebook.md").read_text(encoding="utf-8"))
    assert "data/meetings.csv" in links and "LICENSE-DATA.md" in links and "#identifiers" in links
    assert f"{REPOSITORY}/blob/v0.1.0/docs/versioning.md#major" in links


def test_the_checker_finds_a_broken_link(tmp_path):
    """broken_relative_links is a test that can fail: a link to a missing file or out of the folder."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("[a](data/a.csv) [b](docs/b.md) [c](../outside.md) [d](#x)\n", encoding="utf-8")
    (tmp_path.parent / "outside.md").write_text("", encoding="utf-8")
    assert broken_relative_links(tmp_path) == [("README.md", "docs/b.md"), ("README.md", "../outside.md")]

