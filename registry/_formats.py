"""Schema formats: import anything EventBridge speaks into canonical 2020-12, and export back.

Stored versions are JSON Schema 2020-12 (see COMMON.md). `to_canonical` accepts OpenAPI 3
(the EventBridge discovered shape, or any document with `components.schemas`), JSON Schema
draft-04/06/07 (EventBridge `JSONSchemaDraft4`), 2019-09 and 2020-12, and the JSON that
`aws schemas describe-schema`/`export-schema` print (`Content` holds the schema as a string).
`export_schema` writes `openapi3`, `jsonschema-draft4` or `jsonschema` (2020-12).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from eventsmith.events import (
    MAX_DEPTH,
    MAX_SCHEMA_DEPTH,
    deep_recursion,
    exceeds_depth,
    json_text_depth,
)
from eventsmith.registry._canonical import canonical_json
from eventsmith.registry._draft4 import canonical_to_draft4, draft4_to_canonical
from eventsmith.registry._errors import FormatError
from eventsmith.registry._eventbridge import (
    DETAIL_TYPE_KEY,
    JSONSCHEMA_2020_12,
    SOURCE_KEY,
    schema_name,
)
from eventsmith.registry._openapi import canonical_to_openapi, openapi_to_canonical
from eventsmith.registry._subschemas import Schema, map_subschemas, resolve_pointer, walk

__all__ = [
    "EXPORT_FORMATS",
    "FormatError",
    "ImportedSchema",
    "export_schema",
    "import_schema_file",
    "same_structure",
    "to_canonical",
]

EXPORT_FORMATS = ("openapi3", "jsonschema-draft4", "jsonschema")
# A document without `$schema` must use at least one of these to be taken for a schema.
_SCHEMA_KEYWORDS = frozenset(
    {"type", "properties", "$ref", "anyOf", "oneOf", "allOf", "enum", "const", "items"}
    | {"additionalProperties", "definitions", "$defs", "not"}
)
_DRAFT_07_AND_OLDER = ("draft-04", "draft-06", "draft-07")
_MODERN = ("draft/2019-09", "draft/2020-12")


@dataclass(frozen=True)
class ImportedSchema:
    """A schema read from a file: the name to store it under and its canonical content."""

    name: str
    source: str | None
    detail_type: str | None
    content: dict[str, Any]
    description: str | None = None


def _unwrap_aws_response(document: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """`describe-schema` / `export-schema` output -> (the schema inside, its SchemaName)."""
    content = document.get("Content")
    if isinstance(content, str):  # no schema keyword holds a string called Content
        try:
            inner = json.loads(content)
        except json.JSONDecodeError as error:
            raise FormatError(f"Content is not JSON: {error}") from None
        if not isinstance(inner, dict):
            raise FormatError("Content is not a JSON object.")
        name = document.get("SchemaName")
        return inner, name if isinstance(name, str) else None
    return document, None


def detect_format(document: dict[str, Any]) -> str:
    """`openapi3`, `jsonschema-draft4` (draft-04..07) or `jsonschema` (2019-09/2020-12)."""
    if "swagger" in document:
        raise FormatError("Swagger 2.0 documents are not supported; convert to OpenAPI 3.")
    version = document.get("openapi")
    if version is not None:
        if isinstance(version, str) and version.startswith("3."):
            return "openapi3"
        raise FormatError(f"Unsupported OpenAPI version {version!r}; expected 3.x.")
    dialect = document.get("$schema")
    if dialect is None:
        if not _SCHEMA_KEYWORDS & set(document):
            raise FormatError(
                "This is not a schema (no type, properties, $ref, anyOf...). "
                "To infer a schema from an event, use: eventsmith discover FILE"
            )
        # No dialect: read it the draft-04 way, which also leaves 2020-12 keywords alone.
        return "jsonschema-draft4"
    if not isinstance(dialect, str):
        raise FormatError("$schema must be a string.")
    if any(tag in dialect for tag in _DRAFT_07_AND_OLDER):
        return "jsonschema-draft4"
    if any(tag in dialect for tag in _MODERN):
        return "jsonschema"
    raise FormatError(f"Unsupported $schema {dialect!r}: use draft-04..07, 2019-09 or 2020-12.")


@deep_recursion
def to_canonical(document: dict[str, Any]) -> dict[str, Any]:
    """Canonical 2020-12 content for a schema document in any supported format."""
    if not isinstance(document, dict):
        raise FormatError(
            f"A schema document must be a JSON object, not {type(document).__name__}."
        )
    document, _name = _unwrap_aws_response(document)
    kind = detect_format(document)
    document = copy.deepcopy(document)
    if kind == "openapi3":
        content = openapi_to_canonical(document)
    elif kind == "jsonschema-draft4":
        content = draft4_to_canonical(document)
    else:
        content = _modern_to_canonical(document)
    canonical: dict[str, Any] = _sorted_lists(content)
    _check(canonical)
    return canonical


def _modern_to_canonical(document: dict[str, Any]) -> Schema:
    # 2019-09 spells a few things differently from 2020-12, but nothing discovery or AWS emits;
    # `definitions` is the one worth folding in, since older tools still write it.
    content = draft4_to_canonical(document) if "definitions" in document else document
    content["$schema"] = JSONSCHEMA_2020_12
    return {"$schema": content.pop("$schema"), **content}


def _sorted_lists(schema: Any) -> Any:
    """`required` (and string enums) sorted, as discovery writes them: order carries no meaning."""
    if not isinstance(schema, dict):
        return schema
    result = map_subschemas(schema, lambda sub, _at: _sorted_lists(sub))
    if isinstance(result.get("required"), list) and all(
        isinstance(item, str) for item in result["required"]
    ):
        result["required"] = sorted(set(result["required"]))
    enum = result.get("enum")
    if isinstance(enum, list) and all(isinstance(item, str) for item in enum):
        result["enum"] = sorted(set(enum))
    return result


def _check(content: Schema) -> None:
    """A broken schema (bad keyword values, dangling $ref) is a FormatError with its place."""
    try:
        Draft202012Validator.check_schema(content)
    except SchemaError as error:
        where = "/" + "/".join(str(part) for part in error.absolute_path)
        raise FormatError(f"Invalid schema at {where}: {error.message}") from None
    for where, schema in walk(content):
        ref = schema.get("$ref")
        if isinstance(ref, str):
            try:
                resolve_pointer(content, ref)
            except KeyError:
                raise FormatError(f"$ref {ref!r} at {where or '/'} points to nothing.") from None


@deep_recursion
def same_structure(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """Whether two canonical contents accept the same events, up to how they are written.

    An export re-imported comes back with `$defs` where discovery wrote objects inline, and
    OpenAPI adds `format: int64` to integers; neither should count as a new version.
    """
    return canonical_json(_normal_form(first)) == canonical_json(_normal_form(second))


_NUMERIC_FORMATS = frozenset({"int32", "int64", "float", "double"})


def _normal_form(content: Schema) -> Any:
    def normal(schema: Any, stack: frozenset[str]) -> Any:
        if not isinstance(schema, dict):
            return schema
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref not in stack:
            try:
                target = resolve_pointer(content, ref)
            except KeyError:
                return schema
            rest = {key: value for key, value in schema.items() if key != "$ref"}
            return normal({**target, **rest} if rest else target, stack | {ref})
        result = map_subschemas(schema, lambda sub, _at: normal(sub, stack))
        for key in ("$schema", "$defs", "title"):
            result.pop(key, None)
        if result.get("format") in _NUMERIC_FORMATS:
            del result["format"]
        if result.get("required") == []:
            del result["required"]
        return _folded_null(result)

    return normal(content, frozenset())


def _folded_null(schema: Schema) -> Schema:
    """One spelling for "or null": `anyOf: [X, {"type": "null"}]` is X with a "null" type
    (discovery's way), and anyOf branches that are each nullable (OpenAPI's way) become
    non-null branches plus one `{"type": "null"}` branch. A null-only field or item reads as
    `{}`, the only thing OpenAPI 3.0 can say for it."""
    for key in ("items", "additionalProperties"):
        if schema.get(key) == {"type": "null"}:
            schema = {**schema, key: {}}
    if isinstance(schema.get("properties"), dict):
        fields = schema["properties"]
        schema = {
            **schema,
            "properties": {k: {} if v == {"type": "null"} else v for k, v in fields.items()},
        }
    branches = schema.get("anyOf")
    if isinstance(branches, list) and len(branches) > 1 and all(_nullable(b) for b in branches):
        stripped = [_without_null(b) for b in branches]
        schema = {**schema, "anyOf": [*stripped, {"type": "null"}]}
        branches = schema["anyOf"]
    if not (isinstance(branches, list) and len(branches) == 2 and {"type": "null"} in branches):
        return schema
    other = branches[0] if branches[1] == {"type": "null"} else branches[1]
    if not isinstance(other, dict) or not isinstance(other.get("type"), str):
        return schema
    rest = {key: value for key, value in schema.items() if key != "anyOf"}
    return {**other, **rest, "type": [other["type"], "null"]}


def _nullable(branch: Any) -> bool:
    kind = branch.get("type") if isinstance(branch, dict) else None
    return isinstance(kind, list) and "null" in kind and len(kind) == 2


def _without_null(branch: Schema) -> Schema:
    kind = next(k for k in branch["type"] if k != "null")
    result = {**branch, "type": kind}
    if isinstance(result.get("enum"), list):
        result["enum"] = [value for value in result["enum"] if value is not None]
    return result


@deep_recursion
def export_schema(content: dict[str, Any], fmt: str, *, name: str | None = None) -> dict[str, Any]:
    """`content` (canonical) as a document of format `fmt` (one of EXPORT_FORMATS)."""
    if fmt == "openapi3":
        return canonical_to_openapi(content, name)
    if fmt == "jsonschema-draft4":
        return canonical_to_draft4(content, name)
    if fmt == "jsonschema":
        return {"$schema": JSONSCHEMA_2020_12, **copy.deepcopy(content)}
    raise FormatError(f"Unknown format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}.")


def _read_document(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FormatError(f"Cannot read {path}: {error}") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            document = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise FormatError(f"{path}: not valid YAML: {error}") from None
        except RecursionError:
            raise FormatError(too_deep_schema(path, None)) from None
        if exceeds_depth(document, MAX_SCHEMA_DEPTH):
            raise FormatError(too_deep_schema(path, None))
        return document
    depth = json_text_depth(text)
    if depth > MAX_SCHEMA_DEPTH:
        raise FormatError(too_deep_schema(path, depth))
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(
            f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
        ) from None


def too_deep_schema(where: object, depth: int | None) -> str:
    levels = f"{depth} levels" if depth is not None else "too deep"
    return (
        f"{where}: the schema nests {levels}; a registry keeps schemas up to {MAX_SCHEMA_DEPTH}"
        f" levels (enough for events nested {MAX_DEPTH} levels, the discovery limit)"
    )


def _guess_name(content: Schema, aws_name: str | None, path: Path) -> str:
    """The AWS SchemaName, else `<source>@<DetailTypePascal>` named as discovery names it (so
    imported and discovered versions of one event type meet), else the
    title, else the file name without its extensions."""
    if aws_name:
        return aws_name
    source, detail_type = content.get(SOURCE_KEY), content.get(DETAIL_TYPE_KEY)
    if isinstance(source, str) and isinstance(detail_type, str):
        return schema_name(source, detail_type)
    title = content.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    stem = path.name
    for suffix in (".gz", ".json", ".yaml", ".yml", ".openapi3", ".draft4", ".schema"):
        stem = stem.removesuffix(suffix)
    return stem or "imported"


def import_schema_file(path: Path | str) -> ImportedSchema:
    """Read a schema file (JSON or YAML, any supported format) and guess its registry name."""
    path = Path(path)
    document = _read_document(path)
    if not isinstance(document, dict):
        raise FormatError(f"{path}: a schema document must be a JSON object.")
    inner, aws_name = _unwrap_aws_response(document)
    content = to_canonical(inner)
    source, detail_type = content.get(SOURCE_KEY), content.get(DETAIL_TYPE_KEY)
    description = content.get("description")
    return ImportedSchema(
        name=_guess_name(content, aws_name, path),
        source=source if isinstance(source, str) else None,
        detail_type=detail_type if isinstance(detail_type, str) else None,
        content=content,
        description=description if isinstance(description, str) else None,
    )
