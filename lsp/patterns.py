"""Pattern documents (`*.pattern.json`): diagnostics, completion and hover from the registry.

The pattern's `source` and `detail-type` pick the registry schema; its fields (the core's
`schema_fields`) feed completion of field paths and known values, and hover. Validation is
the core's `pattern_diagnostics`; this module picks the schema and shapes the candidates.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from eventsmith.asl import (
    Completion,
    CompletionKind,
    Diagnostic,
    HoverText,
    Position,
    Severity,
    TextEdit,
    Tree,
    cursor_at,
)
from eventsmith.lsp.registry_link import RegistryLink
from eventsmith.lsp.schema_fields import Field, fields_under, find_field
from eventsmith.patterns import OPERATORS
from eventsmith.patterns import pattern_diagnostics as core_pattern_diagnostics


def first_string(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return next((item for item in value if isinstance(item, str)), None)
    return None


def pattern_schema(tree: Tree, registry: RegistryLink) -> tuple[str, dict[str, Any]] | None:
    value = tree.value if isinstance(tree.value, dict) else {}
    source, detail_type = first_string(value.get("source")), first_string(value.get("detail-type"))
    if source is None or detail_type is None:
        return None
    return registry.schema_for(source, detail_type)


def pattern_diagnostics(tree: Tree, registry: RegistryLink) -> list[Diagnostic]:
    """The core's findings (syntax, validity, and the schema's unknown fields) as diagnostics."""
    found = pattern_schema(tree, registry) if not tree.problems else None
    name, schema = found if found else ("", None)
    return [
        Diagnostic(
            "PAT100" if item.severity is Severity.WARNING else "PAT001",
            item.severity,
            f"{item.message} (schema {name})"
            if item.severity is Severity.WARNING
            else item.message,
            item.range,
            item.path,
        )
        for item in core_pattern_diagnostics(tree.text, schema)
    ]


def _field_path(path: tuple[str | int, ...]) -> tuple[str, ...]:
    """The event field a pattern path names: indexes, operators and `$or` dropped."""
    return tuple(p for p in path if isinstance(p, str) and p not in OPERATORS and p != "$or")


def pattern_completions(
    tree: Tree, position: Position, registry: RegistryLink
) -> tuple[Completion, ...]:
    cursor = cursor_at(tree, position)
    schema = pattern_schema(tree, registry)
    content = schema[1] if schema else None
    replace = tree.range(cursor.token)
    if cursor.on == "key":
        return tuple(_key_items(tree, cursor.container, content, replace))
    field_path = _field_path(cursor.path)
    return tuple(_value_items(field_path, cursor.in_array, content, replace, registry, tree))


def _key_items(
    tree: Tree, container: tuple[str | int, ...], schema: Any, replace: Any
) -> Iterator[Completion]:
    present = tree.value_at(container)
    existing = set(present) if isinstance(present, dict) else set()
    if container and isinstance(container[-1], int):
        for name in OPERATORS:
            yield Completion(
                name,
                CompletionKind.FUNCTION,
                TextEdit(replace, json.dumps(name) + ": "),
                "operator",
            )
        return
    path = _field_path(container)
    # Without a schema only the envelope is known.
    fields = fields_under(schema, path) if schema else (_envelope() if not path else [])
    for field in fields:
        if field.name in existing:
            continue
        edit = TextEdit(replace, json.dumps(field.name, ensure_ascii=False) + ": ")
        yield Completion(field.name, CompletionKind.FIELD, edit, field.type, field.describe())


def _value_items(
    path: tuple[str, ...],
    in_array: bool,
    schema: Any,
    replace: Any,
    registry: RegistryLink,
    tree: Tree,
) -> Iterator[Completion]:
    values: list[str] = []
    if path == ("source",):
        values = registry.sources()
    elif path == ("detail-type",):
        envelope = tree.value if isinstance(tree.value, dict) else {}
        values = registry.detail_types(first_string(envelope.get("source")))
    elif schema is not None:
        field = find_field(schema, path)
        if field is not None:
            values = [v for v in (*field.enum, *field.examples) if isinstance(v, str)]
        envelope = tree.value if isinstance(tree.value, dict) else {}
        source = first_string(envelope.get("source"))
        detail_type = first_string(envelope.get("detail-type"))
        if source and detail_type:
            values += registry.sample_values(source, detail_type, path)
    seen: set[str] = set()
    for known in values:
        if known in seen:
            continue
        seen.add(known)
        text = json.dumps(known if in_array else [known], ensure_ascii=False)
        yield Completion(known, CompletionKind.VALUE, TextEdit(replace, text), ".".join(path))


def _envelope() -> list[Field]:
    names = (
        "source",
        "detail-type",
        "account",
        "region",
        "resources",
        "time",
        "id",
        "version",
        "detail",
    )
    return [Field((name,), name, "string" if name != "detail" else "object") for name in names]


def pattern_hover(tree: Tree, position: Position, registry: RegistryLink) -> HoverText | None:
    cursor = cursor_at(tree, position)
    if cursor.on != "key" or cursor.path == cursor.container:
        return None
    schema = pattern_schema(tree, registry)
    if schema is None:
        return None
    field = find_field(schema[1], _field_path(cursor.path))
    if field is None:
        return None
    return HoverText(
        f"**{'.'.join(field.path)}** ({schema[0]})\n\n{field.describe()}", tree.range(cursor.token)
    )
