"""Structure (ASL1xx): top level, StartAt/States, state names and types, transitions,
reachability and termination.

Targets are looked up in the scope of the state that names them: a branch of a Parallel or the
processor of a Map is its own scope, and ASL forbids transitions into or out of it.
"""

from __future__ import annotations

import re
from collections import deque

from eventsmith.asl.rules._base import WARNING, Context, did_you_mean, opaque, type_name
from eventsmith.asl.syntax._document import Path
from eventsmith.asl.syntax._model import STATE_TYPES, Machine, Scope, State

MAX_STATE_NAME = 80
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_TOP_FIELDS = ("Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage")
_SCOPE_FIELDS = ("Comment", "StartAt", "States", "ProcessorConfig")
_NEEDS_TRANSITION = ("Task", "Pass", "Wait", "Parallel", "Map")


def check(context: Context) -> None:
    machine = context.machine
    _top_level(context)
    for scope in machine.scopes:
        _scope(context, scope)
        for state in scope.states.values():
            _state_shape(context, state)
            _transitions(context, machine, state)
        _reachability(context, scope)
    _unique_names(context)


def _unique_names(context: Context) -> None:
    """State names are unique in the whole machine, across branches and processors too."""
    first: dict[str, State] = {}
    for state in context.machine.states():
        earlier = first.setdefault(state.name, state)
        if earlier is not state:
            context.report(
                "ASL110",
                f"State name '{state.name}' is already used at {_where(earlier)}; names must be"
                " unique in the whole state machine",
                state.path,
                anchor="key",
            )


def _where(state: State) -> str:
    scope = state.scope
    return "the top level" if scope.owner is None else _scope_name(scope)


def _top_level(context: Context) -> None:
    definition = context.machine.definition
    for key in definition:
        if key not in _TOP_FIELDS:
            suffix, suggestion = did_you_mean(key, _TOP_FIELDS)
            fix = context.rename_key_fix((key,), suggestion) if suggestion else None
            fix = fix or context.remove_member_fix((key,))
            context.report(
                "ASL201", f"Unknown top-level field '{key}'{suffix}", (key,), anchor="key", fix=fix
            )


def _scope(context: Context, scope: Scope) -> None:
    where = "the state machine" if scope.owner is None else _scope_name(scope)
    if scope.owner is not None:
        for key in scope.body:
            if key not in _SCOPE_FIELDS:
                suffix, _ = did_you_mean(key, _SCOPE_FIELDS)
                context.report(
                    "ASL201",
                    f"Unknown field '{key}' in {where}{suffix}",
                    scope.at(key),
                    anchor="key",
                    fix=context.remove_member_fix(scope.at(key)),
                )
    states = scope.body.get("States")
    if "States" not in scope.body:
        context.report("ASL101", f"'States' is required in {where}", scope.path, anchor="key")
    elif not isinstance(states, dict):
        context.report(
            "ASL100", f"'States' must be an object, not {type_name(states)}", scope.at("States")
        )
    elif not states:
        context.report("ASL112", f"{where.capitalize()} has no states", scope.at("States"))
    start_at = scope.start_at
    if "StartAt" not in scope.body:
        context.report("ASL101", f"'StartAt' is required in {where}", scope.path, anchor="key")
    elif not isinstance(start_at, str):
        context.report(
            "ASL204", f"'StartAt' must be a string, not {type_name(start_at)}", scope.at("StartAt")
        )
    elif isinstance(states, dict) and start_at not in states and not opaque(start_at):
        _missing_target(context, scope, start_at, scope.at("StartAt"), "StartAt")
    if isinstance(states, dict):
        for name, body in states.items():
            path = scope.at("States", name)
            if not isinstance(body, dict):
                context.report(
                    "ASL100", f"State '{name}' must be an object, not {type_name(body)}", path
                )
            if not name or len(name) > MAX_STATE_NAME:
                context.report(
                    "ASL108",
                    f"State name must be 1 to {MAX_STATE_NAME} characters, not {len(name)}",
                    path,
                    anchor="key",
                )
            elif _CONTROL.search(name):
                context.report(
                    "ASL108",
                    "State names cannot contain control characters (U+0000-001F, U+007F-009F)",
                    path,
                    anchor="key",
                )


def _scope_name(scope: Scope) -> str:
    owner = scope.owner
    assert owner is not None
    if scope.path[-2:-1] == ("Branches",):
        return f"branch {scope.path[-1]} of '{owner.name}'"
    return f"the item processor of '{owner.name}'"


def _state_shape(context: Context, state: State) -> None:
    kind = state.body.get("Type")
    if "Type" not in state.body:
        context.report("ASL109", f"State '{state.name}' has no 'Type'", state.path, anchor="key")
    elif kind not in STATE_TYPES:
        suffix, suggestion = did_you_mean(str(kind), STATE_TYPES)
        fix = (
            context.replace_value_fix(state.at("Type"), f"Change to '{suggestion}'", suggestion)
            if suggestion
            else None
        )
        what = (
            f"Unknown state type '{kind}'{suffix}" if kind else f"State '{state.name}' needs a Type"
        )
        context.report(
            "ASL109",
            f"{what} (one of {', '.join(STATE_TYPES)})",
            state.at("Type"),
            fix=fix,
        )
        return
    has_next = "Next" in state.body
    end = state.body.get("End")
    if "End" in state.body and not isinstance(end, bool):
        context.report("ASL204", f"'End' must be true, not {type_name(end)}", state.at("End"))
    if kind in _NEEDS_TRANSITION:
        if has_next and end is True:
            context.report(
                "ASL105",
                f"State '{state.name}' has both 'Next' and 'End'; keep one",
                state.at("End"),
                anchor="key",
                fix=context.remove_member_fix(state.at("End")),
            )
        elif not has_next and end is not True:
            fix = context.add_member_fix(state.path, "End", True, 'Add "End": true')
            context.report(
                "ASL104",
                f"State '{state.name}' needs 'Next' or 'End': true",
                state.path,
                anchor="key",
                fix=fix,
            )
    else:
        for key in ("Next", "End"):
            if key in state.body:
                context.report(
                    "ASL111",
                    f"A {kind} state cannot have '{key}'" + _why_no_transition(kind),
                    state.at(key),
                    anchor="key",
                    fix=context.remove_member_fix(state.at(key)),
                )


def _why_no_transition(kind: object) -> str:
    if kind in ("Succeed", "Fail"):
        return " (it ends the execution)"
    return " (it moves on through Choices and Default)"


def transitions(state: State) -> list[tuple[str, Path]]:
    """Every (target name, path of the value naming it) of a state."""
    return state.targets


def _transitions(context: Context, machine: Machine, state: State) -> None:
    for target, path in transitions(state):
        if target not in state.scope.states and not opaque(target):
            _missing_target(context, state.scope, target, path, path[-1])
    for key in ("Next", "Default"):
        value = state.body.get(key)
        if key in state.body and not isinstance(value, str):
            context.report(
                "ASL204", f"'{key}' must be a state name, not {type_name(value)}", state.at(key)
            )


def _missing_target(context: Context, scope: Scope, target: str, path: Path, field: object) -> None:
    names = list(scope.states)
    if isinstance(scope.body.get("States"), dict):
        names = [str(name) for name in scope.body["States"]]
    suffix, suggestion = did_you_mean(target, names)
    elsewhere = _scope_holding(context.machine, target, scope)
    if elsewhere is not None and not suggestion:
        suffix = (
            f"; '{target}' is in another scope and transitions cannot enter or leave a"
            " Parallel branch or a Map item processor"
        )
    fix = (
        context.replace_value_fix(path, f"Change to '{suggestion}'", suggestion)
        if suggestion
        else None
    )
    context.report(
        "ASL103", f"{field} names no state '{target}' in this scope{suffix}", path, fix=fix
    )


def _scope_holding(machine: Machine, name: str, exclude: Scope) -> Scope | None:
    for scope in machine.scopes:
        if scope is not exclude and name in scope.states:
            return scope
    return None


def _reachability(context: Context, scope: Scope) -> None:
    states = scope.states
    if not states:
        return
    edges = {
        name: [t for t, _ in transitions(state) if t in states] for name, state in states.items()
    }
    start = scope.start_at
    if isinstance(start, str) and start in states:
        seen = _closure([start], edges)
        for name, state in states.items():
            if name not in seen:
                context.report(
                    "ASL106",
                    f"State '{name}' is not reachable from '{start}'",
                    state.path,
                    anchor="key",
                )
    reverse: dict[str, list[str]] = {name: [] for name in states}
    for name, targets in edges.items():
        for target in targets:
            reverse[target].append(name)
    # A state with neither Next nor End (ASL104) may be meant as the end: no pile-up.
    if not any(state.terminal or _unfinished(state) for state in states.values()) and all(
        state.type in STATE_TYPES for state in states.values()
    ):
        where = "The state machine" if scope.owner is None else _scope_name(scope).capitalize()
        context.report(
            "ASL113",
            f"{where} has no terminal state: no state has End: true or is a Succeed or Fail state",
            scope.at("States"),
            anchor="key",
        )
        return
    ends = [name for name, state in states.items() if _ends(state)]
    can_finish = _closure(ends, reverse)
    for name, state in states.items():
        if name not in can_finish and state.type in STATE_TYPES:
            context.report(
                "ASL107",
                f"No path from '{name}' reaches a terminal state (End, Succeed or Fail):"
                " an endless loop",
                state.path,
                anchor="key",
                severity=WARNING,
            )


def _unfinished(state: State) -> bool:
    return state.type in _NEEDS_TRANSITION and "Next" not in state.body


def _ends(state: State) -> bool:
    if state.terminal:
        return True
    if state.body.get("Type") not in STATE_TYPES:
        return True  # already reported; do not pile up findings on it
    targets = list(transitions(state))
    return any(target not in state.scope.states for target, _ in targets) or not targets


def _closure(roots: list[str], edges: dict[str, list[str]]) -> set[str]:
    seen = set(roots)
    queue = deque(roots)
    while queue:
        for target in edges[queue.popleft()]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen
