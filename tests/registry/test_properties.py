"""Property tests: no input ever produces a traceback or a hang; normalisers are idempotent."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from qrdir.messages import format_problem
from qrdir.registry import schema
from qrdir.registry.model import Phone
from qrdir.registry.phones import parse_phone
from qrdir.registry.reader import read_yaml
from qrdir.registry.text import fold
from qrdir.registry.validate import ID_PATTERN, derive_id, parse_registry
from qrdir.sheets.cell_values import phone_numbers
from tests.registry.test_reader import HEAD, site_yaml

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ALL_KEYS = sorted(
    {f.key for group in (schema.TOP_LEVEL, schema.DIRECTORY, schema.SITE, schema.CONTACT,
                         schema.HOTLINE, schema.RETIRED, schema.POSITION) for f in group}
)
scalars = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.dates(),
    st.sampled_from(["0913 456 789", "113", "mon-fri", "07:00-11:30", "ward_office", "có",
                     "11.2991, 106.1372", "https://x.vn/", "closed", "sat-mon"]),
)
keys = st.one_of(st.sampled_from(ALL_KEYS), st.text(max_size=8))
documents = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(keys, children, max_size=6)),
    max_leaves=40,
)


def assert_reported(data: bytes) -> None:
    """Loading either succeeds or returns problems every one of which formats in both languages,
    naming the key when it is about one (issue 13: the clerk must know which line to fix)."""
    registry, problems = parse_registry(data, "x.yaml")
    assert registry is not None or any(p.is_error for p in problems)
    for problem in problems:
        for lang in ("vi", "en"):
            prefix = f"x.yaml:{problem.line}:{problem.col}: "
            text = format_problem(problem, lang)
            assert text.startswith(prefix)
            assert str(problem.args.get("key", "")) in text


@FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data: bytes):
    assert_reported(data)


@FAST
@given(documents)
def test_arbitrary_yaml_never_raises(document):
    assert_reported(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))


@FAST
@given(st.fixed_dictionaries({"directory": documents, "sites": st.lists(
    st.dictionaries(st.sampled_from([f.key for f in schema.SITE]), documents, max_size=8),
    max_size=3)}))
def test_registry_shaped_yaml_never_raises(document):
    assert_reported(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))


# Valid Vietnamese numbers, built digit by digit, each with its grouping as registry.md displays
# it: current mobile network codes; landlines of a three-digit area code (Tây Ninh 0276, Đà Nẵng
# 0236 …) and of Hà Nội 024 and Hồ Chí Minh City 028 (eight-digit subscribers); 1800/1900
# service numbers; the short public numbers.
MOBILE_CODES = ["032", "033", "034", "035", "036", "037", "038", "039", "056", "058", "059",
                "070", "076", "077", "078", "079", "081", "082", "083", "084", "085", "086",
                "088", "090", "091", "092", "093", "094", "096", "097", "098"]
AREA_CODES = ["0206", "0225", "0236", "0251", "0254", "0263", "0276", "0292", "0297"]


def _digits(count: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=count, max_size=count)


def _grouped(national: str, *sizes: int) -> str:
    groups, start = [], 0
    for size in (*sizes, len(national)):
        groups.append(national[start : start + size])
        start += size
    return " ".join(g for g in groups if g)


MOBILES = st.builds(lambda code, rest: _grouped(code + rest, 4, 3), st.sampled_from(MOBILE_CODES),
                    _digits(7))
LANDLINES = st.one_of(
    st.builds(lambda code, rest: _grouped(code + rest, 4, 4), st.sampled_from(AREA_CODES),
              _digits(7)),
    st.builds(lambda code, first, rest: _grouped(code + first + rest, 3, 4),
              st.sampled_from(["024", "028"]), st.sampled_from("367"), _digits(7)),
)
SERVICE = st.builds(lambda code, rest: f"{code} {rest}", st.sampled_from(["1800", "1900"]),
                    st.integers(4, 6).flatmap(_digits))
SHORT = st.sampled_from(["111", "112", "113", "114", "115"])


def _styles(display: str) -> list[str]:
    """Every way registry.md accepts of writing the number ``display`` shows."""
    national = display.replace(" ", "")
    first, _, rest = display.partition(" ")
    styles = [display, national, display.replace(" ", "."), display.replace(" ", "-")]
    if national.startswith("0"):  # dialable from abroad: +84 and 84 drop the leading 0
        styles += [f"({first}) {rest}", f"+84 {display[1:]}", f"+84{national[1:]}",
                   f"84{national[1:]}"]
    return styles


WRITTEN_NUMBERS = st.one_of(MOBILES, LANDLINES, SERVICE, SHORT).flatmap(
    lambda display: st.tuples(st.just(display), st.sampled_from(_styles(display))))


@FAST
@given(WRITTEN_NUMBERS)
def test_every_valid_number_in_every_style_reads_back_as_written(number):
    # Every example is a valid number, so every one reaches the checks: none may be refused.
    display, written = number
    national = display.replace(" ", "")
    abroad = national.startswith("0")  # mobiles and landlines; 1800/1900 and 11x only at home
    phone = parse_phone(written)
    assert phone == Phone(e164="+84" + national[1:] if abroad else national, national=national,
                          display=display, domestic_only=not abroad)
    assert parse_phone(phone.display) == phone
    assert parse_phone(phone.e164) == phone


@FAST
@given(st.text(max_size=120))
def test_id_derivation_is_ascii_and_idempotent(name: str):
    site_id = derive_id(name)
    if site_id:
        assert ID_PATTERN.fullmatch(site_id) and len(site_id) <= 64
        assert derive_id(site_id) == site_id


@FAST
@given(st.text(max_size=60))
def test_fold_is_idempotent_and_mark_free(text: str):
    folded = fold(text)
    assert fold(folded) == folded
    assert not any(ch in folded for ch in "ăâđêôơưáàảãạ")


# What ward staff type in a value: Vietnamese letters, digits, punctuation, spaces and #.
TYPED = st.text(alphabet=st.sampled_from(list("aăđêơư AĐ019.,;/()-'\"!?#\\\t")), max_size=30)
# ... often with a " #" in it, which a plain YAML value cannot hold.
WITH_HASH = st.builds(lambda head, gap, tail: head + gap + "#" + tail,
                      TYPED, st.sampled_from([" ", "  ", "\t", " \t"]), TYPED)


@FAST
@given(st.one_of(TYPED, WITH_HASH))
def test_an_unquoted_value_warns_exactly_when_a_comment_cuts_it(typed: str):
    assume(not typed.lstrip(" \t").startswith("!"))  # a leading "!" is a YAML tag, not text
    line = "note: " + typed
    root, problems = read_yaml(line.encode("utf-8"))
    assume(root is not None and root.value and root.value[0][1].style is None)  # plain YAML
    cuts = [p for p in problems if p.code == "comment_cuts_value"]
    hashes = [i for i in range(5, len(line)) if line[i] == "#" and line[i - 1] in " \t"]
    kept = line[6 : hashes[0]].strip(" \t") if hashes else ""
    if not kept:  # no " #", or one that comments out the whole value: nothing is cut
        assert cuts == []
        return
    (cut,) = cuts
    assert (cut.line, cut.col, cut.severity) == (1, hashes[0] + 1, "warning")
    assert cut.args["value"] == root.value[0][1].value == kept
    # The fix the message suggests really keeps the whole text, and no longer warns.
    fixed_root, fixed_problems = read_yaml(f"note: {cut.args['quoted']}".encode())
    assert fixed_problems == []
    assert fixed_root.value[0][1].value == kept + " " + line[hashes[0]:].rstrip(" \t")


BARE_NUMBERS = st.from_regex(r"\A[+-]?[0-9]{1,4}([ .,][0-9]{3}){0,3}\Z")
YES_NO = st.builds(lambda word, case: case(word),
                   st.sampled_from(["true", "false", "yes", "no", "on", "off", "có", "không"]),
                   st.sampled_from([str.lower, str.upper, str.title]))


@FAST
@given(st.one_of(BARE_NUMBERS, YES_NO), st.sampled_from(["name", "address", "note"]),
       st.sampled_from(["{}", '"{}"']))
def test_a_bare_number_or_yes_no_word_is_refused_as_typed(typed: str, key: str, quoting: str):
    registry, problems = parse_registry((HEAD + site_yaml(**{key: quoting.format(typed)})).encode())
    assert registry is None
    assert [(p.code in ("text_only_number", "text_only_yes_no"), p.args) for p in problems] == [
        (True, {"key": key, "value": typed})]
    # The same with words around it is what the clerk should write, and is accepted.
    registry, _ = parse_registry((HEAD + site_yaml(**{key: f"Khu phố {typed}"})).encode())
    assert getattr(registry.sites[0], key) == f"Khu phố {typed}"


# Mobiles, and landlines of Tây Ninh (0276 + 7 digits) and Hà Nội (024 + 8 digits).
NUMBERS = st.sampled_from([("091", 7), ("098", 7), ("090", 7), ("037", 7), ("070", 7),
                           ("0276 3", 6), ("024 3", 7)]).flatmap(
    lambda prefix: st.text("0123456789", min_size=prefix[1], max_size=prefix[1]).map(
        lambda digits: prefix[0] + digits))


@FAST
@given(st.lists(NUMBERS, min_size=1, max_size=4),
       st.sampled_from([" / ", " - ", "; ", ", ", "\n", " hoặc "]))
def test_a_phone_cell_keeps_every_number_it_holds(numbers, separator):
    # import.md: a cell holding several phones keeps them all, in order, never one lost.
    assert phone_numbers(separator.join(numbers)) == [parse_phone(n).display for n in numbers]
