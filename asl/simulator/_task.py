"""Task states: the task input, the call (a mocked response or a local Python handler), and the
history events AWS records for it (TaskScheduled/Started/Succeeded/Failed, or the Lambda and
Activity forms for a bare function or activity ARN)."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson

from eventsmith.asl.simulator import _errors as errors
from eventsmith.asl.simulator._dataflow import template
from eventsmith.asl.simulator._errors import StatesError
from eventsmith.asl.simulator._history import to_json
from eventsmith.asl.simulator._mocks import function_name, response_for
from eventsmith.asl.simulator._recovery import with_recovery
from eventsmith.asl.simulator._visit import Runtime, Visit, field_or_path

MAX_PAYLOAD = 262_144


@dataclass(frozen=True)
class Resource:
    kind: str  # "service", "lambda" (a function ARN) or "activity"
    resource_type: str
    resource: str

    @property
    def is_lambda_invoke(self) -> bool:
        return self.resource_type == "lambda" and self.resource.startswith("invoke")


@lru_cache(maxsize=1024)
def parse_resource(arn: str) -> Resource:
    parts = arn.split(":")
    if arn.startswith("arn:aws:states:::") and len(parts) >= 7:
        # arn:aws:states:::lambda:invoke -> ("lambda", "invoke");
        # arn:aws:states:::aws-sdk:s3:getObject -> ("aws-sdk:s3", "getObject")
        return Resource("service", ":".join(parts[5:-1]), parts[-1])
    if len(parts) > 6 and parts[2] == "lambda" and parts[5] == "function":
        return Resource("lambda", "lambda", arn)
    if len(parts) > 6 and parts[2] == "states" and parts[5] == "activity":
        return Resource("activity", "activity", arn)
    return Resource("service", parts[2] if len(parts) > 2 else "unknown", arn)


def run_task(execution: Runtime, visit: Visit) -> tuple[Any, str | None]:
    body = visit.body
    resource = parse_resource(str(body.get("Resource", "")))
    if resource.resource.endswith(".waitForTaskToken"):
        visit.context["Task"] = {"Token": f"token-{execution.rng.getrandbits(64):016x}"}
    effective = execution.effective_input(visit)

    def attempt() -> Any:
        if visit.jsonata:
            arguments = body.get("Arguments", visit.raw_input)
            task_input = execution.jsonata.template(arguments, visit.bindings(), "Arguments")
        elif "Parameters" in body:
            task_input = template(body["Parameters"], visit.scope_for(effective, execution.rng))
        else:
            task_input = effective
        result = _call(execution, visit, resource, task_input)
        if not visit.jsonata and "ResultSelector" in body:
            result = template(body["ResultSelector"], visit.scope_for(result, execution.rng))
        return execution.finish(visit, result, has_result=True)

    output, caught_next, caught = with_recovery(execution, visit, attempt)
    if caught:
        return output, caught_next
    following = body.get("Next") if not body.get("End") else None
    return output, following


def _call(execution: Runtime, visit: Visit, resource: Resource, task_input: Any) -> Any:
    lane, history = visit.lane, execution.history
    timeout = _seconds(execution, visit, "TimeoutSeconds", None)
    heartbeat = _seconds(execution, visit, "HeartbeatSeconds", None)
    prefix = _PREFIX.get(resource.kind, "Task")
    if resource.kind == "service":
        scheduled: dict[str, Any] = {
            "resourceType": resource.resource_type,
            "resource": resource.resource,
            "region": execution.settings.region,
            "parameters": task_input,
        }
        if timeout is not None:
            scheduled["timeoutInSeconds"] = timeout
        if heartbeat is not None:
            scheduled["heartbeatInSeconds"] = heartbeat
        history.add(lane, "TaskScheduled", scheduled)
        history.add(lane, "TaskStarted", _names(resource))
    else:
        scheduled_fields = (("resource", resource.resource), ("input", orjson.dumps(task_input)))
        history.add_fields(lane, prefix + "Scheduled", scheduled_fields)
        history.add(
            lane, prefix + "Started", None if resource.kind == "lambda" else {"workerName": "local"}
        )
    try:
        result = _invoke(execution, visit, resource, task_input)
        try:
            encoded = orjson.dumps(result)
        except TypeError as error:  # orjson.JSONEncodeError: a handler returned a non-JSON value
            raise StatesError(
                errors.RUNTIME,
                f"The handler of Task state '{visit.name}' returned a value that is not JSON: "
                f"{error}",
            ) from None
        if len(encoded) > MAX_PAYLOAD:
            raise StatesError(
                errors.DATA_LIMIT,
                f"The state/task '{visit.name}' returned a result with a size exceeding the "
                "maximum number of bytes service limit.",
            )
    except StatesError as error:
        kind = "TimedOut" if error.error == errors.TIMEOUT else "Failed"
        details = {"error": error.error, "cause": error.cause}
        if resource.kind == "service":
            details = {**_names(resource), **details}
        history.add(lane, f"{prefix}{kind}", details)
        raise
    if resource.kind == "service":
        names = (("resourceType", resource.resource_type), ("resource", resource.resource))
        history.add_fields(lane, "TaskSucceeded", (*names, ("output", encoded)))
    else:
        history.add_fields(lane, prefix + "Succeeded", (("output", encoded),))
    return result


_PREFIX = {"lambda": "LambdaFunction", "activity": "Activity"}


def _names(resource: Resource) -> dict[str, Any]:
    return {"resourceType": resource.resource_type, "resource": resource.resource}


def _seconds(execution: Runtime, visit: Visit, key: str, default: int | None) -> int | None:
    value = field_or_path(execution, visit, key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 1:
        raise StatesError(errors.RUNTIME, f"{key} must be a positive integer, got {value!r}")
    return int(value)


def _invoke(execution: Runtime, visit: Visit, resource: Resource, task_input: Any) -> Any:
    invocation = execution.invocations.get(visit.name, 0)
    execution.invocations[visit.name] = invocation + 1
    responses = execution.mocks.get(visit.name)
    if responses is not None:
        response = response_for(responses, invocation)
        if response is None:
            raise StatesError(
                errors.RUNTIME,
                f"Task state '{visit.name}' was invoked {invocation + 1} times, but its mocked "
                f"response in test case '{execution.test_case}' defines no entry for invocation "
                f"{invocation}",
            )
        if response.error is not None:
            raise StatesError(response.error, response.cause)
        return response.returns
    handler_name = _handler_name(resource, task_input)
    handler = execution.handlers.find(handler_name) if handler_name else None
    if handler is not None:
        event = (
            task_input.get("Payload")
            if resource.is_lambda_invoke and isinstance(task_input, dict)
            else task_input
        )
        returned = _run_handler(handler, event, function_name(handler_name or ""))
        if resource.is_lambda_invoke:
            return {"ExecutedVersion": "$LATEST", "Payload": returned, "StatusCode": 200}
        return returned
    where = f" in test case '{execution.test_case}'" if execution.test_case else ""
    hint = f" and no handler for Lambda function '{handler_name}'" if handler_name else ""
    raise StatesError(
        errors.RUNTIME,
        f"Task state '{visit.name}' has no mocked response{where}{hint}: add it to the mock "
        "file's test case, or pass --handlers",
    )


def _handler_name(resource: Resource, task_input: Any) -> str | None:
    if resource.kind == "lambda":
        return resource.resource
    if resource.is_lambda_invoke and isinstance(task_input, dict):
        name = task_input.get("FunctionName")
        return name if isinstance(name, str) else None
    return None


class _LambdaContext:
    """The parts of Lambda's context object handlers commonly read."""

    def __init__(self, name: str) -> None:
        self.function_name = name
        self.function_version = "$LATEST"
        self.aws_request_id = "00000000-0000-4000-8000-000000000000"
        self.memory_limit_in_mb = 128

    def get_remaining_time_in_millis(self) -> int:
        return 900_000


def _run_handler(handler: Any, event: Any, name: str) -> Any:
    try:
        # A copy: user code may change its event in place, and the history keeps the original.
        return handler(orjson.loads(orjson.dumps(event)), _LambdaContext(name))
    except Exception as raised:
        kind = type(raised).__name__
        cause = {
            "errorMessage": str(raised),
            "errorType": kind,
            "stackTrace": traceback.format_tb(raised.__traceback__)[-5:],
        }
        raise StatesError(kind, to_json(cause)) from None
