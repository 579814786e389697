"""A RuleSet gives, rule by rule, the verdict of the single-pattern matcher and of explain."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventsmith.patterns import Pattern, RuleSet, compile_matcher, explain, parse_pattern

KEYS = ["source", "detail-type", "state", "count", "ip", "items"]
STRINGS = ["aws.ec2", "aws.s3", "running", "Running", "stopped", "", "10.0.0.7", "2001:db8::1"]
SCALARS = st.one_of(
    st.sampled_from(STRINGS),
    st.integers(-3, 12),
    st.sampled_from([0.5, 5.0, 1e3]),
    st.booleans(),
    st.none(),
)

OPERATORS = st.one_of(
    SCALARS,
    st.builds(lambda s: {"prefix": s[:3]}, st.sampled_from(STRINGS)),
    st.builds(lambda s: {"suffix": s[-2:]}, st.sampled_from(STRINGS)),
    st.builds(lambda s: {"equals-ignore-case": s}, st.sampled_from(STRINGS)),
    st.builds(lambda s: {"wildcard": s[:2] + "*"}, st.sampled_from(STRINGS)),
    st.builds(lambda s: {"anything-but": s}, st.sampled_from(STRINGS)),
    st.builds(lambda n: {"anything-but": [n, n + 1]}, st.integers(-3, 12)),
    st.builds(lambda s: {"anything-but": {"prefix": s[:2] or "x"}}, st.sampled_from(STRINGS)),
    st.builds(lambda n: {"numeric": [">", n, "<=", n + 4]}, st.integers(-3, 10)),
    st.builds(lambda n: {"numeric": ["=", n]}, st.integers(-3, 10)),
    st.builds(lambda n: {"numeric": [">=", n / 2, "<", n + 1]}, st.integers(-3, 10)),
    st.builds(lambda n: {"numeric": ["<=", n]}, st.integers(-3, 10)),
    st.builds(lambda s: {"prefix": {"equals-ignore-case": s[:3]}}, st.sampled_from(STRINGS)),
    st.builds(lambda s: {"suffix": {"equals-ignore-case": s[-2:]}}, st.sampled_from(STRINGS)),
    st.just({"cidr": "10.0.0.0/24"}),
    st.just({"cidr": "2001:db8::/32"}),
    st.builds(lambda b: {"exists": b}, st.booleans()),
)


def _object_patterns(depth: int) -> st.SearchStrategy[dict[str, Any]]:
    leaf = st.lists(OPERATORS, min_size=1, max_size=3)
    value = leaf if depth == 0 else st.one_of(leaf, _object_patterns(depth - 1))
    fields = st.dictionaries(st.sampled_from(KEYS), value, min_size=1, max_size=3)
    if depth == 0:
        return fields
    ors = st.lists(_object_patterns(depth - 1), min_size=2, max_size=3)
    return st.one_of(fields, st.builds(lambda f, o: {**f, "$or": o}, fields, ors))


EVENT_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)
    ),
    max_leaves=8,
)
EVENTS = st.dictionaries(st.sampled_from(KEYS), EVENT_VALUES, max_size=5)


def _event_like(draw: st.DrawFn, pattern: dict[str, Any]) -> dict[str, Any]:
    """An event shaped like the pattern, so that many come close to matching: each leaf
    takes one of the pattern's plain values or a random scalar, objects sometimes sit in
    arrays, fields are sometimes dropped."""
    event: dict[str, Any] = {}
    for key, value in pattern.items():
        if key == "$or":
            for branch in value:
                if draw(st.booleans()):
                    event.update(_event_like(draw, branch))
            continue
        if draw(st.integers(0, 9)) == 0:
            continue
        if isinstance(value, dict):
            inner: Any = _event_like(draw, value)
            if draw(st.booleans()):
                inner = draw(st.permutations([inner, _event_like(draw, value), 1]))
        else:
            plain = [v for v in value if not isinstance(v, dict)]
            # The bounds of numeric ranges: where inclusive and exclusive differ.
            plain += [
                bound
                for v in value
                if isinstance(v, dict) and "numeric" in v
                for bound in v["numeric"]
                if not isinstance(bound, str)
            ]
            inner = draw(st.sampled_from(plain)) if plain and draw(st.booleans()) else draw(SCALARS)
            if draw(st.integers(0, 3)) == 0:
                inner = [draw(SCALARS), [inner]]
        event[key] = inner
    return event


@st.composite
def _rules_and_events(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    sources = draw(st.lists(_object_patterns(2), min_size=1, max_size=5))
    events = draw(st.lists(EVENTS, max_size=3))
    events += [_event_like(draw, draw(st.sampled_from(sources))) for _ in range(4)]
    return sources, events


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(_rules_and_events())
def test_ruleset_agrees_with_single_matcher(
    rules_and_events: tuple[list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    sources, events = rules_and_events
    patterns = [parse_pattern(source) for source in sources]
    valid = [pattern for pattern in patterns if isinstance(pattern, Pattern)]
    rules = {f"r{index}": pattern for index, pattern in enumerate(valid)}
    ruleset = RuleSet(rules)
    singles = {name: compile_matcher(pattern) for name, pattern in rules.items()}
    closures = {name: compile_matcher(p, generated=False) for name, p in rules.items()}
    for event in events:
        expected = [name for name, test in closures.items() if test(event)]
        assert [name for name, test in singles.items() if test(event)] == expected
        assert ruleset.matching(event) == expected
        for name, pattern in rules.items():
            assert (explain(pattern, event) == ()) == (name in expected)


def test_ruleset_keeps_rule_order_and_handles_unanchored_rules() -> None:
    sources = {
        "by-source": {"source": ["aws.ec2"]},
        "numeric-only": {"detail": {"n": [{"numeric": [">", 1]}]}},
        "or-only": {"$or": [{"source": ["aws.ec2"]}, {"source": ["aws.s3"]}]},
        "nested-exact": {"detail": {"items": {"sku": ["A-1", 7]}}},
    }
    rules = {name: parse_pattern(source) for name, source in sources.items()}
    assert all(isinstance(pattern, Pattern) for pattern in rules.values())
    ruleset = RuleSet(rules)  # type: ignore[arg-type]
    event = {"source": "aws.ec2", "detail": {"n": 2, "items": [{"sku": "B"}, {"sku": 7.0}]}}
    assert ruleset.matching(event) == ["by-source", "numeric-only", "or-only", "nested-exact"]
    assert ruleset.matching({"source": "aws.s3"}) == ["or-only"]
    assert len(ruleset) == 4


def test_one_key_can_be_a_leaf_in_one_rule_and_an_object_in_another() -> None:
    sources = {
        "leaf": {"detail": ["x", None]},
        "object": {"detail": {"state": ["y"]}},
        "empty-key": {"": ["e"]},
    }
    ruleset = RuleSet({name: parse_pattern(source) for name, source in sources.items()})  # type: ignore[misc]
    assert ruleset.matching({"detail": "x"}) == ["leaf"]
    assert ruleset.matching({"detail": None, "": "e"}) == ["leaf", "empty-key"]
    assert ruleset.matching({"detail": {"state": ["z", "y"]}}) == ["object"]
    assert ruleset.matching({"detail": [{"state": "y"}, "x"]}) == ["leaf", "object"]
