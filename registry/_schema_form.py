"""The canonical shape of an inferred schema, shared by inference and schema merging.

A schema is built from at most one part per kind (boolean, number, string, array, object) plus
"null seen". One kind is written plainly (`{"type": ["string", "null"]}` when nullable); several
kinds become `anyOf` in a fixed kind order, so equal inputs always give byte-equal schemas.
"""

from __future__ import annotations

from typing import Any

# "number" holds both integer and number parts: integer + float widens to number.
KIND_ORDER = ("boolean", "number", "string", "array", "object")

Schema = dict[str, Any]


def compose(parts: dict[str, Schema], nullable: bool) -> Schema:
    """One schema from per-kind parts; `{}` when nothing at all was seen."""
    branches = [parts[kind] for kind in KIND_ORDER if kind in parts]
    if not branches:
        return {"type": "null"} if nullable else {}
    if len(branches) == 1:
        schema = dict(branches[0])
        if nullable:
            schema["type"] = [schema["type"], "null"]
            if "enum" in schema:
                # enum restricts values regardless of type, so null must be listed too.
                schema["enum"] = [*schema["enum"], None]
        return schema
    if nullable:
        branches.append({"type": "null"})
    return {"anyOf": branches}


def string_part(format_name: str | None, enum: list[str] | None) -> Schema:
    part: Schema = {"type": "string"}
    if format_name is not None:
        part["format"] = format_name
    if enum is not None:
        part["enum"] = sorted(enum)
    return part


def object_part(properties: dict[str, Schema], required: list[str]) -> Schema:
    return {
        "type": "object",
        "properties": {key: properties[key] for key in sorted(properties)},
        "required": sorted(required),
    }


def map_part(values: Schema) -> Schema:
    return {"type": "object", "additionalProperties": values}
