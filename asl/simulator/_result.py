"""What a run gives back: status, output or error, the history, and each state's step."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from eventsmith.asl.simulator._history import History, HistoryEvent

SUCCEEDED = "SUCCEEDED"
FAILED = "FAILED"
TIMED_OUT = "TIMED_OUT"


@dataclass(frozen=True, slots=True)
class StateStep:
    """One visit of a state. `scope` locates the run: `()` at the top, then
    `("Parallel name", branch index)` or `("Map name", iteration index)` pairs inward. `path`
    locates the state in the definition (as `Diagnostic.path`), e.g. `("States", "Fulfil",
    "Branches", 0, "States", "Charge payment")`: `node_for_path(graph, path)` finds its node."""

    name: str
    type: str
    scope: tuple[str | int, ...]
    input: Any
    output: Any = None
    error: str | None = None
    cause: str | None = None
    entered: float = 0.0  # virtual seconds since the execution started
    exited: float = 0.0
    retries: int = 0
    path: tuple[str | int, ...] = ()  # in the definition, as Diagnostic.path: for node_for_path

    @property
    def failed(self) -> bool:
        return self.error is not None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "scope": list(self.scope),
            "path": list(self.path),
            "input": self.input,
            "enteredAt": self.entered,
            "exitedAt": self.exited,
        }
        if self.error is not None:
            out["error"] = self.error
            out["cause"] = self.cause
        else:
            out["output"] = self.output
        if self.retries:
            out["retries"] = self.retries
        return out


@dataclass(frozen=True)
class ExecutionResult:
    """The outcome of `run_workflow`. `output` is set when SUCCEEDED; `error`/`cause` otherwise."""

    status: str
    output: Any
    error: str | None
    cause: str | None
    history: History = field(repr=False, compare=False)
    steps: tuple[StateStep, ...]
    start: datetime
    duration: float  # virtual seconds

    @cached_property
    def events(self) -> tuple[HistoryEvent, ...]:
        """The execution history (GetExecutionHistory's events), made on first read."""
        return self.history.events()

    @property
    def succeeded(self) -> bool:
        return self.status == SUCCEEDED

    @property
    def path(self) -> tuple[str, ...]:
        """The top-level states entered, in order (the path taken through the graph)."""
        return tuple(step.name for step in self.steps if not step.scope)

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "output": self.output,
            "error": self.error,
            "cause": self.cause,
            "path": list(self.path),
            "events": [event.to_json() for event in self.events],
            "steps": [step.to_json() for step in self.steps],
        }
