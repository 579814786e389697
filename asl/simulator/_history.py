"""The execution history, in the shape of the GetExecutionHistory API.

Event types and their `...EventDetails` fields are those of the API reference
(https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html);
inputs and outputs are JSON strings there, so they are here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

# The details key of each event type, e.g. "TaskScheduled" -> "taskScheduledEventDetails".
_ENTERED = "stateEnteredEventDetails"
_EXITED = "stateExitedEventDetails"
_DETAILS: dict[str, str] = {
    "ExecutionStarted": "executionStartedEventDetails",
    "ExecutionSucceeded": "executionSucceededEventDetails",
    "ExecutionFailed": "executionFailedEventDetails",
    "ExecutionTimedOut": "executionTimedOutEventDetails",
    "TaskScheduled": "taskScheduledEventDetails",
    "TaskStarted": "taskStartedEventDetails",
    "TaskSubmitted": "taskSubmittedEventDetails",
    "TaskSucceeded": "taskSucceededEventDetails",
    "TaskFailed": "taskFailedEventDetails",
    "TaskTimedOut": "taskTimedOutEventDetails",
    "LambdaFunctionScheduled": "lambdaFunctionScheduledEventDetails",
    "LambdaFunctionSucceeded": "lambdaFunctionSucceededEventDetails",
    "LambdaFunctionFailed": "lambdaFunctionFailedEventDetails",
    "LambdaFunctionTimedOut": "lambdaFunctionTimedOutEventDetails",
    "ActivityScheduled": "activityScheduledEventDetails",
    "ActivityStarted": "activityStartedEventDetails",
    "ActivitySucceeded": "activitySucceededEventDetails",
    "ActivityFailed": "activityFailedEventDetails",
    "MapStateStarted": "mapStateStartedEventDetails",
    "MapIterationStarted": "mapIterationStartedEventDetails",
    "MapIterationSucceeded": "mapIterationSucceededEventDetails",
    "MapIterationFailed": "mapIterationFailedEventDetails",
    "MapIterationAborted": "mapIterationAbortedEventDetails",
    "MapRunStarted": "mapRunStartedEventDetails",
    "MapRunFailed": "mapRunFailedEventDetails",
    "EvaluationFailed": "evaluationFailedEventDetails",
}


def to_json(value: Any) -> str:
    return orjson.dumps(value).decode()


def payload_size(value: Any) -> int:
    return len(orjson.dumps(value))


# Detail fields that AWS gives as JSON text, and those of them with an `...Details` sibling.
_JSON_FIELDS = frozenset({"input", "output", "parameters"})
_WITH_DETAILS = frozenset({"input", "output"})
NOT_TRUNCATED: dict[str, Any] = {"truncated": False}
Fields = tuple[tuple[str, Any], ...]


def _compact(details: dict[str, Any]) -> Fields:
    """Details as a tuple of atoms: JSON fields as UTF-8 bytes (already the text AWS shows,
    and a copy no later change can reach). Tuples of atoms are not tracked by the garbage
    collector, which otherwise spent most of a 10,000-item Map rescanning the history."""
    out = []
    for key, value in details.items():
        if key.endswith("Details"):
            continue  # re-created when rendered
        if key in _JSON_FIELDS and not isinstance(value, bytes):
            value = orjson.dumps(value)
        elif key == "assignedVariables":
            value = tuple((name, orjson.dumps(item)) for name, item in value.items())
        out.append((key, value))
    return tuple(out)


def _render(fields: Fields) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in fields:
        if key in _JSON_FIELDS:
            out[key] = value.decode()
            if key in _WITH_DETAILS:
                out[key + "Details"] = dict(NOT_TRUNCATED)
        elif key == "assignedVariables":
            out[key] = {name: item.decode() for name, item in value}
            out["assignedVariablesDetails"] = dict(NOT_TRUNCATED)
        else:
            out[key] = value
    return out


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """One event: `type` as AWS names it, its time, and its details object (None for
    detail-less types), whose inputs and outputs are JSON text as in GetExecutionHistory."""

    id: int
    previous_event_id: int
    type: str
    offset: float  # virtual seconds since the execution started
    start: datetime = field(repr=False)
    raw_details: Fields | None = field(default=None, repr=False)

    @property
    def timestamp(self) -> datetime:
        return self.start + timedelta(seconds=self.offset)

    @property
    def details(self) -> dict[str, Any] | None:
        return None if self.raw_details is None else _render(self.raw_details)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "timestamp": iso(self.timestamp),
            "type": self.type,
            "id": self.id,
            "previousEventId": self.previous_event_id,
        }
        if self.details is not None:
            out[details_key(self.type)] = self.details
        return out


def details_key(event_type: str) -> str:
    if event_type in _DETAILS:
        return _DETAILS[event_type]
    if event_type.endswith("StateEntered"):
        return _ENTERED
    if event_type.endswith("StateExited"):
        return _EXITED
    return event_type[:1].lower() + event_type[1:] + "EventDetails"


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Lane:
    """A line of execution (the run, a Parallel branch, a Map iteration) and its virtual clock,
    in seconds since the execution started. Branches start from their parent's clock and run
    side by side on the timeline."""

    clock: float = 0.0
    last_event: int = 0
    recording: bool = True
    name: str = "execution"


Record = tuple[int, int, str, float, "Fields | None"]


@dataclass
class History:
    """Events as plain tuples while the run goes (a frozen dataclass per event costs more
    than the rest of the bookkeeping); `events()` makes them HistoryEvents."""

    start: datetime
    records: list[Record] = field(default_factory=list)

    def add(self, lane: Lane, event_type: str, details: dict[str, Any] | None = None) -> int:
        if not lane.recording:
            return lane.last_event
        return self.add_fields(lane, event_type, None if details is None else _compact(details))

    def add_fields(self, lane: Lane, event_type: str, fields: Fields | None) -> int:
        """`add` for details already in their stored form (the interpreter's hot path)."""
        if not lane.recording:
            return lane.last_event
        event_id = len(self.records) + 1
        self.records.append((event_id, lane.last_event, event_type, lane.clock, fields))
        lane.last_event = event_id
        return event_id

    def events(self) -> tuple[HistoryEvent, ...]:
        start = self.start
        return tuple(HistoryEvent(i, p, t, o, start, d) for i, p, t, o, d in self.records)

    def at(self, lane: Lane) -> datetime:
        return self.start + timedelta(seconds=lane.clock)


def payload(key: str, value: Any) -> dict[str, Any]:
    """`{"input": "<json>", "inputDetails": {"truncated": false}}` for key "input"."""
    return {key: value, f"{key}Details": NOT_TRUNCATED}
