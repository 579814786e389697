"""Edge and node labels: Choice rules (the operator forms of the ASL spec's Choice Rules section)
and the console-style name of a Task's service integration."""

from __future__ import annotations

from typing import Any

import pytest

from eventsmith.asl import describe_resource
from eventsmith.asl.syntax._conditions import describe_rule


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ({"Variable": "$.type", "StringEquals": "Private", "Next": "X"}, '$.type == "Private"'),
        ({"Variable": "$.value", "NumericGreaterThanEquals": 20}, "$.value >= 20"),
        ({"Variable": "$.value", "NumericLessThan": 30.5}, "$.value < 30.5"),
        ({"Variable": "$.a", "NumericEqualsPath": "$.b"}, "$.a == $.b"),
        ({"Variable": "$.t", "TimestampLessThan": "2016-03-14T01:59:00Z"},
         '$.t < "2016-03-14T01:59:00Z"'),
        ({"Variable": "$.ok", "BooleanEquals": False}, "$.ok == false"),
        ({"Variable": "$.name", "StringMatches": "log-*.txt"}, '$.name matches "log-*.txt"'),
        ({"Variable": "$.x", "IsPresent": False}, "$.x is not present"),
        ({"Variable": "$.x", "IsNull": True}, "$.x is null"),
        ({"Variable": "$.x", "IsTimestamp": True}, "$.x is a timestamp"),
        ({"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
         'not ($.type == "Private")'),
        ({"Or": [{"Variable": "$.a", "IsNull": True},
                 {"And": [{"Variable": "$.v", "NumericGreaterThanEquals": 20},
                          {"Variable": "$.v", "NumericLessThan": 30}]}]},
         "$.a is null or ($.v >= 20 and $.v < 30)"),
        ({"Condition": "{% $states.input.n > 3 %}", "Next": "X"}, "$states.input.n > 3"),
        ({"Condition": "${Placeholder}"}, "${Placeholder}"),
        ({"Variable": "$.x", "Next": "X"}, "$.x"),
        ({"And": "not a list", "Next": "X"}, "?"),
        ({"Not": 5}, "not (?)"),
    ],
)  # fmt: skip
def test_choice_rules_read_like_code(rule: dict[str, Any], text: str) -> None:
    assert describe_rule(rule) == text


@pytest.mark.parametrize(
    ("resource", "text"),
    [
        ("arn:aws:states:::lambda:invoke", "Lambda: Invoke"),
        ("arn:aws:states:::sqs:sendMessage.waitForTaskToken",
         "SQS: SendMessage (waitForTaskToken)"),
        ("arn:aws:states:::glue:startJobRun.sync", "Glue: StartJobRun (sync)"),
        ("arn:aws:states:::states:startExecution.sync:2",
         "Step Functions: StartExecution (sync:2)"),
        ("arn:aws:states:::aws-sdk:s3:getObject", "S3: GetObject"),
        ("arn:aws:lambda:us-east-1:123456789012:function:hello", "Lambda function"),
        ("arn:aws:states:us-east-1:123456789012:activity:review", "Activity"),
        ("${FunctionArn}", "Task"),
        (None, "Task"),
    ],
)  # fmt: skip
def test_task_resources_are_named_like_the_console(resource: object, text: str) -> None:
    assert describe_resource(resource) == text
