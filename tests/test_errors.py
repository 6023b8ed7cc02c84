"""qrdir's errors cross process boundaries whole: a province's worker raises, the CLI reports."""

from __future__ import annotations

import pickle

import pytest

from qrdir.errors import BuildError, MessageError, RegistryError, UsageError
from qrdir.registry.model import Problem

PROBLEMS = [
    Problem("wards/a.yaml", 14, 12, "error", "bad_phone", {"value": "0913 45"}),
    Problem("wards/a.yaml", 40, 15, "warning", "outside_vietnam", {"value": "1.2991, 106.1372"}),
]


@pytest.mark.parametrize("error", [
    UsageError("file_missing", path="wards/c.yaml"),
    MessageError("ledger_damaged", path="wards/a.lock"),
    UsageError("lock_with_folder"),
])
def test_a_message_error_pickles_with_its_type_code_and_params(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (copy.code, copy.params, copy.args) == (error.code, error.params, error.args)


@pytest.mark.parametrize("kind", [RegistryError, BuildError])
def test_a_problems_error_pickles_with_its_type_and_every_problem(kind):
    copy = pickle.loads(pickle.dumps(kind(PROBLEMS)))
    assert type(copy) is kind
    assert copy.problems == PROBLEMS
    assert [p.args for p in copy.problems] == [p.args for p in PROBLEMS]  # not compared by ==
    assert str(copy) == "1 error(s)"
