"""Merging two schemas into one that accepts everything either accepts.

Used to fold newly discovered samples into a schema's latest stored version: a field seen before
stays (optional when the new samples lack it), types widen (integer + number is number, new kinds
join an `anyOf`), formats and enums survive only when both sides agree. Each schema is split into
per-kind parts (see `schema_form`), parts of the same kind merge, and `compose` puts the result
back into canonical form, so merging an inferred schema with itself gives it back byte for byte.

Stored schemas may come from an import: local `$ref`s are inlined first, `oneOf` is read as
`anyOf`, and keywords this module does not understand are dropped. Dropping a constraint only
widens a schema, so the result stays sound; annotations (`title`, `description`, `x-*`) are kept.
"""

from __future__ import annotations

from typing import Any

from eventsmith.registry._infer import ENUM_MAX_VALUES
from eventsmith.registry._schema_form import Schema, compose, map_part, object_part
from eventsmith.registry._subschemas import MAP_KEYWORDS

_ANNOTATIONS = ("$schema", "$id", "$comment", "title", "description", "examples", "deprecated")
_MAX_REF_DEPTH = 64


class _Parts:
    __slots__ = ("annotations", "anything", "kinds", "nullable")

    def __init__(self) -> None:
        self.kinds: dict[str, Schema] = {}
        self.nullable = False
        self.anything = False
        self.annotations: dict[str, Any] = {}


def _split(schema: Any, parts: _Parts) -> None:
    if not isinstance(schema, dict):
        if schema is not False:  # `true` (or garbage) accepts anything; `false` accepts nothing
            parts.anything = True
        return
    for key, value in schema.items():
        if key in _ANNOTATIONS or key.startswith("x-"):
            parts.annotations.setdefault(key, value)
    branches = schema.get("anyOf", schema.get("oneOf"))
    if isinstance(branches, list):
        for branch in branches:
            _split(branch, parts)
        return
    types = schema.get("type")
    if isinstance(types, str):
        types = [types]
    if not isinstance(types, list) or not types:
        parts.anything = True
        return
    for kind in types:
        if kind == "null":
            parts.nullable = True
        elif kind in ("integer", "number"):
            _add(parts, "number", {"type": kind})
        elif kind == "boolean":
            _add(parts, "boolean", {"type": "boolean"})
        elif kind == "string":
            _add(parts, "string", _string(schema))
        elif kind == "array":
            _add(parts, "array", {"type": "array", "items": schema.get("items", {})})
        elif kind == "object":
            _add(parts, "object", _object(schema))
        else:
            parts.anything = True


def _string(schema: Schema) -> Schema:
    part: Schema = {"type": "string"}
    if isinstance(schema.get("format"), str):
        part["format"] = schema["format"]
    enum = schema.get("enum")
    if isinstance(enum, list):
        part["enum"] = sorted({value for value in enum if isinstance(value, str)})
    return part


def _object(schema: Schema) -> Schema:
    properties = schema.get("properties")
    extra = schema.get("additionalProperties")
    if not isinstance(properties, dict) and isinstance(extra, dict):
        return map_part(extra)
    properties = properties if isinstance(properties, dict) else {}
    required = schema.get("required")
    names = [name for name in required or () if name in properties]
    return object_part(properties, names)


def _add(parts: _Parts, kind: str, part: Schema) -> None:
    existing = parts.kinds.get(kind)
    parts.kinds[kind] = part if existing is None else _merge_part(kind, existing, part)


def _merge_part(kind: str, left: Schema, right: Schema) -> Schema:
    if kind == "number":
        both_integer = left["type"] == right["type"] == "integer"
        return {"type": "integer" if both_integer else "number"}
    if kind == "string":
        return _merge_strings(left, right)
    if kind == "array":
        return {"type": "array", "items": _merge_items(left["items"], right["items"])}
    if kind == "object":
        return _merge_objects(left, right)
    return left


def _merge_strings(left: Schema, right: Schema) -> Schema:
    part: Schema = {"type": "string"}
    if "format" in left and left.get("format") == right.get("format"):
        part["format"] = left["format"]
    if "enum" in left and "enum" in right:
        values = set(left["enum"]) | set(right["enum"])
        if len(values) <= ENUM_MAX_VALUES:
            part["enum"] = sorted(values)
    return part


def _merge_items(left: Any, right: Any) -> Any:
    # `items: {}` is what inference writes for "only empty arrays seen": no information.
    if left == {}:
        return right
    if right == {}:
        return left
    return merge_schemas(left, right)


def _merge_objects(left: Schema, right: Schema) -> Schema:
    if "properties" not in left or "properties" not in right:
        values: Any = None
        for side in (left, right):
            for value in [side.get("additionalProperties"), *side.get("properties", {}).values()]:
                if value is not None:
                    values = value if values is None else merge_schemas(values, value)
        return map_part(values if values is not None else {})
    properties = dict(left["properties"])
    for name, value in right["properties"].items():
        properties[name] = merge_schemas(properties[name], value) if name in properties else value
    required = set(left["required"]) & set(right["required"])
    return object_part(properties, sorted(required))


def merge_schemas(left: Any, right: Any) -> Schema:
    """A schema accepting every document `left` or `right` accepts (annotations: left wins)."""
    parts = _Parts()
    _split(left, parts)
    _split(right, parts)
    if parts.anything:
        merged: Schema = {}
    else:
        merged = compose(parts.kinds, parts.nullable)
    return {**parts.annotations, **merged} if parts.annotations else merged


_SCHEMA_MAPS = frozenset(
    {"properties", "patternProperties", "dependentSchemas", "$defs", "definitions"}
)
"""Keywords whose value maps names (chosen by users, or by the events) to schemas."""


def inline_refs(schema: Any) -> Any:
    """`schema` with local `#/$defs/...` (and `#/definitions/...`) references replaced inline.

    Recursive references deeper than a fixed bound become `{}` (anything), which is sound.
    """
    if not isinstance(schema, dict):
        return schema
    defs: dict[str, Any] = {}
    for container in ("$defs", "definitions"):
        found = schema.get(container)
        if isinstance(found, dict):
            defs.update({f"#/{container}/{name}": value for name, value in found.items()})

    def resolve(node: Any, depth: int) -> Any:
        if isinstance(node, list):
            return [resolve(item, depth) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str):
            target = defs.get(ref)
            if target is None or depth >= _MAX_REF_DEPTH:
                return {}
            return resolve(target, depth + 1)
        return {
            key: resolve_map(value, depth) if key in MAP_KEYWORDS else resolve(value, depth)
            for key, value in node.items()
        }

    def resolve_map(node: Any, depth: int) -> Any:
        # Names to schemas: a field may well be called "definitions" or "$ref".
        if not isinstance(node, dict):
            return resolve(node, depth)
        return {name: resolve(value, depth) for name, value in node.items()}

    root = {key: value for key, value in schema.items() if key not in ("$defs", "definitions")}
    return resolve(root, 0)
