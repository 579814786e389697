"""JSONPath syntax (Jayway, as Step Functions reads it), paths versus reference paths."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventsmith.asl.rules._jsonpath import path_problem

# Each form of Jayway's grammar (docs/asl.md, "JSONPath"), accepted ...
VALID = [
    "$",
    "$.a",
    "$.a.b",
    "$['a b']",
    '$["a"]',
    "$['a']['b']",
    "$.a[0]",
    "$.a[-1]",
    "$.a[ 0 ]",
    "$.[0]",  # a dot before a bracket (AWS samples: "$.[0]", "$.Snapshots.[0].State")
    "$.Snapshots.[0].State",
    "$.a.['b']",
    "$[0]",
    "$.détail.naïve",
    "$.a-b:c",
    "$$.Execution.Id",
    "$$.Map.Item.Value",
    "$$.Task.Token",
    "$customer",
    "$customer.address[0].city",
    "$['it\\'s']",
]
MANY = [
    "$.a[*]",
    "$[*]",
    "$.[*].['bucket', 'key']",
    "$..name",
    "$..[0]",
    "$..*",
    "$.*",
    "$.*.a",
    "$.a[0:2]",
    "$.a[1:]",
    "$.a[:-1]",
    "$.a[-2:]",
    "$.a[0,1]",
    "$.a[0, 1, 2]",
    "$.a['b','c']",
    '$.a["b", "c"]',
    "$.a[?(@.price > 10)]",
    "$.[?(@.OU > 0)]",
    "$.a[?(@.x)]",
    "$.a[?(!@.x)]",
    "$.a[?(@.x == 'a' && @.y <= 3 || @.z != null)]",
    "$.a[?((@.x > 1) && (@.y < 2))]",
    "$.a[?(@.x in ['a', 'b'])]",
    "$.a[?(@.x nin [1, 2])]",
    "$.a[?(@.name =~ /^A.*/i)]",
    "$.a[?(@.tags contains 'x')]",
    "$.a[?(@.list size 2)]",
    "$.a[?(@.list empty true)]",
    "$.a[?(@.x == $.limit)]",
    "$.a[?(@['b c'] == 1)]",
    "$.a[?(@.items.length() > 1)]",
    "$.a.length()",
    "$.length()",
    "$.a.min()",
    "$.a.sum()",
    "$.a.keys()",
]
# ... and refused where Jayway refuses it: (text, offset of the problem).
INVALID = [
    ("", 0),
    ("a.b", 0),
    ("$.", 1),
    ("$..", 2),
    ("$...a", 3),
    ("$.a.", 3),
    ("$.a[", 3),
    ("$.a[b]", 3),
    ("$.a[(@.length-1)]", 3),  # script expressions: Jayway has none
    ("$.a[:]", 3),
    ("$.a[1,,2]", 3),
    ("$.a[1.5]", 3),
    ("$.a['b'", 3),
    ("$.a['b' 'c']", 8),
    ("$.a['b',]", 8),
    ("$ .a", 1),
    ("$a b", 2),
    ("$.a b", 3),
    ("$.a[?(@.x]", 3),
    ("$.a[?]", 3),
    ("$.a[?@.x]", 3),
    ("$.a[?(@.x = 1)]", 10),
    ("$.a[?(@.x ==)]", 12),
    ("$.a[?('x')]", 6),
    ("$.a[?(@.x == 'y)]", 3),
    ("$.a.length().b", 11),
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


def test_a_function_jayway_does_not_have_is_its_own_finding() -> None:
    problem = path_problem("$.a.count()")
    assert problem is not None and problem.code == "ASL612"
    assert (problem.offset, problem.length) == (4, 5)


def test_functions_are_not_reference_paths() -> None:
    problem = path_problem("$.a.length()", reference=True)
    assert problem is not None and problem.code == "ASL602"


def test_an_escaped_quote_does_not_close_a_bracket_name() -> None:
    assert path_problem("$['it\\'s']") is None
    assert path_problem("$['it\\']") is not None


def test_a_filter_nested_thousands_deep_is_refused_not_raised() -> None:
    depth = 5000
    problem = path_problem("$.a[?(" + "(" * depth + "@.x" + ")" * depth + ")]")
    assert problem is not None and problem.code == "ASL601"
    assert path_problem("$.a[?(((@.x > 1)))]") is None


_STEPS = st.sampled_from(
    [".name", ".[0]", "['a b']", "[0]", "[-1]", ".détail", "['x']['y']", ".a-b"]
)
_MANY_STEPS = st.sampled_from(
    ["[*]", ".*", "..name", "[0:2]", "[1, 2]", "['a', 'b']", "[?(@.n > 1)]", ".[?(@.s == 'x')]"]
)


@given(st.lists(_STEPS, max_size=6), st.sampled_from(["$", "$$", "$var"]))
def test_any_chain_of_definite_steps_is_a_reference_path(steps: list[str], root: str) -> None:
    path = root + "".join(steps)
    assert path_problem(path) is None
    assert path_problem(path, reference=True) is None


@given(st.lists(_STEPS, max_size=3), _MANY_STEPS, st.lists(_STEPS, max_size=3))
def test_one_step_selecting_many_makes_a_path_but_no_reference_path(
    before: list[str], many: str, after: list[str]
) -> None:
    path = "$" + "".join(before) + many + "".join(after)
    assert path_problem(path) is None
    problem = path_problem(path, reference=True)
    assert problem is not None and problem.code == "ASL602"
    assert path[problem.offset : problem.offset + problem.length].strip()


@given(st.text(max_size=40))
def test_any_text_gets_an_answer_without_raising(text: str) -> None:
    for reference in (False, True):
        problem = path_problem("$" + text, reference)
        if problem is not None:
            assert 0 <= problem.offset <= len(text) + 1
