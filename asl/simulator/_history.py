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


@dataclass(frozen=True)
class HistoryEvent:
    """One event: `type` as AWS names it, and its details object (None for detail-less types)."""

    id: int
    previous_event_id: int
    type: str
    timestamp: datetime
    details: dict[str, Any] | None = None

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


@dataclass
class History:
    start: datetime
    events: list[HistoryEvent] = field(default_factory=list)

    def add(self, lane: Lane, event_type: str, details: dict[str, Any] | None = None) -> int:
        if not lane.recording:
            return lane.last_event
        event_id = len(self.events) + 1
        moment = self.start + timedelta(seconds=lane.clock)
        self.events.append(HistoryEvent(event_id, lane.last_event, event_type, moment, details))
        lane.last_event = event_id
        return event_id

    def at(self, lane: Lane) -> datetime:
        return self.start + timedelta(seconds=lane.clock)


def payload(key: str, value: Any) -> dict[str, Any]:
    """`{"input": "<json>", "inputDetails": {"truncated": false}}` for key "input"."""
    return {key: to_json(value), f"{key}Details": {"truncated": False}}
