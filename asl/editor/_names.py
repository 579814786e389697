"""State names as symbols: definition, references, rename and highlights within a scope.

A state name is declared by its key under `States` and referred to by the scope's `StartAt`
and by the `Next`, `Default`, choice-rule `Next` and catcher `Next` of the scope's states.
Names in other scopes (a Parallel branch, a Map processor) are different symbols, even when
spelled the same, as at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from eventsmith.asl.editor._context import scope_at, state_at, yaml_scalar
from eventsmith.asl.editor._cursor import cursor_at
from eventsmith.asl.editor._document import EditorDocument, MachineView
from eventsmith.asl.editor._tree import Tree
from eventsmith.asl.rules._structure import MAX_STATE_NAME
from eventsmith.asl.syntax import Path, Position, Range, Scope, Span, TextEdit

_REFERRING = ("Next", "Default", "StartAt")


@dataclass(frozen=True)
class StateReference:
    """Where a state name is written: `range` covers the name (quotes excluded)."""

    range: Range
    declaration: bool
    path: Path


@dataclass(frozen=True)
class NameSite:
    """The state name under the cursor and the scope it belongs to."""

    name: str
    view: MachineView
    scope: Scope
    range: Range


def name_at(document: EditorDocument, position: Position) -> NameSite | None:
    tree = document.tree
    cursor = cursor_at(tree, position)
    view = document.machine_at(cursor.path)
    if view is None or view.machine is None:
        return None
    path = view.relative(cursor.path) or ()
    machine = view.machine
    if cursor.on == "key" and len(path) >= 2 and path[-2] == "States":
        scope = next((s for s in machine.scopes if s.path == path[:-2]), None)
        name = path[-1]
        if scope is None or not isinstance(name, str) or name not in scope.states:
            return None
        return NameSite(name, view, scope, _name_range(tree, tree.keys[cursor.path], name))
    if cursor.on != "value" or cursor.key not in _REFERRING or cursor.in_array:
        return None
    value = tree.value_at(cursor.path)
    if not isinstance(value, str) or cursor.path not in tree.values:
        return None
    if cursor.key == "StartAt":
        scope = next((s for s in machine.scopes if s.path == path[:-1]), scope_at(machine, path))
    else:
        state = state_at(machine, path)
        if state is None:
            return None
        scope = state.scope
    return NameSite(value, view, scope, _name_range(tree, tree.values[cursor.path], value))


def state_references(
    document: EditorDocument, position: Position, include_declaration: bool = True
) -> tuple[StateReference, ...]:
    """Every place the state name at `position` is written in its scope, in text order."""
    site = name_at(document, position)
    if site is None:
        return ()
    found = [
        ref
        for ref in _references(document.tree, site)
        if include_declaration or not ref.declaration
    ]
    return tuple(sorted(found, key=lambda ref: ref.range.start))


def state_definition(document: EditorDocument, position: Position) -> Range | None:
    """Range of the key that declares the state named at `position` (None if undeclared)."""
    site = name_at(document, position)
    if site is None:
        return None
    for reference in _references(document.tree, site):
        if reference.declaration:
            return reference.range
    return None


def rename_state(
    document: EditorDocument, position: Position, new_name: str
) -> tuple[TextEdit, ...] | str:
    """Edits renaming the state at `position` everywhere in its scope, or why it cannot be."""
    site = name_at(document, position)
    if site is None:
        return "There is no state name here"
    if not new_name or len(new_name) > MAX_STATE_NAME:
        return f"A state name has 1 to {MAX_STATE_NAME} characters"
    # Step Functions wants state names unique in the whole machine, not only in their scope.
    machine = site.view.machine
    taken = {state.name for state in machine.all_states} if machine is not None else set()
    if new_name != site.name and new_name in taken:
        return f"The state machine already has a state named '{new_name}'"
    tree = document.tree
    edits = []
    for reference in _references(tree, site):
        table = tree.keys if reference.declaration else tree.values
        edits.append(_rename_edit(tree, table[site.view.absolute(reference.path)], new_name))
    return tuple(sorted(edits, key=lambda edit: edit.range.start))


def _references(tree: Tree, site: NameSite) -> list[StateReference]:
    scope, name, view = site.scope, site.name, site.view
    found: list[StateReference] = []

    def add(path: Path, declaration: bool) -> None:
        absolute = view.absolute(path)
        span = (tree.keys if declaration else tree.values).get(absolute)
        if span is not None:
            found.append(StateReference(_name_range(tree, span, name), declaration, path))

    if name in scope.states:
        add(scope.at("States", name), True)
    if scope.start_at == name:
        add(scope.at("StartAt"), False)
    for state in scope.states.values():
        for target, path in state.targets:
            if target == name:
                add(path, False)
    return found


def _name_range(tree: Tree, span: Span, name: str) -> Range:
    raw = tree.text[span[0] : span[1]]
    if len(raw) >= 2 and raw[0] in "\"'" and raw[-1] == raw[0] and raw[1:-1] == name:
        return tree.range((span[0] + 1, span[1] - 1))
    return tree.range(span)


def _rename_edit(tree: Tree, span: Span, new_name: str) -> TextEdit:
    raw = tree.text[span[0] : span[1]]
    if raw[:1] == '"':
        return TextEdit(tree.range(span), json.dumps(new_name, ensure_ascii=False))
    if raw[:1] == "'":
        return TextEdit(tree.range(span), "'" + new_name.replace("'", "''") + "'")
    return TextEdit(tree.range(span), yaml_scalar(new_name))
