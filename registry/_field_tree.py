"""A schema version as a tree of fields, the way a person reads it: name, type, format,
whether it is required, the allowed values and examples.

Front ends (the app's field table, hover text) show this tree; they never walk JSON Schema
themselves. `$ref`s are followed (a recursive one stops where it repeats), `anyOf` branches of
one kind are read together, array items appear as a `[]` child and map values as `*`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from eventsmith.registry._schema_view import SchemaView

_MAX_DEPTH = 64


@dataclass(frozen=True)
class FieldNode:
    """One field. `path` is dotted like the diff's (`detail.items[].sku`)."""

    name: str
    path: str
    type: str
    format: str | None
    required: bool
    enum: tuple[str, ...]
    examples: tuple[str, ...]
    description: str | None
    children: tuple[FieldNode, ...]


def _json_texts(values: Any) -> tuple[str, ...]:
    if not isinstance(values, list):
        return ()
    return tuple(json.dumps(value, ensure_ascii=False) for value in values)


def _node(
    name: str, path: str, schema: Any, root: Any, required: bool, seen: frozenset[int], depth: int
) -> FieldNode:
    view = SchemaView(schema, root)
    children: tuple[FieldNode, ...] = ()
    if id(view.schema) not in seen and depth < _MAX_DEPTH:
        children = _children(view, path, root, seen | {id(view.schema)}, depth + 1)
    formats = view.formats() if "string" in view.kinds else None
    enum = sorted(view.enum) if view.enum is not None else []
    description = view.schema.get("description")
    examples = view.schema.get("examples")
    if examples is None and "example" in view.schema:
        examples = [view.schema["example"]]
    return FieldNode(
        name=name,
        path=path,
        type=view.describe().split(" enum ")[0],
        format=" or ".join(sorted(formats)) if formats else None,
        required=required,
        enum=tuple(enum),
        examples=_json_texts(examples),
        description=description if isinstance(description, str) else None,
        children=children,
    )


def _children(
    view: SchemaView, path: str, root: Any, seen: frozenset[int], depth: int
) -> tuple[FieldNode, ...]:
    nodes: list[FieldNode] = []
    part = view.object or {}
    properties = part.get("properties")
    if isinstance(properties, dict):
        required = set(part.get("required") or ())
        for key, sub in properties.items():
            here = f"{path}.{key}" if path else key
            nodes.append(_node(key, here, sub, root, key in required, seen, depth))
    elif isinstance(part.get("additionalProperties"), dict):
        sub = part["additionalProperties"]
        nodes.append(_node("*", f"{path}.*", sub, root, False, seen, depth))
    array = view.array or {}
    if isinstance(array.get("items"), dict):
        nodes.append(_node("[]", f"{path}[]", array["items"], root, False, seen, depth))
    return tuple(nodes)


def field_tree(content: dict[str, Any]) -> tuple[FieldNode, ...]:
    """The top-level fields of a schema version, each with its nested fields."""
    view = SchemaView(content, content)
    return _children(view, "", content, frozenset({id(view.schema)}), 0)
