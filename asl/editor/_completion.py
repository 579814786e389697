"""Completion candidates for a workflow document at a position.

Keys: the fields the object under the cursor allows (per state type and query language, the
same tables the validator checks), minus those already there. Values: state types, state
names of the scope for Next/Default/StartAt, service-integration ARNs for Resource, error
names in ErrorEquals, enumerated values; inside expressions, intrinsic functions (JSONPath),
JSONata functions and `$states` members, and the variables in scope.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from eventsmith.asl.editor._catalog import (
    FIELD_DOCS,
    FIELD_VALUES,
    INTRINSICS,
    JSONATA_FUNCTIONS,
    STATES_MEMBERS,
    integration_arns,
)
from eventsmith.asl.editor._context import (
    is_jsonata,
    scope_at,
    state_at,
    variables_in_scope,
    yaml_scalar,
)
from eventsmith.asl.editor._cursor import Cursor, cursor_at
from eventsmith.asl.editor._document import EditorDocument, MachineView
from eventsmith.asl.editor._tree import Tree
from eventsmith.asl.rules._choice import _JSONATA_RULE, _JSONPATH_RULE
from eventsmith.asl.rules._fields import FIELDS
from eventsmith.asl.rules._retry import _CATCHER, _RETRIER, ERROR_NAMES
from eventsmith.asl.rules._structure import _SCOPE_FIELDS, _TOP_FIELDS
from eventsmith.asl.syntax import JSONATA, JSONPATH, STATE_TYPES, Path, Position, Span, TextEdit

_EXPRESSION_WORD = re.compile(r"[\w$.]*")


class CompletionKind(StrEnum):
    FIELD = "field"
    STATE_TYPE = "state-type"
    STATE = "state"
    RESOURCE = "resource"
    ERROR = "error"
    FUNCTION = "function"
    VARIABLE = "variable"
    VALUE = "value"


@dataclass(frozen=True)
class Completion:
    """One candidate: `edit` replaces the token under the cursor with the candidate's text."""

    label: str
    kind: CompletionKind
    edit: TextEdit
    detail: str = ""
    documentation: str = ""


@dataclass(frozen=True)
class _Site:
    document: EditorDocument
    tree: Tree
    cursor: Cursor
    view: MachineView

    def relative(self, path: Path) -> Path:
        return self.view.relative(path) or ()

    def replace(self, span: Span, text: str) -> TextEdit:
        return TextEdit(self.tree.range(span), text)


def workflow_completions(document: EditorDocument, position: Position) -> tuple[Completion, ...]:
    """Candidates at `position`; empty when nothing fits (e.g. inside a free-form template)."""
    tree = document.tree
    cursor = cursor_at(tree, position)
    view = document.machine_at(cursor.container)
    if view is None or view.machine is None:
        return ()
    site = _Site(document, tree, cursor, view)
    if cursor.on == "key":
        return tuple(_keys(site))
    return tuple(_values(site, position))


def _keys(site: _Site) -> Iterable[Completion]:
    container = site.relative(site.cursor.container)
    present = site.tree.value_at(site.cursor.container)
    typed = (
        site.relative(site.cursor.path)[-1:] if site.cursor.path != site.cursor.container else ()
    )
    existing = {k for k in present if (k,) != typed} if isinstance(present, dict) else set()
    after = site.tree.text[site.cursor.token[1] :].split("\n", 1)[0].lstrip()
    colon = "" if after.startswith(":") else ": "
    for name in _allowed_fields(site.view, container):
        if name in existing:
            continue
        text = (_json_string(name) if site.tree.syntax == "json" else name) + colon
        yield Completion(
            name,
            CompletionKind.FIELD,
            site.replace(site.cursor.token, text),
            "field",
            FIELD_DOCS.get(name, ""),
        )


def _allowed_fields(view: MachineView, container: Path) -> tuple[str, ...]:
    machine = view.machine
    assert machine is not None
    if container == ():
        return _TOP_FIELDS
    for scope in machine.scopes:
        if scope.path == container:
            return (
                _SCOPE_FIELDS
                if scope.path[-1] in ("ItemProcessor", "Iterator")
                else (
                    "Comment",
                    "StartAt",
                    "States",
                )
            )
    language = JSONATA if is_jsonata(machine, container) else JSONPATH
    state = state_at(machine, container)
    if state is not None and state.path == container:
        if state.type not in FIELDS:
            return ("Type", "Comment")
        return tuple(
            name for name, where in FIELDS[state.type].items() if where in ("both", language)
        )
    tail = container[-2:]
    if len(tail) == 2 and isinstance(tail[1], int):
        if tail[0] == "Retry":
            return _RETRIER
        if tail[0] == "Catch":
            return _CATCHER[language]
        if tail[0] in ("Choices", "And", "Or"):
            return _JSONATA_RULE if language == JSONATA else _JSONPATH_RULE
    if container[-1:] == ("Not",):
        return _JSONPATH_RULE
    if container[-1:] == ("ProcessorConfig",):
        return ("Mode", "ExecutionType")
    return ()


def _values(site: _Site, position: Position) -> Iterable[Completion]:
    cursor = site.cursor
    machine = site.view.machine
    assert machine is not None
    path = site.relative(cursor.path)
    key = cursor.key
    quote = _quoter(site)
    if key == "Type" and not cursor.in_array:
        for name in STATE_TYPES:
            yield _value(site, name, CompletionKind.STATE_TYPE, quote(name), "state type")
    elif key in ("Next", "Default", "StartAt") and not cursor.in_array:
        owner = path[:-1] if key == "StartAt" else path
        scope = scope_at(machine, owner)
        if key != "StartAt":
            state = state_at(machine, path)
            scope = state.scope if state is not None else scope
        for name, state in scope.states.items():
            yield _value(site, name, CompletionKind.STATE, quote(name), state.type or "state")
    elif key == "Resource" and not cursor.in_array:
        for arn, description in integration_arns():
            yield _value(site, arn, CompletionKind.RESOURCE, quote(arn), description)
    elif key == "ErrorEquals":
        for name in ERROR_NAMES:
            yield _value(site, name, CompletionKind.ERROR, quote(name), "error name")
    elif key in FIELD_VALUES and not cursor.in_array:
        for value in FIELD_VALUES[key]:
            yield _value(site, value, CompletionKind.VALUE, quote(value), key)
    elif key == "End":
        yield _value(site, "true", CompletionKind.VALUE, "true", "ends the execution")
    else:
        yield from _expression(site, path, position)


def _expression(site: _Site, path: Path, position: Position) -> Iterable[Completion]:
    """Functions and variables inside a string: the word at the cursor is what is replaced."""
    machine = site.view.machine
    assert machine is not None
    text, offset = site.tree.text, site.tree.offset(position)
    start = offset
    while start > site.cursor.token[0] and _EXPRESSION_WORD.fullmatch(text[start - 1]):
        start -= 1
    end = _EXPRESSION_WORD.match(text, offset)
    span = (start, end.end() if end else offset)
    word = text[start:offset]
    typed = site.cursor.prefix
    variables = variables_in_scope(machine, path)
    if "{%" in typed or (is_jsonata(machine, path) and word.startswith("$")):
        for name, signature in JSONATA_FUNCTIONS.items():
            yield _at(site, span, name, CompletionKind.FUNCTION, signature)
        for name, doc in STATES_MEMBERS.items():
            yield _at(site, span, name, CompletionKind.VARIABLE, "$states", doc)
        for name in variables:
            yield _at(site, span, f"${name}", CompletionKind.VARIABLE, "variable")
        return
    key = site.cursor.key or ""
    if key.endswith(".$") or word.startswith("States.") or word.startswith("$"):
        if not word.startswith("$"):
            for name, (signature, doc) in INTRINSICS.items():
                yield _at(site, span, name, CompletionKind.FUNCTION, signature, doc)
        for name in variables:
            yield _at(site, span, f"${name}", CompletionKind.VARIABLE, "variable")


def _quoter(site: _Site) -> Callable[[str], str]:
    if site.tree.syntax == "json" or site.cursor.quoted:
        return _json_string
    return yaml_scalar


def _json_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _value(
    site: _Site, label: str, kind: CompletionKind, text: str, detail: str = ""
) -> Completion:
    return Completion(label, kind, site.replace(site.cursor.token, text), detail)


def _at(
    site: _Site, span: Span, name: str, kind: CompletionKind, detail: str, doc: str = ""
) -> Completion:
    return Completion(name, kind, site.replace(span, name), detail, doc)
