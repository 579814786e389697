"""Every operator against matching and non-matching events, and the patterns AWS rejects.

The cases live in tests/data/patterns/ and come from the EventBridge user guide and the
aws/event-ruler README (the engine behind EventBridge); each case names its source.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventsmith.patterns import (
    Pattern,
    PatternError,
    RuleSet,
    compile_matcher,
    explain,
    parse_pattern,
)

DATA = Path(__file__).parents[1] / "data" / "patterns"
MATCHING = json.loads((DATA / "matching.json").read_text())
INVALID = json.loads((DATA / "invalid.json").read_text())


def _cases(kind: str) -> list[Any]:
    return [
        pytest.param(case["pattern"], event, id=f"{case['name']}#{index}")
        for case in MATCHING
        for index, event in enumerate(case[kind])
    ]


def _compiled(source: Any) -> Pattern:
    pattern = parse_pattern(source)
    assert isinstance(pattern, Pattern), pattern
    return pattern


@pytest.mark.parametrize(("source", "event"), _cases("match"))
def test_event_matches(source: Any, event: dict[str, Any]) -> None:
    pattern = _compiled(source)
    assert compile_matcher(pattern)(event) is True
    assert explain(pattern, event) == ()
    assert RuleSet({"rule": pattern}).matching(event) == ["rule"]


@pytest.mark.parametrize(("source", "event"), _cases("no_match"))
def test_event_does_not_match(source: Any, event: dict[str, Any]) -> None:
    pattern = _compiled(source)
    assert compile_matcher(pattern)(event) is False
    assert explain(pattern, event) != ()
    assert RuleSet({"rule": pattern}).matching(event) == []


@pytest.mark.parametrize(
    "case", INVALID, ids=[json.dumps(case["pattern"])[:60] for case in INVALID]
)
def test_invalid_pattern_is_rejected_with_path(case: dict[str, Any]) -> None:
    error = parse_pattern(case["pattern"])
    assert isinstance(error, PatternError)
    assert (error.location, error.message) == (case["path"], case["message"])


@pytest.mark.parametrize("case", INVALID[:5])
def test_invalid_pattern_text_is_rejected_too(case: dict[str, Any]) -> None:
    assert isinstance(parse_pattern(json.dumps(case["pattern"])), PatternError)


def test_pattern_that_is_not_json_is_an_error_not_an_exception() -> None:
    error = parse_pattern('{"source": [')
    assert isinstance(error, PatternError)
    assert error.message.startswith("Filter is not valid JSON")


def test_error_text_names_the_path_first() -> None:
    error = parse_pattern({"detail": {"state": []}})
    assert str(error) == (
        "$.detail.state: Event pattern is not valid. Reason: Empty arrays are not allowed"
    )


def test_odd_keys_are_quoted_in_paths() -> None:
    error = parse_pattern({"detail": {"a.b c": []}})
    assert isinstance(error, PatternError)
    assert error.location == "$.detail['a.b c']"


def test_every_documented_operator_is_accepted() -> None:
    pattern = parse_pattern(
        {
            "a": ["x", 1, True, None, ""],
            "b": [{"prefix": "p"}, {"prefix": {"equals-ignore-case": "p"}}],
            "c": [{"suffix": "s"}, {"suffix": {"equals-ignore-case": "s"}}],
            "d": [{"equals-ignore-case": "e"}, {"wildcard": "w*"}, {"cidr": "::1/127"}],
            "e": [{"numeric": ["=", 5]}, {"numeric": [">=", 1, "<", 2]}, {"exists": True}],
            "f": [
                {"anything-but": "x"},
                {"anything-but": [1, 2]},
                {"anything-but": {"prefix": "p"}},
                {"anything-but": {"suffix": "s"}},
                {"anything-but": {"equals-ignore-case": "e"}},
                {"anything-but": {"wildcard": ["a*", "b*"]}},
            ],
        }
    )
    assert isinstance(pattern, Pattern)


def test_deep_nesting_is_an_error_value_not_a_crash() -> None:
    pattern: dict[str, Any] = {"a": ["x"]}
    for _ in range(150):
        pattern = {"k": pattern}
    error = parse_pattern(pattern)
    assert isinstance(error, PatternError)
    assert error.message == "Pattern is nested more than 100 levels deep"


def test_arrays_nested_deeper_than_the_recursion_limit_are_crushed() -> None:
    deepest: list[Any] = ["x"]
    value = deepest
    for _ in range(3000):
        value = [value]
    pattern = _compiled({"a": ["x"], "b": {"c": [{"exists": False}]}})
    event = {"a": value, "b": value}
    assert compile_matcher(pattern)(event) is True
    assert RuleSet({"r": pattern}).matching(event) == ["r"]
    assert explain(pattern, event) == ()


def test_dict_and_list_subclasses_in_events_are_objects_and_arrays() -> None:
    from collections import OrderedDict

    class Tagged(list[Any]):
        pass

    pattern = _compiled({"detail": {"state": ["running"], "n": [{"numeric": [">", 1]}]}})
    event = {"detail": OrderedDict(state=Tagged(["stopped", "running"]), n=2)}
    assert compile_matcher(pattern)(event) is True
    assert compile_matcher(pattern, generated=False)(event) is True
    assert RuleSet({"r": pattern}).matching(event) == ["r"]
    assert explain(pattern, event) == ()
