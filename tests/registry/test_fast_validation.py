"""The jsonschema-rs fast path never changes a validation report.

`validate_events` skips `jsonschema` for events jsonschema-rs calls valid, so the one thing that
must hold is: jsonschema-rs valid => `jsonschema` valid. These tests compare the reports of
`validate_events` with `jsonschema` alone (`event_errors`) on valid and broken events, and check
the format shortcuts (`NATIVE_FORMATS`) on strings built to sit near each format's edges.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventsmith.registry._fast_validation import NATIVE_FORMATS, fast_check
from eventsmith.registry._formats import import_schema_file
from eventsmith.registry._validation import (
    EventError,
    event_errors,
    event_validator,
    format_checker,
    validate_events,
)
from tests.registry.schema_strategies import envelopes

DATA = Path(__file__).parent.parent / "data" / "schemas"

FORMATTED = {
    "type": "object",
    "properties": {
        name: {"type": ["string", "integer"], "format": name}
        for name in (
            "date-time",
            "date",
            "time",
            "uuid",
            "ipv4",
            "ipv6",
            "email",
            "uri",
            "hostname",
            "uri-reference",
            "json-pointer",
            "regex",
            "duration",
            "idn-email",
        )
    }
    | {"code": {"type": "string", "pattern": "^[A-Z]{3}$"}},
    "additionalProperties": {"type": ["string", "number", "null", "object", "array"]},
}

# Strings near the edges of each format: digits, separators, hex, '@', dots, colons, newlines.
near_formats = st.one_of(
    st.text(alphabet="0123456789-:TtZz.+ ", max_size=30),
    st.text(alphabet="0123456789abcdefABCDEFG-{}", max_size=40),
    st.text(alphabet="0123456789.%:abcdef", max_size=45),
    st.text(alphabet="ab@.-_ \n+\"'", max_size=20),
    st.sampled_from(
        [
            "2026-02-29T10:00:00Z",
            "2024-02-29T10:00:00Z",
            "2024-02-29t10:00:00z",
            "23:59:60Z",
            "2026-01-01",
            "12:00:00+01:00",
            "1.2.3.4",
            "01.2.3.4",
            "256.1.1.1",
            "::1",
            "fe80::1%eth0",
            "::ffff:1.2.3.4",
            "a@b",
            "a@b.c",
            "@",
            "a\n@b.c",
            "urn:x",
            "https://x.y/z",
            "arn:aws:s3:::b",
            "{12345678-1234-1234-1234-123456789abc}",
            "12345678-1234-1234-1234-123456789ABC",
            "12345678123412341234123456789abc",
            "ABC",
            "ABC\n",
            "abc",
            "P1D",
            "/a/b",
            "^(",
            "\udc80",
            "١٢٣",
        ]
    ),
)
json_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), near_formats
)
json_values = st.recursive(
    json_leaves,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


def precise(schema: dict[str, Any], events: list[Any]) -> tuple[EventError, ...]:
    validator = event_validator(schema)
    return tuple(
        EventError("f", line, pointer, message)
        for line, event in enumerate(events)
        for pointer, message in event_errors(validator, event)
    )


def assert_same_report(schema: dict[str, Any], events: list[Any]) -> None:
    report = validate_events(schema, (("f", line, e) for line, e in enumerate(events)))
    assert report.errors == precise(schema, events)
    assert report.events == len(events)


def paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, (*at, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, (*at, index))
    return found


@st.composite
def mutated(draw: st.DrawFn, event: Any) -> Any:
    """`event` with one value replaced by arbitrary JSON, or one key deleted."""
    event = json.loads(json.dumps(event))
    path = draw(st.sampled_from(paths(event)))
    if not path:
        return draw(json_values)
    parent = event
    for step in path[:-1]:
        parent = parent[step]
    if isinstance(parent, dict) and draw(st.booleans()):
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(json_values)
    return event


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_reports_equal_on_discovered_shapes_valid_and_broken(data: st.DataObject) -> None:
    schema, event = data.draw(envelopes())
    broken = [data.draw(mutated(event)) for _ in range(3)]
    assert fast_check(schema, format_checker()) is not None
    assert fast_check(schema, format_checker())(event)  # valid events take the fast path
    assert_same_report(schema, [event, *broken])


@settings(max_examples=150, deadline=None)
@given(values=st.dictionaries(st.sampled_from(sorted(FORMATTED["properties"])), near_formats))
def test_reports_equal_on_strings_near_every_format(values: dict[str, Any]) -> None:
    assert_same_report(FORMATTED, [values])


@settings(max_examples=300, deadline=None)
@given(value=near_formats, name=st.sampled_from(sorted(NATIVE_FORMATS)))
def test_native_format_checks_are_at_least_as_strict_as_jsonschemas(value: str, name: str) -> None:
    rust = jsonschema_rs.Draft202012Validator({"format": name}, validate_formats=True)
    try:
        rust_valid = rust.is_valid(value)
    except ValueError:  # unencodable (a lone surrogate): the fast path treats it as not valid
        return
    if rust_valid:
        assert format_checker().conforms(value, name), (name, value)


def test_reports_equal_on_the_published_schemas_and_events() -> None:
    documents = sorted((DATA / "events").glob("*.json"))
    assert documents
    schemas = [import_schema_file(path).content for path in sorted(DATA.glob("*.json"))]
    events = [json.loads(path.read_text()) for path in documents]
    checked = 0
    for schema in schemas:
        assert_same_report(schema, events)
        checked += fast_check(schema, format_checker()) is not None
    assert checked >= len(schemas) // 2  # most real schemas get the fast path


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "additionalProperties": {"$ref": "#"}},
        {"$defs": {"a": {"items": {"$ref": "#/$defs/b"}}, "b": {"$ref": "#/$defs/a"}}},
        {"$ref": "https://example.com/other.json"},
        {"patternProperties": {"^x": {"type": "integer"}}},
        {"type": "array", "uniqueItems": True},
        {"properties": {"a": {"$id": "https://example.com/a", "$ref": "#/x"}}},
        {"type": 12},  # not a schema: the precise path decides what happens
    ],
)
def test_no_fast_path_where_the_engines_could_differ(schema: dict[str, Any]) -> None:
    assert fast_check(schema, format_checker()) is None


def test_a_deep_schema_gets_no_fast_path() -> None:
    schema: dict[str, Any] = {"type": "integer"}
    for _ in range(200):
        schema = {"type": "object", "properties": {"a": schema}}
    assert fast_check(schema, format_checker()) is None


def test_acyclic_refs_keep_the_fast_path() -> None:
    schema = {
        "$defs": {"line": {"type": "object", "properties": {"sku": {"$ref": "#/$defs/sku"}}}},
        "type": "object",
        "properties": {"a": {"$ref": "#/$defs/line"}, "b": {"$ref": "#/$defs/line"}},
    }
    schema["$defs"]["sku"] = {"type": "string"}
    check = fast_check(schema, format_checker())
    assert check is not None
    assert check({"a": {"sku": "x"}})
    assert not check({"a": {"sku": 1}})
    assert_same_report(schema, [{"a": {"sku": 1}, "b": {}}])


def test_a_deep_event_against_a_recursive_schema_is_reported_without_rust() -> None:
    # Rust overflows its stack (a segfault, not an exception) at about 100,000 levels, so such
    # schemas never reach it; depths beyond Python's recursion limit are hardening's to limit.
    event: Any = 1
    for _ in range(100):
        event = {"a": event}
    schema = {"type": "object", "additionalProperties": {"$ref": "#"}}
    report = validate_events(schema, [("f", 1, event)])
    assert report.invalid_events == 1
    assert report.errors[0].pointer == "/a" * 100


def test_pattern_is_pythons_re_search() -> None:
    schema = {"type": "string", "pattern": "^a$"}
    check = fast_check(schema, format_checker())
    assert check is not None
    assert check("a\n")  # Python's `$` matches before a final newline; Rust's does not
    assert not check("ab")
    assert_same_report(schema, ["a\n", "ab", "a"])


def test_values_rust_cannot_take_go_to_the_precise_path() -> None:
    schema = {"type": "object", "properties": {"s": {"type": "string", "maxLength": 1}}}
    check = fast_check(schema, format_checker())
    assert check is not None
    assert not check("\udc80")  # a lone surrogate at the root cannot cross into Rust
    assert_same_report(schema, ["\udc80", {"s": "\udc80"}, {"s": "\udc80\udc80"}])
