"""Where JSON Schema keeps subschemas, so format converters can rewrite a schema tree.

Converters work one schema object at a time and let `map_subschemas` carry them into every
nested position (properties, items, anyOf, ...). Positions are JSON pointers, which is what a
`FormatError` names when a document is broken. Both draft-04 (`definitions`, tuple `items`,
`dependencies`) and 2020-12 (`$defs`, `prefixItems`) spellings are known, so one walker serves
every direction of conversion.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote, unquote

Schema = dict[str, Any]
Transform = Callable[[Any, str], Any]

# Keywords whose value is an object of name -> subschema.
MAP_KEYWORDS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
# Keywords whose value is a list of subschemas.
LIST_KEYWORDS = ("allOf", "anyOf", "oneOf", "prefixItems")
# Keywords whose value is one subschema.
SINGLE_KEYWORDS = (
    "additionalProperties",
    "additionalItems",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
)


def escape_pointer(token: str) -> str:
    """One JSON pointer token (RFC 6901): `~` and `/` are escaped."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape_pointer(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def ref_to(prefix: str, name: str) -> str:
    """A local `$ref` to `name` under `prefix` (`#/$defs`), escaped as a URI fragment pointer."""
    return f"{prefix}/{quote(escape_pointer(name), safe='~!$&()*+,;=:@-._')}"


def ref_name(ref: str, prefix: str) -> str | None:
    """The component name a `$ref` like `#/$defs/Name` points to, or None for other refs."""
    if not ref.startswith(prefix + "/"):
        return None
    return unescape_pointer(unquote(ref[len(prefix) + 1 :]))


# 2020-12 keywords that neither draft-04 nor OpenAPI 3.0 knows: both exports leave them out.
# `$schema` goes too, since an exporter writes its own dialect once, at the document root.
NOT_IN_DRAFT4 = (
    "$schema",
    "$id",
    "$comment",
    "$anchor",
    "$defs",
    "if",
    "then",
    "else",
    "contains",
    "minContains",
    "maxContains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
)
_BOUNDS = (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum"))


def bounds_to_numbers(schema: Schema) -> None:
    """Draft-04/OpenAPI 3.0 `minimum: 5, exclusiveMinimum: true` -> 2020-12 `exclusiveMinimum:
    5`, in place; `exclusiveMinimum: false` only says `minimum` is inclusive, so it goes."""
    for exclusive, inclusive in _BOUNDS:
        if schema.get(exclusive) is True and inclusive in schema:
            schema[exclusive] = schema.pop(inclusive)
        elif schema.get(exclusive) is False:
            del schema[exclusive]


def bounds_to_booleans(schema: Schema) -> None:
    """The reverse of `bounds_to_numbers`, in place: 2020-12 `exclusiveMinimum: 5` ->
    `minimum: 5, exclusiveMinimum: true`."""
    for exclusive, inclusive in _BOUNDS:
        value = schema.get(exclusive)
        if isinstance(value, int | float) and not isinstance(value, bool):
            schema[inclusive] = value
            schema[exclusive] = True


def ref_apart_from_siblings(schema: Schema, ref: str) -> Schema:
    """`schema` (without its `$ref`) and `ref` as one schema for dialects that ignore the
    siblings of a `$ref` (draft-04, OpenAPI 3.0): the siblings go beside it under `allOf`."""
    reference = {"$ref": ref}
    return {"allOf": [reference], **schema} if schema else reference


def map_subschemas(schema: Schema, transform: Transform, where: str = "") -> Schema:
    """A copy of `schema` with each direct subschema replaced by `transform(sub, pointer)`."""
    result: Schema = {}
    for key, value in schema.items():
        here = f"{where}/{escape_pointer(key)}"
        if key in MAP_KEYWORDS and isinstance(value, dict):
            result[key] = {
                name: transform(sub, f"{here}/{escape_pointer(name)}")
                for name, sub in value.items()
            }
        elif key in LIST_KEYWORDS and isinstance(value, list):
            result[key] = [transform(sub, f"{here}/{i}") for i, sub in enumerate(value)]
        elif key == "items":
            if isinstance(value, list):
                result[key] = [transform(sub, f"{here}/{i}") for i, sub in enumerate(value)]
            else:
                result[key] = transform(value, here)
        elif key == "dependencies" and isinstance(value, dict):
            # draft-04: a list of property names or a schema per property.
            result[key] = {
                name: sub if isinstance(sub, list) else transform(sub, f"{here}/{name}")
                for name, sub in value.items()
            }
        elif key in SINGLE_KEYWORDS:
            result[key] = transform(value, here)
        else:
            result[key] = value
    return result


def iter_subschemas(schema: Schema, where: str = "") -> Iterator[tuple[str, Any]]:
    """Every direct subschema of `schema` with its JSON pointer."""
    found: list[tuple[str, Any]] = []

    def collect(sub: Any, pointer: str) -> Any:
        found.append((pointer, sub))
        return sub

    map_subschemas(schema, collect, where)
    return iter(found)


def walk(schema: Any, where: str = "") -> Iterator[tuple[str, Schema]]:
    """Every schema object in the tree (depth first, the root first) with its pointer."""
    if not isinstance(schema, dict):
        return
    yield where, schema
    for pointer, sub in iter_subschemas(schema, where):
        yield from walk(sub, pointer)


def resolve_pointer(document: Any, pointer: str) -> Any:
    """The value at a local `#/...` reference, or raise KeyError."""
    if pointer in ("#", ""):
        return document
    if not pointer.startswith("#/"):
        raise KeyError(pointer)
    value = document
    for token in pointer[2:].split("/"):
        token = unescape_pointer(unquote(token))
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            raise KeyError(pointer)
    return value
