"""How ``qrdir deploy`` finds its target and what it refuses before touching one (spec/cli.md
exit codes: 2 for wrong usage, with nothing written anywhere)."""

from __future__ import annotations

import shutil

from tests.conftest import EXAMPLE_LEDGER, REPO
from tests.deploy.conftest import invoke, tree


def test_the_registry_names_the_target_once(built, example_text, tmp_path):
    site = tmp_path / "www"
    registry = tmp_path / "sites.yaml"
    registry.write_text(example_text.replace(
        "  base_url: https://longhoa.example.vn/\n",
        f"  base_url: https://longhoa.example.vn/\n  deploy: file://{site}\n"), encoding="utf-8")
    shutil.copy(EXAMPLE_LEDGER, tmp_path / "qrdir.lock")
    result = invoke("deploy", str(registry), "-o", str(built))
    assert result.exit_code == 0, result.output
    assert tree(site) == tree(built)
    assert result.stderr.startswith(f"deployed to file://{site}: ")


def test_no_target_anywhere_is_wrong_usage(built, tmp_path):
    for registry in (REPO / "sites.yaml", tmp_path / "missing.yaml"):
        result = invoke("deploy", str(registry), "-o", str(built))
        assert result.exit_code == 2
        assert result.stderr == (f"no target to deploy to: give --to TARGET, or directory.deploy "
                                 f"in {registry} (for example git:origin#gh-pages)\n")


def test_a_target_of_the_wrong_form_is_wrong_usage_and_never_repeated(built, tmp_path):
    result = invoke("deploy", "-o", str(built), "--to", "sftp://deploy:matkhau123@host/var/www")
    assert result.exit_code == 2
    assert "matkhau123" not in result.output
    assert result.stderr.startswith("--to carries a credential")
    bad = invoke("deploy", "-o", str(built), "--to", "git:origin")
    assert bad.exit_code == 2
    assert bad.stderr == ("--to does not have the form git:REMOTE#BRANCH; for example: "
                          "--to: git:origin#gh-pages\n")


def test_an_output_not_built_is_wrong_usage(tmp_path):
    result = invoke("deploy", "-o", str(tmp_path / "output"), "--to",
                    f"file://{tmp_path / 'www'}")
    assert result.exit_code == 2
    assert result.stderr == (f'folder "{tmp_path / "output"}" holds no built site (no '
                             "index.html); run qrdir build first\n")
    assert list(tmp_path.iterdir()) == []
