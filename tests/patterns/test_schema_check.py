"""Pattern vs registry schema: unknown fields with did-you-mean, operators that cannot apply."""

from __future__ import annotations

from typing import Any

import pytest

from eventsmith.patterns import Pattern, check_against_schema, parse_pattern

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "TicketResolved",
    "x-amazon-events-source": "aws.partner/example.com/123",
    "x-amazon-events-detail-type": "Ticket Resolved",
    "type": "object",
    "properties": {
        "version": {"type": "string"},
        "id": {"type": "string"},
        "detail-type": {"type": "string"},
        "source": {"type": "string"},
        "account": {"type": "string"},
        "time": {"type": "string", "format": "date-time"},
        "region": {"type": "string"},
        "resources": {"type": "array", "items": {"type": "string"}},
        "detail": {"$ref": "#/$defs/Detail"},
    },
    "required": ["account", "detail", "detail-type", "id", "region", "resources", "source"],
    "$defs": {
        "Detail": {
            "type": "object",
            "properties": {
                "department": {"type": "string", "enum": ["billing", "fulfillment"]},
                "resolution": {"$ref": "#/$defs/Resolution"},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "lines": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"price": {"type": ["number", "null"]}},
                    },
                },
                "extra": {"type": "object"},
                "sourceIp": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            },
        },
        "Resolution": {
            "type": "object",
            "properties": {"code": {"type": "integer"}, "note": {"type": "string"}},
        },
    },
}


def _warnings(source: Any, schema: dict[str, Any] = SCHEMA) -> list[str]:
    pattern = parse_pattern(source)
    assert isinstance(pattern, Pattern)
    return [str(warning) for warning in check_against_schema(pattern, schema)]


def test_a_pattern_that_fits_the_schema_has_no_warnings() -> None:
    assert (
        _warnings(
            {
                "source": [{"prefix": "aws."}],
                "resources": [{"wildcard": "arn:*"}],
                "detail": {
                    "department": ["billing"],
                    "resolution": {"code": [{"numeric": [">", 2]}], "note": [{"exists": True}]},
                    "labels": {"team": ["a"]},
                    "lines": {"price": [{"numeric": ["<", 10]}, None]},
                    "extra": {"anything": ["goes"]},
                    "sourceIp": [{"cidr": "10.0.0.0/8"}, None],
                },
            }
        )
        == []
    )


def test_unknown_fields_get_a_did_you_mean_through_refs() -> None:
    assert _warnings({"detail-typ": ["x"], "detail": {"resolution": {"cod": [3]}}}) == [
        '$.detail-typ: Field "detail-typ" is not in the schema; did you mean "detail-type"?',
        '$.detail.resolution.cod: Field "detail.resolution.cod" is not in the schema; '
        'did you mean "code"?',
    ]


def test_unknown_field_without_a_close_name() -> None:
    assert _warnings({"detail": {"zzz": ["x"]}}) == [
        '$.detail.zzz: Field "detail.zzz" is not in the schema'
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            {"source": [{"numeric": [">", 1]}]},
            '$.source[0]: numeric cannot match "source": it is a string in the schema',
        ),
        (
            {"detail": {"resolution": {"code": [{"prefix": "1"}]}}},
            '$.detail.resolution.code[0]: prefix cannot match "detail.resolution.code": '
            "it is an integer in the schema",
        ),
        (
            {"detail": {"resolution": {"code": ["3"]}}},
            '$.detail.resolution.code[0]: Value "3" can never match '
            '"detail.resolution.code": it is an integer in the schema',
        ),
        (
            {"detail": {"lines": {"price": [{"cidr": "10.0.0.0/8"}]}}},
            '$.detail.lines.price[0]: cidr cannot match "detail.lines.price": '
            "it is a null or number in the schema",
        ),
        (
            {"detail": {"department": ["biling"]}},
            '$.detail.department[0]: Value "biling" is not one of the values the schema '
            'allows for "detail.department"; did you mean "billing"?',
        ),
        (
            {"detail": {"resolution": ["x"]}},
            '$.detail.resolution[0]: Value "x" can never match "detail.resolution": '
            "it is an object in the schema",
        ),
        (
            {"detail": {"resolution": [{"anything-but": "x"}]}},
            '$.detail.resolution[0]: Field "detail.resolution" is an object in the schema; '
            "anything-but only applies to leaf values",
        ),
        (
            {"source": {"name": ["x"]}},
            '$.source: Field "source" is a string in the schema, '
            "so a nested pattern cannot match it",
        ),
    ],
)
def test_operator_and_value_type_mismatches(source: Any, expected: str) -> None:
    assert _warnings(source) == [expected]


def test_or_branches_are_checked_with_their_path() -> None:
    assert _warnings({"detail": {"$or": [{"department": ["billing"]}, {"departmnt": ["x"]}]}}) == [
        '$.detail.$or[1].departmnt: Field "detail.departmnt" is not in the schema; '
        'did you mean "department"?'
    ]


def test_exists_applies_to_anything_and_open_schemas_accept_any_field() -> None:
    assert _warnings({"detail": {"resolution": [{"exists": False}]}}) == []
    assert _warnings({"detail": {"x": [{"numeric": [">", 1]}]}}, {"type": "object"}) == []
