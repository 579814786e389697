"""A navigable view of a definition: scopes (top level, Parallel branches, Map processors) and
their states, each with its path and effective query language.

Built once per validation from the plain definition; tolerant of any shape (non-objects are
skipped here and reported by the structure rules).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from eventsmith.asl.syntax._document import Path

JSONPATH = "JSONPath"
JSONATA = "JSONata"
STATE_TYPES = ("Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map")


TransitionKind = Literal["next", "choice", "default", "catch"]


@dataclass(frozen=True)
class Transition:
    """A way out of a state: the name it goes to, where that name is written, and why.

    `source` is the object holding the `Next`/`Default`: the Choice rule, the catcher, or the
    state itself.
    """

    target: str
    path: Path
    kind: TransitionKind
    source: dict[str, Any] = field(repr=False, compare=False)


@dataclass(eq=False)
class State:
    name: str
    path: Path
    body: dict[str, Any]
    scope: Scope
    language: str
    type: str | None = field(init=False)
    children: list[Scope] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        kind = self.body.get("Type")
        self.type = kind if isinstance(kind, str) else None

    @cached_property
    def transitions(self) -> list[Transition]:
        """Every transition out of the state, in document order: Next, Choices/Default, Catch."""
        body = self.body
        found: list[Transition] = []
        if self.type == "Choice":
            choices = body.get("Choices")
            for index, rule in enumerate(choices if isinstance(choices, list) else []):
                if isinstance(rule, dict) and isinstance(rule.get("Next"), str):
                    path = self.at("Choices", index, "Next")
                    found.append(Transition(rule["Next"], path, "choice", rule))
            if isinstance(body.get("Default"), str):
                found.append(Transition(body["Default"], self.at("Default"), "default", body))
        elif isinstance(body.get("Next"), str):
            found.append(Transition(body["Next"], self.at("Next"), "next", body))
        catchers = body.get("Catch")
        for index, catcher in enumerate(catchers if isinstance(catchers, list) else []):
            if isinstance(catcher, dict) and isinstance(catcher.get("Next"), str):
                path = self.at("Catch", index, "Next")
                found.append(Transition(catcher["Next"], path, "catch", catcher))
        return found

    @cached_property
    def targets(self) -> list[tuple[str, Path]]:
        """Every (target name, path of the value naming it), as in `transitions`."""
        return [(transition.target, transition.path) for transition in self.transitions]

    @property
    def terminal(self) -> bool:
        """Ends its scope: a Succeed or Fail state, or `End: true`."""
        return self.type in ("Succeed", "Fail") or self.body.get("End") is True

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

    @cached_property
    def all_states(self) -> list[State]:
        return [state for scope in self.scopes for state in scope.states.values()]

    def states(self) -> list[State]:
        """Every state of every scope, parents' scopes first."""
        return self.all_states


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
            state.children.append(child)
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
