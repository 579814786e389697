"""Property: a generated valid workflow, with every task mocked, always ends SUCCEEDED or FAILED
(never TIMED_OUT without a timeout, never an exception) within the step limit."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from eventsmith.asl import load_mock_config, parse_document, run_workflow, validate
from eventsmith.asl.simulator._run import MALFORMED

MAX_STEPS = 200


@st.composite
def workflows(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    count = draw(st.integers(1, 7))
    names = [f"S{i}" for i in range(count)]
    responses: dict[str, Any] = {}
    states: dict[str, Any] = {}

    # Every state links to the next one, so all are reachable; Choice rules and Catchers add
    # jumps anywhere (loops included) and the last state ends the run.
    def target() -> dict[str, Any]:
        return {"Next": names[index + 1]} if index + 1 < count else {"End": True}

    kinds = ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"]
    for index, name in enumerate(names):
        last = index + 1 == count
        kind = draw(st.sampled_from(kinds[:2] + kinds[3:] if last else kinds))
        if kind in ("Succeed", "Fail") and not last:
            kind = "Pass"
        if kind == "Pass":
            state: dict[str, Any] = {
                "Type": "Pass",
                "Result": draw(st.integers(0, 9)),
                "ResultPath": "$.last",
                **target(),
            }
        elif kind == "Task":
            throws = draw(st.booleans())
            responses[name] = {
                "0-1000": {"Throw": {"Error": "Boom", "Cause": "c"}}
                if throws
                else {"Return": {"n": 1}}
            }
            state = {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "f", "Payload.$": "$"},
                "ResultPath": "$.task",
                **target(),
            }
            if draw(st.booleans()):
                state["Retry"] = [
                    {
                        "ErrorEquals": ["States.ALL"],
                        "MaxAttempts": draw(st.integers(0, 3)),
                        "IntervalSeconds": 1,
                    }
                ]
            if draw(st.booleans()):
                state["Catch"] = [
                    {
                        "ErrorEquals": ["States.ALL"],
                        "ResultPath": "$.error",
                        "Next": draw(st.sampled_from(names)),
                    }
                ]
        elif kind == "Choice":
            state = {
                "Type": "Choice",
                "Choices": [
                    {
                        "Variable": "$.last",
                        "NumericLessThan": draw(st.integers(0, 9)),
                        "Next": draw(st.sampled_from(names)),
                    }
                ],
            }
            state["Default"] = names[index + 1]
        elif kind == "Wait":
            state = {"Type": "Wait", "Seconds": draw(st.integers(0, 100)), **target()}
        elif kind == "Succeed":
            state = {"Type": "Succeed"}
        elif kind == "Fail":
            state = {"Type": "Fail", "Error": "Failed", "Cause": "generated"}
        elif kind == "Parallel":
            branches = [
                {
                    "StartAt": f"{name}B{i}",
                    "States": {f"{name}B{i}": {"Type": "Pass", "Result": i, "End": True}},
                }
                for i in range(2)
            ]
            state = {
                "Type": "Parallel",
                "Branches": branches,
                "ResultPath": "$.branches",
                **target(),
            }
        else:
            processor = {
                "StartAt": f"{name}I",
                "States": {f"{name}I": {"Type": "Pass", "End": True}},
            }
            state = {
                "Type": "Map",
                "ItemsPath": "$.items",
                "ItemProcessor": processor,
                "ResultPath": "$.mapped",
                **target(),
            }
        states[name] = state
    return {"StartAt": names[0], "States": states}, responses


def _merge(field: str, value: str) -> str:
    return "{% $merge([$states.input, {'" + field + "': " + value + "}]) %}"


def as_jsonata(definition: dict[str, Any]) -> dict[str, Any]:
    """The same workflow in JSONata: Output/Arguments/Items/Condition for the JSONPath fields."""
    states: dict[str, Any] = {}
    for name, state in definition["States"].items():
        state = dict(state)
        kind = state["Type"]
        if kind == "Pass":
            state["Output"] = _merge("last", str(state.pop("Result")))
            state["Assign"] = {"seen": "{% $states.input.last %}"}
            del state["ResultPath"]
        elif kind == "Task":
            state["Arguments"] = {"FunctionName": "f", "Payload": "{% $states.input %}"}
            state["Output"] = _merge("task", "$states.result")
            del state["Parameters"], state["ResultPath"]
            for catcher in state.get("Catch", []):
                catcher["Output"] = _merge("error", "$states.errorOutput")
                del catcher["ResultPath"]
        elif kind == "Choice":
            rules = []
            for rule in state["Choices"]:
                bound = rule["NumericLessThan"]
                rules.append(
                    {"Condition": f"{{% $states.input.last < {bound} %}}", "Next": rule["Next"]}
                )
            state["Choices"] = rules
        elif kind == "Parallel":
            state["Output"] = _merge("branches", "$states.result")
            del state["ResultPath"]
            state["Branches"] = [
                {
                    **branch,
                    "States": {
                        n: {"Type": "Pass", "Output": i, "End": True} for n in branch["States"]
                    },
                }
                for i, branch in enumerate(state["Branches"])
            ]
        elif kind == "Map":
            state["Items"] = "{% $states.input.items %}"
            state["Output"] = _merge("mapped", "$states.result")
            del state["ItemsPath"], state["ResultPath"]
        states[name] = state
    return {"QueryLanguage": "JSONata", "StartAt": definition["StartAt"], "States": states}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    workflows(),
    st.booleans(),
    st.lists(st.integers(0, 9), min_size=1, max_size=4),
    st.integers(0, 9),
)
def test_valid_generated_workflows_end_succeeded_or_failed(
    generated: tuple[dict[str, Any], dict[str, Any]], jsonata: bool, items: list[int], last: int
) -> None:
    definition, responses = generated
    if jsonata:
        definition = as_jsonata(definition)
    machine = parse_document(json.dumps(definition), "gen.asl.json").state_machines[0]
    assume(not any(d.is_error for d in validate(machine)))
    mocks = load_mock_config(
        json.dumps(
            {
                "StateMachines": {
                    "gen": {"TestCases": {"Case": {name: f"{name}Mock" for name in responses}}}
                },
                "MockedResponses": {f"{name}Mock": entry for name, entry in responses.items()},
            }
        )
    )
    result = run_workflow(
        machine, {"items": items, "last": last}, mocks=mocks, test_case="Case", max_steps=MAX_STEPS
    )
    assert result.status in ("SUCCEEDED", "FAILED")
    assert not (result.cause or "").startswith(MALFORMED), result.cause
    assert len(result.steps) <= MAX_STEPS * 4  # nested scopes count toward the same limit
    assert result.events[-1].type in ("ExecutionSucceeded", "ExecutionFailed")
