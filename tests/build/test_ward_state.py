"""What a ward rebuild remembers of its last publish (``qrdir/build/ward.py``: the record it
keeps, and the cheap "already published" checks made from it), seen from the outside: what the
report says and which files are written when a rebuild finds its output already right.

Written for mutmut's surviving mutants of the cache and publish functions of ward.py
(``stage``, ``_inputs``, ``commit``; docs/testing.md, "Mutation testing with mutmut"): each
test fails on at least one of them.
"""

from __future__ import annotations

from click.testing import CliRunner

from qrdir.cli import main
from tests.build.test_incremental import small_ward
from tests.test_report import build as report_build


def waiting_to_print(result) -> list[str]:
    """The report's line that names the print bundles waiting, as a list (empty: none)."""
    return [line for line in result.stderr.splitlines() if line.startswith("to print:")]


def test_a_comment_added_to_the_registry_still_reports_the_posters_waiting_to_print(tmp_path):
    """Nothing printed yet; staff add a comment to sites.yaml and rebuild, twice. The output
    is already right (no file written), and both reports still name the print file waiting."""
    registry = small_ward(tmp_path)
    first = report_build(tmp_path)
    assert first.exit_code == 0, first.stderr
    waiting = waiting_to_print(first)
    assert waiting == ["to print: posters/print-a4.pdf (3 posters); once printed, run: "
                       "qrdir printed"]  # two sites and the directory
    registry.write_text("# rà soát ngày 30/11\n" + registry.read_text("utf-8"), "utf-8")
    for _ in range(2):  # the build that finds only a comment changed, and the one after it
        again = report_build(tmp_path)
        assert again.exit_code == 0, again.stderr
        assert again.stderr.splitlines()[-1].startswith("built 2 sites (0 files)")
        assert waiting_to_print(again) == waiting


def test_a_build_says_how_many_files_it_wrote_and_into_which_folder(tmp_path):
    """The closing line of a build that published a new output: its sites, every file now in
    the output folder, and that folder."""
    small_ward(tmp_path)
    result = report_build(tmp_path)
    assert result.exit_code == 0, result.stderr
    written = [path for path in (tmp_path / "output").rglob("*") if path.is_file()]
    assert result.stderr.splitlines()[-1] == (
        f"built 2 sites ({len(written)} files) into {tmp_path / 'output'}")


def test_a_ward_built_by_its_full_path_after_a_build_from_its_folder_names_that_path(
        tmp_path, monkeypatch):
    """Staff build from the ward's folder (``qrdir build sites.yaml``), then a scheduled job
    builds the same, unchanged ward by its full path: its warning names the registry as the
    job gave it, not as the last build did."""
    registry = small_ward(tmp_path)
    registry.write_text(registry.read_text("utf-8").replace(
        "location: 11.2991, 106.1372", "location: 48.8584, 2.2945"), "utf-8")  # in Paris
    monkeypatch.chdir(tmp_path)
    warning = ":24:15: warning: location 48.8584, 2.2945 is outside Vietnam"
    for typed in ("sites.yaml", str(registry)):
        result = CliRunner().invoke(main, ["build", typed, "-o", "output"],
                                    env={"QRDIR_LANG": "en"})
        assert result.exit_code == 0, result.stderr
        assert result.stderr.startswith(typed + warning)
