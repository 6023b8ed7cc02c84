"""An output folder that is gone comes back from the cache's copy of the last publish.

The copy is hard links to the published files, so restoring renders and writes nothing; but a
file edited in place is the same file as its copy, so the copy must never be trusted blindly.
"""

from __future__ import annotations

import errno
import os
import shutil

import pytest
from click.testing import CliRunner

from qrdir.build import incremental, publish
from qrdir.build import province as province_build
from qrdir.build.incremental import BuildCache, published_copy
from qrdir.cli import main
from tests.build.test_publish import tree
from tests.conftest import EXAMPLE_LEDGER, EXAMPLE_REGISTRY
from tests.test_bench_generator import generator

PAGE = "ubnd/index.html"


@pytest.fixture
def ward(tmp_path):
    shutil.copy(EXAMPLE_REGISTRY, tmp_path / "sites.yaml")
    shutil.copy(EXAMPLE_LEDGER, tmp_path / "qrdir.lock")
    return tmp_path / "sites.yaml"


def build(registry, *options: str):
    """``qrdir build`` of ``registry`` (a ward, or a province's folder) into ``output/`` beside
    it, with the default cache."""
    result = CliRunner().invoke(main, ["build", str(registry), "-o",
                                       str(registry.parent / "output"), *options],
                                env={"QRDIR_LANG": "en", "SOURCE_DATE_EPOCH": "1764547200"})
    assert result.exit_code == 0, result.output
    return result


def copy_of(registry):
    return published_copy(BuildCache.beside(registry), registry)


def renders_nothing(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("rendered again")
    monkeypatch.setattr(incremental, "render_output", fail)


def test_a_deleted_output_comes_back_byte_for_byte_and_says_what_a_build_says(
        ward, monkeypatch):
    first = build(ward)
    published = tree(ward.parent / "output")
    ledger = (ward.parent / "qrdir.lock").stat()
    shutil.rmtree(ward.parent / "output")
    renders_nothing(monkeypatch)
    restored = build(ward)
    assert tree(ward.parent / "output") == published
    assert restored.stderr == first.stderr  # "first build" and the print bundle, as before
    assert os.path.samefile(ward.parent / "output" / PAGE, copy_of(ward) / PAGE)
    assert (ward.parent / "qrdir.lock").stat().st_mtime_ns == ledger.st_mtime_ns  # not written


def test_a_restored_output_is_then_a_rebuild_with_nothing_to_do(ward, monkeypatch):
    build(ward)
    shutil.rmtree(ward.parent / "output")
    build(ward)
    before = publish.snapshot(ward.parent / "output")
    monkeypatch.setattr(publish, "stage_links", lambda *args: pytest.fail("restored again"))
    build(ward)
    assert publish.snapshot(ward.parent / "output") == before


def test_a_file_edited_in_place_is_never_restored(ward):
    """Editing a published file in place edits the cache's copy too (one file, two names):
    the copy no longer has the recorded time, so the build renders the page again."""
    build(ward)
    published = tree(ward.parent / "output")
    with open(ward.parent / "output" / PAGE, "r+b") as page:
        page.write(b"<!-- sua tay -->")
    assert (copy_of(ward) / PAGE).read_bytes().startswith(b"<!-- sua tay -->")
    shutil.rmtree(ward.parent / "output")
    build(ward)
    assert tree(ward.parent / "output") == published
    assert tree(copy_of(ward)) == published  # the copy is the new files now


def test_an_output_that_differs_is_built_and_checked_in_full(ward):
    """An output that is there is never replaced from the copy: a page it holds for an id the
    registry dropped must still stop the build (the copy would silently lose it)."""
    build(ward)
    stray = ward.parent / "output" / "da-dong-cua" / "index.html"
    stray.parent.mkdir()
    stray.write_text("<!doctype html><title>Đã đóng cửa</title>", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(ward), "-o", str(ward.parent / "output")],
                                env={"QRDIR_LANG": "en"})
    assert result.exit_code == 1
    assert 'the page of id "da-dong-cua" is on the web' in result.stderr
    assert stray.is_file()


def test_where_files_cannot_be_linked_the_build_renders_in_full(ward, monkeypatch):
    """A cache on another file system than the output (``EXDEV``), or one without hard links:
    no copy is kept, and a deleted output is built again, the same bytes."""
    def cannot_link(source, target):
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), str(source), None, str(target))
    monkeypatch.setattr(os, "link", cannot_link)
    build(ward)
    published = tree(ward.parent / "output")
    assert not copy_of(ward).exists()
    shutil.rmtree(ward.parent / "output")
    build(ward)
    assert tree(ward.parent / "output") == published


def test_a_province_whose_output_is_gone_restores_its_wards_without_loading_renderers(
        tmp_path, monkeypatch):
    """Every ward comes back in the worker processes, which neither render nor get the
    renderers imported for them beforehand; one ward whose output is there gets them."""
    wards = tmp_path / "wards"
    generator.write_registries(generator.make_province(sites=8, wards=2), wards)
    build(wards, "--jobs", "2")
    published = tree(tmp_path / "output")
    shutil.rmtree(tmp_path / "output")
    prepared = []
    monkeypatch.setattr(province_build, "prepare_renderers", lambda: prepared.append(True))
    render_output = incremental.render_output
    renders_nothing(monkeypatch)  # forked, the workers inherit this
    build(wards, "--jobs", "2")
    assert tree(tmp_path / "output") == published
    assert prepared == []
    monkeypatch.setattr(incremental, "render_output", render_output)
    shutil.rmtree(tmp_path / "output" / sorted(wards.glob("*.yaml"))[0].stem / "posters")
    shutil.rmtree(tmp_path / "output" / sorted(wards.glob("*.yaml"))[1].stem)
    build(wards, "--jobs", "2")
    assert tree(tmp_path / "output") == published
    assert prepared == [True]


def test_a_comment_edit_keeps_the_copy_it_finds_current(ward):
    """A rebuild that only records (a comment added) finds the copy already holds the output's
    files, and leaves it be: linking every file again would cost what the edit saves."""
    build(ward)
    kept = copy_of(ward).stat().st_ino
    ward.write_text("# rà soát ngày 30/11\n" + ward.read_text("utf-8"), "utf-8")
    build(ward)
    assert copy_of(ward).stat().st_ino == kept
