"""The errors an execution can raise, named as Step Functions names them."""

from __future__ import annotations

from typing import Any

ALL = "States.ALL"
RUNTIME = "States.Runtime"
TASK_FAILED = "States.TaskFailed"
TIMEOUT = "States.Timeout"
HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout"
DATA_LIMIT = "States.DataLimitExceeded"
NO_CHOICE = "States.NoChoiceMatched"
INTRINSIC_FAILURE = "States.IntrinsicFailure"
PARAMETER_PATH = "States.ParameterPathFailure"
RESULT_PATH = "States.ResultPathMatchFailure"
QUERY_EVALUATION = "States.QueryEvaluationError"
ITEM_READER = "States.ItemReaderFailed"
TOLERATED_FAILURE = "States.ExceedToleratedFailureThreshold"
BRANCH_FAILED = "States.BranchFailed"

# `States.ALL` catches every error but these terminal ones (AWS developer guide,
# "Error handling in Step Functions", error names table).
UNCATCHABLE = frozenset({RUNTIME, DATA_LIMIT})


class PathError(Exception):
    """A JSONPath matched nothing (a definite path) or is not a path."""


class StatesError(Exception):
    """An error raised inside the execution: caught by Retry/Catch or failing the run."""

    def __init__(self, error: str, cause: str = "") -> None:
        super().__init__(f"{error}: {cause}")
        self.error = error
        self.cause = cause

    def output(self) -> dict[str, Any]:
        """The error output a Catch hands on (`{"Error", "Cause"}`)."""
        return {"Error": self.error, "Cause": self.cause}


def matches(error: str, names: object) -> bool:
    """Whether a Retry/Catch `ErrorEquals` list names `error`."""
    if not isinstance(names, list):
        return False
    for name in names:
        if name == error:
            return True
        if name == ALL and error not in UNCATCHABLE:
            return True
        # States.TaskFailed matches every error but States.Timeout (developer guide).
        if name == TASK_FAILED and error != TIMEOUT and error not in UNCATCHABLE:
            return True
    return False
