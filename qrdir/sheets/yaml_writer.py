"""Writing a registry as tidy, commented YAML that remembers where each value came from.

The importer builds the registry as plain values, each with the spreadsheet cell (or command
line option) it came from; this writer lays them out one key per line in registry.md's order and
records, for every line, that origin. A problem the validator later finds on a line can so be
reported at the cell a person can fix (import.md).

Scalars are written plain when YAML 1.1 would read them back as the same text, and quoted
otherwise ("113", "No", "2026-11-28" as a name): the registry loader reads everything as text
anyway, but other YAML tools should not be surprised either.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

import yaml

from qrdir.sheets.kept_comments import SiteComments


@dataclass
class Value:
    """One value of the registry, with where it came from and a comment for the reader."""

    value: object  # text, a list of texts, a {day: hours} mapping, or a list of records
    where: str | None = None  # "file:Sheet!D14", or "--base-url"
    comment: str | None = None



class YamlWriter:
    """Tidy block YAML, remembering the spreadsheet cell behind each line for messages."""

    def __init__(self, kept: dict[str, SiteComments] | None = None) -> None:
        self.lines: list[str] = []
        self.sources: dict[int, str] = {}  # 1-based line → where its value came from
        # The comments of the YAML being replaced, by site id (import.md: import --force).
        self.kept = dict(kept or {})
        self.used: set[str] = set()

    def text(self) -> str:
        """The YAML written so far, UTF-8 ready, ending with a newline."""
        return "\n".join(self.lines) + "\n"

    def where(self, line: int, default: str) -> str:
        """The cell (or option) behind YAML line ``line``, else ``default``."""
        return self.sources.get(line, default)

    def add(self, text: str, where: str | None = None, comment: str | None = None) -> None:
        """One line, with an optional trailing comment and the origin of its value."""
        self.lines.append(text + (f"  # {comment}" if comment else ""))
        if where:
            self.sources[len(self.lines)] = where

    def header(self, *comments: str) -> None:
        """Comment lines at the top of the file, then a blank line."""
        for comment in comments:
            for line in comment.splitlines():
                self.add(f"# {line}")
        self.add("")

    def directory(self, values: dict[str, Value]) -> None:
        """The ``directory:`` mapping in registry.md's order."""
        self.add("directory:")
        for key in ("name", "region", "base_url", "publisher", "language", "updated"):
            if key in values:
                self.value(2, key, values[key])
        if "hotlines" in values:
            self.records(2, "hotlines", values["hotlines"], ("label", "phone"))
        if "formerly" in values:
            self.value(2, "formerly", values["formerly"])

    def sites(self, sites: list[dict[str, Value]]) -> None:
        """The ``sites:`` list, a blank line between sites, keys in the order given."""
        self.add("")
        self.add("sites:")
        for index, site in enumerate(sites):
            if index:
                self.add("")
            kept = self._kept(site)
            for line in kept.above if kept else ():
                self.add(f"  # {line}" if line else "  #")
            first = True
            for key, value in site.items():
                if kept and key in kept.after:
                    value = _with_comment(value, kept.after[key])
                if key == "contacts":
                    self.contacts(value)
                else:
                    self.value(4, key, value, bullet=first)
                first = False

    def _kept(self, site: dict[str, Value]) -> SiteComments | None:
        site_id = site["id"].value if "id" in site else None
        if site_id in self.kept:
            self.used.add(site_id)
            return self.kept[site_id]
        return None

    def dropped(self) -> dict[str, int]:
        """``site id → number of comments`` kept for sites that were not written again."""
        return {site_id: comments.count() for site_id, comments in sorted(self.kept.items())
                if site_id not in self.used}

    def contacts(self, value: Value) -> None:
        """A site's ``contacts:`` list."""
        self.add("    contacts:", value.where, value.comment)
        for contact in value.value:
            for index, (key, item) in enumerate(contact.items()):
                self.value(8, key, item, bullet=index == 0)

    def retired(self, entries: list[dict[str, Value]]) -> None:
        """The ``retired:`` list, when there is one."""
        if not entries:
            return
        self.add("")
        self.add("retired:")
        for entry in entries:
            for index, (key, item) in enumerate(entry.items()):
                self.value(4, key, item, bullet=index == 0)

    def records(self, indent: int, key: str, value: Value, keys: tuple[str, ...]) -> None:
        """A list of small mappings written in block style (hotlines)."""
        self.add(" " * indent + f"{key}:", value.where)
        for record in value.value:
            for index, name in enumerate(keys):
                self.value(indent + 4, name, Value(record[name], value.where),
                           bullet=index == 0)

    def value(self, indent: int, key: str, value: Value, *, bullet: bool = False) -> None:
        """``key: scalar``, a list of scalars, or a mapping of scalars (opening hours)."""
        prefix = " " * (indent - 2) + "- " if bullet else " " * indent
        if isinstance(value.value, list):
            self.add(f"{prefix}{key}:", value.where, value.comment)
            for item in value.value:
                self.add(" " * (indent + 2) + "- " + _scalar(item), value.where)
        elif isinstance(value.value, dict):
            self.add(f"{prefix}{key}:", value.where, value.comment)
            for day, hours in value.value.items():
                # registry.md's own style: intervals quoted, "closed" plain.
                shown = hours if hours == "closed" else _quoted(hours)
                self.add(" " * (indent + 2) + f"{_scalar(day)}: {shown}", value.where)
        else:
            self.add(f"{prefix}{key}: {_plain_or_quoted(key, value.value, value.comment)}",
                     value.where, value.comment)


def _with_comment(value: Value, kept: str) -> Value:
    """``value`` with the comment a person wrote after it, before the import's own."""
    # The import's own comment (a kind's label, "TCVN3") is read back as kept next time: once.
    if not value.comment or kept == value.comment or kept.endswith(f"# {value.comment}"):
        return replace(value, comment=kept)
    return replace(value, comment=f"{kept} # {value.comment}")


def _plain_or_quoted(key: str, text: str, comment: str | None = None) -> str:
    # A value with a comment after it is quoted: the validator warns at a comment after a plain
    # value, which may have cut it (registry.md "Nothing wrong is published silently").
    if comment:
        return _quoted(text)
    # Booleans and dates are typed values in registry.md: written plain, read by their field.
    if key in ("zalo", "updated", "verified") and re.fullmatch(r"true|\d{4}-\d{2}-\d{2}", text):
        return text
    return _scalar(text)


def _scalar(text: str) -> str:
    """A one-line YAML scalar: plain if YAML 1.1 reads it back as the same text, else quoted."""
    if "\n" not in text and "\r" not in text:
        dumped = yaml.safe_dump(text, allow_unicode=True, width=1_000_000)
        dumped = dumped.removesuffix("\n...\n").removesuffix("\n")
        if "\n" not in dumped:
            return dumped
    return _quoted(text)


def _quoted(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar: one line, every escape YAML understands.
    return json.dumps(text, ensure_ascii=False)
