"""The comments a person wrote in a registry that ``import --force`` replaces (import.md).

Before the new YAML is written, the old one is read with positions (:mod:`qrdir.registry.reader`)
and, for every site (by id), two kinds of comment are kept: the comment lines right above the
site's entry, and the end-of-line comment after each of its fields. The writer puts them back
where the same site and field are written again; the comments of sites that are gone are counted
so the import can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qrdir.registry.model import KIND_LABELS
from qrdir.registry.reader import read_yaml
from qrdir.registry.validate import derive_id

_LINE_BREAK = re.compile("[\r\n\x85\u2028\u2029]")
# The comments import writes itself (a kind's label, an old encoding's cell): not a person's.
_OWN = re.compile("|".join(re.escape(label) for labels in KIND_LABELS.values()
                           for label in labels.values()) + r"|(?:TCVN3 \(ABC\)|VNI): [A-Z]+\d+")


@dataclass
class SiteComments:
    """One site's comments: lines above its entry, and ``field → end-of-line comment``."""

    above: list[str] = field(default_factory=list)  # each without its leading "#"
    after: dict[str, str] = field(default_factory=dict)  # each without its leading "#"

    def count(self) -> int:
        return len(self.above) + len(self.after)


def read_comments(data: bytes) -> dict[str, SiteComments]:
    """``site id → its comments`` in the registry ``data``; {} when it cannot be read."""
    root, problems = read_yaml(data)
    if root is None or any(p.severity == "error" for p in problems):
        return {}
    text = data.decode("utf-8-sig")
    lines = _LINE_BREAK.split(text)
    sites = _get(root, "sites")
    found: dict[str, SiteComments] = {}
    if not isinstance(sites, SequenceNode):
        return found
    for site in sites.value:
        if not isinstance(site, MappingNode) or not site.value:
            continue
        site_id = _site_id(site)
        if not site_id:
            continue
        comments = SiteComments(above=_comments_above(lines, site.start_mark.line))
        for key, value in site.value:
            if isinstance(key, ScalarNode):
                comment = _persons(_comment_after(text, value if isinstance(value, ScalarNode)
                                                  else key))
                if comment:
                    comments.after[key.value] = comment
        if comments.count():
            found[site_id] = comments
    return found


def _get(mapping: Node, name: str) -> Node | None:
    if isinstance(mapping, MappingNode):
        for key, value in mapping.value:
            if isinstance(key, ScalarNode) and key.value == name:
                return value
    return None


def _site_id(site: MappingNode) -> str:
    """The site's id, or the one derived from its name when the registry gives none."""
    given = _get(site, "id")
    if isinstance(given, ScalarNode) and given.value.strip():
        return given.value.strip()
    name = _get(site, "name")
    return derive_id(name.value) if isinstance(name, ScalarNode) else ""


def _comments_above(lines: list[str], first: int) -> list[str]:
    """The whole-line comments right above line index ``first`` (no blank line between)."""
    above: list[str] = []
    index = first - 1
    while index >= 0 and lines[index].lstrip().startswith("#"):
        above.insert(0, lines[index].strip()[1:].strip())
        index -= 1
    return above


def _comment_after(text: str, node: Node) -> str | None:
    """The comment on the line where ``node`` ends, after it (and after a key's colon)."""
    end = node.end_mark
    line_break = _LINE_BREAK.search(text, end.index)
    rest = text[end.index : line_break.start() if line_break else len(text)].lstrip(" \t")
    if isinstance(node, ScalarNode) and rest.startswith(":"):  # a key: its value is below
        rest = rest[1:].lstrip(" \t")
    if not rest.startswith("#"):
        return None
    return rest[1:].strip() or None


def _persons(comment: str | None) -> str | None:
    """``comment`` without the import's own comment at its end ("đã xác minh # Police")."""
    while comment:
        head, _, last = comment.rpartition("#")
        if not _OWN.fullmatch(last.strip()):
            return comment
        comment = head.strip() or None
    return None
