"""Schema-aware workflows: the registry schema of the event that starts a state machine checks
(`$.detail.…`, `$states.input.detail.…`) and completes the workflow's references to it.

The analysis is the `eventsmith.workflow_schemas` core (it joins asl and registry). It is
looked up at run time: while a build lacks it, both functions here give nothing and the rest
of the server is unaffected (HOOK: remove the indirection once the core is on main for good).
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType
from typing import Any

from eventsmith.asl import (
    Completion,
    CompletionKind,
    Diagnostic,
    EditorDocument,
    Position,
    TextEdit,
    cursor_at,
)
from eventsmith.registry import Registry


@cache
def _core() -> ModuleType | None:
    try:
        return importlib.import_module("eventsmith.workflow_schemas")
    except ImportError:
        return None


def available() -> bool:
    return _core() is not None


def _lookups(
    document: EditorDocument, registry: Registry, schema_name: str | None
) -> list[tuple[Any, Any]]:
    """(state machine source, SchemaLookup) for each machine of the document."""
    core = _core()
    if core is None:
        return []
    return [
        (
            view.source,
            core.find_input_schema(document.parsed, view.source, registry, schema_name=schema_name),
        )
        for view in document.machines
    ]


def input_diagnostics(
    document: EditorDocument, registry: Registry | None, schema_name: str | None
) -> list[Diagnostic]:
    """Findings about the lookup, and references to fields the input schema lacks (WFS0xx)."""
    core = _core()
    if core is None or registry is None:
        return []
    found: list[Diagnostic] = []
    for source, lookup in _lookups(document, registry, schema_name):
        found.extend(lookup.diagnostics)
        if lookup.schema is not None:
            found.extend(core.check_input_paths(source, lookup.schema))
    return found


def input_completions(
    document: EditorDocument, position: Position, registry: Registry | None, schema_name: str | None
) -> list[Completion]:
    """Fields of the input event that can follow the reference typed before the cursor."""
    core = _core()
    if core is None or registry is None:
        return []
    tree = document.tree
    cursor = cursor_at(tree, position)
    if cursor.on != "value" or not cursor.prefix:
        return []
    view = document.machine_at(cursor.path)
    if view is None:
        return []
    lookup = next(
        (
            found
            for source, found in _lookups(document, registry, schema_name)
            if source is view.source
        ),
        None,
    )
    if lookup is None or lookup.schema is None:
        return []
    offset = tree.offset(position)
    items = []
    for field in core.complete_input_path(lookup.schema, cursor.prefix):
        edit = TextEdit(tree.range((offset - len(field.replace), offset)), field.insert_text)
        detail = field.type + (f" ({field.format})" if field.format else "")
        items.append(
            Completion(field.label, CompletionKind.FIELD, edit, detail, field.description or "")
        )
    return items
