"""The web half of the output: directory, landing pages, retired ids, 404, vCards, open data.

:func:`render_pages` is a pure function of the registry (output.md). Pages come from Jinja2
templates shipped as the package ``qrdir.templates``; a user's templates folder overrides them
file by file. Autoescaping is on for every template and undefined names are errors, so a
registry value can only ever reach a page as escaped text. Links are built here, in Python,
and every one passes :func:`safe_href` on its way into a template.

Every page is self-contained (output.md "The landing page"): CSS and scripts are inline, and
a Content-Security-Policy lets the browser run exactly those (by their SHA-256) and fetch
nothing at all, so even a template mistake cannot make a resident's phone load anything.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import importlib.resources
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup

from qrdir import labels, paths
from qrdir.registry.model import DAYS, DayHours, Directory, Registry, Retired, Site
from qrdir.registry.text import fold
from qrdir.web import jsonld, opendata, vcard

# The only link schemes a page may carry: web, phone, map apps and mail (never javascript:).
ALLOWED_SCHEMES = frozenset({"http", "https", "tel", "geo", "mailto"})
# RFC 3986 reserved characters and "%" stay as they are; quote() keeps letters, digits and
# "_.-~" itself. Everything else (spaces, controls, quotes, <, >, non-ASCII) is %-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%"
TEMPLATE_PACKAGE = "qrdir.templates"
# Inline assets are templates too, so a user can override them; ".html" keeps them inside
# the wheel's package data.
STYLE_TEMPLATE = "style.css.html"
SEARCH_SCRIPT_TEMPLATE = "search.js.html"
OPEN_NOW_SCRIPT_TEMPLATE = "open_now.js.html"
PROVINCE_SEARCH_TEMPLATE = "province_search.js.html"
_TEMPLATE_NAME = re.compile(r"[a-z0-9_][a-z0-9_.\-]*")
_MINUTES_PER_DAY = 24 * 60


def render_pages(registry: Registry, templates_dir: Path | None = None,
                 compiled: Path | None = None) -> dict[str, bytes]:
    """Every web file of the output, keyed by relative POSIX path (see output.md).

    ``compiled``: a folder where the templates are kept compiled between runs (the build
    cache's), so a build that renders one ward does not spend its time compiling them.
    """
    renderer = _Renderer(registry, make_environment(templates_dir, compiled))
    files = {
        paths.DIRECTORY_PAGE: renderer.index(),
        paths.NOT_FOUND_PAGE: renderer.not_found(),
        paths.SITES_JSON: opendata.sites_json(registry),
        paths.SITEMAP: opendata.sitemap_xml(registry),
    }
    for site in registry.sites:
        files[paths.site_page(site.id)] = renderer.site(site)
        files[paths.site_vcard(site.id)] = vcard.render_vcard(site, registry.directory)
    for retired in registry.retired:
        files[paths.site_page(retired.id)] = renderer.retired(retired)
    return files


def render_province_index(
    directory: Directory, wards: list, shard_keys: list[str], common_words: list[str],
    templates_dir: Path | None = None,
) -> bytes:
    """The province page listing ``wards`` (see :mod:`qrdir.build.province_pages`)."""
    renderer = _Renderer(Registry(directory, sites=()), make_environment(templates_dir))
    return renderer.province(wards, shard_keys, common_words)


def make_environment(templates_dir: Path | None = None,
                     compiled: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment: ``templates_dir`` first (file by file), then the built-ins.

    With a user's folder the environment is new on every call, so a template added to it
    while ``qrdir serve`` runs is seen at the next rebuild; the built-ins alone compile once
    a process. ``compiled``: where compiled templates are kept between processes (Jinja2
    finds one again by its name and the checksum of its source, so an edited template is
    compiled anew).
    """
    if compiled is not None:
        # Made on every call, not once with the environment: the cache may have been deleted
        # since (by hand, while ``qrdir serve`` runs). Absolute, as the environment kept for
        # the built-ins is found again by this path, and the working folder may change.
        compiled = Path(compiled).absolute()
        compiled.mkdir(parents=True, exist_ok=True)
    if templates_dir is None:
        return _builtin_environment(compiled)
    builtin = jinja2.FunctionLoader(_builtin_template)
    return _environment(jinja2.ChoiceLoader([jinja2.FileSystemLoader(templates_dir), builtin]),
                        compiled)


@functools.cache
def _builtin_environment(compiled: Path | None) -> jinja2.Environment:
    return _environment(jinja2.FunctionLoader(_builtin_template), compiled)


def _environment(loader: jinja2.BaseLoader, compiled: Path | None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=loader,
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(compiled)) if compiled else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Compact, key-sorted JSON-LD; tojson still escapes < > & ' (htmlsafe_json_dumps).
    env.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "ensure_ascii": False,
        "separators": (",", ":"),
    }
    env.filters["href"] = safe_href
    return env


def _builtin_template(name: str) -> str | None:
    """A template shipped in the wheel, read through importlib.resources (None if absent)."""
    if not _TEMPLATE_NAME.fullmatch(name):
        return None
    resource = importlib.resources.files(TEMPLATE_PACKAGE).joinpath(name)
    if not resource.is_file():
        return None
    return resource.read_text(encoding="utf-8")


def safe_href(url: str) -> str:
    """``url`` as a page may link to it, with every character URLs do not allow %-encoded.

    Allowed: http, https, tel, geo and mailto links, and relative paths between our own
    files; anything else is a ValueError. The registry's validation only lets http(s) URLs
    through, so a refusal here is a programming error, not a user's. Validation does let
    through characters such as ``"`` ``<`` ``>`` or Vietnamese letters in a ``map_url``:
    those are %-encoded, as a browser would, before the template escapes the attribute.
    """
    parts = urlsplit(url)
    if parts.scheme:
        if parts.scheme.lower() not in ALLOWED_SCHEMES:
            raise ValueError(f"refusing to link to {url!r}: scheme not allowed")
    elif url.startswith("//") or ":" in url.split("/", 1)[0]:
        raise ValueError(f"refusing to link to {url!r}: not a relative path")
    return quote(url, safe=_URL_SAFE)


@dataclass(frozen=True)
class HoursRow:
    """One line of the opening-hours table: consecutive days that share the same hours."""

    days: str  # "Thứ Hai – Thứ Sáu"
    times: tuple[str, ...]  # ("07:00–11:30", "13:30–17:00"), ("Nghỉ",) or ("Chưa có thông tin",)
    state: str  # "open", "closed" or "unknown"
    weekdays: str  # JavaScript Date.getUTCDay() numbers, "1 2 3 4 5", to mark today


def hours_rows(hours: tuple[DayHours, ...], lang: str) -> list[HoursRow]:
    """The whole week, Monday first, consecutive days with equal hours merged.

    registry.md: a day that is not listed is unknown, not closed, and says so.
    """
    listed = {day.day: day for day in hours}
    described = [(day, *_describe_day(listed.get(day), lang)) for day in DAYS]
    rows: list[HoursRow] = []
    start = 0
    for index in range(1, len(described) + 1):
        if index < len(described) and described[index][1:] == described[start][1:]:
            continue
        first, times, state = described[start]
        last = described[index - 1][0]
        name = labels.label(f"day_{first}", lang)
        if last != first:
            name += " – " + labels.label(f"day_{last}", lang)
        weekdays = " ".join(str((DAYS.index(day) + 1) % 7) for day, *_ in described[start:index])
        rows.append(HoursRow(name, times, state, weekdays))
        start = index
    return rows


def _describe_day(day: DayHours | None, lang: str) -> tuple[tuple[str, ...], str]:
    if day is None:
        return (labels.label("hours_unknown", lang),), "unknown"
    if day.closed:
        return (labels.label("hours_closed", lang),), "closed"
    if [(i.start, i.end) for i in day.intervals] == [(0, _MINUTES_PER_DAY)]:
        return (labels.label("hours_all_day", lang),), "open"
    return tuple(str(i).replace("-", "–") for i in day.intervals), "open"


def hours_data(hours: tuple[DayHours, ...]) -> str:
    """The hours for the "open now" script: ``"1:420-690,810-1020;0:"``.

    One ``weekday:intervals`` entry per listed day (JavaScript day numbers, Sunday 0, minutes
    since midnight Vietnam time); an empty list is closed, an absent day unknown. Numbers
    only: no registry text ever reaches a script.
    """
    return ";".join(
        f"{(DAYS.index(day.day) + 1) % 7}:"
        + ",".join(f"{i.start}-{i.end}" for i in day.intervals)
        for day in hours
    )


@dataclass(frozen=True)
class MapLinks:
    """Where the map buttons of a landing page go."""

    directions: str  # map_url, Google Maps at the position, or a Google Maps search
    directions_label: str  # UI key: "directions", or "find_on_map" for a search by address
    openstreetmap: str | None
    geo: str | None


def map_links(site: Site) -> MapLinks:
    """The directions, OpenStreetMap and ``geo:`` links of ``site`` (output.md)."""
    osm = geo = None
    if site.location is not None:
        lat, lon = repr(site.location.lat), repr(site.location.lon)
        osm = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"
        # The ?q= part makes Android map apps drop a pin labelled with the office's name.
        geo = f"geo:{lat},{lon}?q={lat},{lon}({quote(site.name, safe='')})"
    if site.map_url:
        return MapLinks(site.map_url, "directions", osm, geo)
    if site.location is not None:
        query = f"{site.location.lat!r},{site.location.lon!r}"
        return MapLinks(_google_maps(query, encode=False), "directions", osm, geo)
    # No position at all: a search by name and address is the best help we can give.
    return MapLinks(
        _google_maps(f"{site.name}, {site.address}", encode=True), "find_on_map", None, None
    )


def _google_maps(query: str, *, encode: bool) -> str:
    # output.md: https://www.google.com/maps/search/?api=1&query=LAT,LON
    return "https://www.google.com/maps/search/?api=1&query=" + (
        quote(query, safe="") if encode else query
    )


def search_text(site: Site, lang: str) -> str:
    """What the directory's search box matches for ``site``, folded once here in Python.

    Name, earlier names, address and kind, folded like :func:`qrdir.registry.text.fold`; the page's
    script folds only the query the same way (search.js.html).
    """
    parts = [site.name, *site.formerly, site.address, labels.kind_label(site.kind, lang)]
    return fold(" ".join(parts))


def _sha256_source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


class _Renderer:
    """Renders each page type with the context every page shares."""

    def __init__(self, registry: Registry, env: jinja2.Environment):
        self.registry = registry
        self.env = env
        self.lang = registry.directory.language
        self.style = self._asset(STYLE_TEMPLATE)

    def _asset(self, name: str) -> str:
        return self.env.get_template(name).render()

    def _t(self) -> Callable[[str], str]:
        lang = self.lang
        return lambda key: labels.label(key, lang)

    def _page(self, template: str, *, home: str, script: str | None = None,
              date: dt.date | None = None, **context) -> bytes:
        """A whole page; ``home`` is the link to the directory as seen from this page.

        ``date`` is when what the page shows last changed (default: the directory's date).
        """
        directory = self.registry.directory
        csp = ["default-src 'none'", f"style-src {_sha256_source(self.style)}"]
        if script is not None:
            csp.append(f"script-src {_sha256_source(script)}")
        # Same-origin reads only: what lets a crawler's tool in the page (Lighthouse) read
        # robots.txt, and the province search its index; no script but ours ever runs.
        csp.append("connect-src 'self'")
        csp += ["base-uri 'none'", "form-action 'none'"]
        html = self.env.get_template(template).render(
            lang=self.lang,
            t=self._t(),
            directory=directory,
            updated=labels.format_date(date or directory.updated, self.lang),
            home=home,
            csp="; ".join(csp),
            style=Markup(self.style),  # our own template output, never registry data
            script=Markup(script) if script is not None else None,
            **context,
        )
        return html.encode("utf-8")

    def index(self) -> bytes:
        groups = [
            (labels.kind_label(kind, self.lang), [
                (site, paths.site_page(site.id), search_text(site, self.lang)) for site in sites
            ])
            for kind, sites in self.registry.sites_by_kind()
        ]
        return self._page(
            "index.html", home="index.html", script=self._asset(SEARCH_SCRIPT_TEMPLATE),
            groups=groups,
        )

    def site(self, site: Site) -> bytes:
        links = map_links(site)
        return self._page(
            "site.html",
            home="../index.html",
            date=site.updated,
            script=self._asset(OPEN_NOW_SCRIPT_TEMPLATE) if site.hours else None,
            site=site,
            kind=labels.kind_label(site.kind, self.lang),
            maps=links,
            hours=hours_rows(site.hours, self.lang) if site.hours else [],
            hours_data=hours_data(site.hours) if site.hours else "",
            verified=labels.format_date(site.verified, self.lang) if site.verified else None,
            email_href="mailto:" + quote(site.email, safe="@") if site.email else None,
            jsonld=jsonld.site_jsonld(
                site,
                self.registry.directory,
                links.directions if links.directions_label == "directions" else None,
            ),
        )

    def retired(self, retired: Retired) -> bytes:
        if retired.moved_to is not None:
            target = self.registry.site(retired.moved_to)
            return self._page(
                "moved.html", home="../index.html", target=target,
                target_href="../" + paths.site_page(target.id),
            )
        return self._page("closed.html", home="../index.html", retired=retired)

    def province(self, wards: list, shard_keys: list[str], common_words: list[str]) -> bytes:
        return self._page(
            "province.html", home="index.html", script=self._asset(PROVINCE_SEARCH_TEMPLATE),
            wards=wards, shard_keys=" ".join(shard_keys),
            common_words=" ".join(common_words),
        )

    def not_found(self) -> bytes:
        # Served for any missing path, at any depth: only an absolute link finds the directory.
        return self._page("404.html", home=self.registry.directory.base_url)
