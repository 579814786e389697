"""Event patterns whose verdicts LocalStack recorded against AWS EventBridge: the same match or
no match, and for refused patterns AWS's own message, word for word."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventsmith.patterns import PatternError, RuleSet, compile_matcher, explain, parse_pattern

DATA = Path(__file__).parents[1] / "data" / "patterns" / "published" / "localstack-aws.json"
CASES: list[dict[str, Any]] = json.loads(DATA.read_text(encoding="utf-8"))["cases"]


def test_there_are_at_least_fifty_published_patterns() -> None:
    assert len(CASES) >= 50
    assert len({case["name"] for case in CASES}) == len(CASES)
    assert {case["verdict"] for case in CASES} == {"match", "no_match", "invalid"}


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_verdict_and_message_are_aws(case: dict[str, Any]) -> None:
    pattern = parse_pattern(json.dumps(case["pattern"]))
    if case["verdict"] == "invalid":
        assert isinstance(pattern, PatternError)
        assert pattern.message == case["aws_message"]
        return
    assert not isinstance(pattern, PatternError), pattern
    expected = case["verdict"] == "match"
    event = case["event"]
    assert compile_matcher(pattern)(event) is expected
    assert compile_matcher(pattern, generated=False)(event) is expected
    assert (RuleSet({"rule": pattern}).matching(event) == ["rule"]) is expected
    assert (explain(pattern, event) == ()) is expected
