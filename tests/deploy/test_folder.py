"""``qrdir deploy --to file:///PATH``: a folder ends up holding exactly the output, only what
changed moves, and every refusal changes nothing (publish.md "`qrdir deploy`")."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.deploy.conftest import differing, invoke, tree


def inodes(folder: Path) -> dict[str, int]:
    """Each file's inode: a file rewritten (temporary file renamed over it) gets a new one."""
    return {path.relative_to(folder).as_posix(): path.stat().st_ino
            for path in folder.rglob("*") if path.is_file()}


def test_a_first_deploy_copies_the_output_readable_by_a_web_server(built, tmp_path):
    site = tmp_path / "www"
    result = invoke("deploy", "-o", str(built), "--to", f"file://{site}")
    assert result.exit_code == 0, result.output
    assert tree(site) == tree(built)
    files = len(tree(built))
    total = sum(len(data) for data in tree(built).values())
    assert result.stderr == (f"deployed to file://{site}: {files} files uploaded "
                             f"({total} bytes), 0 deleted, 0 unchanged\n")
    for path in site.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), path


def test_a_second_deploy_moves_nothing_then_only_what_one_phone_changed(
        built, phone_changed, tmp_path):
    site = tmp_path / "www"
    assert invoke("deploy", "-o", str(built), "--to", f"file://{site}").exit_code == 0
    before = inodes(site)

    again = invoke("deploy", "-o", str(built), "--to", f"file://{site}")
    assert again.exit_code == 0
    assert inodes(site) == before
    assert ": 0 files uploaded (0 bytes), 0 deleted," in again.stderr

    changed = differing(built, phone_changed)
    assert "ubnd/index.html" in changed and len(changed) < len(before) // 4
    result = invoke("deploy", "-o", str(phone_changed), "--to", f"file://{site}")
    assert result.exit_code == 0
    after = inodes(site)
    moved = {path for path in after if after[path] != before.get(path)}
    assert moved == changed
    assert f": {len(changed)} files uploaded (" in result.stderr
    assert tree(site) == tree(phone_changed)


def test_vietnamese_is_the_default(built, tmp_path):
    result = invoke("deploy", "-o", str(built), "--to", f"file://{tmp_path / 'www'}", lang="")
    assert result.exit_code == 0
    assert result.stderr.startswith(f"đã đăng lên file://{tmp_path / 'www'}: tải lên ")


def test_files_no_longer_in_the_output_are_deleted_last(built, tmp_path):
    site = tmp_path / "www"
    shutil.copytree(built, site)
    (site / "old").mkdir()
    (site / "old" / "notice.txt").write_text("gone\n")
    result = invoke("deploy", "-o", str(built), "--to", f"file://{site}")
    assert result.exit_code == 0
    assert tree(site) == tree(built) and not (site / "old").exists()
    assert ": 0 files uploaded (0 bytes), 1 deleted," in result.stderr


def test_a_dry_run_lists_what_would_move_and_changes_nothing(built, phone_changed, tmp_path):
    site = tmp_path / "www"
    shutil.copytree(built, site)
    (site / "stray.txt").write_text("not ours\n")
    before = tree(site)
    result = invoke("deploy", "-o", str(phone_changed), "--to", f"file://{site}", "--dry-run")
    assert result.exit_code == 0
    assert tree(site) == before
    changed = sorted(differing(built, phone_changed))
    lines = result.stdout.splitlines()
    assert sorted(lines[:-1]) == sorted(f"would change {path}" for path in changed)
    assert lines[-1] == "would delete stray.txt"
    assert result.stderr.startswith(f"dry run, nothing changed at file://{site}: would upload "
                                    f"{len(changed)} files (")


def test_pages_go_up_after_what_they_link_to_and_the_directory_last(built, tmp_path):
    result = invoke("deploy", "-o", str(built), "--to", f"file://{tmp_path / 'www'}",
                    "--dry-run")
    paths = [line.removeprefix("would upload ") for line in result.stdout.splitlines()]
    first_page = next(i for i, path in enumerate(paths) if path.endswith(".html"))
    assert not any(path.endswith(".html") for path in paths[:first_page])
    assert all(path.endswith(".html") for path in paths[first_page:-3])
    assert paths[-4:] == ["index.html", "sites.json", "sitemap.xml", "404.html"]


def test_more_than_a_quarter_deleted_is_refused_unless_forced(built, tmp_path):
    site = tmp_path / "www"
    shutil.copytree(built, site)
    files = len(tree(built))
    for number in range(files // 3 + 1):
        (site / f"old-{number}.txt").write_text("old\n")
    before = tree(site)
    refused = invoke("deploy", "-o", str(built), "--to", f"file://{site}")
    assert refused.exit_code == 1
    deletes = files // 3 + 1
    assert refused.stderr == (
        f"refused: this deploy would delete {deletes} of the {files + deletes} files at "
        f"file://{site} (more than {(files + deletes) // 4}). Nothing was changed. Check -o "
        f"and --to; if the deletions are meant, add --force\n")
    assert tree(site) == before

    forced = invoke("deploy", "-o", str(built), "--to", f"file://{site}", "--force")
    assert forced.exit_code == 0
    assert tree(site) == tree(built)


def test_max_deletes_zero_refuses_any_deletion(built, tmp_path):
    site = tmp_path / "www"
    shutil.copytree(built, site)
    (site / "stray.txt").write_text("not ours\n")
    before = tree(site)
    result = invoke("deploy", "-o", str(built), "--to", f"file://{site}", "--max-deletes", "0")
    assert result.exit_code == 1
    assert "would delete 1 of the" in result.stderr and "(more than 0)" in result.stderr
    assert tree(site) == before


def test_an_id_the_target_serves_and_the_output_drops_is_refused_even_forced(
        built, without_mttq, tmp_path):
    site = tmp_path / "www"
    shutil.copytree(built, site)
    before = tree(site)
    for extra in ((), ("--force",)):
        result = invoke("deploy", "-o", str(without_mttq), "--to", f"file://{site}", *extra)
        assert result.exit_code == 1
        assert result.stderr == (
            f"refused: file://{site} serves 1 printed code(s) (mttq) that this output neither "
            "serves nor retires; codes on walls would break. Nothing was changed. Add those "
            "sites back to the registry or retire them (moved or closed), build, and deploy "
            "again\n")
        assert tree(site) == before


def test_a_folder_whose_parent_is_missing_says_what_to_check(built, tmp_path):
    site = tmp_path / "not-mounted" / "www"
    result = invoke("deploy", "-o", str(built), "--to", f"file://{site}")
    assert result.exit_code == 1
    assert result.stderr == (f'the folder holding "{site}" does not exist; check the path after '
                             "file:// (is the share mounted?)\n")
    assert not (tmp_path / "not-mounted").exists()


def test_an_unwritable_folder_is_a_sentence_not_a_traceback(built, tmp_path):
    site = tmp_path / "www"
    site.mkdir()
    os.chmod(site, 0o555)
    try:
        if os.access(site, os.W_OK):
            pytest.skip("running as root, which writes into any folder")
        result = invoke("deploy", "-o", str(built), "--to", f"file://{site}")
    finally:
        os.chmod(site, 0o755)
    assert result.exit_code == 1
    assert result.stderr == (f'cannot write to folder "{site}": Permission denied; check the '
                             "write permission and free space, then deploy again\n")
    assert list(site.iterdir()) == []


def test_a_temporary_file_left_by_a_killed_deploy_is_cleared(built, tmp_path):
    site = tmp_path / "www"
    shutil.copytree(built, site)
    (site / "ubnd" / ".qrdir-deploy-abc123").write_bytes(b"<!doctype html><p>half")
    result = invoke("deploy", "-o", str(built), "--to", f"file://{site}")
    assert result.exit_code == 0
    assert tree(site) == tree(built)
    assert ": 0 files uploaded (0 bytes), 0 deleted," in result.stderr


def test_a_file_where_a_folder_must_go_stops_before_any_page_changes(built, tmp_path):
    site = tmp_path / "www"
    site.mkdir()
    (site / "ubnd").write_text("a file, not a folder\n")
    result = invoke("deploy", "-o", str(built), "--to", f"file://{site}", "--force")
    assert result.exit_code == 1
    assert result.stderr.startswith(f'cannot write to folder "{site}": ')
    assert result.stderr.endswith("; check the write permission and free space, then deploy "
                                  "again\n")
    assert not list(site.rglob("*.html"))  # assets first: no page went up to link to them


def test_changed_urls_lists_what_a_cdn_must_forget(built, phone_changed, tmp_path):
    site, urls = tmp_path / "www", tmp_path / "purge.txt"
    assert invoke("deploy", "-o", str(built), "--to", f"file://{site}").exit_code == 0
    dry = invoke("deploy", "-o", str(phone_changed), "--to", f"file://{site}", "--dry-run",
                 "--changed-urls", str(urls))
    assert dry.exit_code == 0 and not urls.exists()

    result = invoke("deploy", "-o", str(phone_changed), "--to", f"file://{site}",
                    "--changed-urls", str(urls))
    assert result.exit_code == 0
    base = "https://longhoa.example.vn/"
    expected = set()
    for path in differing(built, phone_changed):
        expected.add(base + path)
        if path.endswith("index.html"):
            expected.add(base + path.removesuffix("index.html"))
    lines = urls.read_text(encoding="utf-8").splitlines()
    assert set(lines) == expected and len(lines) == len(expected)
    assert base + "ubnd/" in lines and base in lines

    again = invoke("deploy", "-o", str(phone_changed), "--to", f"file://{site}",
                   "--changed-urls", str(urls))
    assert again.exit_code == 0 and urls.read_text() == ""


def test_changed_urls_that_cannot_be_written_is_said_after_the_deploy(built, tmp_path):
    site = tmp_path / "www"
    (tmp_path / "a-file").write_text("")
    urls = tmp_path / "a-file" / "purge.txt"
    result = invoke("deploy", "-o", str(built), "--to", f"file://{site}",
                    "--changed-urls", str(urls))
    assert result.exit_code == 2
    assert result.stderr.startswith(f'deployed, but the list of changed addresses could not be '
                                    f'written to "{urls}": ')
    assert tree(site) == tree(built)
