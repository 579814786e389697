"""What a diff needs to know about one schema: the kinds, enums and formats of values it allows,
and where its object and array parts are (through `$ref`s and `anyOf`/`oneOf` alternatives)."""

from __future__ import annotations

import json
from typing import Any

from eventsmith.registry._subschemas import resolve_pointer

ALL_KINDS = frozenset({"null", "boolean", "integer", "number", "string", "array", "object"})
_KIND_ORDER = ("object", "array", "string", "number", "integer", "boolean", "null")


class SchemaView:
    """One schema (resolved inside `root`) as the set of values it allows."""

    def __init__(self, schema: Any, root: Any) -> None:
        self.root = root
        self.schema = resolve(schema, root)
        self.kinds = self._kinds(self.schema)
        self.enum = self._enum(self.schema)
        fmt = self.schema.get("format")
        self.format = fmt if isinstance(fmt, str) and "string" in self.kinds else None
        self.object = self._part(self.schema, "object")
        self.array = self._part(self.schema, "array")

    def _branches(self, schema: dict[str, Any], depth: int = 0) -> list[dict[str, Any]]:
        """anyOf/oneOf alternatives, nested ones flattened (an anyOf of anyOfs is one list)."""
        branches = schema.get("anyOf") or schema.get("oneOf") or []
        if not isinstance(branches, list) or depth > 32:
            return []
        flat = []
        for branch in (resolve(b, self.root) for b in branches):
            inner = self._branches(branch, depth + 1) if "type" not in branch else []
            flat.extend(inner or [branch])
        return flat

    def _kinds(self, schema: dict[str, Any]) -> frozenset[str]:
        kind = schema.get("type")
        if isinstance(kind, str):
            return frozenset({kind})
        if isinstance(kind, list):
            return frozenset(kind)
        if "enum" in schema and isinstance(schema["enum"], list):
            return frozenset(kind_of(value) for value in schema["enum"])
        if "const" in schema:
            return frozenset({kind_of(schema["const"])})
        branches = self._branches(schema)
        if branches:
            return frozenset().union(*(self._kinds(b) for b in branches))
        if "properties" in schema or "additionalProperties" in schema:
            return frozenset({"object"})
        if "items" in schema:
            return frozenset({"array"})
        return ALL_KINDS

    @staticmethod
    def _enum(schema: dict[str, Any]) -> frozenset[str] | None:
        if isinstance(schema.get("enum"), list):
            return frozenset(json.dumps(value, sort_keys=True) for value in schema["enum"])
        if "const" in schema:
            return frozenset({json.dumps(schema["const"], sort_keys=True)})
        return None

    def _part(self, schema: dict[str, Any], kind: str) -> dict[str, Any] | None:
        parts = self.parts(kind)
        return parts[0] if parts else None

    def parts(self, kind: str) -> list[dict[str, Any]]:
        """The anyOf/oneOf branches that hold values of `kind` (the schema itself if none)."""
        if kind not in self.kinds:
            return []
        branches = [b for b in self._branches(self.schema) if kind in self._kinds(b)]
        return branches or [self.schema]

    def allowed(self, kind: str) -> frozenset[str] | None:
        """The values of `kind` an enum limits this field to; None when any value goes."""
        values: set[str] = set()
        for part in self.parts(kind):
            enum = self._enum(part)
            if enum is None:
                return None
            values |= {v for v in enum if accepts(frozenset({kind}), _kind_of_json(v))}
        return frozenset(values)

    def formats(self) -> frozenset[str] | None:
        """The string formats a string must have (one of); None when any string goes."""
        found: set[str] = set()
        for part in self.parts("string"):
            fmt = part.get("format")
            if not isinstance(fmt, str):
                return None
            found.add(fmt)
        return frozenset(found)

    @property
    def shape(self) -> str:
        """`record` (named properties), `map` (additionalProperties schema) or `free`."""
        part = self.object or {}
        if isinstance(part.get("properties"), dict):
            return "record"
        return "map" if isinstance(part.get("additionalProperties"), dict) else "free"

    def describe(self) -> str:
        if self.kinds == ALL_KINDS:
            return "any"
        names = []
        for kind in sorted(self.kinds, key=_KIND_ORDER.index):
            if kind == "string" and self.format:
                names.append(f"string ({self.format})")
            elif kind == "object" and self.shape == "map":
                names.append("map")
            elif kind == "array":
                items = SchemaView((self.array or {}).get("items", {}), self.root)
                names.append(f"array of {items.describe()}")
            else:
                names.append(kind)
        text = " | ".join(names)
        if self.enum is not None:
            text += " enum " + ", ".join(sorted(self.enum))
        return text


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else "string"


def _kind_of_json(text: str) -> frozenset[str]:
    return frozenset({kind_of(json.loads(text))})


def resolve(schema: Any, root: Any) -> dict[str, Any]:
    seen = set()
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        ref = schema["$ref"]
        if ref in seen:
            break
        seen.add(ref)
        try:
            schema = resolve_pointer(root, ref)
        except KeyError:
            return {}
    if schema is True or not isinstance(schema, dict):
        return {} if schema is not False else {"not": {}}
    return schema


def accepts(wide: frozenset[str], narrow: frozenset[str]) -> bool:
    """Every value of a kind in `narrow` is accepted by some kind in `wide`."""
    return all(k in wide or (k == "integer" and "number" in wide) for k in narrow)
