"""Choice rules: the guide's example (doc_source/amazon-states-language-choice-state.md,
https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html) and every operator."""

from __future__ import annotations

from typing import Any

import pytest

from tests.asl.simulator.helpers import run

GUIDE = {
    "StartAt": "ChoiceStateX",
    "States": {
        "ChoiceStateX": {
            "Type": "Choice",
            "Choices": [
                {"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
                {"Variable": "$.value", "NumericEquals": 0, "Next": "ValueIsZero"},
                {
                    "And": [
                        {"Variable": "$.value", "NumericGreaterThanEquals": 20},
                        {"Variable": "$.value", "NumericLessThan": 30},
                    ],
                    "Next": "ValueInTwenties",
                },
            ],
            "Default": "DefaultState",
        },
        "Public": {"Type": "Succeed"},
        "ValueIsZero": {"Type": "Succeed"},
        "ValueInTwenties": {"Type": "Succeed"},
        "DefaultState": {"Type": "Fail", "Cause": "No Matches!"},
    },
}


@pytest.mark.parametrize(
    ("value", "target"),
    [
        ({"type": "Private", "value": 22}, "ValueInTwenties"),  # the guide's own input
        ({"type": "Public", "value": 22}, "Public"),
        ({"type": "Private", "value": 0}, "ValueIsZero"),
        ({"type": "Private", "value": 35}, "DefaultState"),
    ],
)
def test_guide_example(value: Any, target: str) -> None:
    assert run(GUIDE, value).path == ("ChoiceStateX", target)


def test_missing_variable_fails_the_run() -> None:
    # "If the state input doesn't contain the $.type field, the execution fails".
    result = run(GUIDE, {"value": 22})
    assert (result.status, result.error) == ("FAILED", "States.Runtime")


def test_no_match_without_default_is_no_choice_matched() -> None:
    machine = {
        "StartAt": "C",
        "States": {
            "C": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.x", "IsPresent": True, "Next": "D"}],
            },
            "D": {"Type": "Succeed"},
        },
    }
    result = run(machine, {})
    assert (result.status, result.error) == ("FAILED", "States.NoChoiceMatched")


RULES = [
    ({"StringEquals": "MyString"}, "MyString", True),
    ({"StringGreaterThan": "MyStringABC"}, "MyStringABD", True),
    ({"StringLessThan": "b"}, "a", True),
    ({"StringLessThanEquals": "a"}, "a", True),
    ({"StringGreaterThanEquals": "b"}, "a", False),
    ({"StringEquals": "1"}, 1, False),  # no type coercion
    ({"NumericEquals": 1}, 1.0, True),
    ({"NumericEquals": 1}, "1", False),
    ({"NumericLessThan": 1}, 0.5, True),
    ({"NumericGreaterThan": 1}, 1, False),
    ({"NumericLessThanEquals": 1}, 1, True),
    ({"NumericGreaterThanEquals": 2}, 1, False),
    ({"BooleanEquals": True}, True, True),
    ({"BooleanEquals": True}, 1, False),
    ({"TimestampEquals": "2001-01-01T12:00:00Z"}, "2001-01-01T12:00:00Z", True),
    ({"TimestampLessThan": "2001-01-01T12:00:00Z"}, "2001-01-01T11:59:59Z", True),
    ({"TimestampGreaterThan": "2001-01-01T12:00:00Z"}, "2001-01-01T13:00:00+02:00", False),
    ({"TimestampGreaterThanEquals": "2001-01-01T12:00:00Z"}, "2001-01-01T12:00:00Z", True),
    ({"TimestampLessThanEquals": "2001-01-01T12:00:00Z"}, "not a time", False),
    # "An uppercase T ... An uppercase Z" (the guide's timestamp restrictions)
    ({"TimestampEquals": "2001-01-01T12:00:00Z"}, "2001-01-01t12:00:00z", False),
    ({"StringMatches": "log-*.txt"}, "log-2024.txt", True),
    ({"StringMatches": "log-\\*.txt"}, "log-2024.txt", False),
    ({"StringMatches": "log-\\*.txt"}, "log-*.txt", True),
    ({"IsNull": True}, None, True),
    ({"IsNull": False}, 0, True),
    ({"IsNumeric": True}, 1.5, True),
    ({"IsNumeric": True}, True, False),
    ({"IsString": True}, "x", True),
    ({"IsBoolean": True}, False, True),
    ({"IsTimestamp": True}, "2016-08-18T17:33:00Z", True),
    ({"IsTimestamp": True}, "2016-08-18", False),
]


@pytest.mark.parametrize(("operator", "value", "expected"), RULES)
def test_operator(operator: dict[str, Any], value: Any, expected: bool) -> None:
    machine = {
        "StartAt": "C",
        "States": {
            "C": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.v", **operator, "Next": "Yes"}],
                "Default": "No",
            },
            "Yes": {"Type": "Succeed"},
            "No": {"Type": "Succeed"},
        },
    }
    assert run(machine, {"v": value}).path[-1] == ("Yes" if expected else "No")


@pytest.mark.parametrize(
    ("rule", "value", "expected"),
    [
        ({"Variable": "$.v", "NumericLessThanPath": "$.limit"}, {"v": 1, "limit": 2}, True),
        ({"Variable": "$.v", "StringEqualsPath": "$.w"}, {"v": "a", "w": "a"}, True),
        (
            {"Variable": "$.v", "TimestampGreaterThanPath": "$.t"},
            {"v": "2024-01-02T00:00:00Z", "t": "2024-01-01T00:00:00Z"},
            True,
        ),
        ({"Variable": "$.v", "BooleanEqualsPath": "$.w"}, {"v": True, "w": False}, False),
        ({"Variable": "$.missing", "IsPresent": False}, {}, True),
        (
            {
                "Or": [
                    {"Variable": "$.v", "NumericEquals": 1},
                    {"Variable": "$.v", "NumericEquals": 2},
                ]
            },
            {"v": 2},
            True,
        ),
        ({"Variable": "$$.Execution.Name", "StringEquals": "local"}, {}, True),
    ],
)
def test_paths_combinations_and_context(rule: dict[str, Any], value: Any, expected: bool) -> None:
    machine = {
        "StartAt": "C",
        "States": {
            "C": {"Type": "Choice", "Choices": [{**rule, "Next": "Yes"}], "Default": "No"},
            "Yes": {"Type": "Succeed"},
            "No": {"Type": "Succeed"},
        },
    }
    assert run(machine, value).path[-1] == ("Yes" if expected else "No")
