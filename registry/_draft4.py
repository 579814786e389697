"""JSON Schema draft-04 (EventBridge `JSONSchemaDraft4`), to and from canonical 2020-12.

Import also reads draft-06/07 documents, which differ from draft-04 only in ways the same
rewrite covers: `definitions` -> `$defs`, boolean `exclusiveMinimum`/`exclusiveMaximum` ->
numbers, tuple `items` -> `prefixItems` (and `additionalItems` -> `items`), `dependencies` ->
`dependentRequired`/`dependentSchemas`, and `id` dropped (an offline registry has no base URI).

Export writes what `aws schemas export-schema --type JSONSchemaDraft4` returns: the envelope at
the root with the `x-amazon-events-*` keys, the detail and nested objects in `definitions`.
"""

from __future__ import annotations

from typing import Any

from eventsmith.registry._components import DEFS, componentize
from eventsmith.registry._errors import FormatError
from eventsmith.registry._eventbridge import JSONSCHEMA_2020_12
from eventsmith.registry._subschemas import (
    NOT_IN_DRAFT4,
    Schema,
    bounds_to_booleans,
    bounds_to_numbers,
    map_subschemas,
    ref_apart_from_siblings,
    ref_name,
    ref_to,
)

DRAFT4_URI = "http://json-schema.org/draft-04/schema#"
DEFINITIONS = "#/definitions"


# -- import ---------------------------------------------------------------------------------


def draft4_to_canonical(document: dict[str, Any]) -> Schema:
    """Canonical 2020-12 content for a draft-04/06/07 document."""
    content = _from_draft4(document, "")
    content["$schema"] = JSONSCHEMA_2020_12
    return {"$schema": content.pop("$schema"), **content}


def _convert_ref(ref: str, where: str) -> str:
    if not ref.startswith("#"):
        raise FormatError(f"$ref {ref!r} at {where or '/'} points outside the document.")
    if ref == "#/definitions" or ref.startswith("#/definitions/"):
        return "#/$defs" + ref[len("#/definitions") :]
    return ref


def _from_draft4(schema: Any, where: str) -> Any:
    if not isinstance(schema, dict):
        return schema
    result = dict(schema)
    if isinstance(result.get("id"), str):
        del result["id"]
    if isinstance(result.get("$ref"), str):
        result["$ref"] = _convert_ref(result["$ref"], where)
    bounds_to_numbers(result)
    for exclusive in ("exclusiveMinimum", "exclusiveMaximum"):
        if result.get(exclusive) is True:  # without minimum/maximum it bounds nothing
            del result[exclusive]
    if isinstance(result.get("items"), list):
        result["prefixItems"] = result.pop("items")
        if "additionalItems" in result:
            result["items"] = result.pop("additionalItems")
    else:
        result.pop("additionalItems", None)
    dependencies = result.pop("dependencies", None)
    if isinstance(dependencies, dict):
        required = {k: v for k, v in dependencies.items() if isinstance(v, list)}
        schemas = {k: v for k, v in dependencies.items() if not isinstance(v, list)}
        if required:
            result["dependentRequired"] = required
        if schemas:
            result["dependentSchemas"] = schemas
    definitions = result.pop("definitions", None)
    if isinstance(definitions, dict):
        result["$defs"] = {**definitions, **result.get("$defs", {})}
    return map_subschemas(result, _from_draft4, where)


# -- export ---------------------------------------------------------------------------------


def canonical_to_draft4(content: Schema, name: str | None = None) -> dict[str, Any]:
    """A draft-04 document in the shape EventBridge exports."""
    parts = componentize(content, name)
    root = parts.schemas.pop(parts.root_name)

    def convert_ref(ref: str) -> str:
        target = ref_name(ref, DEFS)
        if target == parts.root_name:
            return "#"
        return ref_to(DEFINITIONS, target) if target is not None else ref

    document: dict[str, Any] = {"$schema": DRAFT4_URI, "title": parts.title}
    if parts.schemas:
        document["definitions"] = {
            key: _to_draft4(schema, convert_ref) for key, schema in parts.schemas.items()
        }
    document.update(_to_draft4(root, convert_ref))
    return document


def _to_draft4(schema: Any, convert_ref: Any) -> Any:
    if not isinstance(schema, dict):
        return {} if schema is True else {"not": {}}
    result = map_subschemas(schema, lambda sub, _at: _to_draft4(sub, convert_ref))
    if "const" in result:
        result["enum"] = [result.pop("const")]
    if isinstance(result.get("prefixItems"), list):
        tail = result.pop("items", None)
        result["items"] = result.pop("prefixItems")
        if tail is not None:
            result["additionalItems"] = tail
    bounds_to_booleans(result)
    dependencies = {**result.pop("dependentRequired", {}), **result.pop("dependentSchemas", {})}
    if dependencies:
        result["dependencies"] = dependencies
    for keyword in NOT_IN_DRAFT4:
        result.pop(keyword, None)
    if result.get("required") == []:
        del result["required"]  # draft-04 wants at least one name
    if isinstance(result.get("$ref"), str):
        ref = convert_ref(result.pop("$ref"))
        return ref_apart_from_siblings(result, ref)
    return result
