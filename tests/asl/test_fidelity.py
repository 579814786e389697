"""The false errors issue 11 found on published workflows, each checked as its own case:
what Step Functions accepts gives no error, what is suspicious is a warning that says why."""

from __future__ import annotations

import json
from typing import Any

import pytest

from eventsmith.asl import check_text


def _task(**fields: Any) -> dict[str, Any]:
    state = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True}
    return {"StartAt": "A", "States": {"A": {**state, **fields}}}


def _found(definition: dict[str, Any]) -> dict[str, str]:
    return {d.code: str(d.severity) for d in check_text(json.dumps(definition), "f.asl.json")}


@pytest.mark.parametrize(
    "path",
    ["$.[0]", "$.Snapshots.[0].State", "$.[*].['bucket', 'key']", "$.[?(@.OU > 0)]"],
)
def test_jsonpath_of_deployed_aws_samples_is_accepted(path: str) -> None:
    assert _found(_task(Parameters={"x.$": path})) == {}


@pytest.mark.parametrize(
    ("resource", "code"),
    [
        ("arn:aws:lambda:region-1:1234567890:function:NAME", "ASL903"),
        ("arn:aws:states:us-west-2:42:activity:a-task", "ASL903"),
        ("foo:bar", "ASL905"),
    ],
)
def test_placeholder_resources_are_warnings(resource: str, code: str) -> None:
    assert _found(_task(Resource=resource)) == {code: "warning"}


@pytest.mark.parametrize("parameters", ["$.payload", ["a", "b"]])
def test_parameters_that_are_not_objects_are_a_warning(parameters: object) -> None:
    assert _found(_task(Parameters=parameters)) == {"ASL211": "warning"}


def test_comments_are_never_parsed() -> None:
    definition = {
        "QueryLanguage": "JSONata",
        "Comment": "{% not an expression",
        "StartAt": "A",
        "States": {
            "A": {
                "Type": "Choice",
                "Comment": "{% 1 +",
                "Choices": [{"Condition": "{% true %}", "Next": "B", "Comment": "{% x"}],
                "Default": "B",
            },
            "B": {"Type": "Pass", "Comment": "{% ", "Output": {"Comment": "{% 1 %}"}, "End": True},
        },
    }
    assert _found(definition) == {}
    definition["States"]["B"]["Output"]["Comment"] = "{% 1 + %}"
    assert _found(definition) == {"ASL701": "error"}  # inside Output it is payload


@pytest.mark.parametrize(
    "intrinsic",
    [
        {"Fn::GetAtt": ["Function", "Arn"]},
        {"Ref": "FunctionArn"},
        {"Fn::Sub": "arn:${AWS::Partition}:lambda:::function:x"},
        {"Fn::Join": [":", ["a", "b"]]},
        {"Fn::If": ["Prod", "a", "b"]},
        {"Fn::ImportValue": "Shared"},
    ],
)
def test_cloudformation_intrinsics_are_opaque(intrinsic: dict[str, Any]) -> None:
    definition = _task(
        Resource=intrinsic,
        TimeoutSeconds=intrinsic,
        Parameters={"FunctionName": intrinsic, "Payload.$": intrinsic},
    )
    assert _found(definition) == {}


def test_tolerated_failures_on_an_inline_map_are_a_warning() -> None:
    definition = {
        "StartAt": "M",
        "States": {
            "M": {
                "Type": "Map",
                "ToleratedFailureCount": 1,
                "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}},
                "End": True,
            }
        },
    }
    assert _found(definition) == {"ASL409": "warning"}


def test_a_dollar_key_in_jsonata_output_is_kept_literally() -> None:
    definition = {
        "QueryLanguage": "JSONata",
        "StartAt": "A",
        "States": {"A": {"Type": "Pass", "Output": {"id.$": "$.id"}, "End": True}},
    }
    found = check_text(json.dumps(definition), "f.asl.json")
    assert [(d.code, str(d.severity)) for d in found] == [("ASL210", "warning")]
    assert found[0].fix is not None and found[0].fix.edits[0].new_text == '"id"'


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        ("States.MathAdd(1,'-1')", "'-1'"),
        ("States.MathRandom(1, 'ten')", "'ten'"),
        ("States.ArrayRange(0, 10, 2.5)", "2.5"),
        ("States.StringSplit($.a, 3)", "3"),
        ("States.Base64Encode(true)", "true"),
        ("States.ArrayGetItem('abc', 0)", "'abc'"),
        ("States.ArrayPartition($.a, '2')", "'2'"),
    ],
)
def test_intrinsic_literal_arguments_are_typed(call: str, argument: str) -> None:
    text = json.dumps(_task(Parameters={"x.$": call}))
    found = [d for d in check_text(text, "f.asl.json") if d.code == "ASL605"]
    assert len(found) == 1
    start = text.index(call) + call.index(argument)
    assert found[0].range.start.character == start
    assert found[0].range.end.character == start + len(argument)


@pytest.mark.parametrize(
    "call",
    [
        "States.MathAdd($.a, -1)",
        "States.MathAdd(1.5, 2)",
        "States.ArrayRange(0, $.n, 1)",
        "States.JsonMerge($.a, $.b, false)",
        "States.Format('{} {}', 'a', $.b)",
        "States.Array(1, 'a', true, null, $.x)",
        "States.ArrayGetItem(States.Array(1, 2), 0)",
    ],
)
def test_intrinsic_arguments_of_the_right_type_pass(call: str) -> None:
    assert _found(_task(Parameters={"x.$": call})) == {}
