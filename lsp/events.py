"""Sample event documents (`*.event.json`, `*.events.jsonl`) checked against their registry
schema, picked by each event's `source` and `detail-type`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from eventsmith.asl import Diagnostic, Position, Range, Severity, Tree, read_tree
from eventsmith.lsp.registry_link import RegistryLink
from eventsmith.registry import validate_events

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def event_diagnostics(text: str, jsonl: bool, registry: RegistryLink) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for line, tree in _documents(text, jsonl):
        if tree.problems:
            found.extend(_shift(d, line) for d in tree.problems)
            continue
        events = tree.value if isinstance(tree.value, list) else [tree.value]
        base: tuple[str | int, ...] = ()
        for index, event in enumerate(events):
            base = (index,) if isinstance(tree.value, list) else ()
            found.extend(_shift(d, line) for d in _check(tree, base, event, registry))
    return found


def _documents(text: str, jsonl: bool) -> Iterator[tuple[int, Tree]]:
    if not jsonl:
        yield 0, read_tree(text, "json")
        return
    for number, line in enumerate(_LINE_BREAK.split(text)):
        if line.strip():
            yield number, read_tree(line, "json")


def _check(
    tree: Tree, base: tuple[str | int, ...], event: Any, registry: RegistryLink
) -> list[Diagnostic]:
    if not isinstance(event, dict):
        return [_at(tree, base, "EVT001", Severity.ERROR, "An event must be a JSON object")]
    source, detail_type = event.get("source"), event.get("detail-type")
    if not isinstance(source, str) or not isinstance(detail_type, str):
        message = "An EventBridge event needs string 'source' and 'detail-type' fields"
        return [_at(tree, base, "EVT002", Severity.WARNING, message)]
    found = registry.schema_for(source, detail_type)
    if found is None:
        message = f"No schema in the registry for source '{source}' and detail-type '{detail_type}'"
        return [_at(tree, (*base, "detail-type"), "EVT003", Severity.INFORMATION, message)]
    name, schema = found
    report = validate_events(schema, [("", None, event)])
    return [
        _at(
            tree,
            (*base, *_path(error.pointer)),
            "EVT100",
            Severity.ERROR,
            f"{error.message} (schema {name})",
        )
        for error in report.errors
    ]


def _path(pointer: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        parts.append(int(part) if part.isdigit() else part)
    return tuple(parts)


def _at(
    tree: Tree, path: tuple[str | int, ...], code: str, level: Severity, message: str
) -> Diagnostic:
    span = tree.values.get(path)
    size = len(path)
    while span is None and size > 0:
        size -= 1
        span = tree.values.get(path[:size])
    return Diagnostic(code, level, message, tree.range(span or (0, 0)), path)


def _shift(diagnostic: Diagnostic, lines: int) -> Diagnostic:
    if not lines:
        return diagnostic
    start, end = diagnostic.range.start, diagnostic.range.end
    moved = Range(
        Position(start.line + lines, start.character), Position(end.line + lines, end.character)
    )
    return Diagnostic(
        diagnostic.code, diagnostic.severity, diagnostic.message, moved, diagnostic.path
    )
