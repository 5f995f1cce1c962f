"""Hostile paths (issue 9): nothing the toolkit reads or writes leaves the package.

Each case builds a project in tmp/project beside tmp/outside (a folder holding a canary file),
attacks it as a pull request could, and checks the exit code, the message naming the file or
link, that there is no traceback, that nothing outside the package changed and nothing was lost.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.site.support import copy_project
from tests.support import Ran, dipevents, snapshot

CANARY = "canary.txt"


def run(*args, cwd: Path | None = None) -> Ran:
    """`dipevents ARGS`, in-process (tests.support.dipevents)."""
    proc = dipevents(*args, cwd=cwd)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    assert "internal error" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    return proc


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def outside(tmp_path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / CANARY).write_text("outside the package: never read, written or deleted\n", encoding="utf-8")
    return folder


def everything_outside(tmp_path: Path, project: Path) -> dict[str, str]:
    """A snapshot of every file under tmp_path except the project itself."""
    return {name: digest for name, digest in snapshot(tmp_path).items()
            if not name.startswith(project.name + "/")}


def data_rows(project: Path) -> dict[str, int]:
    return {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in sorted((project / "data").glob("*.csv"))}


def set_descriptor(project: Path, **values) -> None:
    path = project / "datapackage.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc.update(values)
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")


# --- the package name and version name the release files ---------------------------------

@pytest.mark.parametrize("name", ["../outside/victim", "{outside}/victim", "Diplomatic-Events", "a/b", "", "x\u202ey"])
@pytest.mark.slow
def test_a_name_that_is_not_a_data_package_name_fails_validation_and_builds_nothing(project, outside, tmp_path, name):
    name = name.format(outside=outside)
    set_descriptor(project, name=name)
    before = everything_outside(tmp_path, project)
    proc = run("validate", project, "--format", "json")
    assert proc.returncode == 1
    errors = [e for e in json.loads(proc.stdout)["errors"] if e["column"] == "name"]
    assert [(e["file"], e["code"]) for e in errors] == [("datapackage.json", "DE002")]
    assert errors[0]["message"] == (f"name {json.dumps(name)} must use only a-z, 0-9, '.', '_' and '-' "
                                    "(no slash): it names the release files")
    build = run("build", project)
    assert build.returncode == 1
    assert "Nothing was built" in build.stdout
    assert not (project / "dist").exists() and not (project / "site").exists()
    assert everything_outside(tmp_path, project) == before
    assert not list(tmp_path.rglob("victim*"))


@pytest.mark.parametrize("version", ["../../x", "1.0", "v1.0.0", "01.2.3", "1.2.3/..", 1])
@pytest.mark.slow
def test_a_version_that_is_not_semantic_fails_validation(project, version):
    set_descriptor(project, version=version)
    proc = run("validate", project, "--format", "json")
    assert proc.returncode == 1
    errors = [e for e in json.loads(proc.stdout)["errors"] if e["column"] == "version"]
    assert [(e["file"], e["code"], e["message"]) for e in errors] == [
        ("datapackage.json", "DE002",
         f"version {json.dumps(version)} is not a semantic version such as 1.2.0 (https://semver.org)")]


@pytest.mark.parametrize("version", ["0.1.0", "1.2.3-rc.1", "2.0.0+build.5"])
def test_a_semantic_version_names_the_zip(project, version):
    """The zip alone is built (export.build.build_zip, as `build` calls it), in-process."""
    from dipevents.cli import main
    from dipevents.export.build import build_zip
    from dipevents.loader import load
    from dipevents.tables import read_tables

    set_descriptor(project, version=version)
    assert main(["validate", str(project)]) == 0
    package, errors = load(project)
    assert errors == []
    tables, errors = read_tables(package)
    assert errors == []
    written = build_zip(package, tables, project / "dist")
    assert written == project / "dist" / f"diplomatic-events-{version}.zip" and written.is_file()


# --- symlinks that leave the package ------------------------------------------------------

def test_a_table_linked_from_outside_is_named(project, outside, tmp_path):
    (outside / "actors.csv").write_bytes((project / "data" / "actors.csv").read_bytes())
    (project / "data" / "actors.csv").unlink()
    (project / "data" / "actors.csv").symlink_to(outside / "actors.csv")
    before = everything_outside(tmp_path, project)
    proc = run("validate", project, "--format", "json")
    assert proc.returncode == 1
    error = next(e for e in json.loads(proc.stdout)["errors"] if e["code"] == "DE003")
    assert error["file"] == "datapackage.json" and error["column"] == "actors.path"
    assert error["message"] == f'"data/actors.csv" is a symlink to "{outside / "actors.csv"}", which leaves {project}'
    assert everything_outside(tmp_path, project) == before


def test_a_descriptor_linked_from_outside_is_not_read(project, outside, tmp_path):
    (outside / "datapackage.json").write_bytes((project / "datapackage.json").read_bytes())
    (project / "datapackage.json").unlink()
    (project / "datapackage.json").symlink_to(outside / "datapackage.json")
    proc = run("validate", project, "--format", "json")
    assert proc.returncode == 1
    [error] = json.loads(proc.stdout)["errors"]
    assert (error["file"], error["code"]) == ("datapackage.json", "DE003")
    assert '"datapackage.json" is a symlink to' in error["message"]


def test_a_symlinked_site_folder_is_refused_before_anything_is_deleted(project, outside, tmp_path):
    (project / "site").symlink_to(outside, target_is_directory=True)
    before = everything_outside(tmp_path, project)
    proc = run("site", project)
    assert proc.returncode == 2
    assert f"will not clear {project / 'site'}: {project / 'site'} is a symlink (to {outside})" in proc.stderr
    assert everything_outside(tmp_path, project) == before
    assert (project / "site").is_symlink()


def test_a_named_output_folder_that_is_a_symlink_is_refused(project, outside, tmp_path):
    link = tmp_path / "published"
    link.symlink_to(outside, target_is_directory=True)
    before = everything_outside(tmp_path, project)
    proc = run("build", project, "--out", link)
    assert proc.returncode == 2
    assert f"{link} is a symlink (to {outside})" in proc.stderr
    assert everything_outside(tmp_path, project) == before
    assert not (project / "dist").exists()


def test_a_symlinked_dist_folder_is_refused(project, outside, tmp_path):
    (project / "dist").symlink_to(outside, target_is_directory=True)
    before = everything_outside(tmp_path, project)
    proc = run("build", project)
    assert proc.returncode == 2 and f"{project / 'dist'} is a symlink (to {outside})" in proc.stderr
    assert everything_outside(tmp_path, project) == before


def test_source_add_refuses_a_symlinked_sources_folder(project, outside, tmp_path):
    for text in (project / "sources").iterdir():
        text.rename(outside / text.name)
    (project / "sources").rmdir()
    (project / "sources").symlink_to(outside, target_is_directory=True)
    new_text = tmp_path / "report.txt"
    new_text.write_text("A new report.\n", encoding="utf-8")
    before, rows = everything_outside(tmp_path, project), data_rows(project)
    proc = run("source", "add", new_text, "--package", project, "--url", "https://example.org/a",
               "--published", "2025-09-03", "--title", "A new report", "--publisher", "Example",
               "--id", "src-2025-09-03-example-new-report")
    assert proc.returncode == 1
    assert proc.stderr.startswith('dipevents source add: cannot archive into sources/: "sources" '
                                  f'is a symlink to "{outside}", which leaves'), proc.stderr
    assert everything_outside(tmp_path, project) == before
    assert data_rows(project) == rows


# --- the site publishes only files of the project -----------------------------------------

def _site_fails(project, tmp_path, *needles):
    before = everything_outside(tmp_path, project)
    proc = run("site", project)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "The site build failed" in proc.stdout
    for needle in needles:
        assert needle in proc.stdout, proc.stdout
    assert not (project / "site").exists()
    assert not [p for p in project.iterdir() if ".dipevents-" in p.name]
    assert everything_outside(tmp_path, project) == before
    return proc


@pytest.mark.slow
def test_site_refuses_a_contributing_page_linked_from_outside(project, outside, tmp_path):
    (outside / "secret.md").write_text("# private notes\n", encoding="utf-8")
    (project / "CONTRIBUTING.md").unlink()
    (project / "CONTRIBUTING.md").symlink_to(outside / "secret.md")
    _site_fails(project, tmp_path, f'"CONTRIBUTING.md" is a symlink to "{outside / "secret.md"}", which leaves {project}')


@pytest.mark.slow
def test_site_refuses_a_docs_page_linked_from_outside(project, outside, tmp_path):
    (outside / "secret.md").write_text("# private notes\n", encoding="utf-8")
    (project / "docs" / "secret.md").symlink_to(outside / "secret.md")
    _site_fails(project, tmp_path, f'"docs/secret.md" is a symlink to "{outside / "secret.md"}", which leaves {project}')


@pytest.mark.slow
def test_site_refuses_a_docs_folder_linked_from_outside(project, outside, tmp_path):
    (outside / "secret.md").write_text("# private notes\n", encoding="utf-8")
    (project / "docs" / "more").symlink_to(outside, target_is_directory=True)
    _site_fails(project, tmp_path, f'"docs/more/{CANARY}": "docs/more" is a symlink to "{outside}", which leaves {project}')


@pytest.mark.slow
def test_site_refuses_a_package_option_outside_the_project(project, outside, tmp_path):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("package: .", f"package: ../{outside.name}"),
                      encoding="utf-8")
    _site_fails(project, tmp_path, "the dipevents plugin's package option", f'"../{outside.name}" points outside')


# --- downloads: published only when SHA256SUMS vouches for them ---------------------------

@pytest.fixture
def built_project(project):
    proc = run("build", project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project


def test_site_refuses_a_download_that_does_not_match_its_checksum(built_project, tmp_path):
    sqlite = built_project / "dist" / "diplomatic-events.sqlite"
    sqlite.write_bytes(b"planted")
    site = snapshot(built_project / "site")
    proc = run("site", built_project)
    assert proc.returncode == 1
    assert f"{sqlite} does not match its SHA-256 in SHA256SUMS" in proc.stdout
    assert snapshot(built_project / "site") == site  # the previous site is intact


def test_site_refuses_a_planted_download_listed_with_its_own_hash_when_another_file_is_unlisted(built_project):
    planted = built_project / "dist" / "extra.html"
    planted.write_text("<script>alert(1)</script>", encoding="utf-8")
    proc = run("site", built_project)
    assert proc.returncode == 1
    assert f"{planted} is not listed in {built_project / 'dist' / 'SHA256SUMS'}" in proc.stdout


def test_site_refuses_a_symlink_among_the_downloads(built_project, outside):
    zip_path = built_project / "dist" / "diplomatic-events-0.1.0.zip"
    (outside / "copy.zip").write_bytes(zip_path.read_bytes())
    zip_path.unlink()
    zip_path.symlink_to(outside / "copy.zip")
    proc = run("site", built_project)
    assert proc.returncode == 1
    assert f"{zip_path} is a symlink" in proc.stdout


def test_site_refuses_a_checksum_line_that_climbs_out(built_project):
    sums = built_project / "dist" / "SHA256SUMS"
    sums.write_text(sums.read_text(encoding="utf-8") + "0" * 64 + "  ../datapackage.json\n", encoding="utf-8")
    proc = run("site", built_project)
    assert proc.returncode == 1
    lines = len(sums.read_text(encoding="utf-8").splitlines())
    assert f"{sums}:{lines}: not a line 'SHA256  PATH' that dipevents build writes" in proc.stdout


# --- output folders -----------------------------------------------------------------------

@pytest.mark.parametrize("dist, out, message", [
    ("public", "public", "--dist and --out are the same folder"),
    ("public/downloads", "public", "must not be inside one another"),
    ("public", "public/site", "must not be inside one another"),
])
def test_dist_and_out_must_be_separate(built_project, dist, out, message):
    before = snapshot(built_project)
    proc = run("build", ".", "--dist", dist, "--out", out, cwd=built_project)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert snapshot(built_project) == before


def test_a_failed_site_build_leaves_the_previous_build_intact_and_the_next_build_works(built_project, tmp_path):
    dist, site = snapshot(built_project / "dist"), snapshot(built_project / "site")
    config = built_project / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "nav: [\n", encoding="utf-8")  # broken YAML: mkdocs stops after the downloads were built
    proc = run("build", built_project)
    assert proc.returncode == 1
    assert f"The site build failed (see above); {built_project / 'site'} was left as it was." in proc.stdout
    assert snapshot(built_project / "dist") == dist and snapshot(built_project / "site") == site
    assert not [p.name for p in built_project.iterdir() if ".dipevents-" in p.name]
    config.write_text(good, encoding="utf-8")
    again = run("build", built_project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert snapshot(built_project / "dist") == dist  # the downloads are byte-reproducible

