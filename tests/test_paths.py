"""Every output path comes from qrdir.paths: what the renderers write, what verify and the
change report read, and what the help promises agree, and a new poster format is one table
entry (``FORMATS``) away from its files."""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner

from qrdir import paths
from qrdir.cli import main
from qrdir.posters import formats, render
from qrdir.posters.qr import render_qr_images, site_codes
from qrdir.web.pages import render_pages
from tests.conftest import make_registry, make_site

SITES = ("ubnd", "tram-y-te")


@pytest.fixture(scope="module")
def two_sites():
    return make_registry(*(make_site(site_id, name=f"Nơi {site_id}") for site_id in SITES))


def test_the_posters_written_are_the_paths_the_module_gives(two_sites):
    written = set(render.render_posters(two_sites, tuple(formats.FORMATS)))
    expected = {paths.combined_poster(name) for name in formats.FORMATS}
    expected |= {paths.site_poster(name, site_id) for name in formats.FORMATS
                 for site_id in SITES}
    assert written == expected - {None}
    directory = set(render.render_directory(two_sites, tuple(formats.FORMATS)))
    assert directory == {paths.directory_poster("a4"), paths.directory_poster("share")}
    # output.md's names, written out once here so that the rule cannot drift unnoticed.
    assert {"posters/ubnd.pdf", "posters/a5/ubnd.pdf", "posters/a6/ubnd.pdf",
            "posters/all-a4.pdf", "posters/all-a5.pdf", "posters/all-a6.pdf",
            "posters/stickers-a4.pdf", "share/ubnd.png"} <= written
    assert directory == {"posters/directory.pdf", "share/directory.png"}


def test_the_pages_and_images_written_are_the_paths_the_module_gives(two_sites):
    pages = render_pages(two_sites)
    for site_id in SITES:
        assert {paths.site_page(site_id), paths.site_vcard(site_id)} <= set(pages)
    assert {paths.DIRECTORY_PAGE, paths.NOT_FOUND_PAGE, paths.SITES_JSON,
            paths.SITEMAP} <= set(pages)
    assert set(render_qr_images(site_codes(two_sites))) == {
        f"qr/{site_id}.{kind}" for site_id in SITES for kind in ("svg", "png")}


@pytest.mark.parametrize(("path", "site_id"), [
    ("posters/ubnd.pdf", "ubnd"),
    ("posters/a5/tram-y-te.pdf", "tram-y-te"),
    ("posters/a6/ubnd.pdf", "ubnd"),
    ("qr/ubnd.svg", "ubnd"),
    ("qr/ubnd.png", "ubnd"),
    ("posters/all-a4.pdf", None),
    ("posters/all-a6.pdf", None),
    ("posters/stickers-a4.pdf", None),
    ("posters/a5/nested/ubnd.pdf", None),
    ("ubnd/index.html", None),
    ("qr/ubnd.gif", None),
    ("share/ubnd.png", "ubnd"),
    ("share/directory.png", None),
    ("posters/directory.pdf", None),
    ("posters/print-a4.pdf", None),
    ("posters/print-stickers.pdf", None),
])
def test_verify_knows_which_site_a_file_is_named_after(path, site_id):
    assert paths.site_of(path) == site_id


def test_an_unknown_format_or_image_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="a3"):
        paths.site_poster("a3", "ubnd")
    with pytest.raises(ValueError, match="gif"):
        paths.qr_image("ubnd", "gif")


def test_the_help_names_every_format_and_where_its_files_go():
    result = CliRunner().invoke(main, ["build", "--help"], terminal_width=400)
    for name in formats.FORMATS:
        assert f"{name} ({paths.site_poster(name, '<id>') or paths.combined_poster(name)})" \
            in result.output


def test_a_new_format_is_one_entry_in_the_formats_table(two_sites, monkeypatch):
    """docs/architecture.md's example: an A3 poster, added to FORMATS and nowhere else, gets its
    posters, its combined PDF, its place in verify and its id reservation."""
    a3 = dataclasses.replace(formats.A4_POSTER, name="a3", label="A3")
    monkeypatch.setitem(formats.FORMATS, "a3", a3)
    written = set(render.render_posters(two_sites, ("a3",)))
    assert written == {"posters/a3/ubnd.pdf", "posters/a3/tram-y-te.pdf", "posters/all-a3.pdf"}
    assert paths.site_of("posters/a3/ubnd.pdf") == "ubnd"
    assert paths.site_of("posters/all-a3.pdf") is None
    assert "posters/all-a3.pdf" in paths.combined_posters()
