"""A navigable view of a definition: scopes (top level, Parallel branches, Map processors) and
their states, each with its path and effective query language.

Built once per validation from the plain definition; tolerant of any shape (non-objects are
skipped here and reported by the structure rules).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .document import Path

JSONPATH = "JSONPath"
JSONATA = "JSONata"
STATE_TYPES = ("Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map")


@dataclass(eq=False)
class State:
    name: str
    path: Path
    body: dict[str, Any]
    scope: Scope
    language: str

    @property
    def type(self) -> str | None:
        kind = self.body.get("Type")
        return kind if isinstance(kind, str) else None

    @property
    def jsonata(self) -> bool:
        return self.language == JSONATA

    def at(self, *parts: str | int) -> Path:
        return (*self.path, *parts)


@dataclass(eq=False)
class Scope:
    """A StartAt + States object. `owner` is the Parallel/Map state around it (None at top)."""

    path: Path
    body: dict[str, Any]
    owner: State | None
    distributed: bool = False
    states: dict[str, State] = field(default_factory=dict)
    children: list[Scope] = field(default_factory=list)

    @property
    def start_at(self) -> object:
        return self.body.get("StartAt")

    def at(self, *parts: str | int) -> Path:
        return (*self.path, *parts)


@dataclass
class Machine:
    definition: dict[str, Any]
    language: str
    top: Scope
    scopes: list[Scope]

    def states(self) -> Iterator[State]:
        for scope in self.scopes:
            yield from scope.states.values()


def build_machine(definition: dict[str, Any]) -> Machine:
    language = definition.get("QueryLanguage")
    top_language = language if language in (JSONPATH, JSONATA) else JSONPATH
    top = Scope((), definition, None)
    machine = Machine(definition, top_language, top, [])
    _fill(machine, top)
    return machine


def _fill(machine: Machine, scope: Scope) -> None:
    machine.scopes.append(scope)
    states = scope.body.get("States")
    if not isinstance(states, dict):
        return
    for name, body in states.items():
        if not isinstance(body, dict):
            continue
        own = body.get("QueryLanguage")
        language = own if own in (JSONPATH, JSONATA) else machine.language
        state = State(name, scope.at("States", name), body, scope, language)
        scope.states[name] = state
        for child in _child_scopes(state):
            scope.children.append(child)
            _fill(machine, child)


def _child_scopes(state: State) -> Iterator[Scope]:
    body = state.body
    if body.get("Type") == "Parallel" and isinstance(body.get("Branches"), list):
        for index, branch in enumerate(body["Branches"]):
            if isinstance(branch, dict):
                yield Scope(state.at("Branches", index), branch, state)
    elif body.get("Type") == "Map":
        for key in ("ItemProcessor", "Iterator"):
            processor = body.get(key)
            if isinstance(processor, dict):
                config = processor.get("ProcessorConfig")
                mode = config.get("Mode") if isinstance(config, dict) else None
                yield Scope(state.at(key), processor, state, distributed=mode == "DISTRIBUTED")
