"""The build cache is an implementation detail: it never changes a byte of the output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qrdir.build import incremental
from qrdir.build.incremental import CACHE_DIR_NAME, BuildCache
from qrdir.build.publish import snapshot
from qrdir.build.ward import build
from qrdir.cli import main
from tests.build.test_publish import big_registry, tree
from tests.conftest import EXAMPLE_REGISTRY, REPO


@pytest.fixture
def ward(tmp_path):
    registry = tmp_path / "sites.yaml"
    shutil.copy(EXAMPLE_REGISTRY, registry)
    return registry


def fresh_build(registry, output, cache):
    shutil.rmtree(output, ignore_errors=True)
    (registry.parent / "qrdir.lock").unlink(missing_ok=True)
    build(registry, output, cache=cache)
    return tree(output)


def clean_build_of(registry, folder):
    """The output of a build without cache of a copy of ``registry`` in ``folder``."""
    folder.mkdir()
    shutil.copy(registry, folder / registry.name)
    return fresh_build(folder / registry.name, folder / "out", BuildCache(None))


def test_cached_build_is_byte_identical_to_a_clean_one(ward, tmp_path):
    cache = BuildCache.beside(ward)
    clean = fresh_build(ward, tmp_path / "clean", BuildCache(None))
    first = fresh_build(ward, tmp_path / "out", cache)
    from_cache = fresh_build(ward, tmp_path / "out", cache)
    shutil.rmtree(tmp_path / CACHE_DIR_NAME)
    after_deleting = fresh_build(ward, tmp_path / "out", cache)
    assert clean == first == from_cache == after_deleting


def small_ward(folder, sites: int = 2):
    """The example registry's directory and first ``sites`` sites, as ``folder/sites.yaml``."""
    example = EXAMPLE_REGISTRY.read_text("utf-8").split("\nretired:")[0]
    head, *entries = example.split("\n  - id: ")
    registry = folder / "sites.yaml"
    registry.write_text("\n  - id: ".join([head, *entries[:sites]]) + "\n", "utf-8")
    return registry


NEW_SITE = "  - {id: moi, name: Điểm mới, kind: other, address: Số 9, location: '11.3, 106.1'}\n"
# Edits made one after another, and the parts the warm rebuild after each must render again;
# the others come from the cache. Pages show everything, codes their URLs, posters what they
# print (qrdir.posters.printed).
WARM_EDITS = [
    ("nothing", "", "", []),
    ("a comment", "\nsites:\n", "\n# rà soát ngày 30/11\nsites:\n", []),
    ("a contact's phone", "phone: 0913 456 789", "phone: 0913 456 788", ["pages"]),
    ("a site's name", "name: UBND phường Long Hoa\n", "name: UBND phường Long Hoa mới\n",
     ["pages", "posters"]),
    ("a new site", "\nsites:\n", "\nsites:\n" + NEW_SITE, ["codes", "pages", "posters"]),
]


def test_a_warm_rebuild_renders_again_only_the_parts_an_edit_reaches(tmp_path, monkeypatch):
    from qrdir.posters import qr
    from qrdir.posters import render as posters
    from qrdir.web import pages

    registry = small_ward(tmp_path)
    cache = BuildCache.beside(registry)
    build(registry, tmp_path / "out", cache=cache)
    rendered: list[str] = []
    for module, name, part in ((pages, "render_pages", "pages"),
                               (qr, "render_qr_images", "codes"),
                               (posters, "render_posters", "posters")):
        monkeypatch.setattr(module, name, counted(getattr(module, name), part, rendered))
    for edit, old, new, parts in WARM_EDITS:
        text = registry.read_text("utf-8")
        assert old in text, edit
        registry.write_text(text.replace(old, new, 1), "utf-8")
        rendered.clear()
        build(registry, tmp_path / "out", cache=cache)
        assert sorted(rendered) == parts, edit
    assert (tmp_path / "out" / "moi" / "index.html").is_file()
    assert tree(tmp_path / "out") == clean_build_of(registry, tmp_path / "clean")


def test_two_wards_named_alike_in_different_folders_keep_each_others_work(tmp_path,
                                                                          monkeypatch):
    """Two wards' sites.yaml sharing one --cache (two folders on the same laptop): each has
    its own cache scopes, so building one never prunes what the other made."""
    from qrdir.posters import qr
    from qrdir.posters import render as posters
    from qrdir.web import pages

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = small_ward(tmp_path / "a"), small_ward(tmp_path / "b", sites=1)
    cache = BuildCache(tmp_path / "cache")
    build(first, tmp_path / "a" / "out", cache=cache)
    build(second, tmp_path / "b" / "out", cache=cache)
    shutil.rmtree(tmp_path / "a" / "out")  # so that the next build cannot skip the ward whole
    rendered: list[str] = []
    for module, name, part in ((pages, "render_pages", "pages"),
                               (qr, "render_qr_images", "codes"),
                               (posters, "render_posters", "posters")):
        monkeypatch.setattr(module, name, counted(getattr(module, name), part, rendered))
    build(first, tmp_path / "a" / "out", cache=cache)
    assert rendered == []


def counted(function, part: str, calls: list[str]):
    """``function``, noting ``part`` in ``calls`` each time it is called."""
    def call(*args, **kwargs):
        calls.append(part)
        return function(*args, **kwargs)
    return call


def test_an_edit_misses_the_cache_and_shows(ward, tmp_path):
    cache = BuildCache.beside(ward)
    build(ward, tmp_path / "out", cache=cache)
    ward.write_text(ward.read_text("utf-8").replace("Trạm Y tế phường Long Hoa",
                                                    "Trạm Y tế Long Hoa"), "utf-8")
    build(ward, tmp_path / "out", cache=cache)
    assert "Trạm Y tế Long Hoa" in (tmp_path / "out/tram-y-te/index.html").read_text("utf-8")
    for part in ("pages", "codes", "posters", "parsed"):
        entries = list((tmp_path / CACHE_DIR_NAME / part).rglob("*.pickle"))
        assert len(entries) == 1, part  # the entry of the previous version was pruned


def test_damaged_cache_entries_are_rebuilt(ward, tmp_path):
    cache = BuildCache.beside(ward)
    expected = fresh_build(ward, tmp_path / "out", cache)
    for entry in (tmp_path / CACHE_DIR_NAME).rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert fresh_build(ward, tmp_path / "out", cache) == expected


def test_two_builds_pruning_one_cache_at_once_do_not_stop_each_other(tmp_path, monkeypatch):
    """A clerk starts a second build of the ward before the first ends: both prune the same
    cache scope, and an entry the other build removed first is no reason to fail."""
    cache = BuildCache(tmp_path / "cache")
    for key in ("old", "older", "used"):
        cache.store("pages/ward", key, key)
    listed = Path.iterdir

    def listed_then_pruned_by_the_other_build(folder):
        entries = list(listed(folder))
        for entry in entries:
            if entry.name != "used.pickle":
                entry.unlink()
        return iter(entries)

    monkeypatch.setattr(Path, "iterdir", listed_then_pruned_by_the_other_build)
    cache.keep_only("pages/ward", ["used"])
    assert os.listdir(tmp_path / "cache" / "pages" / "ward") == ["used.pickle"]
    assert cache.load("pages/ward", "used") == "used"


def test_no_cache_writes_no_cache(ward, tmp_path):
    build(ward, tmp_path / "out", cache=BuildCache(None))
    assert not (tmp_path / CACHE_DIR_NAME).exists()


def test_unchanged_rebuild_leaves_the_output_untouched(ward, tmp_path):
    cache = BuildCache.beside(ward)
    build(ward, tmp_path / "out", cache=cache)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")}
    result = build(ward, tmp_path / "out", cache=cache)
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")} == before
    assert not result.report.changes and not result.report.first_build


def test_a_tampered_output_is_published_again(ward, tmp_path):
    cache = BuildCache.beside(ward)
    expected = fresh_build(ward, tmp_path / "out", cache)
    (tmp_path / "out" / "tram-y-te" / "index.html").unlink()
    build(ward, tmp_path / "out", cache=cache)
    assert tree(tmp_path / "out") == expected


@pytest.mark.parametrize("points_to", ["a folder", "an empty folder", "a file", "nothing"])
def test_a_link_added_to_the_output_by_hand_is_removed_at_the_next_build(tmp_path, points_to):
    """A link in a served folder publishes what it points to (say, /etc): the next build
    leaves only what it makes, as it does for a file added by hand, registry edited or not."""
    registry = small_ward(tmp_path, sites=1)
    cache = BuildCache.beside(registry)
    expected = fresh_build(registry, tmp_path / "out", cache)
    private = tmp_path / "private"
    private.mkdir()
    (private / "mat-khau.txt").write_text("bí mật", "utf-8")
    (tmp_path / "uploads").mkdir()  # empty today, filled tomorrow
    link = tmp_path / "out" / "tai-lieu"
    link.symlink_to({"a folder": private, "an empty folder": tmp_path / "uploads",
                     "a file": private / "mat-khau.txt", "nothing": tmp_path / "da-xoa"}[points_to])
    build(registry, tmp_path / "out", cache=cache)
    assert not link.is_symlink()
    assert tree(tmp_path / "out") == expected


def test_a_contact_phone_change_reuses_codes_and_posters(ward, tmp_path, monkeypatch):
    from qrdir.posters import qr, render

    cache = BuildCache.beside(ward)
    build(ward, tmp_path / "out", cache=cache)
    ward.write_text(ward.read_text("utf-8").replace("0915 208 364", "0915 208 365"), "utf-8")
    expected = clean_build_of(ward, tmp_path / "clean")

    def must_not_compute(url):
        raise AssertionError(f"computed the code of {url} although its URL did not change")

    def must_not_print(*args, **kwargs):
        raise AssertionError("re-rendered the posters although they print no contact")

    monkeypatch.setattr(qr, "_make_code", must_not_compute)
    monkeypatch.setattr(render, "render_posters", must_not_print)
    build(ward, tmp_path / "out", cache=cache)
    assert "0915 208 365" in (tmp_path / "out/tram-y-te/index.html").read_text("utf-8")
    assert tree(tmp_path / "out") == expected


def test_a_later_build_renders_pages_without_compiling_the_templates_again(ward, tmp_path,
                                                                           monkeypatch):
    import jinja2

    from qrdir.web import pages

    cache = BuildCache.beside(ward)
    build(ward, tmp_path / "out", cache=cache)
    assert list((cache.root / incremental.COMPILED_TEMPLATES).iterdir())
    ward.write_text(ward.read_text("utf-8").replace("0915 208 364", "0915 208 365"), "utf-8")
    expected = clean_build_of(ward, tmp_path / "clean")
    pages._builtin_environment.cache_clear()  # as in a new process: only the cache on disk

    def must_not_compile(*args, **kwargs):
        raise AssertionError("compiled a template the cache holds compiled")

    monkeypatch.setattr(jinja2.Environment, "compile", must_not_compile)
    build(ward, tmp_path / "out", cache=cache)
    assert tree(tmp_path / "out") == expected
    pages._builtin_environment.cache_clear()  # not the one whose compile was switched off


def test_a_printed_change_re_renders_the_posters(ward, tmp_path):
    cache = BuildCache.beside(ward)
    build(ward, tmp_path / "out", cache=cache)
    ward.write_text(ward.read_text("utf-8").replace("Trạm Y tế phường Long Hoa",
                                                    "Trạm Y tế Long Hoa"), "utf-8")
    build(ward, tmp_path / "out", cache=cache)
    assert tree(tmp_path / "out") == clean_build_of(ward, tmp_path / "clean")


def cli_build(registry, output, *options):
    """``qrdir build`` as a user runs it, with the default cache beside the registry."""
    result = CliRunner().invoke(main, ["build", str(registry), "-o", str(output), *options])
    assert result.exit_code == 0, result.stderr
    return result


def test_a_poster_format_added_to_the_command_line_is_printed(tmp_path):
    registry = big_registry(tmp_path, 2, "789")
    cli_build(registry, tmp_path / "out", "--posters", "a4")
    cli_build(registry, tmp_path / "out", "--posters", "a4,a5")
    assert sorted(p.name for p in (tmp_path / "out" / "posters" / "a5").iterdir()) == [
        "kp-0.pdf", "kp-1.pdf"]
    assert (tmp_path / "out" / "posters" / "all-a5.pdf").is_file()
    cli_build(registry, tmp_path / "clean", "--posters", "a4,a5", "--no-cache")
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")


def test_a_template_edited_in_the_templates_folder_shows_at_the_next_build(tmp_path):
    registry, templates = big_registry(tmp_path, 2, "789"), tmp_path / "templates"
    templates.mkdir()
    builtin = (REPO / "templates" / "404.html").read_text("utf-8")
    for notice in ("Trang cũ", "Trang mới"):
        (templates / "404.html").write_text(builtin.replace(
            "{% block body %}\n", f'{{% block body %}}\n<p class="notice">{notice}</p>\n'),
            "utf-8")
        cli_build(registry, tmp_path / "out", "--templates", str(templates))
        page = BeautifulSoup((tmp_path / "out" / "404.html").read_bytes(), "html5lib")
        assert [p.get_text() for p in page.select("p.notice")] == [notice]


@st.composite
def comment_edits(draw):
    """Edits that change only comments and blank lines: (line index, text to insert) pairs."""
    count = len(EXAMPLE_REGISTRY.read_text("utf-8").splitlines())
    insert = st.tuples(st.integers(0, count),
                       st.sampled_from(["", "# ghi chú", "    # số mới từ 01/12", "  #"]))
    return draw(st.lists(insert, min_size=1, max_size=4))


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=comment_edits())
def test_editing_only_comments_rewrites_nothing(tmp_path_factory, edits):
    folder = tmp_path_factory.mktemp("ward")
    registry, output = folder / "sites.yaml", folder / "output"
    shutil.copy(EXAMPLE_REGISTRY, registry)
    cache = BuildCache.beside(registry)
    build(registry, output, cache=cache)
    before = snapshot(output)
    lines = registry.read_text("utf-8").splitlines(keepends=True)
    for index, text in sorted(edits, reverse=True):
        lines.insert(index, text + "\n")
    registry.write_text("".join(lines), "utf-8")
    result = build(registry, output, cache=cache)
    assert snapshot(output) == before  # not a file rewritten: sizes and times as they were
    assert result.files == 0 and not result.report.changes


def test_a_comment_added_renders_nothing(ward, tmp_path, monkeypatch):
    cache = BuildCache.beside(ward)
    build(ward, tmp_path / "out", cache=cache)
    ward.write_text("# Danh bạ đã rà soát ngày 30/11\n" + ward.read_text("utf-8"), "utf-8")

    def must_not_render(*args, **kwargs):
        raise AssertionError("rendered although only a comment changed")

    monkeypatch.setattr(incremental, "render_output", must_not_render)
    build(ward, tmp_path / "out", cache=cache)


def test_an_unchanged_ward_is_not_even_validated(ward, tmp_path, monkeypatch):
    """build.md: with the registry, the ledger and the options as at the last publish and the
    output untouched, a rebuild reads two files and one record (a province's other wards)."""
    from qrdir.registry import check as check_module

    cache = BuildCache.beside(ward)
    first = build(ward, tmp_path / "out", cache=cache)
    before = snapshot(tmp_path / "out")

    def must_not_check(*args, **kwargs):
        raise AssertionError("validated a ward whose registry, ledger and output are unchanged")

    monkeypatch.setattr(check_module, "check", must_not_check)
    again = build(ward, tmp_path / "out", cache=cache)
    assert snapshot(tmp_path / "out") == before
    assert (again.sites, again.files, again.warnings) == (first.sites, 0, first.warnings)
    assert not again.report.changes and not again.report.first_build


def test_a_page_edited_by_hand_is_published_again_even_at_the_same_size(ward, tmp_path):
    cache = BuildCache.beside(ward)
    expected = fresh_build(ward, tmp_path / "out", cache)
    page = tmp_path / "out" / "tram-y-te" / "index.html"
    text = page.read_bytes()
    page.write_bytes(text.replace(b"0276", b"0000"))  # a wrong number, the same length
    assert len(page.read_bytes()) == len(text) and page.read_bytes() != text
    build(ward, tmp_path / "out", cache=cache)
    assert tree(tmp_path / "out") == expected


def test_a_ledger_deleted_since_the_last_build_is_written_again(ward, tmp_path):
    cache = BuildCache.beside(ward)
    expected = fresh_build(ward, tmp_path / "out", cache)
    ledger = (tmp_path / "qrdir.lock").read_bytes()
    (tmp_path / "qrdir.lock").unlink()
    build(ward, tmp_path / "out", cache=cache)
    assert (tmp_path / "qrdir.lock").read_bytes() == ledger
    assert tree(tmp_path / "out") == expected


def test_the_progress_bar_fills_once_part_by_part(ward, tmp_path):
    progress: list[tuple[int, int]] = []
    build(ward, tmp_path / "out", progress=lambda done, total: progress.append((done, total)))
    assert progress == [(1, 4), (2, 4), (3, 4), (4, 4)]  # pages, codes, posters, bundles


def test_a_provinces_cache_is_inside_its_wards_folder(tmp_path):
    from tests.build.test_province import make_wards

    wards = make_wards(tmp_path, sites=1)
    cli_build(wards, tmp_path / "out", "-j", "1")
    assert (wards / CACHE_DIR_NAME).is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "wards"]


def test_a_new_sites_code_is_drawn_once_and_kept_for_the_next_posters(tmp_path, monkeypatch):
    from qrdir.posters import qr

    registry = small_ward(tmp_path)
    cache = BuildCache.beside(registry)
    build(registry, tmp_path / "out", cache=cache)
    registry.write_text(registry.read_text("utf-8").replace("\nsites:\n", "\nsites:\n" + NEW_SITE),
                        "utf-8")
    build(registry, tmp_path / "out", cache=cache)  # draws the new site's code, and keeps it
    registry.write_text(registry.read_text("utf-8").replace("name: Điểm mới", "name: Điểm mới 2"),
                        "utf-8")
    expected = clean_build_of(registry, tmp_path / "clean")

    def must_not_compute(url):
        raise AssertionError(f"computed the code of {url} again although its URL did not change")

    monkeypatch.setattr(qr, "_make_code", must_not_compute)
    build(registry, tmp_path / "out", cache=cache)  # the posters again, with every code known
    assert tree(tmp_path / "out") == expected


@pytest.mark.parametrize(("damage", "message"), [
    ("ledger", 'the ledger "{ledger}" is damaged or was edited by hand; restore it from where it '
               "is kept (e.g. git)\n"
               "nothing was rebuilt: the output folder {out} is kept as it was, unchanged\n"),
    ("registry", 'file "{registry}" not found; check the name and folder\n'),
])
def test_a_registry_or_ledger_lost_since_the_last_build_is_named_and_the_output_kept(
        ward, tmp_path, damage, message):
    cli_build(ward, tmp_path / "out")
    before = tree(tmp_path / "out")
    if damage == "ledger":
        (tmp_path / "qrdir.lock").write_text("{not json", "utf-8")
    else:
        ward.unlink()
    result = CliRunner().invoke(main, ["build", str(ward), "-o", str(tmp_path / "out")],
                                env={"QRDIR_LANG": "en"})
    assert (result.exit_code, result.stderr) == (
        {"ledger": 1, "registry": 2}[damage],
        message.format(ledger=tmp_path / "qrdir.lock", registry=ward, out=tmp_path / "out"))
    assert tree(tmp_path / "out") == before


@pytest.fixture
def fingerprint_again():
    """The code fingerprint worked out again during the test, and again after it."""
    incremental.code_fingerprint.cache_clear()
    yield incremental.code_fingerprint.cache_clear
    incremental.code_fingerprint.cache_clear()


def test_the_fingerprint_names_python_and_each_dependency_however_it_is_spelled(monkeypatch):
    """A dependency written with capitals or extras in the package's metadata (as many
    projects write them) is fingerprinted by its name; one not installed is named as such;
    optional extras (the S3 client) are not part of it."""
    import importlib.metadata
    import sys

    requirements = ["PyYAML>=6.0", "Jinja2[i18n]>=3.1", "gone-lib>=1", "boto3; extra == 's3'"]
    installed = {"PyYAML": "6.0.2", "Jinja2": "3.1.4"}

    def version_of(name: str) -> str:
        if name not in installed:
            raise importlib.metadata.PackageNotFoundError(name)
        return installed[name]

    monkeypatch.setattr(importlib.metadata, "requires", lambda name: requirements)
    monkeypatch.setattr(importlib.metadata, "version", version_of)
    assert incremental._versions() == [("python", sys.version), ("Jinja2", "3.1.4"),
                                       ("PyYAML", "6.0.2"), ("gone-lib", "not installed")]


# What changed in the environment since the last build, and whether the cache may be used.
UPGRADES = [
    ("phonenumbers", "99.0", "made again"),
    ("fontpkg-be-vietnam-pro", "99.0", "made again"),
    ("python", "99.0", "made again"),
    ("qrcode", "uninstalled", "made again"),  # its record gone: not the library it was
    ("pytest", "99.0", "kept"),  # only the tests use it: no byte of the output depends on it
]


@pytest.mark.parametrize(("upgraded", "version", "cache_is"), UPGRADES)
def test_after_an_upgrade_of_python_or_a_library_everything_is_made_again(
        tmp_path, monkeypatch, fingerprint_again, upgraded, version, cache_is):
    """A library decides bytes of the output too (how a number is written, a code's modules,
    a poster's glyphs): what the cache holds from before an upgrade is not used after it."""
    import importlib.metadata
    import sys

    from qrdir.posters import qr
    from qrdir.posters import render as posters
    from qrdir.registry import validate
    from qrdir.web import pages

    registry = small_ward(tmp_path)
    cache = BuildCache.beside(registry)
    build(registry, tmp_path / "out", cache=cache)
    if upgraded == "python":
        monkeypatch.setattr(sys, "version", f"{version} {sys.version}")
    else:
        installed = importlib.metadata.version

        def version_of(name: str) -> str:
            if name != upgraded:
                return installed(name)
            if version == "uninstalled":
                raise importlib.metadata.PackageNotFoundError(name)
            return version

        monkeypatch.setattr(importlib.metadata, "version", version_of)
    fingerprint_again()
    made: list[str] = []
    for module, name, part in ((validate, "parse_registry", "parsed"),
                               (pages, "render_pages", "pages"),
                               (qr, "render_qr_images", "codes"),
                               (posters, "render_posters", "posters")):
        monkeypatch.setattr(module, name, counted(getattr(module, name), part, made))
    build(registry, tmp_path / "out", cache=cache)
    assert sorted(made) == {"made again": ["codes", "pages", "parsed", "posters"],
                            "kept": []}[cache_is]


def test_a_cold_build_draws_each_code_once(tmp_path, monkeypatch):
    """The codes drawn for the QR images are handed to the posters, not drawn again."""
    from qrdir.posters import qr

    registry = small_ward(tmp_path)
    drawn: list[str] = []
    make_code = qr._make_code

    def drawing(url):
        drawn.append(url)
        return make_code(url)

    monkeypatch.setattr(qr, "_make_code", drawing)
    build(registry, tmp_path / "out", cache=BuildCache.beside(registry))
    assert len(drawn) == len(set(drawn)) == 3  # two sites and the directory


def test_two_sites_swapped_in_the_registry_keep_their_own_codes(tmp_path):
    """The known codes are kept in the sites' order: after two sites change places, each
    poster still prints its own site's code (a bug: the key was over the sorted URLs)."""
    registry = small_ward(tmp_path)
    cache = BuildCache.beside(registry)
    build(registry, tmp_path / "out", cache=cache)
    head, first, second = registry.read_text("utf-8").split("\n  - id: ")
    registry.write_text("\n  - id: ".join([head, second.rstrip("\n") + "\n",
                                           first.rstrip("\n") + "\n"]), "utf-8")
    build(registry, tmp_path / "out", cache=cache)
    assert tree(tmp_path / "out") == clean_build_of(registry, tmp_path / "clean")


def test_builds_in_two_working_folders_of_one_process_keep_their_own_compiled_templates(
        tmp_path, monkeypatch):
    """The default cache beside ``sites.yaml`` is a relative path: a second build in another
    working folder, in the same process (the library, a test run), compiles into its own."""
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(EXAMPLE_REGISTRY, folder / "sites.yaml")
        monkeypatch.chdir(folder)
        build(Path("sites.yaml"), Path("output"), cache=BuildCache.beside(Path("sites.yaml")))
        assert any((folder / CACHE_DIR_NAME / "templates").iterdir())
