"""Reading ``sites.yaml``: bytes → a YAML node tree in which every value knows its line and column.

This stage applies registry.md's "Reading rules" that concern the file itself: UTF-8 (a BOM is
allowed), the 5 MiB and 20-level limits, no anchors, aliases or custom tags. It does not convert
any value: every scalar stays text until :mod:`qrdir.registry.validate` reads it by its field's
type, so YAML 1.1 surprises (octal ``02763612345``, boolean ``No``, sexagesimal ``07:00``) never
happen. It also warns where a comment may have cut an unquoted value, which only the text can show.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from yaml.composer import Composer
from yaml.cyaml import CParser
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader
from yaml.resolver import Resolver

from qrdir.registry import yaml_syntax
from qrdir.registry.text import nfc

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 20

# Tags a plain YAML document may carry without the writer asking for one ("!" is the
# non-specific tag of a quoted scalar); anything else was typed on purpose and is refused.
_IMPLICIT_TAGS = (None, "!")

# A block scalar's header with a comment right after it (`|#`), which only libyaml accepts.
_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")

# The line breaks PyYAML knows; a comment runs to the first of them.
_LINE_BREAK = re.compile("[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True)
class FileProblem:
    """A problem found while reading the file: position (1-based), code and message arguments."""

    line: int
    col: int
    code: str
    args: dict
    severity: str = "error"


class _TooDeep(Exception):
    """Raised inside the composer to stop at once on a nesting bomb."""

    def __init__(self, mark: yaml.Mark):
        super().__init__("too deep")
        self.mark = mark


class _Strict:
    """PyYAML's composer, refusing aliases, anchors and tags and bounding the depth.

    Refused constructs are recorded and replaced (an alias by an empty scalar, an anchor or
    tag by nothing) so that every other problem in the file is still found in the same run.
    Mixed into a loader that supplies the events: pure Python or libyaml.
    """

    def _start_strict(self) -> None:
        self.refusals: list[FileProblem] = []
        self._depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            self.get_event()
            self._refuse(event.start_mark, "alias_refused", {})
            return ScalarNode("tag:yaml.org,2002:str", "", event.start_mark, event.end_mark)
        if isinstance(event, ScalarEvent | CollectionStartEvent):
            if event.anchor is not None:
                self._refuse(event.start_mark, "alias_refused", {})
                event.anchor = None
            if event.tag not in _IMPLICIT_TAGS:
                self._refuse(event.start_mark, "tag_refused", {"tag": _as_typed(event.tag)})
                event.tag = None
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _refuse(self, mark: yaml.Mark, code: str, args: dict) -> None:
        self.refusals.append(FileProblem(mark.line + 1, mark.column + 1, code, args))


class _StrictComposer(_Strict, yaml.SafeLoader):
    """The strict composer on PyYAML's pure-Python scanner: the reference, and the one whose
    errors :mod:`qrdir.registry.yaml_syntax` explains."""

    def __init__(self, text: str):
        super().__init__(text)
        self._start_strict()


class _FastComposer(_Strict, Composer, CParser, Resolver):
    """The same composer on libyaml's scanner and parser, five times faster on a registry.

    Only for text the pure-Python reader would accept (:func:`_compose_fast`); on any error the
    file is read again by :class:`_StrictComposer`, so every message is the reference's. The
    tree is the same in all qrdir reads, node for node and mark for mark
    (tests/registry/test_fast_reader.py): kinds, tags, values, scalar styles and marks. (Not
    in a collection's flow style, which qrdir never reads.)
    """

    def __init__(self, text: str):
        CParser.__init__(self, text)
        Composer.__init__(self)
        Resolver.__init__(self)
        self._start_strict()

    def compose_scalar_node(self, anchor: str | None) -> ScalarNode:
        node = super().compose_scalar_node(anchor)
        node.style = node.style or None  # libyaml's plain style is "", PyYAML's None
        return node


def _as_typed(tag: str) -> str:
    """A tag the way it was typed: ``tag:yaml.org,2002:python/object`` → ``!!python/object``."""
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


def read_yaml(data: bytes) -> tuple[Node | None, list[FileProblem]]:
    """Parse registry bytes into a node tree, or report why the file cannot be read."""
    if len(data) > MAX_BYTES:
        return None, [FileProblem(1, 1, "file_too_large", {"size": len(data)})]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [_not_utf8(data, exc.start)]
    if not text.strip():
        return None, [FileProblem(1, 1, "file_empty", {})]
    fast = _compose_fast(text)
    if fast is not None:
        return fast
    composer = None
    try:
        composer = _StrictComposer(text)
        root = composer.get_single_node()
    except _TooDeep as exc:
        return None, [FileProblem(exc.mark.line + 1, exc.mark.column + 1, "too_deep", {})]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text)]
    except yaml.YAMLError as exc:  # ReaderError: a control character the YAML reader refuses
        return None, [_reader_problem(text, exc)]
    finally:
        if composer is not None:
            composer.dispose()
    if root is None:
        return None, [FileProblem(1, 1, "file_empty", {})]
    return root, composer.refusals + comments_after_values(root, text)


def _compose_fast(text: str) -> tuple[Node | None, list[FileProblem]] | None:
    """The file read by libyaml, or None when only the reference reader may read it.

    That is, when the text has: a character PyYAML's reader refuses; a byte-order mark inside
    it (libyaml counts it in a column, PyYAML does not); a tab (PyYAML refuses some that libyaml
    reads); a "!" (the two resolve an empty tagged value differently, and tags are refused
    anyway); a "#" right after a block scalar's "|" or ">" (libyaml reads a comment there,
    PyYAML stops); a last line without a line break (the two put the end of the last collection
    on different lines then); or any error (the reference then says what it is).
    """
    if (not text.endswith(("\n", "\r")) or "\ufeff" in text or "\t" in text or "!" in text
            or _HEADER_COMMENT.search(text) or Reader.NON_PRINTABLE.search(text)):
        return None
    composer = _FastComposer(text)
    try:
        root = composer.get_single_node()
    except (yaml.YAMLError, _TooDeep):
        return None
    finally:
        composer.dispose()
    if root is None:
        return None
    return root, composer.refusals + comments_after_values(root, text)


def _not_utf8(data: bytes, offset: int) -> FileProblem:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    return FileProblem(line, offset - line_start + 1, "file_not_utf8", {"offset": offset})


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> FileProblem:
    """The mistake behind a syntax error, in words (yaml_syntax.py); every tab-indented line at
    once when tabs are what stopped the parser."""
    tabs = yaml_syntax.tab_lines(text)
    if tabs:
        return FileProblem(*yaml_syntax.tabs_problem(tabs))
    return FileProblem(*yaml_syntax.explain(exc, text, _compose))


def _compose(text: str) -> None:
    """Parse ``text`` as the reader does, only to see where it fails."""
    composer = _StrictComposer(text)
    try:
        composer.get_single_node()
    finally:
        composer.dispose()


def _reader_problem(text: str, exc: yaml.YAMLError) -> FileProblem:
    position = getattr(exc, "position", 0)
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    character = getattr(exc, "character", 0)  # PyYAML gives the code point as an int
    return FileProblem(line, col, "control_character", {"codepoint": f"U+{character:04X}"})


def comments_after_values(root: Node, text: str) -> list[FileProblem]:
    """A warning at every `` #`` comment that follows an unquoted value on its line.

    registry.md "Nothing wrong is published silently": in ``address: Số 1 Phạm Hùng #2`` YAML
    reads `` #2`` as a comment, so the page would say "Số 1 Phạm Hùng". Only the text shows
    this, not the value. A quoted value cannot be cut, and ``contacts:  # …`` comments a key.
    """
    found = []
    for key, node in _values(root, "registry"):
        if node.style is not None or not node.value:  # quoted, or empty: nothing to cut
            continue
        comment = _comment_after(node, text)
        if comment is not None:
            column, comment_text = comment
            value = nfc(node.value)
            args = {"key": nfc(key), "value": value, "comment": comment_text,
                    "quoted": _double_quoted(f"{value} {comment_text}")}
            found.append(FileProblem(node.end_mark.line + 1, column, "comment_cuts_value", args,
                                     "warning"))
    return found


def _comment_after(node: ScalarNode, text: str) -> tuple[int, str] | None:
    """The 1-based column and text of a comment on the line where ``node`` ends, if any."""
    end = node.end_mark
    line_break = _LINE_BREAK.search(text, end.index)
    rest = text[end.index : line_break.start() if line_break else len(text)]
    comment = rest.lstrip(" \t")
    if not comment.startswith("#"):
        return None
    return end.column + len(rest) - len(comment) + 1, nfc(comment.rstrip())


def _values(node: Node, key: str) -> Iterator[tuple[str, ScalarNode]]:
    """Every scalar value below ``node`` (not the keys), with the key it is the value of."""
    if isinstance(node, ScalarNode):
        yield key, node
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _values(item, key)
    elif isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, ScalarNode) else key
            yield from _values(value_node, name)


def _double_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, for a message to show the fix."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def position(node: Node) -> tuple[int, int]:
    """The 1-based line and column where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def cell(node: Node) -> str:
    """The spreadsheet cell ``node`` was read from (``'Danh bạ'!D14``), or "" for YAML."""
    return getattr(node.start_mark, "cell", "")


def is_scalar(node: Node) -> bool:
    """True for a single value (as opposed to a list or mapping)."""
    return isinstance(node, ScalarNode)


def is_mapping(node: Node) -> bool:
    """True for a ``key: value`` mapping."""
    return isinstance(node, MappingNode)


def is_sequence(node: Node) -> bool:
    """True for a ``- item`` list (block or flow style)."""
    return isinstance(node, SequenceNode)
