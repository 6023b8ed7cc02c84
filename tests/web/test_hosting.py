"""Files for hosts and ``qrdir host-config``, as a ward's volunteer and a province's admin see them.

The servers themselves are tested in tests/web/test_servers.py; here: what every build writes
(``robots.txt``, ``_headers``, ``_redirects``, ``.htaccess``), the rules Netlify and Cloudflare
Pages read them by, and the command's messages.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from qrdir.cli import main
from qrdir.web.hosting import HEADER_ONLY_CSP, union_policy
from tests.conftest import EXAMPLE_REGISTRY
from tests.hosted import CLOSED, MOVED

# Cloudflare Pages' rules for _redirects and _headers (workers-sdk, parseRedirects.ts and
# constants.ts): these statuses only, relative sources only, at most 100 header rules.
CLOUDFLARE_STATUSES = {"200", "301", "302", "303", "307", "308"}
CLOUDFLARE_HEADER_RULES = 100


def _rules(text: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines() if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def path_ward(hosted_wards):
    return hosted_wards["path"]


def test_robots_txt_allows_everything_and_names_the_sitemap(path_ward):
    robots = (path_ward.output / "robots.txt").read_text()
    assert "User-agent: *\nAllow: /\n" in robots
    assert f"Sitemap: {path_ward.base_url}sitemap.xml\n" in robots
    assert (path_ward.output / "sitemap.xml").is_file()


def test_redirects_work_on_cloudflare_and_on_netlify(path_ward):
    rules = _rules((path_ward.output / "_redirects").read_text())
    old, new = MOVED
    prefix = path_ward.prefix
    for source in (f"{prefix}{old}", f"{prefix}{old}/"):
        # Netlify takes the first match: the forced one; Cloudflare skips it and takes the next.
        matching = [rule for rule in rules if rule[0] == source]
        assert matching == [[source, f"{prefix}{new}/", "301!"], [source, f"{prefix}{new}/", "301"]]
    assert [f"{prefix}{CLOSED}/", f"{prefix}{CLOSED}/index.html", "404!"] in rules
    cloudflare = [rule for rule in rules if rule[0].startswith("/") and
                  rule[2] in CLOUDFLARE_STATUSES]
    assert {tuple(rule[:2]) for rule in cloudflare} == {
        (f"{prefix}{old}", f"{prefix}{new}/"), (f"{prefix}{old}/", f"{prefix}{new}/")}
    # Every URL printed under the earlier base URL, for Netlify's domain-level rules.
    printed = (path_ward.output / "redirects.txt").read_text().splitlines()
    for line in printed:
        source, target = line.split(" ")
        if source != path_ward.old_base:
            assert [source, target, "301!"] in rules
    assert [path_ward.old_base + "*", path_ward.base_url + ":splat", "301!"] in rules


def test_headers_never_set_cache_control_twice_for_one_path(path_ward):
    text = (path_ward.output / "_headers").read_text()
    rules = re.findall(r"^(/\S*)\n((?:  .*\n)+)", text, flags=re.M)
    assert len(rules) <= CLOUDFLARE_HEADER_RULES
    caching = {path: body for path, body in rules if "Cache-Control" in body}
    prefix = path_ward.prefix
    assert caching[f"{prefix}qr/*"] == caching[f"{prefix}posters/*"] == (
        "  Cache-Control: max-age=86400\n")
    # Both hosts join the values of a header that two matching rules set: no page path may
    # also match an asset rule (":id" is one path segment; the asset rules need two).
    page_rules = [path for path in caching if not path.endswith("/*")]
    assert all(not path.startswith(f"{prefix}qr/") for path in page_rules)
    assert all(caching[path] == "  Cache-Control: no-cache\n" for path in page_rules)
    everything = dict(rules)[f"{prefix}*"]
    assert "X-Content-Type-Options: nosniff" in everything
    assert "Cache-Control" not in everything


def test_the_header_policy_holds_every_pages_policy_and_forbids_framing(path_ward):
    pages = {p.relative_to(path_ward.output).as_posix(): p.read_bytes()
             for p in path_ward.output.rglob("*.html")}
    policy = union_policy(pages)
    assert policy.endswith(HEADER_ONLY_CSP)
    assert f"Content-Security-Policy: {policy}\n" in (path_ward.output / "_headers").read_text()
    assert "default-src 'none'" in policy and "unsafe" not in policy
    assert union_policy({}) == HEADER_ONLY_CSP


def test_a_policy_a_template_puts_in_the_body_widens_no_header():
    """Browsers obey a policy meta only in the head: one a --templates page puts in the
    body allows nothing, so the header's union must not allow it either."""
    def page(head: str, body: str = "") -> bytes:
        meta = '<meta http-equiv="Content-Security-Policy" content="{}">'
        return (f"<html><head>{meta.format(head)}</head>"
                f"<body>{meta.format(body) if body else ''}</body></html>").encode()

    pages = {"a/index.html": page("img-src &#39;self&#39;"),
             "b/index.html": page("img-src &#39;self&#39;", body="img-src https://x.example"),
             "qr/a.svg": page("script-src https://y.example")}
    assert union_policy(pages) == f"img-src 'self'; {HEADER_ONLY_CSP}"


def test_host_config_apache_prints_the_htaccess_every_build_writes(path_ward):
    assert path_ward.config("apache") == (path_ward.output / ".htaccess").read_text()


@pytest.mark.parametrize("server", ["nginx", "caddy"])
def test_host_config_names_the_base_url_and_how_to_apply_it(path_ward, server):
    config = path_ward.config(server)
    assert config.startswith(f"# qrdir: {'nginx' if server == 'nginx' else 'Caddy 2'} "
                             f"configuration for Phường Long Hoa, served at {path_ward.base_url}")
    assert f"host-config {server} sites.yaml" in config  # how to print it again


def test_host_config_before_any_build_says_to_build_first(tmp_path):
    registry = tmp_path / "sites.yaml"
    registry.write_text(EXAMPLE_REGISTRY.read_text(encoding="utf-8"), encoding="utf-8")
    output = tmp_path / "output"
    runner = CliRunner()
    vi = runner.invoke(main, ["host-config", "nginx", str(registry), "-o", str(output)],
                       env={"QRDIR_LANG": ""})
    assert vi.exit_code == 1
    assert vi.stderr.startswith(f'chưa có trang nào trong "{output}"; hãy chạy qrdir build trước')
    en = runner.invoke(main, ["host-config", "caddy", str(registry), "-o", str(output),
                              "--lang", "en"])
    assert en.stderr.startswith(f'no pages in "{output}"; run qrdir build first')
    assert en.stdout == ""


def test_host_config_refuses_a_base_url_no_configuration_can_carry(tmp_path):
    text = EXAMPLE_REGISTRY.read_text(encoding="utf-8")
    base = re.search(r"base_url: (\S+)", text)[1]
    registry = tmp_path / "sites.yaml"
    registry.write_text(text.replace(base, "https://longhoa.example.vn/$host/"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(registry), "-o", str(tmp_path / "out"),
                                       "--lang", "en"])
    assert result.exit_code == 1
    assert result.stderr == ('the address "https://longhoa.example.vn/$host/" holds a character '
                             "a server configuration cannot carry safely (use only ASCII letters, "
                             "digits and . - _ ~ : / @); correct base_url\n"
                             f"nothing was built: nothing was written to {tmp_path / 'out'}\n")
    assert not (tmp_path / "out").exists()
