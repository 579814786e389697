"""Diff and compatibility: one test per rule of docs/schemas.md, plus properties that tie the
verdict to what validators actually accept."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

from eventsmith.registry._diff import combine, diff_schemas
from tests.registry.schema_strategies import values_with_schemas

STRING = {"type": "string"}


def event_schema(fields: dict[str, Any], required: list[str]) -> dict[str, Any]:
    detail = {"type": "object", "properties": fields, "required": sorted(required)}
    return {
        "type": "object",
        "properties": {"source": STRING, "detail": detail},
        "required": ["detail", "source"],
    }


# (rule, old field or None, old required, new field or None, new required, kind, compatibility)
RULES = [
    ("optional field added", None, False, STRING, False, "added", "full"),
    ("required field added", None, False, STRING, True, "added", "backward"),
    ("optional field removed", STRING, False, None, False, "removed", "full"),
    ("required field removed", STRING, True, None, False, "removed", "forward"),
    ("field became required", STRING, False, STRING, True, "required", "backward"),
    ("field became optional", STRING, True, STRING, False, "required", "forward"),
    (
        "integer widened to number",
        {"type": "integer"},
        True,
        {"type": "number"},
        True,
        "type",
        "forward",
    ),
    (
        "number narrowed to integer",
        {"type": "number"},
        True,
        {"type": "integer"},
        True,
        "type",
        "backward",
    ),
    ("became nullable", STRING, True, {"type": ["string", "null"]}, True, "type", "forward"),
    ("no longer nullable", {"type": ["string", "null"]}, True, STRING, True, "type", "backward"),
    ("string became integer", STRING, True, {"type": "integer"}, True, "type", "breaking"),
    ("free-form became string", {}, True, STRING, True, "type", "backward"),
    (
        "enum values added",
        {"type": "string", "enum": ["A"]},
        True,
        {"type": "string", "enum": ["A", "B"]},
        True,
        "enum",
        "forward",
    ),
    (
        "enum values removed",
        {"type": "string", "enum": ["A", "B"]},
        True,
        {"type": "string", "enum": ["A"]},
        True,
        "enum",
        "backward",
    ),
    (
        "enum values replaced",
        {"type": "string", "enum": ["A"]},
        True,
        {"type": "string", "enum": ["B"]},
        True,
        "enum",
        "breaking",
    ),
    ("enum introduced", STRING, True, {"type": "string", "enum": ["A"]}, True, "enum", "backward"),
    ("enum lifted", {"type": "string", "enum": ["A"]}, True, STRING, True, "enum", "forward"),
    (
        "format added",
        STRING,
        True,
        {"type": "string", "format": "uuid"},
        True,
        "format",
        "backward",
    ),
    (
        "format removed",
        {"type": "string", "format": "uuid"},
        True,
        STRING,
        True,
        "format",
        "forward",
    ),
    (
        "format changed",
        {"type": "string", "format": "date"},
        True,
        {"type": "string", "format": "date-time"},
        True,
        "format",
        "breaking",
    ),
    (
        "record became map",
        {"type": "object", "properties": {"a": STRING}},
        True,
        {"type": "object", "additionalProperties": STRING},
        True,
        "shape",
        "breaking",
    ),
    (
        "record became free-form object",
        {"type": "object", "properties": {"a": STRING}},
        True,
        {"type": "object"},
        True,
        "shape",
        "forward",
    ),
    (
        "free-form object became map",
        {"type": "object"},
        True,
        {"type": "object", "additionalProperties": STRING},
        True,
        "shape",
        "backward",
    ),
]


@pytest.mark.parametrize(
    ("old", "old_required", "new", "new_required", "kind", "compatibility"),
    [rule[1:] for rule in RULES],
    ids=[rule[0] for rule in RULES],
)
def test_each_rule(
    old: Any, old_required: bool, new: Any, new_required: bool, kind: str, compatibility: str
) -> None:
    before = event_schema({"f": old} if old is not None else {}, ["f"] if old_required else [])
    after = event_schema({"f": new} if new is not None else {}, ["f"] if new_required else [])
    result = diff_schemas(before, after)
    assert [(c.path, c.kind, c.compatibility) for c in result.changes] == [
        ("detail.f", kind, compatibility)
    ]
    assert result.verdict == compatibility
    assert result.changes[0].reason


def test_identical_versions_are_fully_compatible() -> None:
    schema = event_schema({"f": STRING}, ["f"])
    assert diff_schemas(schema, copy.deepcopy(schema)).changes == ()
    assert diff_schemas(schema, schema).verdict == "full"


def test_verdict_combines_changes_per_direction() -> None:
    assert combine([]) == "full"
    assert combine(["full", "backward"]) == "backward"
    assert combine(["full", "forward", "forward"]) == "forward"
    # One change old code cannot take and one new code cannot take: nobody is safe.
    assert combine(["backward", "forward"]) == "breaking"
    assert combine(["full", "breaking"]) == "breaking"


def test_paths_reach_nested_records_array_items_and_map_values() -> None:
    old = event_schema(
        {
            "order": {"type": "object", "properties": {"total": {"type": "integer"}}},
            "lines": {"type": "array", "items": {"type": "object", "properties": {"sku": STRING}}},
            "stock": {"type": "object", "additionalProperties": {"type": "integer"}},
        },
        [],
    )
    new = copy.deepcopy(old)
    fields = new["properties"]["detail"]["properties"]
    fields["order"]["properties"]["total"] = {"type": "number"}
    fields["lines"]["items"]["properties"]["sku"] = {"type": "integer"}
    fields["stock"]["additionalProperties"] = {"type": "string"}
    changes = diff_schemas(old, new).changes
    assert [(c.path, c.old, c.new) for c in changes] == [
        ("detail.order.total", "integer", "number"),
        ("detail.lines[].sku", "string", "integer"),
        ("detail.stock.*", "integer", "string"),
    ]


def test_refs_into_defs_are_followed_on_both_sides() -> None:
    inline = event_schema({"customer": {"type": "object", "properties": {"zip": STRING}}}, [])
    with_refs = event_schema({"customer": {"$ref": "#/$defs/Customer"}}, [])
    with_refs["$defs"] = {
        "Customer": {"type": "object", "properties": {"zip": {"type": "integer"}}}
    }
    changes = diff_schemas(inline, with_refs).changes
    assert [(c.path, c.kind) for c in changes] == [("detail.customer.zip", "type")]


def test_recursive_schemas_terminate() -> None:
    tree = {
        "$defs": {
            "Node": {
                "type": "object",
                "properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/Node"}}},
            }
        },
        "$ref": "#/$defs/Node",
    }
    other = copy.deepcopy(tree)
    other["$defs"]["Node"]["properties"]["name"] = STRING
    assert [c.path for c in diff_schemas(tree, other).changes] == ["name"]


def test_added_and_removed_say_whether_required() -> None:
    old = event_schema({"gone": {"type": "integer"}}, ["gone"])
    new = event_schema({"fresh": {"type": "array", "items": STRING}}, [])
    result = diff_schemas(old, new)
    assert [(c.kind, c.old, c.new) for c in result.changes] == [
        ("removed", "required integer", None),
        ("added", None, "optional array of string"),
    ]
    assert result.verdict == "forward"
    assert [c.path for c in result.removed] == ["detail.gone"]
    assert [c.path for c in result.added] == ["detail.fresh"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values_with_schemas, values_with_schemas)
def test_swapping_the_versions_swaps_backward_and_forward(old: Any, new: Any) -> None:
    swapped = {"backward": "forward", "forward": "backward", "full": "full", "breaking": "breaking"}
    assert diff_schemas(new[0], old[0]).verdict == swapped[diff_schemas(old[0], new[0]).verdict]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values_with_schemas, values_with_schemas)
def test_the_verdict_agrees_with_what_each_version_accepts(old: Any, new: Any) -> None:
    """backward: V1's schema accepts V2 events; forward: V2's schema accepts V1 events.

    Unknown fields are ignored by both validators (open records), which is the assumption the
    rules make about generated code."""
    (old_schema, old_value), (new_schema, new_value) = old, new
    verdict = diff_schemas(old_schema, new_schema).verdict
    if verdict in ("backward", "full"):
        assert Draft202012Validator(old_schema).is_valid(new_value)
    if verdict in ("forward", "full"):
        assert Draft202012Validator(new_schema).is_valid(old_value)
