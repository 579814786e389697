"""The fields events of a registry schema have, with what is known about their values.

For completion and hover in a pattern editor: every field path a pattern can name (arrays
are transparent to patterns, so `detail.items[].sku` is `("detail", "items", "sku")`), its
type, format, enum values, examples and description. Reads the registry's canonical JSON
Schema and OpenAPI 3 documents (`components.schemas`, root `AWSEvent`), `$ref`s included.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from eventsmith.patterns._schema_nodes import Schema, own_type, resolve

_MAX_DEPTH = 32
# A recursive schema (a tree of nodes) is followed into itself once: `children.name` is listed,
# `children.children.name` is not, which keeps a schema with several self-references small.
_MAX_REPEATS = 2
# The registry marks the envelope's fixed values with these (AWS's own extension keys).
_ENVELOPE_VALUES = {
    "source": "x-amazon-events-source",
    "detail-type": "x-amazon-events-detail-type",
}


@dataclass(frozen=True)
class SchemaField:
    """One field path and what the schema says about its values. `type` is the JSON type, or
    several joined by `|` (`"string|null"`), or `"any"`."""

    path: tuple[str, ...]
    type: str
    format: str | None = None
    enum: tuple[Any, ...] = ()
    examples: tuple[Any, ...] = ()
    description: str | None = None


def schema_fields(schema: Mapping[str, Any]) -> tuple[SchemaField, ...]:
    """Every field of the events `schema` describes, parents before children, in schema order."""
    root, start = _root(schema)
    fields: list[SchemaField] = []
    _walk(schema, resolve(schema, start), (), fields, (), root)
    return tuple(fields)


def _root(document: Mapping[str, Any]) -> tuple[Schema, Any]:
    """(the schema of the whole event, the node to start from)."""
    components = document.get("components")
    schemas = components.get("schemas") if isinstance(components, Mapping) else None
    if "openapi" in document and isinstance(schemas, Mapping) and schemas:
        start = schemas.get("AWSEvent") or next(iter(schemas.values()))
        return (start if isinstance(start, Mapping) else {}), start
    return document, document


def _walk(
    document: Schema,
    alternatives: list[Schema],
    path: tuple[str, ...],
    fields: list[SchemaField],
    ancestors: tuple[int, ...],
    root: Schema,
) -> None:
    if len(path) >= _MAX_DEPTH:
        return
    children: dict[str, list[Schema]] = {}
    for alternative in alternatives:
        properties = alternative.get("properties")
        if not isinstance(properties, Mapping) or ancestors.count(id(alternative)) >= _MAX_REPEATS:
            continue
        for key, node in properties.items():
            children.setdefault(str(key), []).extend(resolve(document, node))
    inner = (*ancestors, *(id(alternative) for alternative in alternatives))
    for key, nodes in children.items():
        field_path = (*path, key)
        fields.append(_field(field_path, nodes, root if not path else None))
        _walk(document, nodes, field_path, fields, inner, root)


def _field(path: tuple[str, ...], nodes: list[Schema], envelope: Schema | None) -> SchemaField:
    types: set[str] = set()
    enum: list[Any] = []
    examples: list[Any] = []
    formats = [node["format"] for node in nodes if isinstance(node.get("format"), str)]
    descriptions = [
        node["description"] for node in nodes if isinstance(node.get("description"), str)
    ]
    for node in nodes:
        types |= own_type(node)
        if node.get("nullable") is True:  # OpenAPI 3.0
            types.add("null")
        values = node.get("enum")
        for value in [*(values if isinstance(values, list) else []), *_const(node)]:
            if value not in enum:
                enum.append(value)
        listed = node.get("examples")
        for example in [*(listed if isinstance(listed, list) else []), *_example(node)]:
            if example not in examples:
                examples.append(example)
    fixed = envelope.get(_ENVELOPE_VALUES.get(path[0], "")) if envelope is not None else None
    if isinstance(fixed, str) and not enum:
        enum.append(fixed)
    if not types and enum:
        types = {_json_type(value) for value in enum}
    return SchemaField(
        path,
        "|".join(sorted(types)) or "any",
        formats[0] if formats else None,
        tuple(enum),
        tuple(examples),
        descriptions[0] if descriptions else None,
    )


def _const(node: Schema) -> list[Any]:
    return [node["const"]] if "const" in node else []


def _example(node: Schema) -> list[Any]:
    return [node["example"]] if "example" in node else []


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"
