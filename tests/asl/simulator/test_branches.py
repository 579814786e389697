"""Parallel and Map: the guide's examples (doc_source/amazon-states-language-parallel-state.md,
doc_source/amazon-states-language-map-state.md; https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
and state-map.html), concurrency on the virtual clock, batching and distributed mode."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eventsmith.asl import parse_document
from tests.asl.simulator.helpers import returns, run

SAMPLES = Path(__file__).parents[3] / "resources" / "samples" / "workflows"
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:"


def test_parallel_fun_with_math_gives_one_output_per_branch() -> None:
    # "Parallel state input and output processing": input [3, 2] -> Add 5, Subtract 1 -> [5, 1].
    # The guide's Resources are SWF tasks; here they are Lambda functions run by local handlers.
    def branch(name: str) -> dict[str, Any]:
        task = {"Type": "Task", "Resource": LAMBDA + name, "End": True}
        return {"StartAt": name, "States": {name: task}}

    machine = {
        "StartAt": "FunWithMath",
        "States": {
            "FunWithMath": {
                "Type": "Parallel",
                "End": True,
                "Branches": [branch("Add"), branch("Subtract")],
            }
        },
    }
    handlers = {
        "Add": lambda event, _ctx: event[0] + event[1],
        "Subtract": lambda event, _ctx: event[0] - event[1],
    }
    result = run(machine, [3, 2], handlers=handlers)
    assert result.output == [5, 1]
    assert [e.type for e in result.events][:4] == [
        "ExecutionStarted",
        "ParallelStateEntered",
        "ParallelStateStarted",
        "TaskStateEntered",
    ]


def test_a_failing_branch_fails_the_parallel_state_with_its_error() -> None:
    machine = {
        "StartAt": "P",
        "States": {
            "P": {
                "Type": "Parallel",
                "End": True,
                "Branches": [
                    {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "End": True}}},
                    {
                        "StartAt": "Bad",
                        "States": {"Bad": {"Type": "Fail", "Error": "Nope", "Cause": "branch 2"}},
                    },
                ],
            }
        },
    }
    result = run(machine, {})
    assert (result.status, result.error, result.cause) == ("FAILED", "Nope", "branch 2")
    assert "ParallelStateFailed" in [e.type for e in result.events]


SHIPMENT = {
    "ship-date": "2016-03-14T01:59:00Z",
    "detail": {
        "delivery-partner": "UQS",
        "shipped": [
            {"prod": "R31", "dest-code": 9511, "quantity": 1344},
            {"prod": "S39", "dest-code": 9511, "quantity": 40},
            {"prod": "R31", "dest-code": 9833, "quantity": 12},
            {"prod": "R40", "dest-code": 9860, "quantity": 887},
            {"prod": "R40", "dest-code": 9511, "quantity": 1220},
        ],
    },
}


def validate_all(**extra: Any) -> dict[str, Any]:
    return {
        "StartAt": "Validate-All",
        "States": {
            "Validate-All": {
                "Type": "Map",
                "InputPath": "$.detail",
                "ItemsPath": "$.shipped",
                "MaxConcurrency": 0,
                "Iterator": {
                    "StartAt": "Validate",
                    "States": {
                        "Validate": {"Type": "Task", "Resource": LAMBDA + "ship-val", "End": True}
                    },
                },
                "ResultPath": "$.detail.shipped",
                "End": True,
                **extra,
            }
        },
    }


def test_map_example_sends_each_item_and_writes_results_at_result_path() -> None:
    # "Map state example": one ship-val call per item of $.detail.shipped; the results replace
    # detail.shipped in the (raw) input.
    seen: list[Any] = []
    handlers = {
        "ship-val": lambda event, _ctx: seen.append(event) or {"valid": event["prod"] != "S39"}
    }
    result = run(validate_all(), SHIPMENT, handlers=handlers)
    assert seen[0] == {"prod": "R31", "dest-code": 9511, "quantity": 1344}
    assert result.output["detail"]["shipped"] == [
        {"valid": v} for v in (True, False, True, True, True)
    ]
    assert result.output["ship-date"] == "2016-03-14T01:59:00Z"


def test_map_parameters_read_the_context_item() -> None:
    # "Map state example with parameters": {"parcel.$": "$$.Map.Item.Value", "courier.$": ...}
    seen: list[Any] = []
    params = {
        "parcel.$": "$$.Map.Item.Value",
        "courier.$": "$.delivery-partner",
        "index.$": "$$.Map.Item.Index",
    }
    run(
        validate_all(Parameters=params),
        SHIPMENT,
        handlers={"ship-val": lambda e, _c: seen.append(e)},
    )
    assert seen[0] == {
        "parcel": {"prod": "R31", "dest-code": 9511, "quantity": 1344},
        "courier": "UQS",
        "index": 0,
    }
    assert [item["index"] for item in seen] == [0, 1, 2, 3, 4]


def test_max_concurrency_schedules_iterations_on_the_virtual_clock() -> None:
    def waiting(limit: int) -> dict[str, Any]:
        return {
            "StartAt": "M",
            "States": {
                "M": {
                    "Type": "Map",
                    "MaxConcurrency": limit,
                    "ItemProcessor": {
                        "StartAt": "W",
                        "States": {"W": {"Type": "Wait", "SecondsPath": "$", "End": True}},
                    },
                    "End": True,
                }
            },
        }

    items = [10, 10, 10, 10, 10]
    assert run(waiting(0), items).duration == 10  # all at once
    assert run(waiting(1), items).duration == 50  # one after another
    assert run(waiting(2), items).duration == 30  # 2 + 2 + 1


def test_hello_world_sample_runs_its_map_choice_wait_and_parallel() -> None:
    text = (SAMPLES / "hello-world.asl.json").read_text()
    machine = parse_document(text, "hello-world.asl.json").state_machines[0]
    ok = run(machine.definition, {"array": [{"IsHelloWorldExample": True}]})
    assert ok.status == "SUCCEEDED" and ok.duration == 3
    assert ok.output == [[{"IsHelloWorldExample": True}, {"IsHelloWorldExample": True}]]
    no = run(machine.definition, {"array": [{"IsHelloWorldExample": False}]})
    assert (no.status, no.cause) == ("FAILED", "Not Hello World")


def test_item_batcher_groups_items_with_batch_input() -> None:
    seen: list[Any] = []
    machine = {
        "StartAt": "M",
        "States": {
            "M": {
                "Type": "Map",
                "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"job.$": "$.job"}},
                "ItemsPath": "$.items",
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "T",
                    "States": {"T": {"Type": "Task", "Resource": LAMBDA + "batch", "End": True}},
                },
                "End": True,
            }
        },
    }
    result = run(
        machine,
        {"job": "j1", "items": [1, 2, 3]},
        handlers={"batch": lambda e, _c: seen.append(e) or len(e["Items"])},
    )
    assert seen == [
        {"Items": [1, 2], "BatchInput": {"job": "j1"}},
        {"Items": [3], "BatchInput": {"job": "j1"}},
    ]
    assert result.output == [2, 1]
    types = [e.type for e in result.events]
    assert "MapRunStarted" in types and "MapIterationStarted" not in types  # child executions


def distributed(**extra: Any) -> dict[str, Any]:
    return {
        "StartAt": "M",
        "States": {
            "M": {
                "Type": "Map",
                "ItemReader": {
                    "Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "JSON"},
                    "Parameters": {"Bucket": "b", "Key": "k"},
                },
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "C",
                    "States": {
                        "C": {
                            "Type": "Choice",
                            "Choices": [
                                {"Variable": "$.ok", "BooleanEquals": False, "Next": "Bad"}
                            ],
                            "Default": "Good",
                        },
                        "Bad": {"Type": "Fail", "Error": "ItemBad"},
                        "Good": {"Type": "Succeed"},
                    },
                },
                "End": True,
                **extra,
            }
        },
    }


def test_distributed_map_reads_items_from_the_mock_and_tolerates_failures() -> None:
    items = [{"ok": True}, {"ok": False}, {"ok": True}, {"ok": True}]
    tolerant = run(distributed(ToleratedFailureCount=1), {}, {"M": returns(items)})
    assert tolerant.status == "SUCCEEDED"
    assert tolerant.output[1] == {"Error": "ItemBad", "Cause": ""}
    strict = run(distributed(ToleratedFailurePercentage=10), {}, {"M": returns(items)})
    assert (strict.status, strict.error) == ("FAILED", "States.ExceedToleratedFailureThreshold")
    unread = run(
        distributed(), {}, {"M": {"0": {"Throw": {"Error": "S3.NoSuchKey", "Cause": "gone"}}}}
    )
    assert unread.error == "States.ItemReaderFailed"
    unmocked = run(distributed(), {})
    assert unmocked.error == "States.ItemReaderFailed" and "mock" in (unmocked.cause or "")


def test_result_writer_replaces_the_output_with_the_manifest_location() -> None:
    writer = {
        "ResultWriter": {
            "Resource": "arn:aws:states:::s3:putObject",
            "Parameters": {"Bucket": "out", "Prefix": "runs"},
        }
    }
    result = run(distributed(**writer), {}, {"M": returns([{"ok": True}])})
    assert result.output["ResultWriterDetails"]["Bucket"] == "out"
    assert result.output["ResultWriterDetails"]["Key"].startswith("runs/")
    assert result.output["MapRunArn"].startswith(
        "arn:aws:states:us-east-1:123456789012:mapRun:Test/M:"
    )


def test_map_over_a_non_array_fails() -> None:
    result = run(
        {
            "StartAt": "M",
            "States": {
                "M": {
                    "Type": "Map",
                    "ItemProcessor": {
                        "StartAt": "P",
                        "States": {"P": {"Type": "Pass", "End": True}},
                    },
                    "End": True,
                }
            },
        },
        {"a": 1},
    )
    assert (result.status, result.error) == ("FAILED", "States.Runtime")
    assert json.dumps(result.cause).count("array") >= 1
