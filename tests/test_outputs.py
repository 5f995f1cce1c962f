"""Build outputs are cleared only where that is safe; relative paths work."""

from __future__ import annotations


import pytest

from tests.site.support import copy_project
from tests.support import dipevents, snapshot


def _dipevents(*args, cwd):
    return dipevents(*args, cwd=cwd)


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


@pytest.mark.parametrize("option, target", [("--dist", "."), ("--dist", "data"), ("--out", "schemas"),
                                            ("--out", ".."), ("--dist", "sources/x")])
def test_build_refuses_to_clear_the_package(project, option, target):
    before = snapshot(project)
    proc = _dipevents("build", ".", option, target, cwd=project)
    assert proc.returncode == 2
    assert "will not clear" in proc.stderr
    assert snapshot(project) == before


def test_build_refuses_a_folder_it_did_not_write(project, tmp_path):
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"\xff\xd8")
    proc = _dipevents("site", ".", "--out", str(other), cwd=project)
    assert proc.returncode == 2 and "was not written by dipevents build" in proc.stderr
    assert (other / "holiday.jpg").exists()


@pytest.mark.slow
def test_site_from_a_relative_path(project):
    proc = _dipevents("site", project.name, cwd=project.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (project / "site" / "index.html").is_file()
    again = _dipevents("site", project.name, cwd=project.parent)  # a site it wrote may be rebuilt
    assert again.returncode == 0, again.stdout + again.stderr


@pytest.mark.slow
def test_zip_carries_only_the_archived_texts_the_sources_table_names(project):
    import zipfile

    (project / "sources" / ".DS_Store").write_bytes(b"junk")
    proc = _dipevents("build", ".", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with zipfile.ZipFile(project / "dist" / "diplomatic-events-0.1.0.zip") as zf:
        names = [n.split("/", 1)[1] for n in zf.namelist()]  # inside the zip's diplomatic-events-0.1.0/ folder
        assert [n for n in names if n.startswith("sources/")] == ["sources/src-2025-09-02-cpecnews-sharif-putin.txt"]
