"""Registry validation: a positioned YAML node tree → the typed :mod:`qrdir.registry.model`,
plus problems.

Every rule of spec/registry.md lives here. Validation never stops at the first problem: it
collects every error and warning with the file, line and column of the offending value, and
returns a :class:`~qrdir.registry.model.Registry` only when there is no error.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from slugify import slugify
from yaml.nodes import Node

from qrdir import labels
from qrdir.deploy.targets import target_problem
from qrdir.errors import UsageError
from qrdir.registry import schema, vietnamese
from qrdir.registry.example_names import is_example_url
from qrdir.registry.model import (
    DAYS,
    ID_PATTERN,
    KINDS,
    MAX_ID_LENGTH,
    Contact,
    DayHours,
    Directory,
    Hotline,
    Interval,
    Position,
    Problem,
    Registry,
    Retired,
    Site,
)
from qrdir.registry.phones import PhoneError, parse_phone
from qrdir.registry.reader import (
    cell,
    is_mapping,
    is_scalar,
    is_sequence,
    position,
    read_yaml,
)
from qrdir.registry.text import nfc

# registry.md: a valid position outside lat 8–24, lon 102–110 is probably a typo.
VIETNAM_BOUNDS = ((8.0, 24.0), (102.0, 110.0))

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_POSITION_TEXT = re.compile(r"\s*([+-]?\d+(?:\.\d+)?)\s*,\s*([+-]?\d+(?:\.\d+)?)\s*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_BOOLEANS = {"true": True, "yes": True, "có": True, "false": False, "no": False, "không": False}
# registry.md "Nothing wrong is published silently": a text shown to residents that is only a
# yes/no word or a number (`closed: true`, `name: 1`) was meant as something else.
_YES_NO_WORDS = frozenset(_BOOLEANS) | {"on", "off"}
_BARE_NUMBER = re.compile(r"[+-]?[0-9]+(?:[ .,][0-9]+)*")
# Control characters other than tab and line breaks never belong in published text.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Returned by a converter whose value was wrong (a problem has been recorded).
INVALID = object()


def load_registry(path: Path) -> tuple[Registry | None, list[Problem]]:
    """Read and validate the registry at ``path``; the Registry is None when there are errors.

    A missing file is wrong usage, not a registry problem: it raises
    :class:`~qrdir.errors.UsageError`.
    """
    path = Path(path)
    if not path.is_file():
        raise UsageError("file_missing", path=str(path))
    return parse_source(path.read_bytes(), str(path))


def is_workbook(path: Path | str) -> bool:
    """True for a workbook kept as the registry (``danh-ba.xlsx``, import.md), not YAML."""
    return Path(path).suffix.lower() == ".xlsx"


def parse_source(data: bytes, source: str) -> tuple[Registry | None, list[Problem]]:
    """Validate a registry file's bytes, YAML or a workbook as its name says."""
    if is_workbook(source):
        from qrdir.sheets.workbook_registry import parse_workbook  # openpyxl only when needed

        return parse_workbook(data, source)
    return parse_registry(data, source)


def parse_registry(
    data: bytes, source: str = "sites.yaml"
) -> tuple[Registry | None, list[Problem]]:
    """Validate registry bytes; ``source`` is the file name used in messages."""
    root, file_problems = read_yaml(data)
    found = [Problem(source, f.line, f.col, f.severity, f.code, f.args) for f in file_problems]
    return validate_tree(root, found, source)


def validate_tree(
    root: Node | None, problems: list[Problem], source: str, order=None
) -> tuple[Registry | None, list[Problem]]:
    """Validate a positioned node tree (a YAML file's, or a workbook's: sheets/workbook_registry)
    by the same rules; ``problems`` were found reading it; ``order`` sorts the problems (by
    default by line and column)."""
    reader = _Reader(source)
    reader.problems.extend(problems)
    registry = reader.registry(root) if root is not None else None
    problems = sorted(reader.problems, key=order or (lambda p: (p.line, p.col)))
    if any(p.is_error for p in problems):
        return None, problems
    return registry, problems


def derive_id(name: str) -> str:
    """The id registry.md derives from a name: ASCII, lower-case, dashes, ≤ 64 chars on a word."""
    return slugify(nfc(name), max_length=MAX_ID_LENGTH, word_boundary=True)


class _Reader:
    """Walks the node tree by :mod:`qrdir.registry.schema`, converting values and recording
    problems."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.site_ids: set[str] = set()  # every id seen, even of invalid sites, for cross-checks

    # --- reporting --------------------------------------------------------------------------

    def error(self, node: Node, code: str, **args: object) -> object:
        """Record an error at ``node``; returns INVALID, so a converter can return it."""
        line, col = position(node)
        self.problems.append(Problem(self.source, line, col, "error", code, args, cell(node)))
        return INVALID

    def warn(self, node: Node, code: str, **args: object) -> None:
        line, col = position(node)
        self.problems.append(Problem(self.source, line, col, "warning", code, args, cell(node)))

    # --- structure --------------------------------------------------------------------------

    def fields(self, node: Node, declared: tuple[schema.Field, ...], key: str) -> dict | None:
        """Convert a mapping by its declared fields: ``{key: value}`` of the valid values.

        Returns None when ``node`` is not a mapping. Each value's node is kept under
        ``"@" + key`` so later cross-checks can point at it.
        """
        if not is_mapping(node):
            self.error(node, "expected_mapping", key=key)
            return None
        by_key = {f.key: f for f in declared}
        seen: dict[str, Node] = {}
        values: dict = {}
        for key_node, value_node in node.value:
            name = nfc(key_node.value) if is_scalar(key_node) else ""
            if name in seen:
                self.error(key_node, "duplicate_key", key=name, first_line=position(seen[name])[0])
                continue
            seen[name] = key_node
            if name not in by_key:
                self._unknown_key(key_node, name, by_key)
                continue
            value = self.convert(by_key[name], value_node)
            values["@" + name] = value_node
            if value is not INVALID:
                values[name] = value
        for declared_field in declared:
            if declared_field.required and declared_field.key not in seen:
                self.error(node, "missing_key", key=declared_field.key)
        return values

    def _unknown_key(self, key_node: Node, name: str, by_key: dict) -> None:
        close = difflib.get_close_matches(name.lower(), list(by_key), n=1, cutoff=0.6)
        if close:
            self.error(key_node, "unknown_key_suggest", key=name, suggestion=close[0])
        else:
            self.error(key_node, "unknown_key", key=name, valid=", ".join(by_key))

    def convert(self, declared: schema.Field, node: Node) -> object:
        """The value of ``node`` read as the field's declared type, or INVALID."""
        return getattr(self, "_read_" + declared.type)(node, declared.key)

    def items(self, node: Node, key: str) -> list[Node]:
        """The items of a list, or [] with an error when ``node`` is not a list."""
        if not is_sequence(node):
            self.error(node, "expected_list", key=key)
            return []
        return list(node.value)

    def text(self, node: Node, key: str) -> object:
        """A single non-empty text value, NFC, surrounding spaces removed."""
        if not is_scalar(node):
            return self.error(node, "expected_text", key=key)
        value = nfc(node.value).strip()
        if not value:
            return self.error(node, "empty_value", key=key)
        control = _CONTROL_CHARACTER.search(value)
        if control:  # only reachable through YAML escapes such as "\x01"
            return self.error(node, "value_control_character", key=key,
                              codepoint=f"U+{ord(control[0]):04X}")
        return value

    # --- the whole registry -----------------------------------------------------------------

    def registry(self, root: Node) -> Registry | None:
        top = self.fields(root, schema.TOP_LEVEL, "registry")
        if top is None:
            return None
        directory, sites = top.get("directory"), top.get("sites")
        retired = top.get("retired", ())
        self._check_retired(retired, self.site_ids)
        if directory is None or sites is None:
            return None
        return Registry(
            directory=directory,
            sites=tuple(replace(site, url=directory.base_url + site.id + "/") for site in sites),
            retired=tuple(entry for entry, _ in retired),
            source=self.source,
        )

    def _read_directory(self, node: Node, key: str) -> object:
        values = self.fields(node, schema.DIRECTORY, key)
        if values is None or not {"name", "base_url"} <= values.keys():
            return INVALID
        return Directory(
            name=values["name"],
            base_url=values["base_url"],
            updated=values.get("updated"),
            region=values.get("region"),
            publisher=values.get("publisher"),
            language=values.get("language", "vi"),
            hotlines=values.get("hotlines", ()),
            formerly=values.get("formerly", ()),
            posters=values.get("posters", ()),
            deploy=values.get("deploy"),
        )

    def _read_sites(self, node: Node, key: str) -> object:
        """The sites, each id unique: a repeat is an error at the second, naming the first."""
        items = self.items(node, key)
        if is_sequence(node) and not items:
            return self.error(node, "empty_sites")
        first_use: dict[str, Node] = {}
        sites, valid = [], bool(items)
        for item in items:
            site, site_id, id_node = self._site(item)
            if site_id in first_use:
                self._duplicate_id(id_node, site_id, position(first_use[site_id])[0])
                valid = False
            elif site_id is not None:
                first_use[site_id] = id_node
                self.site_ids.add(site_id)
            valid = valid and site is not INVALID
            sites.append(site)
        return tuple(sites) if valid else INVALID

    def _duplicate_id(self, id_node: Node, site_id: str, first_line: int) -> None:
        """A repeated id, said in the words of the line it points at: ``id:`` or ``name:``."""
        written = nfc(id_node.value).strip()
        if written == site_id:
            self.error(id_node, "duplicate_id", id=site_id, first_line=first_line)
        else:  # the id was derived from this site's name
            self.error(id_node, "duplicate_id_derived", name=written, id=site_id,
                       first_line=first_line)

    def _site(self, node: Node) -> tuple[object, str | None, Node | None]:
        """One site, with its id (given or derived) and the node to point at for that id."""
        values = self.fields(node, schema.SITE, "sites")
        if values is None:
            return INVALID, None, None
        site_id, id_node = values.get("id"), values.get("@id")
        if id_node is None and "name" in values:
            id_node = values["@name"]
            site_id = derive_id(values["name"]) or None
            if site_id is None:
                self.error(id_node, "id_not_derivable", name=values["name"])
        complete = site_id is not None and all(
            values.get(f.key) is not None or (not f.required and "@" + f.key not in values)
            for f in schema.SITE
            if f.key != "id"
        )
        if not complete:
            return INVALID, site_id, id_node
        if "location" not in values and "map_url" not in values:
            self.warn(node, "no_map")
        fields = {f.key: values[f.key] for f in schema.SITE if f.key in values and f.key != "id"}
        return Site(id=site_id, url="", line=position(node)[0], **fields), site_id, id_node

    def _read_retired(self, node: Node, key: str) -> object:
        entries = []
        for item in self.items(node, key):
            values = self.fields(item, schema.RETIRED, key)
            if values is None or "id" not in values:
                continue
            given = [k for k in ("moved_to", "closed") if "@" + k in values]
            if len(given) != 1:
                self.error(item, "retired_needs_one", id=values["id"])
                continue
            if given[0] not in values:  # a wrong value, already reported at its own line
                continue
            entry = Retired(values["id"], values.get("moved_to"), values.get("closed"),
                            line=position(item)[0])
            entries.append((entry, values))
        return tuple(entries)

    def _check_retired(self, retired: tuple, site_ids: set[str]) -> None:
        """registry.md retired[]: a retired id is not a site, moved_to names a site, no repeats."""
        first_use: dict[str, Node] = {}
        for entry, values in retired:
            if entry.id in first_use:
                self.error(values["@id"], "duplicate_retired", id=entry.id,
                           first_line=position(first_use[entry.id])[0])
            first_use.setdefault(entry.id, values["@id"])
            if entry.id in site_ids:
                self.error(values["@id"], "retired_is_site", id=entry.id)
            if entry.moved_to is not None and entry.moved_to not in site_ids:
                self.error(values["@moved_to"], "retired_unknown_target", target=entry.moved_to)

    def _read_contacts(self, node: Node, key: str) -> object:
        return self._records(node, key, schema.CONTACT, lambda v: Contact(
            role=v["role"], name=v["name"], phone=v["phone"], zalo=v.get("zalo", False)))

    def _read_hotlines(self, node: Node, key: str) -> object:
        return self._records(node, key, schema.HOTLINE, lambda v: Hotline(v["label"], v["phone"]))

    def _records(self, node: Node, key: str, declared: tuple, make) -> object:
        """A list of small records; INVALID if any of them is incomplete or wrong."""
        records, valid = [], True
        for item in self.items(node, key):
            values = self.fields(item, declared, key)
            required = [f.key for f in declared if f.required]
            if values is None or any(k not in values for k in required) or any(
                "@" + f.key in values and f.key not in values for f in declared
            ):
                valid = False
                continue
            records.append(make(values))
        return tuple(records) if valid and is_sequence(node) else INVALID

    # --- single values ----------------------------------------------------------------------

    def _read_text(self, node: Node, key: str) -> object:
        """Words residents read (a name, an address, a note): never a lone yes/no or number."""
        value = self.text(node, key)
        if value is INVALID or not _is_bare(value):
            return value
        code = "text_only_yes_no" if value.casefold() in _YES_NO_WORDS else "text_only_number"
        return self.error(node, code, key=key, value=value)

    def _read_reason(self, node: Node, key: str) -> object:
        """``closed``: what the old address tells visitors; ``closed: true`` tells them nothing."""
        value = self.text(node, key)
        if value is INVALID or not _is_bare(value):
            return value
        return self.error(node, "closed_not_a_reason", key=key, value=value)

    def _read_text_list(self, node: Node, key: str) -> object:
        """One text or a list of texts (registry.md: ``formerly``, ``services``)."""
        if not is_scalar(node) and not is_sequence(node):
            return self.error(node, "expected_list", key=key)
        nodes = [node] if is_scalar(node) else list(node.value)
        values = [self._read_text(item, key) for item in nodes]
        return INVALID if INVALID in values else tuple(values)

    def _read_id(self, node: Node, key: str) -> object:
        value = self.text(node, key)
        if value is INVALID:
            return INVALID
        if len(value) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(value):
            return self.error(node, "bad_id", key=key, value=value)
        return value

    def _read_kind(self, node: Node, key: str) -> object:
        value = self.text(node, key)
        if value is INVALID or value in KINDS:
            return value
        code = vietnamese.kind_code(value)  # registry.md 1.1: "Trạm y tế", "UBND", …
        if code is not None:
            return code
        suggestion = vietnamese.kind_suggestion(value)  # a code, or a Vietnamese label
        if suggestion is not None:
            return self.error(node, "bad_kind_suggest", key=key, value=value,
                              suggestion=suggestion)
        return self.error(node, "bad_kind", key=key, value=value, valid=vietnamese.KIND_CHOICES)

    def _read_language(self, node: Node, key: str) -> object:
        value = self.text(node, key)
        if value is INVALID or value in ("vi", "en"):
            return value
        return self.error(node, "bad_language", key=key, value=value)

    def _read_phone(self, node: Node, key: str) -> object:
        value = self.text(node, key)
        if value is INVALID:
            return INVALID
        try:
            return parse_phone(value)
        except PhoneError as exc:  # the reason says what is wrong: digits, two numbers, …
            return self.error(node, exc.reason, key=key, value=value, **exc.args_for_message)

    def _read_url(self, node: Node, key: str) -> object:
        value = self.text(node, key)
        if value is INVALID:
            return INVALID
        parts = urlsplit(value) if not any(ch.isspace() for ch in value) else None
        if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return self.error(node, "bad_url", key=key, value=value)
        return value

    def _read_base_url(self, node: Node, key: str) -> object:
        value = self._read_url(node, key)
        if value is INVALID:
            return INVALID
        if "?" in value or "#" in value:
            return self.error(node, "base_url_query", value=value)
        if is_example_url(value):
            self.warn(node, "base_url_example", value=value)
        return value if value.endswith("/") else value + "/"

    def _read_email(self, node: Node, key: str) -> object:
        value = self.text(node, key)
        if value is INVALID or _EMAIL.fullmatch(value):
            return value
        return self.error(node, "bad_email", key=key, value=value)

    def _read_date(self, node: Node, key: str) -> object:
        value = self.text(node, key)
        if value is INVALID:
            return INVALID
        written = value if _DATE.fullmatch(value) else vietnamese.iso_date(value)  # 28/11/2026
        try:
            if written is None:
                raise ValueError(value)
            return dt.date.fromisoformat(written)
        except ValueError:
            return self.error(node, "bad_date", key=key, value=value)

    def _read_boolean(self, node: Node, key: str) -> object:
        value = self.text(node, key)
        if value is INVALID:
            return INVALID
        if value.lower() in _BOOLEANS:
            return _BOOLEANS[value.lower()]
        return self.error(node, "bad_boolean", key=key, value=value)

    def _read_poster_formats(self, node: Node, key: str) -> object:
        """``posters``: a list (``[a4, stickers]``) or one text like ``--posters a4,stickers``."""
        from qrdir.posters.formats import FORMATS  # here: check need not load the poster code

        if is_sequence(node):
            named = [(self.text(item, key), item) for item in node.value]
        elif is_scalar(node):
            named = [(part.strip(), node) for part in nfc(node.value).split(",") if part.strip()]
        else:
            return self.error(node, "expected_list", key=key)
        if not named:  # "posters: []" would say "print nothing", which is not a choice
            return self.error(node, "empty_value", key=key)
        formats = [self._poster_format(name, item, key, tuple(FORMATS)) for name, item in named]
        return INVALID if INVALID in formats else tuple(dict.fromkeys(formats))

    def _poster_format(self, name: object, node: Node, key: str, known: tuple[str, ...]) -> object:
        """One format's name in lower case, or INVALID with an error listing the known ones."""
        if name is INVALID:
            return INVALID
        if name.lower() in known:
            return name.lower()
        return self.error(node, "bad_poster_format", key=key, value=name, valid=", ".join(known))

    def _read_deploy_target(self, node: Node, key: str) -> object:
        """``deploy``: one of publish.md's target forms, never carrying a credential."""
        value = self.text(node, key)
        problem = target_problem(value) if value is not INVALID else None
        if problem is None:
            return value
        code, args = problem
        return self.error(node, code, key=key, **args)

    # --- positions --------------------------------------------------------------------------

    def _read_position(self, node: Node, key: str) -> object:
        """The three forms of registry.md: "lat, lon" text, [lat, lon], or {lat, lon}."""
        if is_scalar(node):
            match = _POSITION_TEXT.fullmatch(nfc(node.value))
            if not match:
                return self.error(node, "bad_location", key=key, value=nfc(node.value).strip())
            pairs = [(match[1], node), (match[2], node)]
        elif is_sequence(node):
            if len(node.value) != 2 or not all(is_scalar(item) for item in node.value):
                return self.error(node, "bad_location", key=key, value=_flow_text(node))
            pairs = [(item.value.strip(), item) for item in node.value]
        else:
            values = self.fields(node, schema.POSITION, key)
            if values is None or not {"lat", "lon"} <= values.keys():
                return INVALID
            pairs = [(values["lat"], values["@lat"]), (values["lon"], values["@lon"])]
        return self._position(node, pairs, key)

    def _read_coordinate(self, node: Node, key: str) -> object:
        value = self.text(node, key)
        if value is INVALID or _NUMBER.fullmatch(value):
            return value
        return self.error(node, "bad_coordinate", key=key, value=value)

    def _position(self, node: Node, pairs: list[tuple[str, Node]], key: str) -> object:
        (lat_text, lat_node), (lon_text, lon_node) = pairs
        if not (_NUMBER.fullmatch(lat_text) and _NUMBER.fullmatch(lon_text)):
            return self.error(node, "bad_location", key=key, value=f"{lat_text}, {lon_text}")
        lat, lon = float(lat_text), float(lon_text)
        if abs(lat) > 90:
            # A latitude that would fit as a longitude: the pair was most likely typed backwards.
            self.error(lat_node, "lat_range_swapped" if abs(lat) <= 180 else "lat_range",
                       key=key, value=lat_text)
        if abs(lon) > 180:
            self.error(lon_node, "lon_range", key=key, value=lon_text)
        if abs(lat) > 90 or abs(lon) > 180:
            return INVALID
        (lat_min, lat_max), (lon_min, lon_max) = VIETNAM_BOUNDS
        if not (lat_min <= lat <= lat_max and lon_min <= lon <= lon_max):
            self.warn(node, "outside_vietnam", key=key, value=f"{lat_text}, {lon_text}")
        return Position(lat, lon)

    # --- opening hours ----------------------------------------------------------------------

    def _read_hours(self, node: Node, key: str) -> object:
        """registry.md "Opening hours": day or day-range keys, each day once, no overlaps; in
        English codes or Vietnamese words, as a mapping or as one notice-board line (1.1)."""
        if is_scalar(node):
            # "…; Thứ 7 7h-11h": the colon after the days is missing, the times are fine
            missing = vietnamese.missing_colons(nfc(node.value))
            for group, days, times in missing:
                self.error(node, "hours_missing_colon", group=group, days=days,
                           fixed=f"{days}: {times}")
            if missing:
                return INVALID
            groups = vietnamese.hours_groups(nfc(node.value))
            if groups is None:
                return self.error(node, "hours_bad_line", key=key, value=nfc(node.value).strip())
            entries = [(node, days, node, times) for days, times in groups]
        elif is_mapping(node):
            entries = [(k, _flow_text(k).strip(), v, None) for k, v in node.value]
        else:
            return self.error(node, "expected_mapping", key=key)
        by_day: dict[str, tuple[Interval, ...]] = {}
        first_line: dict[str, int] = {}
        valid = True
        for days_node, days_text, value_node, times in entries:
            days = self._days(days_node, days_text, key)
            intervals = self._intervals(value_node, days_text, times)
            if days is INVALID or intervals is INVALID:
                valid = False
                continue
            for day in days:
                if day in by_day:
                    self.error(days_node, "hours_day_repeat", key=key, day=_day_named(day),
                               first_line=first_line[day])
                    valid = False
                    continue
                by_day[day] = intervals
                first_line[day] = position(days_node)[0]
        if not valid:
            return INVALID
        return tuple(DayHours(day, by_day[day]) for day in DAYS if day in by_day)

    def _days(self, node: Node, text: str, key: str) -> object:
        """``mon`` → (mon,); ``mon-fri`` → (mon … fri); ``sat-mon`` wraps to (sat, sun, mon);
        ``Thứ 2 - Thứ 6``, ``T2-T6``, ``CN``, ``Hàng ngày`` likewise (registry.md 1.1)."""
        days = vietnamese.days(nfc(text)) if is_scalar(node) else None
        if days is None:
            written = nfc(text).strip()
            return self.error(node, "hours_bad_day", key=key,
                              value=written.lower() if written.isascii() else written)
        return days

    def _intervals(self, node: Node, day_key: str, times: str | None = None) -> object:
        """One day's value: ``closed`` (``Nghỉ``) or intervals (``07:00-11:30``, ``7h-11h30``);
        ``day_key`` is the key as written (mon-fri); ``times`` the text of a one-line group."""
        if times is None and not is_scalar(node):
            return self.error(node, "hours_bad_value", key=day_key, value=_flow_text(node))
        text = nfc(node.value if times is None else times).strip()
        if vietnamese.is_closed(text):
            return ()
        read = vietnamese.intervals(text)
        if read is None:
            return self.error(node, "hours_bad_value", key=day_key, value=text)
        intervals = []
        for written, (start_h, start_m, end_h, end_m) in read:
            start, end = start_h * 60 + start_m, end_h * 60 + end_m
            if start_m > 59 or end_m > 59 or start_h > 23 or end > 24 * 60 or start >= end:
                return self.error(node, "hours_bad_interval", key=day_key,
                                  value=_written_in(text, written))
            intervals.append(Interval(start, end))
        intervals.sort(key=lambda i: i.start)
        for earlier, later in zip(intervals, intervals[1:], strict=False):
            if later.start < earlier.end:
                return self.error(node, "hours_overlap", key=day_key, first=str(earlier),
                                  second=str(later))
        return tuple(intervals)


def _written_in(text: str, folded_part: str) -> str:
    """The part of ``text`` (as typed, with its marks) that folds to ``folded_part``."""
    for part in re.split(r",", text):
        if vietnamese.words(part) == vietnamese.words(folded_part):
            return part.strip()
    return folded_part


def _is_bare(text: str) -> bool:
    """True for a text that is only a yes/no word or only a number (``true``, ``Không``, ``1``)."""
    return text.casefold() in _YES_NO_WORDS or _BARE_NUMBER.fullmatch(text) is not None


def _flow_text(node: Node) -> str:
    """A short rendering of a list or mapping value for a message."""
    if is_scalar(node):
        return nfc(node.value)
    if is_sequence(node):
        return "[" + ", ".join(_flow_text(item) for item in node.value) + "]"
    return "{…}"


def _day_named(day: str) -> str:
    """A day as ward staff write it, with the code the registry also accepts: "Thứ Tư (wed)"."""
    return f"{labels.label('day_' + day, 'vi')} ({day})"
