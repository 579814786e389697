"""OpenAPI 3.0 documents in the EventBridge shape, to and from canonical JSON Schema 2020-12.

Import: `components.schemas` become `$defs`; the root is `AWSEvent` when present (EventBridge
envelopes), else the component no other one refers to (the one `info.title` names when
several qualify). OpenAPI 3.0 schema
objects differ from JSON Schema in a few keywords: `nullable`, boolean `exclusiveMinimum`,
`example`, and one `type` per schema; those are rewritten, everything else is kept.

Export reproduces what EventBridge itself writes (see DESIGN.md "EventBridge facts"): openapi
3.0.0, `paths: {}`, `info.title` = detail-type in PascalCase, `AWSEvent` with the
`x-amazon-events-*` extensions, `detail` and nested objects as PascalCase components, integers
as `format: int64`. A field that is only ever null becomes `{}`, as AWS writes it.
"""

from __future__ import annotations

from typing import Any

from eventsmith.registry._components import DEFS, Components, componentize
from eventsmith.registry._errors import FormatError
from eventsmith.registry._eventbridge import DETAIL_TYPE_KEY, JSONSCHEMA_2020_12, SOURCE_KEY
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

COMPONENTS = "#/components/schemas"
# JSON Schema keywords OpenAPI 3.0 does not have; they are left out of an export.
_NOT_IN_OPENAPI_30 = (
    *NOT_IN_DRAFT4,
    "dependentRequired",
    "dependentSchemas",
    "patternProperties",
    "const",
    "examples",
    "prefixItems",
)


# -- import ---------------------------------------------------------------------------------


def openapi_to_canonical(document: dict[str, Any]) -> Schema:
    """Canonical 2020-12 content for an OpenAPI 3 document."""
    components = document.get("components", {})
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if not isinstance(schemas, dict) or not schemas:
        raise FormatError("OpenAPI document has no components.schemas: nothing to import.")
    info = document.get("info")
    title = info.get("title") if isinstance(info, dict) else None
    if not isinstance(title, str):
        title = None
    root_name = _root_component(schemas, title)

    def convert_ref(ref: str, where: str) -> str:
        name = ref_name(ref, COMPONENTS)
        if name is None or name not in schemas:
            raise FormatError(f"$ref {ref!r} at {where} does not point to a component.")
        return "#" if name == root_name else ref_to(DEFS, name)

    converted: dict[str, Any] = {}
    for name, schema in schemas.items():
        where = f"/components/schemas/{name}"
        if not isinstance(schema, dict):
            raise FormatError(f"{where} is not a schema object.")
        converted[name] = _from_openapi(schema, where, convert_ref)
    root = converted.pop(root_name)
    content: Schema = {"$schema": JSONSCHEMA_2020_12}
    if title or "title" in root:
        content["title"] = root.get("title", title)
    content.update({key: value for key, value in root.items() if key != "title"})
    if converted:
        content["$defs"] = converted
    return content


def _root_component(schemas: dict[str, Any], title: str | None) -> str:
    """`AWSEvent`, else the component no other component refers to (the title's, if several).

    The title alone is not enough: when the root is not an object (an array, a union), export
    names it `<Title>Event` and the title may name a component inside it.
    """
    if "AWSEvent" in schemas:
        return "AWSEvent"
    inside = _referenced_by_others(schemas)
    candidates = [name for name in schemas if name not in inside]
    if title is not None and title in candidates:
        return title
    if candidates:
        return candidates[0]
    return title if title is not None and title in schemas else next(iter(schemas))


def _referenced_by_others(schemas: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for name, schema in schemas.items():
        pending: list[Any] = [schema]
        while pending:
            node = pending.pop()
            if isinstance(node, dict):
                target = (
                    ref_name(node["$ref"], COMPONENTS)
                    if isinstance(node.get("$ref"), str)
                    else None
                )
                if target is not None and target != name:
                    found.add(target)
                pending.extend(node.values())
            elif isinstance(node, list):
                pending.extend(node)
    return found


def _from_openapi(schema: Any, where: str, convert_ref: Any) -> Any:
    if not isinstance(schema, dict):
        return schema
    result = dict(schema)
    if isinstance(result.get("$ref"), str):
        result["$ref"] = convert_ref(result["$ref"], where)
    bounds_to_numbers(result)
    if "example" in result:
        result["examples"] = [result.pop("example")]
    for dropped in ("discriminator", "xml", "externalDocs"):
        result.pop(dropped, None)
    nullable = result.pop("nullable", False) is True
    result = map_subschemas(result, lambda sub, at: _from_openapi(sub, at, convert_ref), where)
    if not nullable:
        return result
    if result.get("enum") == [None]:
        # "Nullable, and null the only value": how a null-only root is written (see below).
        del result["enum"]
        result["type"] = "null"
        return result
    kind = result.get("type")
    if isinstance(kind, str):
        result["type"] = [kind, "null"]
        return result
    if isinstance(kind, list):
        result["type"] = [*kind, "null"] if "null" not in kind else kind
        return result
    # `nullable` without `type`: "this, or null". allOf-of-one is how a nullable $ref is spelled.
    inner = result
    if list(result) == ["allOf"] and len(result["allOf"]) == 1:
        inner = result["allOf"][0]
    return {"anyOf": [inner, {"type": "null"}]}


# -- export ---------------------------------------------------------------------------------


def canonical_to_openapi(content: Schema, name: str | None = None) -> dict[str, Any]:
    """An OpenAPI 3.0.0 document in the shape EventBridge exports."""
    parts: Components = componentize(content, name)

    def convert_ref(ref: str) -> str:
        if ref == "#":
            return ref_to(COMPONENTS, parts.root_name)
        target = ref_name(ref, DEFS)
        return ref_to(COMPONENTS, target) if target is not None else ref

    schemas = {
        key: _ordered(_to_openapi(schema, convert_ref)) for key, schema in parts.schemas.items()
    }
    root = parts.schemas.get(parts.root_name)
    if isinstance(root, dict) and root.get("type") == "null":
        # A field seen only as null exports as {} like AWS's discovered schemas, but a root
        # that is {} would re-import as "anything": 3.0 has no null type, so say it with
        # nullable plus an enum of null alone.
        rest = {key: value for key, value in root.items() if key not in ("type", "enum")}
        schemas[parts.root_name] = _ordered({**rest, "nullable": True, "enum": [None]})
    return {
        "openapi": "3.0.0",
        "info": {"version": "1.0.0", "title": parts.title},
        "paths": {},
        "components": {"schemas": schemas},
    }


def _to_openapi(schema: Any, convert_ref: Any) -> Any:
    if not isinstance(schema, dict):
        return {} if schema is True else {"not": {}}
    nullable_branches = False
    if isinstance(schema.get("anyOf"), list) and {"type": "null"} in schema["anyOf"]:
        others = [branch for branch in schema["anyOf"] if branch != {"type": "null"}]
        if others:
            nullable_branches = True
            schema = {**schema, "anyOf": others}
    result = map_subschemas(schema, lambda sub, _at: _to_openapi(sub, convert_ref))
    if "const" in result:
        result["enum"] = [result["const"]]
    if isinstance(result.get("examples"), list) and result["examples"]:
        result["example"] = result["examples"][0]
    if isinstance(result.get("prefixItems"), list):
        result["items"] = {"anyOf": result["prefixItems"]}
    bounds_to_booleans(result)
    for keyword in _NOT_IN_OPENAPI_30:
        result.pop(keyword, None)
    if result.get("required") == []:
        del result["required"]
    if isinstance(result.get("$ref"), str):
        ref = convert_ref(result.pop("$ref"))
        result = ref_apart_from_siblings(result, ref)
    result = _openapi_type(result)
    return _nullable_any_of(result) if nullable_branches else result


_KEY_ORDER = {
    key: rank
    for rank, key in enumerate(
        [
            *("$ref", "allOf", "anyOf", "type", "format", "nullable", "enum", "required"),
            *(DETAIL_TYPE_KEY, SOURCE_KEY, "description"),
            *("properties", "items", "additionalProperties"),
        ]
    )
}


def _ordered(schema: Any) -> Any:
    """Keys in the order EventBridge writes them (type, required, extensions, properties)."""
    if not isinstance(schema, dict):
        return schema
    ordered = map_subschemas(schema, lambda sub, _at: _ordered(sub))
    keys = sorted(ordered, key=lambda key: _KEY_ORDER.get(key, len(_KEY_ORDER)))
    return {key: ordered[key] for key in keys}


def _openapi_type(schema: Schema) -> Schema:
    """One `type` per schema plus `nullable`; integers as int64 like EventBridge."""
    kind = schema.get("type")
    kinds = [kind] if isinstance(kind, str) else list(kind) if isinstance(kind, list) else []
    if not kinds:
        return schema
    nullable = "null" in kinds
    kinds = [k for k in kinds if k != "null"]
    rest = {key: value for key, value in schema.items() if key != "type"}
    if not kinds:
        return {key: value for key, value in rest.items() if key != "enum"}
    if len(kinds) > 1:
        return {"anyOf": [_openapi_type({**rest, "type": k}) for k in kinds]} | (
            {"nullable": True} if nullable else {}
        )
    result: Schema = {"type": kinds[0], **rest}
    if kinds[0] == "integer" and "format" not in result:
        result["format"] = "int64"
    return _with_null(result) if nullable else result


def _nullable_any_of(schema: Schema) -> Schema:
    """`anyOf` that had a null branch: OpenAPI 3.0 says `nullable` on the other branches."""
    branches = schema["anyOf"]
    rest = {key: value for key, value in schema.items() if key != "anyOf"}
    if len(branches) == 1:
        only = branches[0]
        if "$ref" in only:
            return {"allOf": [only], "nullable": True, **rest}
        return _with_null({**only, **rest})
    return {"anyOf": [_mark_nullable(branch) for branch in branches], **rest}


def _mark_nullable(branch: Schema) -> Schema:
    if "$ref" in branch:
        return {"allOf": [branch], "nullable": True}
    return _with_null(branch)


def _with_null(schema: Schema) -> Schema:
    """`nullable: true`; an enum must list null too, or OpenAPI 3.0.3 still refuses null."""
    result = {**schema, "nullable": True}
    if isinstance(result.get("enum"), list) and None not in result["enum"]:
        result["enum"] = [*result["enum"], None]
    return result
