"""The typed, immutable registry every renderer consumes (spec/registry.md).

Nothing downstream of :mod:`qrdir.registry.validate` sees raw YAML: it gets these frozen records,
with text already NFC, phones parsed, positions numeric and hours checked.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

# registry.md "sites[]": an id is a page's path segment and a poster's file name.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 64

# registry.md "Kinds": pages and the index group sites by kind in this order.
KINDS: tuple[str, ...] = (
    "ward_office",
    "one_stop",
    "party_office",
    "mass_org",
    "police",
    "military",
    "health_station",
    "quarter_office",
    "school",
    "culture",
    "post_office",
    "other",
)

KIND_LABELS: dict[str, dict[str, str]] = {
    "ward_office": {"vi": "Uỷ ban nhân dân", "en": "People's Committee"},
    "one_stop": {"vi": "Bộ phận Một cửa", "en": "One-stop service desk"},
    "party_office": {"vi": "Đảng uỷ", "en": "Party Committee"},
    "mass_org": {"vi": "Mặt trận và đoàn thể", "en": "Front and mass organisations"},
    "police": {"vi": "Công an", "en": "Police"},
    "military": {"vi": "Quân sự", "en": "Military command"},
    "health_station": {"vi": "Trạm y tế", "en": "Health station"},
    "quarter_office": {"vi": "Khu phố, ấp", "en": "Quarter offices"},
    "school": {"vi": "Trường học", "en": "Schools"},
    "culture": {"vi": "Văn hoá, thể thao", "en": "Culture and sports"},
    "post_office": {"vi": "Bưu điện", "en": "Post office"},
    "other": {"vi": "Khác", "en": "Other"},
}

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Phone:
    """A dialable Vietnamese number, in every form a renderer needs."""

    e164: str  # "+84913456789"; short and 1800/1900 numbers keep their dialled digits ("113")
    national: str  # digits as dialled inside Vietnam: "0913456789", "113", "1900545481"
    display: str  # grouped the way Vietnamese people read it: "0913 456 789"
    domestic_only: bool  # short and 1800/1900 numbers only work inside Vietnam

    @property
    def tel_uri(self) -> str:
        """The ``tel:`` link: E.164 where it exists, the dialled digits otherwise."""
        return "tel:" + (self.national if self.domestic_only else self.e164)

    @property
    def zalo_url(self) -> str:
        """Zalo's chat link for this number (registry.md: ``https://zalo.me/0xxxxxxxxx``)."""
        return "https://zalo.me/" + self.national


@dataclass(frozen=True)
class Position:
    """A WGS84 position in decimal degrees."""

    lat: float
    lon: float

    def __str__(self) -> str:
        return f"{self.lat!r},{self.lon!r}"


@dataclass(frozen=True)
class Interval:
    """Opening interval within one day, minutes since midnight Vietnam time (end ≤ 1440)."""

    start: int
    end: int

    def __str__(self) -> str:
        return f"{_clock(self.start)}-{_clock(self.end)}"


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class DayHours:
    """One weekday's opening intervals; an empty tuple means closed all day."""

    day: str  # one of DAYS
    intervals: tuple[Interval, ...]

    @property
    def closed(self) -> bool:
        return not self.intervals


@dataclass(frozen=True)
class Contact:
    """A person residents may call."""

    role: str
    name: str
    phone: Phone
    zalo: bool = False


@dataclass(frozen=True)
class Hotline:
    """A number shown on every page and poster, e.g. Công an 113."""

    label: str
    phone: Phone


@dataclass(frozen=True)
class Site:
    """One public office: one landing page, one QR code, one poster."""

    id: str
    name: str
    kind: str
    address: str
    url: str  # base_url + id + "/": exactly what the QR code encodes (output.md)
    location: Position | None = None
    map_url: str | None = None
    phone: Phone | None = None
    email: str | None = None
    website: str | None = None
    # Listed days only, in week order; a day not listed is unknown, not closed. None: no hours.
    hours: tuple[DayHours, ...] | None = None
    contacts: tuple[Contact, ...] = ()
    services: tuple[str, ...] = ()
    note: str | None = None
    formerly: tuple[str, ...] = ()
    verified: dt.date | None = None
    line: int = 0  # where the site starts in the registry, for later messages (1-based)
    # When its page and its poster's printed text last changed (the ledger's record); set by
    # qrdir.registry.dates for a build, None in a registry just read.
    updated: dt.date | None = None
    printed_updated: dt.date | None = None


@dataclass(frozen=True)
class Retired:
    """What became of an id that was published but is gone (exactly one of the two)."""

    id: str
    moved_to: str | None = None
    closed: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Directory:
    """Who publishes the directory and where."""

    name: str
    base_url: str  # always ends with "/"
    # The date given in the registry, if any; in a dated registry (qrdir.registry.dates), the
    # date the directory page shows.
    updated: dt.date | None
    region: str | None = None
    publisher: str | None = None
    language: str = "vi"
    hotlines: tuple[Hotline, ...] = ()
    formerly: tuple[str, ...] = ()
    posters: tuple[str, ...] = ()  # the formats this ward prints; () when the registry says none
    deploy: str | None = None  # where ``qrdir deploy`` publishes (publish.md); never a credential


@dataclass(frozen=True)
class Registry:
    """A whole validated registry."""

    directory: Directory
    sites: tuple[Site, ...]
    retired: tuple[Retired, ...] = ()
    source: str = "sites.yaml"  # the file name used in messages

    def site(self, site_id: str) -> Site:
        """The site with this id (KeyError if there is none)."""
        for site in self.sites:
            if site.id == site_id:
                return site
        raise KeyError(site_id)

    def without_positions(self) -> Registry:
        """The same registry with no line numbers or file name: what output depends on.

        Cache keys are built from this, so a comment or a blank line added to the file (which
        moves every line below it) changes no key and re-renders nothing.
        """
        return replace(
            self,
            sites=tuple(replace(site, line=0) for site in self.sites),
            retired=tuple(replace(entry, line=0) for entry in self.retired),
            source="",
        )

    def sites_by_kind(self) -> list[tuple[str, tuple[Site, ...]]]:
        """Sites grouped by kind in registry.md's order, registry order within a kind."""
        groups = []
        for kind in KINDS:
            members = tuple(s for s in self.sites if s.kind == kind)
            if members:
                groups.append((kind, members))
        return groups


@dataclass(frozen=True)
class Problem:
    """One error or warning about the registry, at a position in a file.

    ``code`` keys the message catalogue in :mod:`qrdir.messages`; ``args`` fills it in.
    In a workbook kept as the registry (import.md) ``cell`` names the place instead of
    ``line:col`` (``'Danh bạ'!D14``); ``line`` is then the cell's row and ``col`` its column.
    """

    file: str
    line: int
    col: int
    severity: str  # "error" or "warning"
    code: str
    args: dict = field(default_factory=dict, compare=False, hash=False)
    cell: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
