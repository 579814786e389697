"""Walk a JSON Schema (2020-12 as the registry stores it, `$ref`s and unions included) by
field names, the way a path in a workflow walks the event.

A node is a list of alternative schemas: `anyOf`/`oneOf`/`allOf` and type lists fan out, and a
field exists when any alternative has it. An object that lists no `properties`, or allows
`additionalProperties`/`patternProperties`, is open: any name is accepted below it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_MAX_REF_DEPTH = 32

Schema = dict[str, Any]


@dataclass(frozen=True)
class Field:
    name: str
    schemas: tuple[Schema, ...]
    required: bool


class SchemaWalker:
    """Navigation over one root schema; resolves local `$ref`s."""

    def __init__(self, root: Schema) -> None:
        self.root = root

    def resolve(self, schema: Any, depth: int = 0) -> Iterator[Schema]:
        """The concrete alternatives a schema stands for."""
        if not isinstance(schema, dict) or depth > _MAX_REF_DEPTH:
            return
        ref = schema.get("$ref")
        if isinstance(ref, str):
            target = self._pointer(ref)
            if target is not None:
                yield from self.resolve(target, depth + 1)
            return
        unions = [schema[key] for key in ("anyOf", "oneOf", "allOf") if key in schema]
        members = [item for union in unions if isinstance(union, list) for item in union]
        if members:
            for member in members:
                yield from self.resolve(member, depth + 1)
            if not any(key in schema for key in ("properties", "items", "type")):
                return
        yield schema

    def _pointer(self, ref: str) -> Any:
        if not ref.startswith("#"):
            return None
        node: Any = self.root
        for raw in ref[1:].split("/")[1:]:
            part = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return node

    def alternatives(self, schemas: tuple[Schema, ...]) -> list[Schema]:
        return [concrete for schema in schemas for concrete in self.resolve(schema)]

    def is_open(self, schemas: tuple[Schema, ...]) -> bool:
        """True when a name not listed in `properties` may still be there."""
        concrete = self.alternatives(schemas)
        if not concrete:
            return True
        for schema in concrete:
            if _is_array(schema) and not _is_object(schema):
                continue
            if not _is_object(schema) and "type" in schema:
                continue
            if not isinstance(schema.get("properties"), dict) or not schema["properties"]:
                return True
            extra = schema.get("additionalProperties")
            if extra is True or (isinstance(extra, dict) and extra):
                return True
            if schema.get("patternProperties"):
                return True
        return False

    def fields(self, schemas: tuple[Schema, ...]) -> list[Field]:
        """The named fields below a node (arrays are looked through to their items)."""
        found: dict[str, tuple[list[Schema], bool]] = {}
        for schema in self._through_arrays(schemas):
            properties = schema.get("properties")
            if not isinstance(properties, dict):
                continue
            required = schema.get("required")
            required_names = set(required) if isinstance(required, list) else set()
            for name, child in properties.items():
                entry = found.setdefault(name, ([], False))
                entry[0].append(child if isinstance(child, dict) else {})
                found[name] = (entry[0], entry[1] or name in required_names)
        return [Field(name, tuple(children), req) for name, (children, req) in found.items()]

    def child(self, schemas: tuple[Schema, ...], name: str) -> tuple[Schema, ...] | None:
        """The node for `name` below `schemas`; None when the schema says it is not there;
        an empty tuple (unknown, anything goes) below an open object."""
        concrete = self._through_arrays(schemas)
        matches: list[Schema] = []
        for schema in concrete:
            properties = schema.get("properties")
            if isinstance(properties, dict) and name in properties:
                child = properties[name]
                matches.append(child if isinstance(child, dict) else {})
            for pattern, child in (schema.get("patternProperties") or {}).items():
                if _search(pattern, name) and isinstance(child, dict):
                    matches.append(child)
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                matches.append(extra)
        if matches:
            return tuple(matches)
        return () if self.is_open(tuple(concrete) or schemas) else None

    def items(self, schemas: tuple[Schema, ...]) -> tuple[Schema, ...]:
        """The element node of an array (an index step); empty (unknown) when not an array."""
        found: list[Schema] = []
        for schema in self.alternatives(schemas):
            items = schema.get("items")
            if isinstance(items, dict):
                found.append(items)
            prefix = schema.get("prefixItems")
            if isinstance(prefix, list):
                found.extend(item for item in prefix if isinstance(item, dict))
        return tuple(found)

    def _through_arrays(self, schemas: tuple[Schema, ...]) -> list[Schema]:
        """Alternatives, with arrays replaced by their items (JSONata maps over arrays, and a
        JSONPath `[*]` was already taken)."""
        result: list[Schema] = []
        for schema in self.alternatives(schemas):
            if _is_array(schema) and not _is_object(schema):
                result.extend(self.alternatives(self.items((schema,))))
            else:
                result.append(schema)
        return result


def describe_type(walker: SchemaWalker, schemas: tuple[Schema, ...]) -> str:
    names: list[str] = []
    for schema in walker.alternatives(schemas):
        kind = schema.get("type")
        kinds = kind if isinstance(kind, list) else [kind] if isinstance(kind, str) else []
        if not kinds and "properties" in schema:
            kinds = ["object"]
        for name in kinds:
            if name == "array":
                items = walker.items((schema,))
                inner = describe_type(walker, items) if items else ""
                name = f"array of {inner}" if inner else "array"
            if name not in names:
                names.append(name)
    return " | ".join(names) if names else "any"


def first_of(walker: SchemaWalker, schemas: tuple[Schema, ...], key: str) -> Any:
    for schema in walker.alternatives(schemas):
        if key in schema:
            return schema[key]
    return None


def _is_object(schema: Schema) -> bool:
    kind = schema.get("type")
    return kind == "object" or (isinstance(kind, list) and "object" in kind)


def _is_array(schema: Schema) -> bool:
    kind = schema.get("type")
    return kind == "array" or (isinstance(kind, list) and "array" in kind)


def _search(pattern: str, name: str) -> bool:
    try:
        return re.search(pattern, name) is not None
    except re.error:
        return False
