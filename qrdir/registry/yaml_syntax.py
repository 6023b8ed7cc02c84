"""A YAML syntax error → where the mistake is, and its usual fix, in words (registry.md
"Nothing wrong is published silently").

PyYAML says where it noticed a problem, in its own English (``mapping values are not allowed
here``, ``expected <block end>, but found '<scalar>'``), often lines after the mistake: a quote
left open on line 22 is noticed at line 29. This module reads the error and the text together
and names the line a person must change: the quote that opens and never closes, the key without
``: ``, the value that needs quotes, the line indented differently from its neighbours. None of
PyYAML's words reach the user; each result is a message code of :mod:`qrdir.messages`.

It also finds every tab-indented line in one pass, so a file indented with tabs gets one
message listing them all, not one run per line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

# (line, column, code, args): 1-based, as reader.FileProblem takes them.
Found = tuple[int, int, str, dict]

_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_SHOWN_RANGES = 6  # "lines 3, 4, 7–12 … and 225 more": enough to find them, not a wall
# A value that opens a quote: after optional "- " and an optional "key: ".
_QUOTED_VALUE = re.compile(r"^(\s*(?:-\s+)*(?:[^\s\"'#:{}\[\]][^#:]*?:\s+)?)([\"'])(.*)$")
_KEY_WITHOUT_SPACE = re.compile(r"^\s*(?:-\s+)*([A-Za-z_][A-Za-z0-9_]*):(?=[^\s/])")
_KEY_AND_VALUE = re.compile(r"^\s*(?:-\s+)*[^\s#:][^#:]*?:\s+")


def tab_lines(text: str) -> list[int]:
    """The 1-based numbers of every line whose indentation holds a tab."""
    return [text.count("\n", 0, match.start()) + 1 for match in _TAB_INDENT.finditer(text)]


def tabs_problem(lines: list[int]) -> Found:
    """One problem for all tab-indented lines, at the first of them."""
    ranges = _ranges(lines)
    shown = ", ".join(ranges[:_SHOWN_RANGES])
    more = sum(_range_size(r) for r in ranges[_SHOWN_RANGES:])
    if more:
        return lines[0], 1, "yaml_tabs_more", {"lines": shown, "more": more,
                                               "count": len(lines)}
    return lines[0], 1, "yaml_tabs", {"lines": shown, "count": len(lines)}


def _ranges(lines: list[int]) -> list[str]:
    """[3, 4, 7, 8, 9] → ["3", "4", "7–9"]: runs of three or more lines as one range."""
    runs: list[list[int]] = []
    for line in lines:
        if runs and line == runs[-1][-1] + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    shown = []
    for run in runs:
        if len(run) >= 3:
            shown.append(f"{run[0]}–{run[-1]}")
        else:
            shown.extend(str(line) for line in run)
    return shown


def _range_size(shown: str) -> int:
    first, _, last = shown.partition("–")
    return int(last) - int(first) + 1 if last else 1


def explain(exc: yaml.MarkedYAMLError, text: str, parse: Callable[[str], object]) -> Found:
    """Where the mistake behind ``exc`` is, and which message explains it.

    ``parse`` parses a text (raising :class:`yaml.MarkedYAMLError`): an open quote is confirmed
    by closing it and parsing again.
    """
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.split("\n")
    quote = _open_quote(lines, line, exc, parse)
    if quote is not None:
        return quote
    if "'\\t'" in problem:  # a tab where a token starts, past the indentation
        return tabs_problem([line])
    if "cannot start any token" in problem:
        character = problem.split("'")[1] if problem.count("'") >= 2 else ""
        if character in ("@", "`"):
            return line, col, "yaml_reserved_start", {"character": character}
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        return _missing_colon(lines, exc.context_mark.line + 1)
    if "mapping values are not allowed" in problem:
        return _colon_in_value(lines, line, col)
    opening = _character_at(lines, exc.context_mark)
    if "flow" in context and opening in ("{", "["):
        return (exc.context_mark.line + 1, exc.context_mark.column + 1, "yaml_unclosed_bracket",
                {"opening": opening, "closing": "}" if opening == "{" else "]"})
    if "expected <block end>" in problem:
        if "'-'" in problem or "<block sequence start>" in problem:
            return line, col, "yaml_list_item_level", {}
        return _indentation(lines, line)
    return line, col, "yaml_syntax_plain", {}


def _character_at(lines: list[str], mark: yaml.Mark | None) -> str:
    if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def _open_quote(lines: list[str], error_line: int, exc: yaml.MarkedYAMLError,
                parse: Callable[[str], object]) -> Found | None:
    """The first quote opened before the error and not closed on its line, if closing it there
    lets the parser read further (a legitimate value over several lines does not)."""
    for index in range(min(error_line, len(lines))):
        match = _QUOTED_VALUE.match(lines[index])
        if match is None or _closes(match[2], match[3]):
            continue
        mended = lines[:index] + [lines[index].rstrip() + match[2]] + lines[index + 1:]
        try:
            parse("\n".join(mended))
        except yaml.MarkedYAMLError as again:
            mark = again.problem_mark or again.context_mark
            if mark is None or mark.line + 1 <= error_line:
                continue
        except yaml.YAMLError:
            continue
        return index + 1, len(match[1]) + 1, "yaml_unclosed_quote", {"quote": match[2]}
    return None


def _closes(quote: str, rest: str) -> bool:
    """Whether ``rest`` (the text after an opening quote) holds its closing quote."""
    if quote == '"':
        return re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
    return re.search(r"'(?!')", rest.replace("''", "")) is not None


def _missing_colon(lines: list[str], line: int) -> Found:
    """A key PyYAML could not finish: ``name:UBND`` (no space) or ``name UBND`` (no colon)."""
    text = lines[line - 1] if line <= len(lines) else ""
    indent = len(text) - len(text.lstrip(" -"))
    written = _KEY_WITHOUT_SPACE.match(text)
    if written:
        return line, written.end(1) + 2, "yaml_colon_space", {"key": written[1]}
    return line, indent + 1, "yaml_missing_colon", {"text": text.strip(" -")}


def _colon_in_value(lines: list[str], line: int, col: int) -> Found:
    """``name: UBND: phường`` (a ': ' inside a value), or a line indented under a value."""
    text = lines[line - 1] if line <= len(lines) else ""
    key = _KEY_AND_VALUE.match(text)
    if key and key.end() < col:
        value = text[key.end():].strip()
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        name = text[: key.end()].strip(" -").rstrip(": ")
        return line, key.end() + 1, "yaml_colon_in_value", {"key": name, "quoted": quoted}
    return _indentation(lines, line)


def _indentation(lines: list[str], line: int) -> Found:
    """A line indented differently from the lines above it: say by how many spaces."""
    text = lines[line - 1] if line <= len(lines) else ""
    spaces = len(text) - len(text.lstrip(" -"))
    above = next((len(t) - len(t.lstrip(" -")) for t in reversed(lines[: line - 1])
                  if t.strip() and not t.lstrip().startswith("#")), 0)
    return line, spaces + 1, "yaml_indentation", {"spaces": spaces, "above": above}
