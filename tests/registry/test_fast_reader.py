"""The fast reader (libyaml's parser) gives the tree the reference reader (PyYAML's pure-Python
scanner) gives, node for node and mark for mark, and leaves every refusal and error to it.

Reading a registry is a tenth of a cold build; libyaml reads it five times faster. A registry
must never mean something else because of which parser read it, so the two are compared here on
every registry in the repository, on generated provinces, and on random YAML-like text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import Node

from bench.generate import make_province, registry_text
from qrdir.registry import reader
from tests.conftest import REPO as REPO_ROOT

_SIGNIFICANT = list(":-#[]{},'\"|>&*!?%@` \t\n") + ["  ", "\n  ", "\n- ", ": ", " #", "Đ", "ệ",
                                                       "a", "1", "0913", "\r\n", "\u00a0", "\x07"]


def tree(node: Node) -> list[tuple]:
    """Every node of a tree with what qrdir reads of it: kind, tag, value, a scalar's style
    (quoted or plain) and both marks."""
    found = [(type(node).__name__, node.tag, node.value if isinstance(node.value, str) else None,
              getattr(node, "style", None),
              *(getattr(mark, name) for mark in (node.start_mark, node.end_mark)
                for name in ("line", "column", "index")))]
    if isinstance(node.value, list):
        for child in node.value:
            for part in child if isinstance(child, tuple) else (child,):
                found += tree(part)
    return found


def reference(text: str) -> tuple[list[tuple] | None, list[reader.FileProblem]] | str:
    """What the pure-Python reader makes of ``text``, or the name of the error it raises."""
    composer = reader._StrictComposer(text)
    try:
        root = composer.get_single_node()
    except Exception as exc:  # noqa: BLE001 - the kind of failure is what is compared
        return type(exc).__name__
    finally:
        composer.dispose()
    return (tree(root) if root is not None else None,
            composer.refusals + (reader.comments_after_values(root, text) if root else []))


def fast(text: str) -> tuple[list[tuple] | None, list[reader.FileProblem]] | None:
    read = reader._compose_fast(text)
    return None if read is None else (tree(read[0]), read[1])


def registries() -> list[Path]:
    return sorted(path for path in {*REPO_ROOT.glob("*.yaml"), *REPO_ROOT.glob("tests/**/*.yaml")}
                  if "node_modules" not in path.parts)


@pytest.mark.parametrize("path", registries(), ids=lambda path: str(path.relative_to(REPO_ROOT)))
def test_every_registry_in_the_repository_reads_the_same_with_either_parser(path: Path):
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: the reader stops before parsing")
    read = fast(text)
    assert read is None or read == reference(text)


def test_a_generated_province_reads_the_same_with_either_parser():
    for ward in make_province(sites=120, wards=6, seed=3):
        text = registry_text(ward)
        assert fast(text) == reference(text)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_SIGNIFICANT), max_size=60).map("".join))
def test_random_yaml_like_text_reads_the_same_or_goes_to_the_reference(text: str):
    read = fast(text)
    if read is not None:  # libyaml accepted it: the reference must agree, tree for tree
        assert read == reference(text)


def test_anchors_and_aliases_are_refused_by_the_fast_reader_too():
    text = "a: &x 1\nb: *x\n"
    root, problems = reader._compose_fast(text)
    assert [(p.line, p.col, p.code) for p in problems] == [
        (1, 4, "alias_refused"), (2, 4, "alias_refused")]
    assert (tree(root), problems) == reference(text)


@pytest.mark.parametrize("text", [
    "a: [1, 2\n", "a:\n\t- b\n", "a: \x07\n", "- a\nb: c\n", "[" * 30 + "]" * 30 + "\n",
    "c: !!python/object 3\n", "a: |#c\n  t\n", "a: b", "a: \ufeffb\n"])
def test_text_with_a_problem_is_left_to_the_reference_reader(text: str):
    assert reader._compose_fast(text) is None
