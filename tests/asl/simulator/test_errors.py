"""Retry, Catch, timeouts and the States.* errors, on the examples of the developer guide's
"Error handling" page (doc_source/concepts-error-handling.md;
https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html)."""

from __future__ import annotations

import itertools
from typing import Any

from tests.asl.simulator.helpers import returns, run, single

FAIL_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:FailFunction"


def throw(error: str, cause: str = "") -> dict[str, Any]:
    return {"Throw": {"Error": error, "Cause": cause}}


def test_complex_retry_scenario_waits_1_2_5_4_then_catches() -> None:
    # "Complex retry scenarios": ErrorA, ErrorB, ErrorC, ErrorB, ErrorB -> waits of 1, 2, 5
    # and 4 seconds, then the fifth error exceeds the first retrier and Catch goes to Z.
    machine = {
        "StartAt": "X",
        "States": {
            "X": {
                "Type": "Task",
                "Resource": "arn:aws:states:us-east-1:123456789012:task:X",
                "Next": "Y",
                "Retry": [
                    {
                        "ErrorEquals": ["ErrorA", "ErrorB"],
                        "IntervalSeconds": 1,
                        "BackoffRate": 2.0,
                        "MaxAttempts": 2,
                    },
                    {"ErrorEquals": ["ErrorC"], "IntervalSeconds": 5},
                ],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Z"}],
            },
            "Y": {"Type": "Succeed"},
            "Z": {"Type": "Pass", "End": True},
        },
    }
    mocks = {
        "X": {
            "0": throw("ErrorA"),
            "1": throw("ErrorB"),
            "2": throw("ErrorC"),
            "3-4": throw("ErrorB", "again"),
        }
    }
    result = run(machine, {}, mocks)
    assert result.path == ("X", "Z")
    assert result.output == {"Error": "ErrorB", "Cause": "again"}
    assert result.duration == 1 + 2 + 5 + 4
    failures = [e for e in result.events if e.type == "TaskFailed"]
    assert [e.details["error"] for e in failures] == [
        "ErrorA",
        "ErrorB",
        "ErrorC",
        "ErrorB",
        "ErrorB",
    ]  # type: ignore[index]
    gaps = [(b.timestamp - a.timestamp).total_seconds() for a, b in itertools.pairwise(failures)]
    assert gaps == [1, 2, 5, 4]


def test_retry_makes_two_attempts_after_3_and_4_5_seconds() -> None:
    # "This example of a Retry makes 2 retry attempts after waiting for 3 and 4.5 seconds."
    machine = single(
        {
            "Type": "Task",
            "Resource": FAIL_FUNCTION,
            "Retry": [
                {
                    "ErrorEquals": ["States.Timeout"],
                    "IntervalSeconds": 3,
                    "MaxAttempts": 2,
                    "BackoffRate": 1.5,
                }
            ],
        }
    )
    result = run(machine, {}, {"S": {"0-2": throw("States.Timeout")}})
    assert (result.status, result.error) == ("FAILED", "States.Timeout")
    assert result.duration == 3 + 4.5
    assert [e.type for e in result.events].count("LambdaFunctionTimedOut") == 3


def test_max_delay_caps_and_full_jitter_stays_below_the_computed_delay() -> None:
    retry = {
        "ErrorEquals": ["Boom"],
        "IntervalSeconds": 10,
        "MaxAttempts": 3,
        "BackoffRate": 10,
        "MaxDelaySeconds": 50,
    }
    capped = run(
        single({"Type": "Task", "Resource": FAIL_FUNCTION, "Retry": [retry]}),
        {},
        {"S": {"0-3": throw("Boom")}},
    )
    assert capped.duration == 10 + 50 + 50
    jitter = run(
        single(
            {
                "Type": "Task",
                "Resource": FAIL_FUNCTION,
                "Retry": [{**retry, "JitterStrategy": "FULL"}],
            }
        ),
        {},
        {"S": {"0-3": throw("Boom")}},
    )
    assert 0 <= jitter.duration <= 110


def test_retry_that_succeeds_continues() -> None:
    machine = single(
        {
            "Type": "Task",
            "Resource": FAIL_FUNCTION,
            "Retry": [{"ErrorEquals": ["States.TaskFailed"]}],
        }
    )
    result = run(machine, {}, {"S": {"0": throw("HandledError"), "1": {"Return": "ok"}}})
    assert (result.status, result.output, result.duration) == ("SUCCEEDED", "ok", 1)
    assert result.steps[0].retries == 1


def test_catch_with_result_path_keeps_the_input() -> None:
    # input-output-resultpath.md, "Use ResultPath to include both error and input in a Catch"
    machine = {
        "StartAt": "T",
        "States": {
            "T": {
                "Type": "Task",
                "Resource": FAIL_FUNCTION,
                "Catch": [
                    {"ErrorEquals": ["States.ALL"], "Next": "NextTask", "ResultPath": "$.error"}
                ],
                "End": True,
            },
            "NextTask": {"Type": "Pass", "End": True},
        },
    }
    result = run(machine, {"foo": "bar"}, {"T": {"0": throw("Error here")}})
    assert result.output == {"foo": "bar", "error": {"Error": "Error here", "Cause": ""}}


def test_catch_fallback_examples() -> None:
    # "Handling a failure using Catch" with HandledError and with States.TaskFailed.
    for names in (["HandledError"], ["States.TaskFailed"]):
        machine = {
            "StartAt": "HelloWorld",
            "States": {
                "HelloWorld": {
                    "Type": "Task",
                    "Resource": FAIL_FUNCTION,
                    "Catch": [{"ErrorEquals": names, "Next": "fallback"}],
                    "End": True,
                },
                "fallback": {"Type": "Pass", "Result": "Hello, AWS Step Functions!", "End": True},
            },
        }
        result = run(machine, {}, {"HelloWorld": {"0": throw("HandledError", "error")}})
        assert (result.output, result.path) == (
            "Hello, AWS Step Functions!",
            ("HelloWorld", "fallback"),
        )


def test_task_failed_does_not_match_timeout_and_all_does_not_catch_runtime() -> None:
    machine = {
        "StartAt": "T",
        "States": {
            "T": {
                "Type": "Task",
                "Resource": FAIL_FUNCTION,
                "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "C"}],
                "End": True,
            },
            "C": {"Type": "Pass", "End": True},
        },
    }
    assert run(machine, {}, {"T": {"0": throw("States.Timeout")}}).error == "States.Timeout"
    everything = {
        **machine["States"]["T"],
        "InputPath": "$.missing",
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}],
    }
    caught = run(
        {**machine, "States": {**machine["States"], "T": everything}}, {}, {"T": returns(1)}
    )
    assert (caught.status, caught.error) == ("FAILED", "States.Runtime")


def test_unmocked_task_fails_naming_the_state() -> None:
    result = run(
        single({"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage"}, "Queue it"), {}
    )
    assert (result.status, result.error) == ("FAILED", "States.Runtime")
    assert "'Queue it' has no mocked response" in (result.cause or "")


def test_mock_without_an_entry_for_the_invocation_fails() -> None:
    machine = single({"Type": "Task", "Resource": FAIL_FUNCTION, "Retry": [{"ErrorEquals": ["E"]}]})
    result = run(machine, {}, {"S": {"0": throw("E")}})
    assert result.error == "States.Runtime" and "invocation 1" in (result.cause or "")


def test_fail_state_error_and_cause_from_paths_and_intrinsics() -> None:
    machine = single(
        {"Type": "Fail", "ErrorPath": "$.code", "CausePath": "States.Format('bad {}', $.id)"}
    )
    result = run(machine, {"code": "Oops", "id": 7})
    assert (result.status, result.error, result.cause) == ("FAILED", "Oops", "bad 7")


def test_execution_timeout_on_the_virtual_clock() -> None:
    machine = {"TimeoutSeconds": 60, **single({"Type": "Wait", "Seconds": 3600})}
    result = run(machine, {})
    assert (result.status, result.error, result.duration) == ("TIMED_OUT", "States.Timeout", 60)
    assert result.events[-1].type == "ExecutionTimedOut"


def test_endless_loop_stops_at_the_step_limit() -> None:
    machine = {
        "StartAt": "A",
        "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}},
    }
    result = run(machine, {}, max_steps=50)
    assert (result.status, result.error) == ("FAILED", "States.Runtime")
    assert len(result.steps) == 50
