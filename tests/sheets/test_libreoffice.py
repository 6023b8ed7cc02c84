"""A workbook kept as the registry works with what LibreOffice writes (issue 15): exported,
saved again by LibreOffice Calc (Debian ``libreoffice-calc``, headless), edited, built."""

from __future__ import annotations

import subprocess
from pathlib import Path

import openpyxl
from bs4 import BeautifulSoup

from qrdir.registry.validate import load_registry
from qrdir.sheets.exporter import CONTACTS_SHEET
from tests.conftest import EXAMPLE_REGISTRY
from tests.sheets.test_workbook_registry import column_of, exported, files, run
from tests.tools import require


def through_libreoffice(book: Path, folder: Path) -> Path:
    """``book`` opened and saved again as .xlsx by LibreOffice, with a profile of its own."""
    require("soffice")
    out = folder / "libreoffice"
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(book)],
                   check=True, capture_output=True, timeout=180)
    converted = out / book.name
    assert converted.is_file()
    return converted


def test_a_phone_edited_after_libreoffice_shows_on_the_page(tmp_path):
    book = through_libreoffice(exported(EXAMPLE_REGISTRY, tmp_path / "export"), tmp_path)

    # Nothing lost: LibreOffice's file builds what the YAML builds.
    yaml_output, book_output = tmp_path / "from-yaml", tmp_path / "from-libreoffice"
    assert run("build", EXAMPLE_REGISTRY, "-o", yaml_output, "--no-cache",
               "--lock", tmp_path / "yaml.lock").exit_code == 0
    built = run("build", book, "-o", book_output, "--no-cache")
    assert built.exit_code == 0, built.output
    assert files(book_output) == files(yaml_output)

    # The clerk changes a contact's phone in the workbook; the page shows the new number.
    registry, _ = load_registry(book)
    site = registry.sites[0]
    workbook = openpyxl.load_workbook(book)
    sheet = workbook[CONTACTS_SHEET]
    cell = sheet[f"{column_of('SĐT')}2"]
    assert cell.value == site.contacts[0].phone.display
    cell.value = "0988 765 432"
    workbook.save(book)
    built = run("build", book, "-o", book_output, "--no-cache")
    assert built.exit_code == 0, built.output
    page = BeautifulSoup((book_output / site.id / "index.html").read_bytes(), "html5lib")
    links = {a["href"] for a in page.find_all("a", href=True)}
    assert "tel:+84988765432" in links
    assert "0988 765 432" in page.get_text()
    assert f"tel:{site.contacts[0].phone.e164}" not in links
