"""Wait on the virtual clock (Seconds, Timestamp and their Path forms; the guide's Wait page,
https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html) and Task fields that need
no service: TimeoutSecondsPath, the task token of .waitForTaskToken, Credentials-free calls."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.asl.simulator.helpers import START, returns, run, single


@pytest.mark.parametrize(
    ("wait", "value", "seconds"),
    [
        ({"Seconds": 10}, {}, 10),
        ({"SecondsPath": "$.delay"}, {"delay": 90}, 90),
        ({"Timestamp": "2024-01-01T01:00:00Z"}, {}, 3600),
        ({"TimestampPath": "$.at"}, {"at": "2024-01-02T00:00:00+00:00"}, 86_400),
        ({"Timestamp": "2023-12-31T00:00:00Z"}, {}, 0),  # already past: no wait
    ],
)
def test_wait_forms_advance_the_virtual_clock(
    wait: dict[str, Any], value: Any, seconds: int
) -> None:
    # The guide's examples wait 10 s, until "2016-03-14T01:59:00Z", or until $.expirydate.
    result = run(single({"Type": "Wait", **wait}), value)
    assert (result.status, result.duration, result.output) == ("SUCCEEDED", seconds, value)
    exited = next(e for e in result.events if e.type == "WaitStateExited")
    assert (exited.timestamp - START).total_seconds() == seconds


def test_wait_in_jsonata() -> None:
    machine = {
        "QueryLanguage": "JSONata",
        **single({"Type": "Wait", "Seconds": "{% $states.input.s * 2 %}"}),
    }
    assert run(machine, {"s": 30}).duration == 60


@pytest.mark.parametrize(
    ("wait", "value"),
    [({"SecondsPath": "$.s"}, {"s": -1}), ({"TimestampPath": "$.t"}, {"t": "soon"})],
)
def test_bad_wait_values_fail_the_run(wait: dict[str, Any], value: Any) -> None:
    result = run(single({"Type": "Wait", **wait}), value)
    assert (result.status, result.error) == ("FAILED", "States.Runtime")


def test_timeout_seconds_path_is_reported_in_task_scheduled() -> None:
    machine = single(
        {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage",
            "TimeoutSecondsPath": "$.t",
            "HeartbeatSeconds": 5,
        }
    )
    result = run(machine, {"t": 45}, {"S": returns({})})
    details = next(e for e in result.events if e.type == "TaskScheduled").details or {}
    assert (details["timeoutInSeconds"], details["heartbeatInSeconds"]) == (45, 5)


def test_wait_for_task_token_exposes_a_token_in_the_context_object() -> None:
    machine = single(
        {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
        }
    )
    result = run(machine, {}, {"S": returns({"approved": True})})
    scheduled = next(e for e in result.events if e.type == "TaskScheduled").details or {}
    assert scheduled["resource"] == "sendMessage.waitForTaskToken"
    assert json.loads(scheduled["parameters"])["MessageBody"]["token"].startswith("token-")
    assert result.output == {"approved": True}  # the mocked callback result


def test_activity_tasks_use_the_activity_events() -> None:
    machine = single(
        {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:approve"}
    )
    result = run(machine, {}, {"S": returns("ok")})
    assert [e.type for e in result.events][2:5] == [
        "ActivityScheduled",
        "ActivityStarted",
        "ActivitySucceeded",
    ]
