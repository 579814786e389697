"""field_tree: a discovered schema read as the table the app shows."""

from __future__ import annotations

from eventsmith.registry import field_tree

SCHEMA = {
    "type": "object",
    "required": ["detail", "source"],
    "properties": {
        "source": {"type": "string"},
        "time": {"type": "string", "format": "date-time"},
        "detail": {"$ref": "#/$defs/Detail"},
    },
    "$defs": {
        "Detail": {
            "type": "object",
            "required": ["status"],
            "properties": {
                "status": {"type": "string", "enum": ["open", "closed"], "examples": ["open"]},
                "items": {
                    "type": "array",
                    "items": {"type": "object", "properties": {"sku": {"type": "string"}}},
                },
                "tags": {"type": "object", "additionalProperties": {"type": "integer"}},
                "node": {"$ref": "#/$defs/Detail"},
            },
        }
    },
}


def by_name(nodes):  # type: ignore[no-untyped-def]
    return {node.name: node for node in nodes}


def test_top_level_fields_with_type_format_and_required() -> None:
    top = by_name(field_tree(SCHEMA))
    assert list(top) == ["source", "time", "detail"]
    assert top["source"].required and not top["time"].required
    assert top["time"].format == "date-time"
    assert top["detail"].type == "object"


def test_refs_are_followed_and_enums_and_examples_listed() -> None:
    detail = by_name(by_name(field_tree(SCHEMA))["detail"].children)
    status = detail["status"]
    assert status.path == "detail.status"
    assert status.required
    assert status.enum == ('"closed"', '"open"')
    assert status.examples == ('"open"',)


def test_array_items_and_map_values_are_children() -> None:
    detail = by_name(by_name(field_tree(SCHEMA))["detail"].children)
    (items,) = detail["items"].children
    assert items.name == "[]" and items.path == "detail.items[]"
    assert [child.path for child in items.children] == ["detail.items[].sku"]
    (values,) = detail["tags"].children
    assert values.path == "detail.tags.*" and values.type == "integer"


def test_a_recursive_ref_stops_where_it_repeats() -> None:
    detail = by_name(by_name(field_tree(SCHEMA))["detail"].children)
    assert detail["node"].type == "object"
    assert detail["node"].children == ()
