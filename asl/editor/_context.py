"""Where a path of a definition is: in which state, which scope, under which query language."""

from __future__ import annotations

import re
from collections.abc import Iterator

from eventsmith.asl.syntax import JSONATA, Machine, Path, Scope, State

# A plain scalar that YAML reads back as the same string: no indicator first, no ": " or " #".
_PLAIN_YAML = re.compile(r"[A-Za-z_$][^\s#'\"]*(?: [^\s#'\"]+)*")


def state_at(machine: Machine, path: Path) -> State | None:
    """The innermost state whose body contains `path` (or is `path`)."""
    best: State | None = None
    for state in machine.all_states:
        size = len(state.path)
        if path[:size] == state.path and (best is None or size > len(best.path)):
            best = state
    return best


def scope_at(machine: Machine, path: Path) -> Scope:
    """The innermost scope (top level, branch, item processor) whose body contains `path`."""
    best = machine.top
    for scope in machine.scopes:
        size = len(scope.path)
        if path[:size] == scope.path and size > len(best.path):
            best = scope
    return best


def language_at(machine: Machine, path: Path) -> str:
    state = state_at(machine, path)
    return state.language if state is not None else machine.language


def variables_in_scope(machine: Machine, path: Path) -> list[str]:
    """Variable names assigned in the scope of `path` or in the scopes around it.

    A may-approximation (what completion wants): order of execution is not considered, and
    a distributed Map's processor sees only its own variables, as at run time.
    """
    names: list[str] = []
    scope: Scope | None = scope_at(machine, path)
    while scope is not None:
        for state in scope.states.values():
            for name in _assigned(state):
                if name not in names:
                    names.append(name)
        if scope.distributed or scope.owner is None:
            break
        scope = scope_at(machine, scope.owner.path)
    return names


def _assigned(state: State) -> Iterator[str]:
    blocks = [state.body.get("Assign")]
    for key in ("Choices", "Catch"):
        items = state.body.get(key)
        blocks.extend(item.get("Assign") for item in items or () if isinstance(item, dict))
    for block in blocks:
        if isinstance(block, dict):
            yield from (name for name in block if isinstance(name, str) and name)


def is_jsonata(machine: Machine, path: Path) -> bool:
    return language_at(machine, path) == JSONATA


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when it reads back as the same string, else quoted."""
    plain = _PLAIN_YAML.fullmatch(text) and ": " not in text and not text.endswith(":")
    if plain and text.lower() not in ("true", "false", "null", "~"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
