"""Inference rules one by one, on documents small enough to check the expected schema by hand."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from eventsmith.registry import _infer as infer
from eventsmith.registry._data_keys import is_data_key
from eventsmith.registry._infer import (
    MAX_DEPTH,
    SchemaInferrer,
    exceeds_max_depth,
    infer_schema,
    too_deep_count,
)
from eventsmith.registry._string_formats import DATE, format_mask, format_name

OBJ = "object"


def prop(documents: list[Any], enums: bool = False) -> dict[str, Any]:
    """The schema inferred for field `v` of `{"v": value}` documents."""
    return infer_schema([{"v": value} for value in documents], enums)["properties"]["v"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([None], {"type": "null"}),
        ([True, False], {"type": "boolean"}),
        ([1, -5, 10**20], {"type": "integer"}),
        ([1.5], {"type": "number"}),
        ([1, 2.5], {"type": "number"}),
        (["a"], {"type": "string"}),
        (["a", None], {"type": ["string", "null"]}),
        ([1, None, 2.0], {"type": ["number", "null"]}),
        ([[]], {"type": "array", "items": {}}),
        ([[1], [], [2, 3]], {"type": "array", "items": {"type": "integer"}}),
        ([[1, 2.5]], {"type": "array", "items": {"type": "number"}}),
        ([{}], {"type": OBJ, "properties": {}, "required": []}),
        # bool is not an integer for JSON Schema, so it gets its own branch.
        ([True, 1], {"anyOf": [{"type": "boolean"}, {"type": "integer"}]}),
        (
            ["a", 1, None],
            {"anyOf": [{"type": "integer"}, {"type": "string"}, {"type": "null"}]},
        ),
    ],
)
def test_scalar_and_container_kinds(values: list[Any], expected: dict[str, Any]) -> None:
    assert prop(values) == expected


def test_mixed_array_items_become_anyof_in_kind_order() -> None:
    schema = prop([[{"a": 1}, "x", 2], ["y"]])
    assert schema == {
        "type": "array",
        "items": {
            "anyOf": [
                {"type": "integer"},
                {"type": "string"},
                {"type": OBJ, "properties": {"a": {"type": "integer"}}, "required": ["a"]},
            ]
        },
    }


def test_required_means_present_in_every_sample_even_when_null() -> None:
    schema = infer_schema([{"a": 1, "b": None, "c": 1}, {"a": 2, "b": None}, {"a": 3, "b": 7}])
    assert schema["required"] == ["a", "b"]
    assert schema["properties"]["b"] == {"type": ["integer", "null"]}
    assert schema["properties"]["c"] == {"type": "integer"}


def test_nested_objects_merge_their_fields() -> None:
    schema = infer_schema([{"d": {"x": 1}}, {"d": {"x": 2, "y": "s"}}])
    assert schema["properties"]["d"] == {
        "type": OBJ,
        "properties": {"x": {"type": "integer"}, "y": {"type": "string"}},
        "required": ["x"],
    }


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["2019-08-29T12:10:21Z", "2024-02-29T23:59:59.123+02:00"], "date-time"),
        (["2024-02-29", "1999-12-31"], "date"),
        (["12:10:21Z", "23:59:59.5-07:00"], "time"),
        (["6a7e8feb-b491-4cf7-a9f1-bf3703467718"], "uuid"),
        (["10.0.0.1", "255.255.255.255"], "ipv4"),
        (["2001:db8::1", "::1"], "ipv6"),
        (["a.b@example.com"], "email"),
        (["https://example.com/x?y=1#z", "urn:isbn:0451450523"], "uri"),
    ],
)
def test_formats_when_every_value_fits(values: list[str], expected: str) -> None:
    assert prop(values) == {"type": "string", "format": expected}


@pytest.mark.parametrize(
    "values",
    [
        ["2019-08-29T12:10:21Z", "yesterday"],
        ["2023-02-29"],  # not a leap year
        ["2019-13-01"],
        ["0000-01-01"],  # no year zero for Python or rfc3339-validator
        ["2019-08-29T24:00:00Z"],
        ["2019-08-29 12:10:21Z"],  # RFC 3339 needs the T
        ["6a7e8feb-b491-4cf7-a9f1-bf370346771"],
        ["256.1.1.1"],
        ["01.1.1.1"],  # leading zeros are ambiguous, Python refuses them too
        ["fe80::1%eth0"],
        ["arn:aws:events:us-east-1:123456789012:rule/x"],  # an ARN is no URI for codegen
        ["not an email@x"],
        ["١٢:١٠:٢١Z"],  # Arabic-Indic digits are digits to \\d, not to RFC 3339
    ],
)
def test_no_format_when_any_value_does_not_fit(values: list[str]) -> None:
    assert prop(values) == {"type": "string"}


@pytest.mark.parametrize("year", [1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999])
def test_date_format_agrees_with_python_dates_on_every_day_of_the_year(year: int) -> None:
    for month in range(0, 14):
        for day in range(0, 33):
            text = f"{year:04d}-{month:02d}-{day:02d}"
            try:
                date.fromisoformat(text)
                valid = True
            except ValueError:
                valid = False
            assert (format_mask(text) == DATE) is valid, text


def test_format_mask_names_the_most_specific_format() -> None:
    assert format_name(format_mask("2019-08-29")) == "date"
    assert format_mask("") == 0
    assert format_name(0) is None


def test_enums_only_on_request_and_with_enough_repeats() -> None:
    departments = ["billing", "returns", "billing", "fulfillment"] * 3
    assert prop(departments) == {"type": "string"}
    assert prop(departments, enums=True) == {
        "type": "string",
        "enum": ["billing", "fulfillment", "returns"],
    }
    # Too few samples to tell a category from an id.
    assert prop(departments[:5], enums=True) == {"type": "string"}
    # Every value distinct: ids, not an enum.
    assert prop([f"id-{n}" for n in range(30)], enums=True) == {"type": "string"}
    # Formatted strings stay formatted, not enumerated.
    assert prop(["2019-08-29"] * 12, enums=True) == {"type": "string", "format": "date"}


def test_nullable_enum_lists_null_so_null_still_validates() -> None:
    values = ["a", "b", None] * 5
    assert prop(values, enums=True) == {"type": ["string", "null"], "enum": ["a", "b", None]}


def test_more_distinct_values_than_the_enum_limit_is_no_enum() -> None:
    values = [f"v{n % (infer.ENUM_MAX_VALUES + 1)}" for n in range(200)]
    assert prop(values, enums=True) == {"type": "string"}


@pytest.mark.parametrize(
    "keys",
    [
        ["123", "456"],
        ["6a7e8feb-b491-4cf7-a9f1-bf3703467718"],
        ["eu-west-1", "us-east-1"],
        ["AMS1", "FRA2", "WH-001"],
        ["i-0abc1234def567890"],
        ["d41d8cd98f00b204e9800998ecf8427e"],
        ["arn:aws:s3:::bucket"],
        ["2024-05-01", "2024-05-02"],
        ["user12345", "order_001"],
        ["10.0.0.1"],
    ],
)
def test_objects_keyed_by_data_become_maps(keys: list[str]) -> None:
    documents = [{"m": {key: {"qty": n}}} for n, key in enumerate(keys)]
    assert infer_schema(documents)["properties"]["m"] == {
        "type": OBJ,
        "additionalProperties": {
            "type": OBJ,
            "properties": {"qty": {"type": "integer"}},
            "required": ["qty"],
        },
    }


@pytest.mark.parametrize(
    "key",
    ["orderId", "ship_to", "line1", "sha256", "detail-type", "Records", "ipv4", "s3Bucket", "x"],
)
def test_field_names_are_not_data_keys(key: str) -> None:
    assert not is_data_key(key)


def test_one_word_key_keeps_the_struct() -> None:
    schema = infer_schema([{"m": {"123": 1, "total": 2}}])
    assert set(schema["properties"]["m"]["properties"]) == {"123", "total"}


def test_many_sparse_same_kind_keys_become_a_map() -> None:
    # Product slugs are words, but 40 keys each in one object of 20 are a catalog, not a struct.
    documents = [
        {f"product-{chr(97 + n)}{chr(97 + n % 7)}": n, f"other-{n}x": n} for n in range(20)
    ]
    assert infer_schema(documents) == {"type": OBJ, "additionalProperties": {"type": "integer"}}


def test_sparse_keys_of_different_kinds_stay_a_struct() -> None:
    documents = [{f"k{chr(97 + n)}": n if n % 2 else "s"} for n in range(26)]
    assert "properties" in infer_schema(documents)


def test_key_overflow_collapses_into_a_map_with_every_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(infer, "MAX_OBJECT_KEYS", 3)
    documents = [{"name": "a", "title": 1, "color": None, "shape": 2.5}]
    assert infer_schema(documents) == {
        "type": OBJ,
        "additionalProperties": {
            "anyOf": [{"type": "number"}, {"type": "string"}, {"type": "null"}]
        },
    }


def test_inferrer_state_stays_bounded_with_unbounded_ids() -> None:
    inferrer = SchemaInferrer()
    for n in range(5 * infer.MAX_OBJECT_KEYS):
        inferrer.add({"byName": {f"name{chr(97 + n % 26)}{n}x": {"v": str(n)}}})
    shape = inferrer._root.props["byName"]  # type: ignore[index]
    assert shape.props is None and shape.map_values is not None
    assert shape.map_values.props["v"].values is None  # type: ignore[index]


def nested(levels: int) -> Any:
    value: Any = {"leaf": 1}
    for _ in range(levels - 1):
        value = {"a": value}
    return value


def test_deep_nesting_is_cut_and_reported_not_crashed_on() -> None:
    before = too_deep_count()
    schema = infer_schema([nested(300)])
    assert too_deep_count() > before
    assert exceeds_max_depth(nested(300))
    node = schema
    for _ in range(MAX_DEPTH - 1):
        node = node["properties"]["a"]
    assert node["properties"]["a"] == {}  # the cut: anything goes below it


def test_nesting_up_to_the_limit_is_inferred_in_full() -> None:
    before = too_deep_count()
    infer_schema([nested(MAX_DEPTH)])
    assert too_deep_count() == before
    assert not exceeds_max_depth(nested(MAX_DEPTH))


def test_non_json_python_values_are_accepted_as_anything() -> None:
    assert prop([(1, 2)]) == {}
