"""JSONata states, variables and mixed query languages, on the developer guide's
"Transforming data with JSONata" (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html)
and "Passing data between states with variables"
(https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventsmith.asl import parse_document
from tests.asl.simulator.helpers import returns, run, single

SAMPLES = Path(__file__).parents[3] / "resources" / "samples" / "workflows"
ECHO = "arn:aws:lambda:us-east-1:123456789012:function:echo"
HANDLERS = {"echo": lambda event, _ctx: event}


def test_jsonpath_and_jsonata_forms_of_the_guide_example_agree() -> None:
    # The guide converts Parameters to Arguments and, for input {"title": "Doctor"} and
    # customerName "María", both give the same result.
    machine = {
        "StartAt": "Name",
        "States": {
            "Name": {"Type": "Pass", "Assign": {"customerName": "María"}, "Next": "JSONPath"},
            "JSONPath": {
                "QueryLanguage": "JSONPath",
                "Type": "Task",
                "Resource": ECHO,
                "Parameters": {
                    "static": "Hello",
                    "title.$": "$.title",
                    "name.$": "$customerName",
                    "not-evaluated": "$customerName",
                },
                "ResultPath": "$.jsonpath",
                "Next": "JSONata",
            },
            "JSONata": {
                "QueryLanguage": "JSONata",
                "Type": "Task",
                "Resource": ECHO,
                "Arguments": {
                    "static": "Hello",
                    "title": "{% $states.input.title %}",
                    "name": "{% $customerName %}",
                    "not-evaluated": "$customerName",
                },
                "Output": {
                    "jsonpath": "{% $states.input.jsonpath %}",
                    "jsonata": "{% $states.result %}",
                },
                "End": True,
            },
        },
    }
    result = run(machine, {"title": "Doctor"}, handlers=HANDLERS)
    expected = {
        "static": "Hello",
        "title": "Doctor",
        "name": "María",
        "not-evaluated": "$customerName",
    }
    assert result.output == {"jsonpath": expected, "jsonata": expected}


def jsonata(state: dict[str, Any]) -> dict[str, Any]:
    return {"QueryLanguage": "JSONata", **single(state)}


def test_step_functions_functions() -> None:
    # The guide's "JSONata functions provided by Step Functions" examples.
    output = {
        "partition": "{% $partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3) %}",
        "range": "{% $range(0, 10, 2) %}",
        "hash": "{% $hash('input data', 'SHA-1') %}",
        "parsed": "{% $parse($states.input.json) %}",
        "seeded": "{% $random(7) = $random(7) %}",
        "uuid": "{% $length($uuid()) %}",
    }
    result = run(jsonata({"Type": "Pass", "Output": output}), {"json": '{"a": [1]}'})
    assert result.output == {
        "partition": [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
        "range": [0, 2, 4, 6, 8, 10],
        "hash": "aaff4a450a104cd177d28d18d74485e8cae074b7",
        "parsed": {"a": [1]},
        "seeded": True,
        "uuid": 36,
    }


def test_eval_and_bad_expressions_are_query_evaluation_errors() -> None:
    for expression in ("{% $eval('1') %}", "{% $states.input.a + %}", "{% $number('x') %}"):
        result = run(jsonata({"Type": "Pass", "Output": expression}), {"a": 1})
        assert (result.status, result.error) == ("FAILED", "States.QueryEvaluationError"), (
            expression
        )


def test_assign_and_output_read_the_variables_as_they_were_on_entry() -> None:
    # Variables assigned by a state are visible from the next state on, not in its own Output.
    machine = {
        "QueryLanguage": "JSONata",
        "StartAt": "First",
        "States": {
            "First": {"Type": "Pass", "Assign": {"x": 1}, "Next": "Second"},
            "Second": {
                "Type": "Pass",
                "Assign": {"x": "{% $x + 1 %}", "y": "{% $x %}"},
                "Output": {"x": "{% $x %}"},
                "Next": "Third",
            },
            "Third": {"Type": "Pass", "Output": {"x": "{% $x %}", "y": "{% $y %}"}, "End": True},
        },
    }
    result = run(machine, {})
    assert result.steps[1].output == {"x": 1}
    assert result.output == {"x": 2, "y": 1}
    exited = [e for e in result.events if e.type == "PassStateExited"][1]
    assert exited.details["assignedVariables"] == {"x": "2", "y": "1"}  # type: ignore[index]


def test_choice_conditions_catch_error_output_and_task_result() -> None:
    machine = {
        "QueryLanguage": "JSONata",
        "StartAt": "Charge",
        "States": {
            "Charge": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Arguments": {"FunctionName": "charge", "Payload": "{% $states.input %}"},
                "Output": "{% $states.result.Payload %}",
                "Catch": [
                    {
                        "ErrorEquals": ["States.ALL"],
                        "Output": {"failed": "{% $states.errorOutput.Error %}"},
                        "Assign": {"why": "{% $states.errorOutput.Cause %}"},
                        "Next": "Route",
                    }
                ],
                "Next": "Route",
            },
            "Route": {
                "Type": "Choice",
                "Choices": [{"Condition": "{% $exists($states.input.failed) %}", "Next": "Failed"}],
                "Default": "Done",
            },
            "Failed": {
                "Type": "Fail",
                "Error": "{% $states.input.failed %}",
                "Cause": "{% $why %}",
            },
            "Done": {"Type": "Succeed"},
        },
    }
    ok = run(
        machine, {"amount": 5}, {"Charge": returns({"Payload": {"charged": 5}, "StatusCode": 200})}
    )
    assert (ok.status, ok.output, ok.path) == (
        "SUCCEEDED",
        {"charged": 5},
        ("Charge", "Route", "Done"),
    )
    bad = run(
        machine,
        {"amount": 5},
        {"Charge": {"0": {"Throw": {"Error": "Card.Declined", "Cause": "insufficient funds"}}}},
    )
    assert (bad.status, bad.error, bad.cause) == ("FAILED", "Card.Declined", "insufficient funds")


def test_map_items_and_item_selector_with_the_context_item() -> None:
    machine = {
        "QueryLanguage": "JSONata",
        "StartAt": "Tag",
        "States": {
            "Tag": {"Type": "Pass", "Assign": {"prefix": "item-"}, "Next": "Each"},
            "Each": {
                "Type": "Map",
                "Items": "{% $states.input.values %}",
                "ItemSelector": {
                    "n": "{% $states.context.Map.Item.Value %}",
                    "i": "{% $states.context.Map.Item.Index %}",
                },
                "ItemProcessor": {
                    "StartAt": "Name",
                    "States": {
                        "Name": {
                            "Type": "Pass",
                            "Assign": {"inner": 1},
                            "Output": "{% $prefix & $string($states.input.i) & '='"
                            " & $string($states.input.n * 10) %}",
                            "End": True,
                        }
                    },
                },
                "Output": {"names": "{% $states.result %}", "inner": "{% $exists($inner) %}"},
                "End": True,
            },
        },
    }
    result = run(machine, {"values": [1, 2]})
    # Outer variables are readable in an iteration; its own variables do not leak out.
    assert result.output == {"names": ["item-0=10", "item-1=20"], "inner": False}


def triage() -> dict[str, Any]:
    text = (SAMPLES / "ticket-triage.asl.yaml").read_text()
    definition: dict[str, Any] = (
        parse_document(text, "ticket-triage.asl.yaml").state_machines[0].definition
    )
    return definition


def test_ticket_triage_sample_routes_billing_tickets() -> None:
    mocks = {
        "Classify": returns({"Payload": {"department": "billing"}}),
        "Billing queue": returns({"MessageId": "m-1"}),
    }
    result = run(triage(), {"detail": {"ticketId": "T-7"}}, mocks)
    assert result.path == ("Classify", "Route", "Billing queue")
    assert (result.status, result.output) == ("SUCCEEDED", {"MessageId": "m-1"})
    scheduled = [e for e in result.events if e.type == "TaskScheduled"][-1]
    assert '"MessageBody":"{\\"ticket\\":\\"T-7\\"}"' in scheduled.details["parameters"]  # type: ignore[index]


def test_ticket_triage_escalate_loop_loses_the_ticket_after_a_virtual_minute() -> None:
    # Classify outputs only the Lambda payload, so after Escalate the second Classify reads
    # $states.input.detail from {"department": ...}: undefined, which Step Functions refuses.
    # The simulator finds this bug in the sample without deploying it.
    mocks = {
        "Classify": returns(
            {"Payload": {"department": "unknown"}}, {"Payload": {"department": "billing"}}
        )
    }
    result = run(triage(), {"detail": {"ticketId": "T-7"}}, mocks)
    assert result.path == ("Classify", "Route", "Escalate", "Classify")
    assert (result.status, result.error, result.duration) == (
        "FAILED",
        "States.QueryEvaluationError",
        60,
    )
    assert "'$states.input.detail'" in (result.cause or "")
