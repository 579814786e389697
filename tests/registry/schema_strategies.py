"""Hypothesis strategies: canonical schemas together with an event each one accepts."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

Pair = tuple[dict[str, Any], Any]

# Names that collide once PascalCased (a-b / a_b / A B) exercise component naming.
FIELD_NAMES = st.sampled_from(["a-b", "a_b", "item", "Item", "order", "x", "meta_data", "id"])

ENVELOPE_KEYS = ("account", "detail", "detail-type", "id", "region", "resources", "source")
ENVELOPE_KEYS += ("time", "version")

LEAVES: list[Pair] = [
    ({"type": "string"}, "text"),
    ({"type": "string", "format": "date-time"}, "2019-02-26T19:42:21Z"),
    ({"type": "string", "format": "uuid"}, "315c1398-40ff-a850-213b-158f73e60175"),
    ({"type": "integer"}, 5),
    ({"type": "number"}, 1.5),
    ({"type": "boolean"}, True),
    ({"type": "null"}, None),
    ({"type": "string", "enum": ["a", "b"]}, "a"),
    ({"type": ["string", "null"]}, None),
    ({"type": ["integer", "null"]}, 7),
    ({}, {"anything": [1]}),
    ({"type": "array", "items": {}}, []),
]


def _kind(schema: dict[str, Any]) -> str | None:
    """The single non-null kind of a schema, or None (any, null-only, nullable, unions)."""
    kind = schema.get("type")
    return kind if isinstance(kind, str) and kind != "null" else None


@st.composite
def _record(draw: st.DrawFn, children: st.SearchStrategy[Pair]) -> Pair:
    fields = draw(st.dictionaries(FIELD_NAMES, children, min_size=1, max_size=4))
    required = sorted(draw(st.sets(st.sampled_from(sorted(fields)))))
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {name: pair[0] for name, pair in fields.items()},
        "required": required,
    }
    value = {name: pair[1] for name, pair in fields.items()}
    if draw(st.booleans()):
        schema["type"] = ["object", "null"]
        value = draw(st.sampled_from([value, None]))
    return schema, value


@st.composite
def _union(draw: st.DrawFn, children: st.SearchStrategy[Pair]) -> Pair:
    first = draw(children)
    for _attempt in range(3):
        second = draw(children)
        if _kind(first[0]) and _kind(second[0]) and _kind(first[0]) != _kind(second[0]):
            nullable = draw(st.booleans())
            branches = [first[0], second[0], *([{"type": "null"}] if nullable else [])]
            return {"anyOf": branches}, second[1]
    return first


def _extend(children: st.SearchStrategy[Pair]) -> st.SearchStrategy[Pair]:
    arrays = children.map(lambda p: ({"type": "array", "items": p[0]}, [p[1], p[1]]))
    maps = children.map(
        lambda p: ({"type": "object", "additionalProperties": p[0]}, {"k1": p[1], "k2": p[1]})
    )
    # As discovery writes unions: branches of different kinds, none nullable, null last.
    # Drawn again, not filtered: on a rejection Hypothesis describes a filtered strategy, and
    # this recursive one takes 41 kB to describe (a HypothesisWarning in every CI run).
    unions = _union(children)
    return st.one_of(_record(children), arrays, maps, unions)


values_with_schemas = st.recursive(st.sampled_from(LEAVES), _extend, max_leaves=8)


@st.composite
def envelopes(draw: st.DrawFn) -> Pair:
    """An EventBridge envelope schema (as discovery writes it) and an event it accepts."""
    detail_schema, detail = draw(_record(values_with_schemas))
    detail_schema["type"] = "object"
    if detail is None:
        detail = {}
        detail_schema["required"] = []
    return envelope(detail_schema, detail)


def envelope(detail_schema: dict[str, Any], detail: Any) -> Pair:
    """The envelope schema around `detail_schema`, and an event whose detail is `detail`."""
    strings = {"type": "string"}
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "shop.orders@OrderPlaced",
        "x-amazon-events-source": "shop.orders",
        "x-amazon-events-detail-type": "Order Placed",
        "type": "object",
        "properties": {
            "account": strings,
            "detail": detail_schema,
            "detail-type": strings,
            "id": {"type": "string", "format": "uuid"},
            "region": strings,
            "resources": {"type": "array", "items": strings},
            "source": strings,
            "time": {"type": "string", "format": "date-time"},
            "version": strings,
        },
        "required": sorted(ENVELOPE_KEYS),
    }
    event = {
        "version": "0",
        "id": "315c1398-40ff-a850-213b-158f73e60175",
        "detail-type": "Order Placed",
        "source": "shop.orders",
        "account": "123456789012",
        "time": "2019-02-26T19:42:21Z",
        "region": "eu-central-1",
        "resources": [],
        "detail": detail,
    }
    return schema, event
