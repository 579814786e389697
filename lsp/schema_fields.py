"""Fields of a registry schema by path (the core's `schema_fields`), described for hover."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from eventsmith.patterns import SchemaField, schema_fields


@dataclass(frozen=True)
class Field:
    path: tuple[str, ...]
    name: str
    type: str
    format: str | None = None
    enum: tuple[Any, ...] = ()
    examples: tuple[Any, ...] = ()
    description: str = ""

    @staticmethod
    def of(field: SchemaField) -> Field:
        return Field(
            field.path,
            field.path[-1],
            field.type,
            field.format,
            field.enum,
            field.examples,
            field.description or "",
        )

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


def fields_under(schema: Mapping[str, Any], path: tuple[str, ...]) -> list[Field]:
    """The fields of the object at `path` (() is the event itself)."""
    size = len(path) + 1
    return [
        Field.of(f) for f in schema_fields(schema) if len(f.path) == size and f.path[:-1] == path
    ]


def find_field(schema: Mapping[str, Any], path: tuple[str, ...]) -> Field | None:
    return next((Field.of(f) for f in schema_fields(schema) if f.path == path), None)
