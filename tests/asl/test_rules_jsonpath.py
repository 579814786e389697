"""JSONPath syntax (Jayway, as Step Functions reads it), paths versus reference paths."""

from __future__ import annotations

import pytest

from eventsmith.asl.rules._jsonpath import path_problem

VALID = [
    "$",
    "$.a",
    "$.a.b",
    "$['a b']",
    '$["a"]',
    "$.a[0]",
    "$.a[-1]",
    "$.détail.naïve",
    "$$.Execution.Id",
    "$$.Map.Item.Value",
    "$$.Task.Token",
    "$customer",
    "$customer.address[0].city",
]
MANY = ["$.a[*]", "$..name", "$.*", "$.a[0:2]", "$.a[0,1]", "$.a[?(@.price > 10)]", "$.a['b','c']"]
INVALID = [
    ("", 0),
    ("a.b", 0),
    ("$.", 1),
    ("$.a[", 3),
    ("$.a[b]", 3),
    ("$.a]", 3),
    ("$ .a", 1),
    ("$.a[?(@.x]", 3),
]


@pytest.mark.parametrize("text", VALID + MANY)
def test_valid_paths(text: str) -> None:
    assert path_problem(text) is None


@pytest.mark.parametrize("text", VALID)
def test_valid_reference_paths(text: str) -> None:
    assert path_problem(text, reference=True) is None


@pytest.mark.parametrize("text", MANY)
def test_paths_selecting_many_values_are_not_reference_paths(text: str) -> None:
    problem = path_problem(text, reference=True)
    assert problem is not None and problem.code == "ASL602"


@pytest.mark.parametrize(("text", "offset"), INVALID)
def test_invalid_paths_point_at_the_problem(text: str, offset: int) -> None:
    problem = path_problem(text)
    assert problem is not None and problem.code == "ASL601"
    assert problem.offset == offset


@pytest.mark.parametrize("text", ["$$.Execution.Id", "$customer", "$customer.id"])
def test_result_path_writes_only_into_the_input(text: str) -> None:
    problem = path_problem(text, reference=True, input_only=True)
    assert problem is not None and problem.code == "ASL602"
    assert path_problem("$.result", reference=True, input_only=True) is None


def test_an_escaped_quote_does_not_close_a_bracket_name() -> None:
    assert path_problem("$['it\\'s']") is None
    assert path_problem("$['it\\']") is not None
