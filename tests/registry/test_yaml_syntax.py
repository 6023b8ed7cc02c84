"""YAML syntax errors in words, at the line of the mistake (registry.md "Nothing wrong is
published silently"); the golden cases yaml_*.yaml hold the exact messages."""

from __future__ import annotations

import pytest

from qrdir.messages import format_problem
from qrdir.registry.validate import parse_registry
from qrdir.registry.yaml_syntax import tabs_problem

HEAD = "directory:\n  name: Phường Long Hoa\n  base_url: https://longhoa.example.vn/\nsites:\n"
SITE = "  - id: {id}\n    name: {name}\n    kind: ward_office\n    address: Số 1\n"

# PyYAML's own words: none may reach a ward clerk.
PYYAML_WORDS = ("mapping values", "block end", "block mapping", "expected", "while scanning",
                "while parsing", "found character", "could not find", "stream", "token")

BROKEN = {
    "unclosed double quote": HEAD + SITE.format(id="a", name='"UBND'),
    "unclosed single quote": HEAD + SITE.format(id="a", name="'UBND") + SITE.format(
        id="b", name="'Trạm'"),
    "no space after colon": HEAD + SITE.format(id="a", name="UBND").replace("name: ", "name:"),
    "no colon": HEAD + SITE.format(id="a", name="UBND").replace("name: ", "name "),
    "colon in value": HEAD + SITE.format(id="a", name="UBND: phường"),
    "value starts with @": HEAD + SITE.format(id="a", name="@UBND"),
    "value starts with backquote": HEAD + SITE.format(id="a", name="`UBND`"),
    "indented less": HEAD + SITE.format(id="a", name="UBND").replace("    kind", "   kind"),
    "indented more": HEAD + SITE.format(id="a", name="UBND").replace("    kind", "      kind"),
    "item at the wrong level": HEAD + SITE.format(id="a", name="A") + "    - id: b\n",
    "item less indented": HEAD + SITE.format(id="a", name="A") + " - id: b\n",
    "unclosed flow mapping": HEAD + "  - {id: a, name: A\n  - id: b\n",
    "unclosed flow list": HEAD + SITE.format(id="a", name="A") + "    services: [a, b\n",
    "tab after a key": HEAD + "  - id:\ta\n\t\n",
    "percent": HEAD + "  - id: a\n    %name: A\n",
}


@pytest.mark.parametrize("case", sorted(BROKEN))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_pyyaml_english_reaches_the_user(case, lang):
    registry, problems = parse_registry(BROKEN[case].encode())
    assert registry is None and len(problems) == 1
    text = format_problem(problems[0], lang).split(": error: ", 1)[1]
    assert not [word for word in PYYAML_WORDS if word in text], text


def test_the_unclosed_quote_is_reported_where_it_opens_not_where_yaml_notices():
    lines = [HEAD.rstrip("\n")] + [SITE.format(id=f"s{i}", name=f"Nơi {i}").rstrip("\n")
                                   for i in range(3)]
    text = "\n".join(lines).split("\n")
    text[6] = '    name: "Nơi 0'  # opened on line 7; the next quote is on a later line
    text.append('    note: "Có chỗ gửi xe"')
    _, problems = parse_registry(("\n".join(text) + "\n").encode())
    assert [(p.line, p.col, p.code) for p in problems] == [(7, 11, "yaml_unclosed_quote")]


def test_a_value_quoted_over_two_lines_is_not_blamed_for_a_later_mistake():
    # A quoted value may go on over lines; the mistake is the ": " in the later note.
    text = HEAD + '  - id: a\n    name: "UBND phường\n      Long Hoa"\n    kind: ward_office\n' \
        "    note: Giờ: 7h\n"
    _, problems = parse_registry(text.encode())
    assert [(p.line, p.code) for p in problems] == [(9, "yaml_colon_in_value")]


def test_tab_lines_are_listed_in_ranges_and_the_rest_counted():
    lines = [3, 4, 7, 8, 9, 10, 11, 12, 20, 30, 40, 50, 60] + list(range(100, 325))
    line, col, code, args = tabs_problem(lines)
    assert (line, col, code) == (3, 1, "yaml_tabs_more")
    assert args == {"lines": "3, 4, 7–12, 20, 30, 40", "more": 227, "count": len(lines)}


def test_a_registry_indented_with_tabs_gets_one_message_for_every_line():
    text = "directory:\n\tname: A\n\tbase_url: https://a.example.vn/\nsites:\n" + "".join(
        f"\t- id: s{i}\n\t  name: N{i}\n" for i in range(115))
    _, problems = parse_registry(text.encode())
    assert len(problems) == 1
    assert format_problem(problems[0], "en") == (
        "sites.yaml:2:1: error: lines 2, 3, 5–234 are indented with Tab; YAML accepts only "
        "spaces: replace each Tab at the start of a line with spaces (editors usually have a "
        "command that converts tabs)")
