"""JSONPath data flow on the developer guide's worked examples (archived source:
awsdocs/aws-step-functions-developer-guide, doc_source/; live pages under
https://docs.aws.amazon.com/step-functions/latest/dg/)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.asl.simulator.helpers import returns, run, single

HELLO = "Hello, AWS Step Functions!"
TUTORIAL_INPUT = {
    "comment": "This is a test of the input and output of a Task state.",
    "details": "Default example",
    "who": "AWS Step Functions",
}


def task(**fields: Any) -> dict[str, Any]:
    return single(
        {
            "Type": "Task",
            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction",
            **fields,
        }
    )


def test_inputpath_selects_dataset2() -> None:
    # input-output-inputpath-params.md, "InputPath"
    value = {
        "comment": "Example for InputPath.",
        "dataset1": {"val1": 1, "val2": 2, "val3": 3},
        "dataset2": {"val1": "a", "val2": "b", "val3": "c"},
    }
    result = run(single({"Type": "Pass", "InputPath": "$.dataset2"}), value)
    assert result.output == {"val1": "a", "val2": "b", "val3": "c"}


def test_parameters_select_and_add_static_values() -> None:
    # input-output-inputpath-params.md, "Parameters"
    value = {
        "comment": "Example for Parameters.",
        "product": {
            "details": {"color": "blue", "size": "small", "material": "cotton"},
            "availability": "in stock",
            "sku": "2317",
            "cost": "$23",
        },
    }
    parameters = {
        "comment": "Selecting what I care about.",
        "MyDetails": {
            "size.$": "$.product.details.size",
            "exists.$": "$.product.availability",
            "StaticValue": "foo",
        },
    }
    result = run(task(Parameters=parameters), value, {"S": returns("ignored")})
    scheduled = next(e for e in result.events if e.type == "LambdaFunctionScheduled")
    import json

    assert json.loads(scheduled.details["input"]) == {  # type: ignore[index]
        "comment": "Selecting what I care about.",
        "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"},
    }


@pytest.mark.parametrize(
    ("result_path", "value", "expected"),
    [
        # input-output-resultpath.md: replace, discard (null), include, child node, update.
        ("$", TUTORIAL_INPUT, HELLO),
        (None, TUTORIAL_INPUT, TUTORIAL_INPUT),
        ("$.taskresult", TUTORIAL_INPUT, {**TUTORIAL_INPUT, "taskresult": HELLO}),
        (
            "$.strings.lambdaresult",
            {
                "comment": "An input comment.",
                "strings": {"string1": "foo", "string2": "bar", "string3": "baz"},
                "who": "AWS Step Functions",
            },
            {
                "comment": "An input comment.",
                "strings": {
                    "string1": "foo",
                    "string2": "bar",
                    "string3": "baz",
                    "lambdaresult": HELLO,
                },
                "who": "AWS Step Functions",
            },
        ),
        ("$.comment", TUTORIAL_INPUT, {**TUTORIAL_INPUT, "comment": HELLO}),
    ],
)
def test_resultpath_examples(result_path: Any, value: Any, expected: Any) -> None:
    # The guide's printed outputs also reword "comment"/"details" (typos); the rule it states
    # is that only the ResultPath node changes, which is what the expectations encode.
    result = run(task(ResultPath=result_path), value, {"S": returns(HELLO)})
    assert result.output == expected


def test_inputpath_resultpath_outputpath_sum() -> None:
    # amazon-states-language-input-output-processing.md: the task gets {"val1": 3, "val2": 4},
    # returns 7; ResultPath $.sum then OutputPath $ or $.sum.
    value = {"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}}
    whole = run(
        task(InputPath="$.numbers", ResultPath="$.sum", OutputPath="$"), value, {"S": returns(7)}
    )
    assert whole.output == {**value, "sum": 7}
    only = run(
        task(InputPath="$.numbers", ResultPath="$.sum", OutputPath="$.sum"),
        {"numbers": value["numbers"]},
        {"S": returns(7)},
    )
    assert only.output == 7


def test_a_path_can_select_a_slice() -> None:
    # amazon-states-language-input-output-processing.md: $.a[0:2] of {"a": [1, 2, 3, 4]}
    assert run(single({"Type": "Pass", "InputPath": "$.a[0:2]"}), {"a": [1, 2, 3, 4]}).output == [
        1,
        2,
    ]


def test_reference_paths() -> None:
    # amazon-states-language-input-output-processing.md, "Reference Paths"
    value = {"foo": 123, "bar": ["a", "b", "c"], "car": {"cdr": True}}
    params = {"foo.$": "$.foo", "bar.$": "$.bar", "cdr.$": "$.car.cdr"}
    out = run(single({"Type": "Pass", "Parameters": params}), value).output
    assert out == {"foo": 123, "bar": ["a", "b", "c"], "cdr": True}


def test_null_inputpath_and_outputpath_give_an_empty_object() -> None:
    # Same page: InputPath null -> the task receives {}; OutputPath null -> {} goes on.
    assert run(single({"Type": "Pass", "InputPath": None}), {"a": 1}).output == {}
    assert run(single({"Type": "Pass", "OutputPath": None}), {"a": 1}).output == {}


def test_result_selector_reshapes_the_raw_result() -> None:
    # "Filtering state output using ResultSelector" (input-output-inputpath-params.html): the
    # guide's Glue example keeps two fields of a large result and merges them at ResultPath.
    raw = {
        "AllocatedCapacity": 5,
        "Attempt": 1,
        "CompletedOn": 1599244853034,
        "Id": "jr_85",
        "JobName": "Glue-Job-1",
        "JobRunState": "SUCCEEDED",
    }
    selector = {"ClusterId.$": "$.Id", "JobRunState.$": "$.JobRunState"}
    result = run(
        task(ResultSelector=selector, ResultPath="$.output"), {"in": 1}, {"S": returns(raw)}
    )
    assert result.output == {"in": 1, "output": {"ClusterId": "jr_85", "JobRunState": "SUCCEEDED"}}


def test_context_object_and_variables_in_parameters() -> None:
    # Context object fields (input-output-contextobject.html) and `$name` variables.
    machine = {
        "StartAt": "Set",
        "States": {
            "Set": {"Type": "Pass", "Assign": {"who": "María"}, "Next": "Use"},
            "Use": {
                "Type": "Pass",
                "Parameters": {
                    "state.$": "$$.State.Name",
                    "execution.$": "$$.Execution.Name",
                    "input.$": "$$.Execution.Input",
                    "name.$": "$who",
                },
                "End": True,
            },
        },
    }
    result = run(machine, {"title": "Doctor"}, execution_name="run-1")
    assert result.output == {
        "state": "Use",
        "execution": "run-1",
        "input": {"title": "Doctor"},
        "name": "María",
    }


def test_missing_inputpath_is_a_runtime_failure_naming_the_state() -> None:
    result = run(single({"Type": "Pass", "InputPath": "$.nope"}), {"a": 1})
    assert (result.status, result.error) == ("FAILED", "States.Runtime")
    assert "state 'S'" in (result.cause or "") and "$.nope" in (result.cause or "")


def test_missing_parameter_path_is_a_parameter_path_failure() -> None:
    result = run(single({"Type": "Pass", "Parameters": {"x.$": "$.nope"}}), {})
    assert (result.status, result.error) == ("FAILED", "States.ParameterPathFailure")


def test_resultpath_into_a_non_object_fails() -> None:
    result = run(single({"Type": "Pass", "Result": 1, "ResultPath": "$.a.b"}), {"a": "text"})
    assert (result.status, result.error) == ("FAILED", "States.ResultPathMatchFailure")


def test_output_over_256_kib_is_a_data_limit_failure() -> None:
    result = run(single({"Type": "Pass", "Result": "x" * 262_144}), {})
    assert (result.status, result.error) == ("FAILED", "States.DataLimitExceeded")
