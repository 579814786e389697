"""What the state runners share: one state visit, the run's settings, and the interface of
the interpreter that Task, Parallel, Map and Retry/Catch call back into."""

from __future__ import annotations

import random
from collections import ChainMap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from eventsmith.asl.simulator import _errors as errors
from eventsmith.asl.simulator._dataflow import select
from eventsmith.asl.simulator._errors import StatesError
from eventsmith.asl.simulator._history import History, Lane
from eventsmith.asl.simulator._intrinsics import Scope
from eventsmith.asl.simulator._jsonata import JsonataRuntime
from eventsmith.asl.simulator._mocks import Handlers, MockedResponse

MAX_PAYLOAD = 262_144
Variables = ChainMap[str, Any]
WRAPPED = (
    errors.RUNTIME,
    errors.PARAMETER_PATH,
    errors.RESULT_PATH,
    errors.INTRINSIC_FAILURE,
)


class ExecutionTimedOut(Exception):
    """The state machine's TimeoutSeconds passed on the virtual clock (not catchable)."""


class TooManySteps(Exception):
    """The run entered more states than allowed: a loop that never ends."""


@dataclass
class Settings:
    state_machine_name: str = "StateMachine"
    execution_name: str = "local"
    account: str = "123456789012"
    region: str = "us-east-1"
    max_steps: int = 100_000
    seed: int = 0


@dataclass(slots=True)
class Visit:
    """One state being run: where it is, what it got, and what it may read."""

    name: str
    body: dict[str, Any]
    jsonata: bool
    lane: Lane
    variables: Variables
    scope: tuple[str | int, ...]
    raw_input: Any
    make_context: Callable[[], dict[str, Any]]
    entered_event: int = 0
    retries: int = 0
    slot: int = 0
    pending_assign: dict[str, Any] | None = None
    path: tuple[str | int, ...] = ()  # where the state sits in the definition
    built_context: dict[str, Any] | None = None

    def assign(self, values: Mapping[str, Any]) -> None:
        """Variables to set when the state exits (Assign sees the values from before)."""
        if self.pending_assign is None:
            self.pending_assign = {}
        self.pending_assign.update(values)

    def scope_for(self, data: Any, rng: random.Random) -> Scope:
        return Scope(data, lambda: self.context, self.variables, rng)

    @property
    def context(self) -> dict[str, Any]:
        """The context object (`$$`, `$states.context`), built on first use: most states
        never read it."""
        if self.built_context is None:
            self.built_context = self.make_context()
        return self.built_context

    def bindings(self, **states: Any) -> dict[str, Any]:
        values = dict(self.variables)
        values["states"] = {"input": self.raw_input, "context": self.context, **states}
        return values


class Runtime(Protocol):
    """The interpreter as the state runners see it (implemented by `_engine.Execution`)."""

    settings: Settings
    history: History
    rng: random.Random
    jsonata: JsonataRuntime
    mocks: Mapping[str, tuple[MockedResponse, ...]]
    handlers: Handlers
    invocations: dict[str, int]
    test_case: str | None

    def run_scope(
        self,
        body: Mapping[str, Any],
        value: Any,
        lane: Lane,
        variables: Variables,
        scope: tuple[str | int, ...],
        language: str,
        base: tuple[str | int, ...] = (),
    ) -> Any: ...

    def effective_input(self, visit: Visit) -> Any: ...

    def finish(self, visit: Visit, result: Any, *, has_result: bool) -> Any: ...

    def evaluate_field(self, visit: Visit, value: Any, where: str) -> Any: ...

    def located(self, visit: Visit, error: StatesError) -> StatesError: ...

    def check_deadline(self, lane: Lane) -> None: ...


StateRunner = Callable[[Runtime, Visit], tuple[Any, "str | None"]]


def field_or_path(execution: Runtime, visit: Visit, key: str, default: Any) -> Any:
    """A field given as itself (a value, or a JSONata expression) or as `<key>Path` (a path
    into the state's raw input), such as MaxConcurrency or TimeoutSeconds."""
    body = visit.body
    if f"{key}Path" in body:
        scope = visit.scope_for(visit.raw_input, execution.rng)
        return select(body[f"{key}Path"], visit.raw_input, scope, f"{key}Path")
    return execution.evaluate_field(visit, body.get(key, default), key)
