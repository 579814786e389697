"""`run_workflow`: one execution of a state machine, offline, on a virtual clock."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import orjson

from eventsmith.asl.simulator import _errors as errors
from eventsmith.asl.simulator._branches import run_map, run_parallel
from eventsmith.asl.simulator._engine import Execution
from eventsmith.asl.simulator._errors import StatesError
from eventsmith.asl.simulator._history import History, Lane, iso, payload, payload_size
from eventsmith.asl.simulator._mocks import Handlers, MockConfig
from eventsmith.asl.simulator._result import FAILED, SUCCEEDED, TIMED_OUT, ExecutionResult
from eventsmith.asl.simulator._task import run_task
from eventsmith.asl.simulator._visit import ExecutionTimedOut, Settings, StateRunner, TooManySteps
from eventsmith.asl.syntax import StateMachineSource

MAX_PAYLOAD = 262_144
_RUNNERS: dict[str, StateRunner] = {"Task": run_task, "Parallel": run_parallel, "Map": run_map}
# A cause that starts so means the definition itself could not be run (it would not pass
# validation); valid definitions never produce it.
MALFORMED = "The definition cannot be run"


def run_workflow(
    machine: StateMachineSource | Mapping[str, Any],
    input: Any = None,
    *,
    mocks: MockConfig | None = None,
    test_case: str | None = None,
    handlers: Handlers | Mapping[str, Callable[[Any, Any], Any]] | None = None,
    state_machine_name: str | None = None,
    execution_name: str = "local",
    start_time: datetime | None = None,
    seed: int = 0,
    max_steps: int = 100_000,
) -> ExecutionResult:
    """Run `machine` on `input` (default `{}`) and return its result and history.

    Task states answer from the `test_case` of `mocks` (looked up by state name), else from
    `handlers` (Lambda function name -> `callable(event, context)`); a task with neither fails
    the run with `States.Runtime`. Wait and Retry advance a virtual clock and never sleep.
    Never raises on user content: a bad mock reference or definition is a FAILED result.
    """
    definition = machine.definition if isinstance(machine, StateMachineSource) else machine
    value = {} if input is None else input
    name = state_machine_name or _default_name(machine)
    start = (start_time or datetime.now(UTC)).replace(microsecond=0)
    handler_set = handlers if isinstance(handlers, Handlers) else Handlers(dict(handlers or {}))
    try:
        case_mocks = {}
        if mocks is not None and test_case is not None:
            owner = mocks.find_state_machine(test_case, name)
            if owner is None:
                raise StatesError(
                    errors.RUNTIME,
                    f"No state machine in the mock file has a test case '{test_case}'",
                )
            case_mocks = mocks.mocks_for(owner, test_case)
    except (StatesError, ValueError) as error:
        cause = error.cause if isinstance(error, StatesError) else str(error)
        return _refused(start, value, errors.RUNTIME, cause)
    try:
        orjson.dumps(value)
    except TypeError as error:
        return _refused(start, value, errors.RUNTIME, f"The execution input is not JSON: {error}")
    if not isinstance(definition, Mapping):
        return _refused(start, value, errors.RUNTIME, f"{MALFORMED}: it is not an object")
    settings = Settings(
        state_machine_name=name, execution_name=execution_name, max_steps=max_steps, seed=seed
    )
    execution = Execution(
        dict(definition), start, case_mocks, handler_set, settings, _RUNNERS, test_case
    )
    return _execute(execution, value)


def _execute(execution: Execution, value: Any) -> ExecutionResult:
    lane = Lane()
    history = execution.history
    history.add(
        lane,
        "ExecutionStarted",
        {**payload("input", value), "roleArn": execution.role_arn},
    )
    execution.base_context = {
        "Execution": {
            "Id": execution.execution_arn,
            "Input": value,
            "Name": execution.settings.execution_name,
            "RoleArn": execution.role_arn,
            "StartTime": iso(history.start),
            "RedriveCount": 0,
        },
        "StateMachine": {
            "Id": execution.machine_arn,
            "Name": execution.settings.state_machine_name,
        },
    }
    status, output, error, cause = SUCCEEDED, None, None, None
    try:
        if payload_size(value) > MAX_PAYLOAD:
            raise StatesError(
                errors.DATA_LIMIT, "The execution input exceeds the 262,144-byte payload limit"
            )
        language = execution.definition.get("QueryLanguage", "JSONPath")
        output = execution.run_scope(
            execution.definition, value, lane, ChainMap({}), (), str(language)
        )
    except StatesError as failure:
        # A Fail state without Error (or Cause) leaves it out, as AWS's history does.
        status, error, cause = FAILED, failure.error or None, failure.cause or None
    except ExecutionTimedOut:
        status, error = TIMED_OUT, errors.TIMEOUT
        cause = f"The execution ran longer than its TimeoutSeconds ({execution.deadline:g} s)"
    except TooManySteps as limit:
        status, error = FAILED, errors.RUNTIME
        cause = f"The execution entered more than {limit} states; is there a loop that never ends?"
    except (KeyError, TypeError, AttributeError, IndexError, RecursionError) as broken:
        status, error = FAILED, errors.RUNTIME
        cause = f"{MALFORMED}: {type(broken).__name__}: {broken}"
    if status == SUCCEEDED:
        history.add(lane, "ExecutionSucceeded", payload("output", output))
    elif status == TIMED_OUT:
        history.add(lane, "ExecutionTimedOut", {"error": error, "cause": cause})
    else:
        details = {"error": error, "cause": cause}
        history.add(lane, "ExecutionFailed", {k: v for k, v in details.items() if v is not None})
    steps = execution.finished_steps()
    return ExecutionResult(
        status,
        output,
        error,
        cause,
        history,
        steps,
        history.start,
        max([lane.clock, *(step.exited for step in steps)]),
    )


def _refused(start: datetime, value: Any, error: str, cause: str) -> ExecutionResult:
    return ExecutionResult(FAILED, None, error, cause, History(start), (), start, 0.0)


def _default_name(machine: StateMachineSource | Mapping[str, Any]) -> str:
    if isinstance(machine, StateMachineSource):
        if machine.name:
            return machine.name
        if machine.filename:
            base = machine.filename.replace("\\", "/").rsplit("/", 1)[-1]
            for suffix in (".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"):
                if base.endswith(suffix):
                    return base[: -len(suffix)]
            return base
    return "StateMachine"
