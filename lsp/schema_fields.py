"""Fields of a registry schema by path, for pattern completion and hover.

Temporary adapter: `eventsmith.patterns.schema_fields` (core-asl) replaces this once it lands.
Follows local `$ref`s and looks through arrays and `anyOf`/`oneOf`, as patterns do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Field:
    path: tuple[str, ...]
    name: str
    type: str
    format: str | None = None
    enum: tuple[Any, ...] = ()
    examples: tuple[Any, ...] = ()
    description: str = ""

    def describe(self) -> str:
        parts = [f"type: `{self.type}`"]
        if self.format:
            parts.append(f"format: `{self.format}`")
        if self.enum:
            parts.append("one of: " + ", ".join(f"`{v}`" for v in self.enum[:10]))
        if self.examples:
            parts.append("examples: " + ", ".join(f"`{v}`" for v in self.examples[:5]))
        if self.description:
            parts.append(self.description)
        return "\n\n".join(parts)


def _resolve(node: Any, root: dict[str, Any], depth: int = 0) -> list[dict[str, Any]]:
    if not isinstance(node, dict) or depth > 32:
        return []
    found: list[dict[str, Any]] = []
    reference = node.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/"):
        target: Any = root
        for part in reference[2:].split("/"):
            target = (
                target.get(part.replace("~1", "/").replace("~0", "~"), {})
                if isinstance(target, dict)
                else {}
            )
        found.extend(_resolve(target, root, depth + 1))
    for key in ("anyOf", "oneOf", "allOf"):
        for option in node.get(key, ()) if isinstance(node.get(key), list) else ():
            found.extend(_resolve(option, root, depth + 1))
    if node.get("type") == "array" or "items" in node:
        found.extend(_resolve(node.get("items"), root, depth + 1))
    found.append(node)
    return found


def _type(nodes: Sequence[dict[str, Any]]) -> str:
    types = [n["type"] for n in nodes if isinstance(n.get("type"), str) and n["type"] != "array"]
    return (
        types[0] if types else ("array" if any(n.get("type") == "array" for n in nodes) else "any")
    )


def _field(path: tuple[str, ...], node: Any, root: dict[str, Any]) -> Field:
    nodes = _resolve(node, root)
    fmt = next((n["format"] for n in nodes if isinstance(n.get("format"), str)), None)
    enum = tuple(v for n in nodes for v in (n.get("enum") or ()) if isinstance(n.get("enum"), list))
    examples = tuple(
        v for n in nodes for v in (n.get("examples") or ()) if isinstance(n.get("examples"), list)
    )
    description = next(
        (n["description"] for n in nodes if isinstance(n.get("description"), str)), ""
    )
    return Field(path, path[-1], _type(nodes), fmt, enum, examples, description)


def fields_under(schema: dict[str, Any], path: tuple[str, ...]) -> list[Field]:
    """The fields of the object at `path` (() is the event itself)."""
    nodes = _resolve(schema, schema)
    for part in path:
        nodes = [
            child
            for node in nodes
            for child in _resolve((node.get("properties") or {}).get(part), schema)
        ]
    fields: dict[str, Field] = {}
    for node in nodes:
        properties = node.get("properties")
        if isinstance(properties, dict):
            for name, child in properties.items():
                fields.setdefault(name, _field((*path, name), child, schema))
    return list(fields.values())


def find_field(schema: dict[str, Any], path: tuple[str, ...]) -> Field | None:
    if not path:
        return None
    return next((f for f in fields_under(schema, path[:-1]) if f.name == path[-1]), None)
