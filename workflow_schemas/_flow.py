"""Which states receive the workflow's input event as their own input (`$` / `$states.input`).

The start state does. A state after it does too when every way in comes from a state that
hands its input on: Choice and Wait; a Pass that only passes; a state whose `ResultPath` puts
its result beside the input (`$.result`) or drops it (`null`); a Catch with such a
`ResultPath`. Each such `ResultPath` adds a field the event does not have, so paths under it
are not checked. Anything else (a Task's result, an `OutputPath`, a JSONata `Output`) makes
the input unknown, and nothing is checked there: no false warnings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from eventsmith.workflow_schemas._references import jsonpath_references

Path = tuple[str | int, ...]

Added = frozenset[tuple[str, ...]]
UNKNOWN = None  # the input is not (or no longer) the event
# Past this many fields added beside the event, stop following it: each check scans them, and
# a chain of 1,000 states that each add a result would cost quadratic time for little gain.
MAX_ADDED = 32


@dataclass(frozen=True)
class StateInput:
    path: Path  # of the state in the definition
    body: dict[str, Any]
    jsonata: bool
    added: Added  # fields added beside the event by earlier ResultPaths


def event_input_states(definition: Any) -> list[StateInput]:
    """The states whose input is the event (top level and Parallel branches reached with it)."""
    if not isinstance(definition, dict):
        return []
    language = definition.get("QueryLanguage")
    found: list[StateInput] = []
    _scope(definition, (), language == "JSONata", frozenset(), found)
    return found


def _scope(
    scope: dict[str, Any], path: Path, jsonata: bool, entry: Added, found: list[StateInput]
) -> None:
    states = scope.get("States")
    start = scope.get("StartAt")
    if not isinstance(states, dict) or not isinstance(start, str) or start not in states:
        return
    values: dict[str, Added | None] = {start: entry}
    work = [start]
    while work:
        name = work.pop()
        body = states.get(name)
        value = values.get(name)
        if not isinstance(body, dict) or value is None:
            continue
        for target, carried in _edges(body, _jsonata(body, jsonata), value):
            if target not in states:
                continue
            merged = _join(values.get(target, frozenset()), carried, target in values)
            if target not in values or merged != values[target]:
                values[target] = merged
                work.append(target)
    for name, value in values.items():
        body = states.get(name)
        if value is None or not isinstance(body, dict):
            continue
        state_jsonata = _jsonata(body, jsonata)
        state_path = (*path, "States", name)
        found.append(StateInput(state_path, body, state_jsonata, value))
        if body.get("Type") == "Parallel" and _hands_input_to_branches(body, state_jsonata):
            for index, branch in enumerate(body.get("Branches") or []):
                if isinstance(branch, dict):
                    branch_path = (*state_path, "Branches", index)
                    _scope(branch, branch_path, _jsonata(branch, state_jsonata), value, found)


def _join(old: Added | None, new: Added | None, seen: bool) -> Added | None:
    if not seen:
        return new
    if old is None or new is None:
        return None
    joined = old | new
    return joined if len(joined) <= MAX_ADDED else None


def _jsonata(body: dict[str, Any], inherited: bool) -> bool:
    language = body.get("QueryLanguage")
    return language == "JSONata" if language in ("JSONata", "JSONPath") else inherited


def _edges(body: dict[str, Any], jsonata: bool, value: Added) -> Iterator[tuple[str, Added | None]]:
    kind = body.get("Type")
    normal = _passed_on(body, kind, jsonata, value)
    if kind == "Choice":
        for rule in body.get("Choices") or []:
            if isinstance(rule, dict) and isinstance(rule.get("Next"), str):
                yield rule["Next"], normal
        if isinstance(body.get("Default"), str):
            yield body["Default"], normal
    elif isinstance(body.get("Next"), str):
        yield body["Next"], normal
    for catcher in body.get("Catch") or []:
        if isinstance(catcher, dict) and isinstance(catcher.get("Next"), str):
            caught = None if jsonata else _result_path(catcher, value, default_keeps=False)
            yield catcher["Next"], caught


def _passed_on(body: dict[str, Any], kind: object, jsonata: bool, value: Added) -> Added | None:
    if jsonata:
        if "Output" in body:
            return None
        return value if kind in ("Choice", "Wait", "Pass") else None
    if body.get("OutputPath", "$") != "$":
        return None
    if kind in ("Choice", "Wait"):
        return value if body.get("InputPath", "$") == "$" else None
    keeps = kind == "Pass" and not any(key in body for key in ("Result", "Parameters", "InputPath"))
    if kind in ("Pass", "Task", "Map", "Parallel"):
        return _result_path(body, value, default_keeps=keeps)
    return None


def _result_path(body: dict[str, Any], value: Added, default_keeps: bool) -> Added | None:
    if "ResultPath" not in body or body["ResultPath"] == "$":
        return value if default_keeps else None
    result_path = body["ResultPath"]
    if result_path is None:
        return value
    segments = _simple_path(result_path)
    if segments is None or (segments not in value and len(value) >= MAX_ADDED):
        return None
    return value | {segments}


def _simple_path(path: object) -> tuple[str, ...] | None:
    """`$.a.b` / `$['a'].b` as ('a', 'b'); None for anything fancier."""
    if not isinstance(path, str):
        return None
    refs = jsonpath_references(path)
    if len(refs) != 1 or refs[0].root != "state" or not refs[0].segments:
        return None
    segments = refs[0].segments
    if any(segment.index for segment in segments) or segments[-1].end != len(path):
        return None
    return tuple(segment.name for segment in segments)


def _hands_input_to_branches(body: dict[str, Any], jsonata: bool) -> bool:
    if jsonata:
        return "Arguments" not in body
    return body.get("InputPath", "$") == "$" and "Parameters" not in body
