"""What a web host needs beside the pages: ``robots.txt`` and each host's rules (publish.md).

publish.md "What a well-configured host sends" is one table of answers; each host spells it in
its own language. :class:`HostPlan` is that table for one ward, derived from the registry, its
ledger's ``redirects.txt`` (earlier base URLs) and the pages' Content-Security-Policy; each host
is one function from a plan to text, registered in one of two small tables:

- :data:`OUTPUT_FILES`: files every build writes into the output, so they are never stale:
  ``robots.txt``, ``_headers`` and ``_redirects`` (Netlify, Cloudflare Pages) and ``.htaccess``
  (Apache reads it at every request; a copy placed by hand would be lost at the next build,
  which replaces the folder whole);
- :data:`SERVERS`: what ``qrdir host-config SERVER`` prints for nginx, Apache and Caddy
  (:mod:`qrdir.web.servers`).

A new host is one function and one entry. Nothing here touches a file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from qrdir.errors import MessageError
from qrdir.registry.ledger import redirects
from qrdir.registry.model import Registry
from qrdir.web import servers

# The one meta every page carries (templates/base.html), its value escaped by Jinja.
_CSP_META = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Characters a URL may carry into a server configuration unquoted and unescaped: none of them
# means anything to nginx ($ ; { } "), Apache ($ % \) or Caddy ({ }) in a string.
_CONFIG_SAFE_URL = re.compile(r"[A-Za-z0-9._~:/@!&()*+,=-]+")
# Only a header can say this (a meta CSP cannot): no other site may frame the pages.
HEADER_ONLY_CSP = "frame-ancestors 'none'"


@dataclass(frozen=True)
class OldBase:
    """An earlier base URL and where each printed URL under it leads now."""

    base_url: str
    host: str
    prefix: str  # its path, "/" or "/phuong-cu/"
    pairs: tuple[tuple[str, str], ...]  # (path relative to the old base, new URL), sorted
    catch_all: bool  # the rest of the old base maps onto the new one path for path


@dataclass(frozen=True)
class HostPlan:
    """publish.md's table for one ward: what each URL answers."""

    name: str  # the directory's name, for the configurations' heading
    base_url: str
    prefix: str  # base_url's path: "/" or "/tinh/phuong/"
    sites: tuple[str, ...]
    moved: tuple[tuple[str, str], ...]  # (retired id, the id it moved to)
    closed: tuple[str, ...]
    old_bases: tuple[OldBase, ...]
    csp: str  # every page's policy joined (see union_policy), plus HEADER_ONLY_CSP

    def path(self, relative: str = "") -> str:
        """The URL path of an output file: ``/tinh/phuong/`` + ``relative``."""
        return self.prefix + relative

    @property
    def ids(self) -> tuple[str, ...]:
        """Every id with a folder of its own: sites, moved and closed ids, sorted."""
        return tuple(sorted({*self.sites, *(old for old, _ in self.moved), *self.closed}))


# --- the plan ------------------------------------------------------------------------------


def host_plan(registry: Registry, redirects: str, pages: dict[str, bytes]) -> HostPlan:
    """The plan of ``registry``'s output: ``redirects`` is ``redirects.txt``'s text, ``pages``
    the output's files (only the HTML pages are read, for their policies).

    Raises MessageError when a URL holds a character no configuration could carry safely.
    """
    base_url = registry.directory.base_url
    _check_safe(base_url)
    plan = HostPlan(
        name=registry.directory.name,
        base_url=base_url,
        prefix=urlsplit(base_url).path or "/",
        sites=tuple(site.id for site in registry.sites),
        moved=tuple(sorted((r.id, r.moved_to) for r in registry.retired if r.moved_to)),
        closed=tuple(sorted(r.id for r in registry.retired if not r.moved_to)),
        old_bases=_old_bases(redirects, base_url),
        csp=union_policy(pages),
    )
    return plan


def _check_safe(url: str) -> None:
    if not _CONFIG_SAFE_URL.fullmatch(url):
        raise MessageError("host_config_unsafe_url", url=url)


def _old_bases(redirects: str, base_url: str) -> tuple[OldBase, ...]:
    """The earlier base URLs of ``redirects.txt``: each is the line that leads to the new root."""
    pairs = [tuple(line.split(" ", 1)) for line in redirects.splitlines() if line.strip()]
    bases = sorted({old for old, new in pairs if new == base_url}, key=lambda b: (-len(b), b))
    result = []
    for old_base in bases:
        _check_safe(old_base)
        mine = []
        for old, new in pairs:
            # The longest old base that holds the URL owns it (one base may hold another).
            owner = next(b for b in bases if old.startswith(b))
            if owner == old_base and old != old_base:
                _check_safe(new)
                mine.append((old[len(old_base):], new))
        parts = urlsplit(old_base)
        # An old base that holds the new one would send today's URLs round in a circle.
        result.append(OldBase(old_base, parts.hostname or "", parts.path or "/",
                              tuple(sorted(mine)), not base_url.startswith(old_base)))
    return tuple(sorted(result, key=lambda b: b.base_url))


def union_policy(pages: dict[str, bytes]) -> str:
    """One Content-Security-Policy allowing what any page's own policy allows.

    A browser enforces every policy it is given, the header's and the page's meta alike, so
    each page still gets exactly its own policy; the header adds what only a header can say
    (:data:`HEADER_ONLY_CSP`) and covers the responses that are not pages (an SVG opened on its
    own runs no script). One policy for all keeps every host's rules to one line.
    """
    # A policy counts only in a page's head (HTML's http-equiv rules), and pages share a
    # handful of policies: each distinct one, in the pages' order, is read once.
    metas = dict.fromkeys(meta for path in sorted(pages) if path.endswith(".html")
                          for meta in _CSP_META.findall(pages[path].partition(b"</head>")[0]))
    directives: dict[str, list[str]] = {}
    for meta in metas:
        for directive in html.unescape(meta.decode("utf-8")).split(";"):
            name, *sources = directive.split()
            known = directives.setdefault(name, [])
            known.extend(source for source in sources if source not in known)
    policy = "; ".join(" ".join([name, *sources]) for name, sources in directives.items())
    return f"{policy}; {HEADER_ONLY_CSP}" if policy else HEADER_ONLY_CSP


# --- files in the output ---------------------------------------------------------------


def robots_txt(plan: HostPlan) -> str:
    """``robots.txt``: every page may be crawled; the sitemap is under ``base_url``."""
    return robots_for([plan.base_url])


def robots_for(base_urls: list[str]) -> str:
    """``robots.txt`` allowing every page, with the sitemap of each directory under it (one
    for a ward; one per ward at a province's root, where crawlers look for it)."""
    sitemaps = "".join(f"Sitemap: {base_url}sitemap.xml\n" for base_url in base_urls)
    return (
        "# qrdir: every page of this directory may be crawled and shown in search results.\n"
        "User-agent: *\n"
        "Allow: /\n"
        "\n"
        f"{sitemaps}"
    )


def netlify_headers(plan: HostPlan) -> str:
    """``_headers`` for Netlify and Cloudflare Pages: the same syntax on both.

    Rules never overlap on a header, because both hosts join the values of a header that two
    matching rules set ("no-cache, max-age=86400" would mean no-cache).
    """
    page_paths = ["", ":file", ":id/", ":id/index.html", ":id/contact.vcf"]
    lines = [
        "# qrdir: response headers for Netlify and Cloudflare Pages (publish.md). Every build",
        "# writes this file again; edit sites.yaml, not this file. Both hosts serve only https.",
        plan.path("*"),
        "  X-Content-Type-Options: nosniff",
        f"  Content-Security-Policy: {plan.csp}",
        f"  Strict-Transport-Security: {servers.HSTS}",
        "# Pages, contacts, sites.json, sitemap.xml: a phone asks again every time (ETag).",
    ]
    for path in page_paths:
        lines += [plan.path(path), "  Cache-Control: no-cache"]
    lines.append("# QR images and posters change only with their URL or printed text.")
    for folder in servers.ASSET_FOLDERS:
        lines += [plan.path(folder + "/*"), f"  Cache-Control: {servers.ASSET_CACHE}"]
    return "\n".join(lines) + "\n"


def netlify_redirects(plan: HostPlan) -> str:
    """``_redirects`` for Netlify and Cloudflare Pages.

    The hosts differ where it matters: Netlify redirects a path that still holds a page only
    when the rule ends in ``!``, which Cloudflare Pages refuses (it redirects such paths anyway).
    So each rule comes twice, the ``!`` one first: Cloudflare skips it as invalid and takes
    the next; Netlify takes the first match. Neither host documents a 410: a closed id is sent
    with Netlify's documented 404 rewrite (its closed page as the body); Cloudflare skips that
    line and serves the page with 200. Earlier base URLs need Netlify's domain-level rules
    (the old host name added to the site); Cloudflare refuses absolute sources.
    """
    lines = [
        "# qrdir: redirects for Netlify and Cloudflare Pages (publish.md). Every build writes",
        "# this file again; edit sites.yaml, not this file.",
        '# Lines ending in "!" are for Netlify; Cloudflare Pages reports them as invalid,',
        "# skips them and uses the line after each.",
    ]
    if plan.moved:
        lines.append("# Retired ids that moved: their printed codes lead to the new page.")
    for old, new in plan.moved:
        for source in (plan.path(old), plan.path(old + "/")):
            lines += [f"{source} {plan.path(new + '/')} 301!",
                      f"{source} {plan.path(new + '/')} 301"]
    if plan.closed:
        lines.append("# Closed ids: the closed page, with 404 on Netlify (it documents no 410).")
    for closed in plan.closed:
        lines.append(f"{plan.path(closed + '/')} {plan.path(closed + '/index.html')} 404!")
    for old_base in plan.old_bases:
        lines.append(f"# Printed under {old_base.base_url} (Netlify, when that host name "
                     "points at this site).")
        lines += [f"{old_base.base_url}{rel} {new} 301!" for rel, new in old_base.pairs]
        if old_base.catch_all:
            lines.append(f"{old_base.base_url}* {plan.base_url}:splat 301!")
    return "\n".join(lines) + "\n"


# --- the tables ------------------------------------------------------------------------------

Renderer = Callable[[HostPlan], str]

# Written by every build, so that they always match the output they sit in.
OUTPUT_FILES: dict[str, Renderer] = {
    "robots.txt": robots_txt,
    "_headers": netlify_headers,
    "_redirects": netlify_redirects,
    ".htaccess": servers.apache,
}

# What ``qrdir host-config SERVER`` prints.
SERVERS: dict[str, Renderer] = {
    "nginx": servers.nginx,
    "apache": servers.apache,
    "caddy": servers.caddy,
}


def host_files(registry: Registry, files: dict[str, bytes], redirects: str) -> dict[str, bytes]:
    """The files for hosts that a build adds to ``files`` (the rendered output)."""
    plan = host_plan(registry, redirects, files)
    return {name: render(plan).encode("utf-8") for name, render in OUTPUT_FILES.items()}


def host_config(server: str, registry: Registry, redirects: str,
                pages: dict[str, bytes]) -> str:
    """The configuration ``qrdir host-config SERVER`` prints for ``registry``'s output."""
    return SERVERS[server](host_plan(registry, redirects, pages))


def configure(server: str, registry_path: Path, output: Path, lock: Path | None = None) -> str:
    """What ``qrdir host-config SERVER REGISTRY -o OUTPUT`` prints.

    The registry is checked as ``qrdir check -o OUTPUT`` checks it (RegistryError on errors);
    the redirects are the ones its build writes to ``redirects.txt``; the policy is the one the
    built pages in OUTPUT carry (MessageError when there are none: build first).
    """
    from qrdir.registry.check import check  # the validator: only when a configuration is asked for

    checked = check(registry_path, lock, output=output)
    pages = {str(path.relative_to(output).as_posix()): path.read_bytes()
             for path in sorted(Path(output).rglob("*.html"))}
    if "index.html" not in pages:
        raise MessageError("host_config_not_built", output=str(output))
    return host_config(server, checked.registry, redirects(checked.registry, checked.ledger),
                       pages)
