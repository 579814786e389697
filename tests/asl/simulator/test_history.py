"""The execution history has GetExecutionHistory's event types and detail fields
(https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html), and the
Chrome trace shows the same run on a timeline."""

from __future__ import annotations

import json
from typing import Any

from eventsmith.asl import chrome_trace
from tests.asl.simulator.helpers import returns, run

MACHINE: dict[str, Any] = {
    "StartAt": "Charge",
    "States": {
        "Charge": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
            "TimeoutSeconds": 30,
            "ResultSelector": {"id.$": "$.Payload.id"},
            "ResultPath": "$.charge",
            "Assign": {"chargeId.$": "$.id"},
            "Next": "Both",
        },
        "Both": {
            "Type": "Parallel",
            "Branches": [
                {
                    "StartAt": "Pause",
                    "States": {"Pause": {"Type": "Wait", "Seconds": 5, "End": True}},
                },
                {
                    "StartAt": "Note",
                    "States": {"Note": {"Type": "Pass", "Result": "noted", "End": True}},
                },
            ],
            "ResultPath": None,
            "Next": "Done",
        },
        "Done": {"Type": "Succeed"},
    },
}


def test_event_sequence_and_fields() -> None:
    result = run(
        MACHINE, {"amount": 3}, {"Charge": returns({"Payload": {"id": "ch_1"}, "StatusCode": 200})}
    )
    assert result.status == "SUCCEEDED"
    events = [event.to_json() for event in result.events]
    assert [e["type"] for e in events] == [
        "ExecutionStarted",
        "TaskStateEntered",
        "TaskScheduled",
        "TaskStarted",
        "TaskSucceeded",
        "TaskStateExited",
        "ParallelStateEntered",
        "ParallelStateStarted",
        "WaitStateEntered",
        "WaitStateExited",
        "PassStateEntered",
        "PassStateExited",
        "ParallelStateSucceeded",
        "ParallelStateExited",
        "SucceedStateEntered",
        "SucceedStateExited",
        "ExecutionSucceeded",
    ]
    assert [e["id"] for e in events] == list(range(1, len(events) + 1))
    assert events[0]["previousEventId"] == 0
    started = events[0]["executionStartedEventDetails"]
    assert json.loads(started["input"]) == {"amount": 3} and started["inputDetails"] == {
        "truncated": False
    }
    assert started["roleArn"].startswith("arn:aws:iam::123456789012:role/")
    entered = events[1]["stateEnteredEventDetails"]
    assert entered["name"] == "Charge" and json.loads(entered["input"]) == {"amount": 3}
    scheduled = events[2]["taskScheduledEventDetails"]
    assert (scheduled["resourceType"], scheduled["resource"], scheduled["region"]) == (
        "lambda",
        "invoke",
        "us-east-1",
    )
    assert json.loads(scheduled["parameters"]) == {
        "FunctionName": "charge",
        "Payload": {"amount": 3},
    }
    assert scheduled["timeoutInSeconds"] == 30
    succeeded = events[4]["taskSucceededEventDetails"]
    assert json.loads(succeeded["output"]) == {"Payload": {"id": "ch_1"}, "StatusCode": 200}
    exited = events[5]["stateExitedEventDetails"]
    assert json.loads(exited["output"]) == {"amount": 3, "charge": {"id": "ch_1"}}
    assert exited["assignedVariables"] == {"chargeId": '"ch_1"'}
    assert json.loads(events[-1]["executionSucceededEventDetails"]["output"]) == {
        "amount": 3,
        "charge": {"id": "ch_1"},
    }
    # Timestamps follow the virtual clock: the Wait branch takes 5 s, the Pass branch none.
    assert events[0]["timestamp"] == "2024-01-01T00:00:00.000Z"
    assert events[9]["timestamp"] == "2024-01-01T00:00:05.000Z"
    assert events[10]["timestamp"] == "2024-01-01T00:00:00.000Z"
    assert events[-1]["timestamp"] == "2024-01-01T00:00:05.000Z"


def test_failure_events_carry_error_and_cause() -> None:
    throw = {"0": {"Throw": {"Error": "Payment.Declined", "Cause": "card expired"}}}
    result = run(MACHINE, {}, {"Charge": throw})
    events = [event.to_json() for event in result.events]
    failed = next(e for e in events if e["type"] == "TaskFailed")["taskFailedEventDetails"]
    assert failed == {
        "resourceType": "lambda",
        "resource": "invoke",
        "error": "Payment.Declined",
        "cause": "card expired",
    }
    assert events[-1] == {
        **events[-1],
        "type": "ExecutionFailed",
        "executionFailedEventDetails": {"error": "Payment.Declined", "cause": "card expired"},
    }
    assert result.to_json()["status"] == "FAILED"


def test_lambda_arn_and_map_events() -> None:
    machine = {
        "StartAt": "Each",
        "States": {
            "Each": {
                "Type": "Map",
                "ItemProcessor": {
                    "StartAt": "F",
                    "States": {
                        "F": {
                            "Type": "Task",
                            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                            "End": True,
                        }
                    },
                },
                "End": True,
            }
        },
    }
    result = run(machine, [1, 2], {"F": returns("a", "b")})
    types = [e.type for e in result.events]
    assert types.count("MapIterationStarted") == 2 and types.count("LambdaFunctionSucceeded") == 2
    started = next(e for e in result.events if e.type == "MapStateStarted").to_json()
    assert started["mapStateStartedEventDetails"] == {"length": 2}
    iteration = [e for e in result.events if e.type == "MapIterationSucceeded"][1].to_json()
    assert iteration["mapIterationSucceededEventDetails"] == {"name": "Each", "index": 1}
    assert result.output == ["a", "b"]
    assert result.steps[1].path == ("States", "Each", "ItemProcessor", "States", "F")
    assert [(s.name, s.scope) for s in result.steps] == [
        ("Each", ()),
        ("F", ("Each", 0)),
        ("F", ("Each", 1)),
    ]


def test_chrome_trace_puts_parallel_branches_on_their_own_tracks() -> None:
    result = run(MACHINE, {}, {"Charge": returns({"Payload": {"id": "x"}})})
    trace = chrome_trace(result, "demo")
    complete = {e["name"]: e for e in trace["traceEvents"] if e["ph"] == "X"}
    assert complete["Pause"]["dur"] == 5_000_000 and complete["Both"]["dur"] == 5_000_000
    assert complete["Pause"]["ts"] == complete["Note"]["ts"] == 0
    assert len({complete[name]["tid"] for name in ("Charge", "Pause", "Note")}) == 3
    names = {e["args"]["name"] for e in trace["traceEvents"] if e["ph"] == "M"}
    assert names == {"demo", "Both [0]", "Both [1]"}
    json.dumps(trace)  # plain JSON


def test_each_step_knows_its_place_in_the_definition_and_its_graph_node() -> None:
    from eventsmith.asl import build_graph, node_for_path, parse_document

    text = json.dumps(MACHINE)
    source = parse_document(text, "flow.asl.json").state_machines[0]
    result = run(source.definition, {}, {"Charge": returns({"Payload": {"id": "x"}})})
    paths = {step.name: step.path for step in result.steps}
    assert paths["Charge"] == ("States", "Charge")
    assert paths["Pause"] == ("States", "Both", "Branches", 0, "States", "Pause")
    graph = build_graph(source)
    assert all(node_for_path(graph, step.path) is not None for step in result.steps)
