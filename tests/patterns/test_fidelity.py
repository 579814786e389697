"""AWS's flattening of dotted keys on both sides, its wildcard complexity limit and its
pattern size limit (issue 11)."""

from __future__ import annotations

import json

import pytest

from eventsmith.patterns import (
    PatternError,
    RuleSet,
    check_against_schema,
    compile_matcher,
    explain,
    parse_pattern,
)
from eventsmith.patterns._complexity import wildcard_complexity

SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {
            "type": "object",
            "properties": {
                "state": {"type": "object", "properties": {"status": {"type": "string"}}},
                "x.y": {"type": "number"},
            },
        }
    },
}


def _pattern(source: dict) -> object:
    pattern = parse_pattern(source)
    assert not isinstance(pattern, PatternError), pattern
    return pattern


@pytest.mark.parametrize(
    "source",
    [{"detail": {"state.status": ["running"]}}, {"detail": {"state": {"status": ["running"]}}}],
)
@pytest.mark.parametrize(
    "event",
    [{"detail": {"state": {"status": "running"}}}, {"detail": {"state.status": "running"}}],
)
def test_dotted_and_nested_spellings_are_one_field(source: dict, event: dict) -> None:
    pattern = _pattern(source)
    assert compile_matcher(pattern)(event)
    assert compile_matcher(pattern, generated=False)(event)
    assert RuleSet({"r": pattern}).matching(event) == ["r"]
    assert explain(pattern, event) == ()


def test_explanations_name_the_flattened_field() -> None:
    pattern = _pattern({"detail": {"state.status": ["running"]}})
    for event in ({"detail": {"state": {"status": "off"}}}, {"detail": {"state.status": "off"}}):
        (reason,) = explain(pattern, event)
        assert reason.text == 'detail.state.status: expected ["running"], got "off"'


def test_schema_checks_flatten_both_sides() -> None:
    ok = [{"detail": {"state.status": ["a"]}}, {"detail": {"x": {"y": [1]}}}]
    for source in ok:
        assert check_against_schema(_pattern(source), SCHEMA) == ()
    (typo,) = check_against_schema(_pattern({"detail": {"state.stat": ["a"]}}), SCHEMA)
    assert 'Field "detail.state.stat" is not in the schema' in typo.message
    (wrong,) = check_against_schema(_pattern({"detail": {"x": {"y": ["a"]}}}), SCHEMA)
    assert "it is a number in the schema" in wrong.message


def test_an_event_without_dotted_keys_is_not_copied() -> None:
    from eventsmith.patterns._match import expand_dotted

    event = {"detail": {"a": [{"b": 1}]}}
    assert expand_dotted(event) is event
    assert expand_dotted({"a.b": 1, "a": {"c": 2}}) == {"a": {"c": 2, "b": 1}}
    assert expand_dotted({"a.b": 1, "a": {"b": 2}}) == {"a": {"b": [1, 2]}}


@pytest.mark.parametrize(
    ("patterns", "complexity"),
    # event-ruler's own MachineComplexityEvaluator test expectations.
    [(["*"], 1), (["*a*a*a*"], 7), (["1*2345"], 2), (["*123"], 2), (["abc"], 1)],
)
def test_wildcard_complexity_follows_event_ruler(patterns: list[str], complexity: int) -> None:
    assert wildcard_complexity(patterns) == complexity


def test_the_aws_refused_wildcard_is_too_complex() -> None:
    error = parse_pattern({"EventBusArn": [{"wildcard": "*:*:*:*:*:event-bus/*"}]})
    assert isinstance(error, PatternError)
    assert error.message.startswith("Rule is too complex - try using fewer wildcard characters")
    accepted = parse_pattern({"EventBusArn": [{"wildcard": "arn:aws:events:*:*:event-bus/*"}]})
    assert not isinstance(accepted, PatternError)


def test_patterns_longer_than_putrule_allows_are_refused() -> None:
    values = [f"value-{index:05d}" for index in range(400)]
    text = json.dumps({"detail": {"id": values}})
    assert len(text) > 4096
    error = parse_pattern(text)
    assert isinstance(error, PatternError) and "4096" in error.message
    assert isinstance(parse_pattern({"detail": {"id": values}}), PatternError)
    assert not isinstance(parse_pattern(json.dumps({"detail": {"id": values[:100]}})), PatternError)
