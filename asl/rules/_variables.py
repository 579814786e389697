"""Workflow variables (ASL8xx): `Assign` names are valid identifiers of at most 80 characters,
`$states` is reserved, and a `$variable` read where no state on any path to it assigns it is
warned about.

Availability is a may-analysis over the transitions of each scope: a state sees what any
predecessor (transitively) assigns, plus what its enclosing scopes see on entry to the
Parallel/Map around it. A state's own Assign takes effect after it, so it does not count for
its own fields, unless a loop brings the execution back. A distributed Map's item processor
cannot read outer variables.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

from eventsmith.asl.rules._base import WARNING, Context
from eventsmith.asl.rules._structure import transitions
from eventsmith.asl.syntax._document import Path
from eventsmith.asl.syntax._model import Scope, State

MAX_NAME = 80
RESERVED = "states"


def check(context: Context) -> None:
    assigned: dict[int, set[str]] = {}
    for state in context.machine.states():
        assigned[id(state)] = _assignments(context, state)
    if not context.variable_uses:
        return
    visible = _visible(context, assigned)
    owners = _state_paths(context)
    for name, path in context.variable_uses:
        user = _owner(owners, path)
        if user is None or name in visible.get(id(user), set()):
            continue
        where = "this distributed Map's item processor" if user.scope.distributed else ""
        value = context.source.value_at(path)
        match = re.search(rf"\${re.escape(name)}(?!\w)", value) if isinstance(value, str) else None
        context.report(
            "ASL803",
            f"'${name}' is not assigned by any state on a path to '{user.name}'"
            + (f" ({where} cannot read outer variables)" if where else ""),
            path,
            severity=WARNING,
            within=(match.start(), match.end() - match.start()) if match else None,
        )


def _assignments(context: Context, state: State) -> set[str]:
    """Names assigned by the state (its Assign, its Choice rules' and its catchers')."""
    names: set[str] = set()
    blocks: list[tuple[Any, Path]] = []
    if "Assign" in state.body:
        blocks.append((state.body["Assign"], state.at("Assign")))
    for key in ("Choices", "Catch"):
        if key not in state.body:
            continue
        entries = state.body.get(key)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict) and "Assign" in entry:
                blocks.append((entry["Assign"], state.at(key, index, "Assign")))
    for block, path in blocks:
        if not isinstance(block, dict):
            continue
        for key in block:
            name = key[:-2] if key.endswith(".$") and not state.jsonata else key
            _check_name(context, name, (*path, key))
            names.add(name)
    return names


def _check_name(context: Context, name: str, path: Path) -> None:
    if name == RESERVED:
        context.report("ASL802", "'$states' is reserved by Step Functions", path, anchor="key")
    elif not name.isidentifier() or len(name) > MAX_NAME:
        context.report(
            "ASL801",
            f"Variable name '{name}' must be an identifier (a letter or '_' then letters, digits"
            f" or '_') of at most {MAX_NAME} characters",
            path,
            anchor="key",
        )


def _visible(context: Context, assigned: dict[int, set[str]]) -> dict[int, set[str]]:
    """For each state, the variables that may be set when it starts."""
    visible: dict[int, set[str]] = {}
    for scope in context.machine.scopes:  # parents come before their children
        inherited: set[str] = set()
        if scope.owner is not None and not scope.distributed:
            inherited = visible.get(id(scope.owner), set())
        _flow(scope, inherited, assigned, visible)
    return visible


def _flow(
    scope: Scope, inherited: set[str], assigned: dict[int, set[str]], visible: dict[int, set[str]]
) -> None:
    states = scope.states
    for state in states.values():
        visible[id(state)] = set(inherited)
    queue = deque(states.values())
    while queue:
        state = queue.popleft()
        out = visible[id(state)] | assigned[id(state)]
        for target, _ in transitions(state):
            successor = states.get(target)
            if successor is not None and not out <= visible[id(successor)]:
                visible[id(successor)] |= out
                queue.append(successor)


def _state_paths(context: Context) -> dict[Path, State]:
    return {state.path: state for state in context.machine.states()}


def _owner(owners: dict[Path, State], path: Path) -> State | None:
    for length in range(len(path), 0, -1):
        state = owners.get(path[:length])
        if state is not None:
            return state
    return None
