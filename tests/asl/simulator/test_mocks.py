"""The Step Functions Local mock-configuration format, on AWS's own example file
(https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from eventsmith.asl import MockConfigError, load_handlers, load_mock_config, run_workflow

# The guide's example mock file, verbatim in content.
GUIDE_MOCKS: dict[str, Any] = {
    "StateMachines": {
        "LambdaSQSIntegration": {
            "TestCases": {
                "HappyPath": {"LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess"},
                "RetryPath": {"LambdaState": "MockedLambdaRetry", "SQSState": "MockedSQSSuccess"},
                "HybridPath": {"LambdaState": "MockedLambdaSuccess"},
            }
        }
    },
    "MockedResponses": {
        "MockedLambdaSuccess": {
            "0": {
                "Return": {
                    "StatusCode": 200,
                    "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"},
                }
            }
        },
        "LambdaMockedResourceNotReady": {
            "0": {
                "Throw": {
                    "Error": "Lambda.ResourceNotReadyException",
                    "Cause": "Lambda resource is not ready.",
                }
            }
        },
        "MockedSQSSuccess": {
            "0": {
                "Return": {
                    "MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51",
                    "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51",
                }
            }
        },
        "MockedLambdaRetry": {
            "0": {
                "Throw": {
                    "Error": "Lambda.ResourceNotReadyException",
                    "Cause": "Lambda resource is not ready.",
                }
            },
            "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "Lambda timed out."}},
            "3": {
                "Return": {
                    "StatusCode": 200,
                    "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"},
                }
            },
        },
    },
}

# The state machine the guide's "Using mocked service integrations" page pairs with it.
MACHINE = {
    "Comment": "A state machine that calls a Lambda function and sends its result to SQS",
    "StartAt": "LambdaState",
    "States": {
        "LambdaState": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"Payload.$": "$", "FunctionName": "HelloWorldFunction"},
            "Retry": [
                {
                    "ErrorEquals": ["States.ALL"],
                    "IntervalSeconds": 2,
                    "MaxAttempts": 3,
                    "BackoffRate": 2,
                }
            ],
            "Next": "SQSState",
        },
        "SQSState": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage",
            "Parameters": {
                "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/myQueue",
                "MessageBody.$": "$",
            },
            "End": True,
        },
    },
}


def run(case: str, **options: Any):  # type: ignore[no-untyped-def]
    config = load_mock_config(json.dumps(GUIDE_MOCKS))
    return run_workflow(
        MACHINE,
        {},
        mocks=config,
        test_case=case,
        state_machine_name="LambdaSQSIntegration",
        **options,
    )


def test_happy_path() -> None:
    result = run("HappyPath")
    assert result.status == "SUCCEEDED"
    assert result.output == GUIDE_MOCKS["MockedResponses"]["MockedSQSSuccess"]["0"]["Return"]


def test_retry_path_fails_three_times_then_succeeds() -> None:
    result = run("RetryPath")
    assert result.status == "SUCCEEDED"
    errors = [e.details["error"] for e in result.events if e.type == "TaskFailed"]  # type: ignore[index]
    assert errors == [
        "Lambda.ResourceNotReadyException",
        "Lambda.TimeoutException",
        "Lambda.TimeoutException",
    ]
    assert result.duration == 2 + 4 + 8


def test_hybrid_path_without_a_mock_for_sqs_fails_clearly() -> None:
    # Step Functions Local would call the real SQS endpoint; offline that is a clear failure.
    result = run("HybridPath")
    assert (result.status, result.error) == ("FAILED", "States.Runtime")
    assert "SQSState" in (result.cause or "") and "HybridPath" in (result.cause or "")


def test_handlers_answer_tasks_without_a_mock() -> None:
    handlers = {"HelloWorldFunction": lambda event, ctx: {"echo": event, "fn": ctx.function_name}}
    config = load_mock_config(json.dumps(GUIDE_MOCKS))
    result = run_workflow(
        MACHINE, {"a": 1}, mocks=config, test_case="HybridPath", handlers=handlers
    )
    # The mock wins for LambdaState; SQSState has neither.
    assert result.error == "States.Runtime"
    only_handlers = run_workflow(
        {
            **MACHINE,
            "StartAt": "LambdaState",
            "States": {
                "LambdaState": {**MACHINE["States"]["LambdaState"], "Next": None, "End": True}
            },
        },
        {"a": 1},
        handlers=handlers,
    )
    assert only_handlers.output == {
        "ExecutedVersion": "$LATEST",
        "Payload": {"echo": {"a": 1}, "fn": "HelloWorldFunction"},
        "StatusCode": 200,
    }


def test_a_handler_exception_is_a_task_failure_named_after_the_exception() -> None:
    class CardDeclined(Exception):
        pass

    def charge(event: Any, _ctx: Any) -> Any:
        raise CardDeclined("insufficient funds")

    machine = {
        "StartAt": "Charge",
        "States": {
            "Charge": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge",
                "End": True,
            }
        },
    }
    result = run_workflow(machine, {}, handlers={"charge": charge})
    assert result.error == "CardDeclined"
    assert json.loads(result.cause or "{}")["errorMessage"] == "insufficient funds"


def test_load_handlers_from_a_module(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "my_handlers.py").write_text(
        "def greet(event, context):\n    return 'hi ' + event['name']\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    handlers = load_handlers("my_handlers")
    machine = {
        "StartAt": "G",
        "States": {
            "G": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:eu-west-1:1:function:greet:$LATEST",
                "End": True,
            }
        },
    }
    assert run_workflow(machine, {"name": "Ann"}, handlers=handlers).output == "hi Ann"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("[]", "top level must be an object"),
        ("{not json", "not JSON"),
        (
            '{"MockedResponses": {"M": {"zero": {"Return": 1}}}}',
            "'zero' is not an invocation number",
        ),
        (
            '{"MockedResponses": {"M": {"0": {"Return": 1, "Throw": {"Error": "E"}}}}}',
            "exactly one of Return or Throw",
        ),
        ('{"MockedResponses": {"M": {"0": {"Throw": {"Cause": "c"}}}}}', "needs an Error"),
        ('{"StateMachines": {"S": {"TestCases": {"C": {"State": 3}}}}}', "TestCases must map"),
    ],
)
def test_malformed_mock_files_say_where(document: str, message: str) -> None:
    with pytest.raises(MockConfigError, match=message):
        load_mock_config(document, "mocks.json")


def test_unknown_test_case_and_unknown_response_are_failed_runs_not_exceptions() -> None:
    config = load_mock_config(json.dumps(GUIDE_MOCKS))
    missing = run_workflow(MACHINE, {}, mocks=config, test_case="NoSuchCase")
    assert (missing.status, missing.error) == ("FAILED", "States.Runtime")
    broken = dict(
        GUIDE_MOCKS,
        StateMachines={"LambdaSQSIntegration": {"TestCases": {"X": {"LambdaState": "Nope"}}}},
    )
    result = run_workflow(MACHINE, {}, mocks=load_mock_config(json.dumps(broken)), test_case="X")
    assert result.status == "FAILED" and "Nope" in (result.cause or "")


def test_a_handler_returning_something_that_is_not_json_fails_clearly() -> None:
    machine = {
        "StartAt": "T",
        "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "End": True}
        },
    }
    result = run_workflow(machine, {}, handlers={"f": lambda _e, _c: {1, 2}})
    assert (result.status, result.error) == ("FAILED", "States.Runtime")
    assert "not JSON" in (result.cause or "")


def test_input_that_is_not_json_is_a_failed_run() -> None:
    result = run_workflow(MACHINE, {"when": object()})
    assert (result.status, result.error) == ("FAILED", "States.Runtime")
    assert "not JSON" in (result.cause or "")
