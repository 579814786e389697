"""Property: any valid state machine, as JSON or YAML, gets no finding at all.

The generator builds machines that are valid by construction (per the ASL spec; state names
unique in the whole machine, as AWS requires): chains with
back edges from Choice rules and Catch, nested Parallel branches and Map processors, both
query languages, variables assigned before use. A false positive anywhere fails the test.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from eventsmith.asl import check_text

NAMES = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12
)
SIMPLE = ("Pass", "Task", "Wait", "Choice")


@st.composite
def scope(draw: st.DrawFn, jsonata: bool, depth: int, prefix: str = "") -> dict[str, Any]:
    # State names are unique in the whole machine: nested scopes prefix theirs.
    names = [prefix + name for name in draw(st.lists(NAMES, min_size=1, max_size=6, unique=True))]
    states: dict[str, Any] = {}
    for index, name in enumerate(names):
        last = index == len(names) - 1
        following = names[index + 1] if not last else None
        kinds = [*SIMPLE, "Parallel", "Map"] if depth < 2 else list(SIMPLE)
        if last:
            kinds = [kind for kind in kinds if kind != "Choice"] + ["Succeed", "Fail"]
        kind = draw(st.sampled_from(kinds))
        nested_prefix = f"{prefix}{index}/"
        states[name] = draw(state(kind, names, following, jsonata, depth, nested_prefix))
    return {"StartAt": names[0], "States": states}


@st.composite
def state(
    draw: st.DrawFn,
    kind: str,
    names: list[str],
    following: str | None,
    jsonata: bool,
    depth: int,
    prefix: str,
) -> dict[str, Any]:
    body: dict[str, Any] = {"Type": kind}
    flow: dict[str, Any] = {"Next": following} if following else {"End": True}
    if kind == "Pass":
        if jsonata:
            body["Output"] = "{% $states.input %}"
        else:
            body["Parameters"] = {"copy.$": "$", "id.$": "States.UUID()", "n": 1}
            body["ResultPath"] = "$.pass"
        body.update(flow)
    elif kind == "Task":
        body["Resource"] = draw(
            st.sampled_from(
                [
                    "arn:aws:states:::lambda:invoke",
                    "arn:aws:states:::sqs:sendMessage",
                    "arn:aws:states:::glue:startJobRun.sync",
                    "arn:aws:states:::states:startExecution.sync:2",
                    "arn:aws:lambda:eu-central-1:123456789012:function:work:live",
                    "${WorkerArn}",
                ]
            )
        )
        body["Retry"] = [
            {"ErrorEquals": ["States.Timeout"], "BackoffRate": 1.5, "JitterStrategy": "FULL"},
            {"ErrorEquals": ["States.ALL"], "MaxAttempts": 2, "MaxDelaySeconds": 30},
        ]
        target = draw(st.sampled_from(names))
        body["Catch"] = [{"ErrorEquals": ["States.ALL"], "Next": target}]
        if jsonata:
            body["Arguments"] = {"Payload": "{% $states.input %}"}
            body["TimeoutSeconds"] = "{% 30 %}"
        else:
            body["Parameters"] = {"Payload.$": "$", "Token.$": "$$.Execution.Id"}
            body["TimeoutSeconds"] = 30
            body["HeartbeatSeconds"] = 10
        body.update(flow)
    elif kind == "Wait":
        body["Seconds"] = 1
        body.update(flow)
    elif kind == "Choice":
        assert following is not None
        target = draw(st.sampled_from(names))
        if jsonata:
            body["Choices"] = [{"Condition": "{% $states.input.n > 1 %}", "Next": target}]
        else:
            body["Choices"] = [
                {
                    "And": [
                        {"Variable": "$.n", "NumericGreaterThan": 1},
                        {"Not": {"Variable": "$.s", "StringMatches": "x*"}},
                    ],
                    "Next": target,
                }
            ]
        body["Default"] = following
    elif kind == "Parallel":
        count = draw(st.integers(1, 2))
        body["Branches"] = [draw(scope(jsonata, depth + 1, f"{prefix}{i}/")) for i in range(count)]
        body.update(flow)
    elif kind == "Map":
        processor = draw(scope(jsonata, depth + 1, prefix))
        processor["ProcessorConfig"] = {"Mode": "INLINE"}
        body["ItemProcessor"] = processor
        if jsonata:
            body["Items"] = "{% $states.input.items %}"
        else:
            body["ItemsPath"] = "$.items"
            body["ItemSelector"] = {"item.$": "$$.Map.Item.Value"}
        body["MaxConcurrency"] = 4
        body.update(flow)
    elif kind == "Fail":
        body.update({"Error": "Failed", "Cause": "by design"})
    return body


@st.composite
def machines(draw: st.DrawFn) -> dict[str, Any]:
    jsonata = draw(st.booleans())
    definition = draw(scope(jsonata, 0))
    first = definition["States"][definition["StartAt"]]
    if first["Type"] not in ("Succeed", "Fail"):
        first["Assign"] = {"seen": "{% true %}" if jsonata else True}
    if jsonata:
        definition = {"QueryLanguage": "JSONata", **definition}
    return {"Comment": "generated", **definition}


@settings(max_examples=120, deadline=None)
@given(definition=machines())
def test_valid_machines_have_no_findings(definition: dict[str, Any]) -> None:
    as_json = json.dumps(definition, indent=2, ensure_ascii=False)
    assert check_text(as_json, "generated.asl.json") == []
    as_yaml = yaml.safe_dump(definition, allow_unicode=True, sort_keys=False)
    assert check_text(as_yaml, "generated.asl.yaml") == []
