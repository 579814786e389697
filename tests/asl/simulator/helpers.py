"""Run a definition with mocks written inline: `{state name: {"0": {"Return": ...}}}`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from eventsmith.asl import ExecutionResult, load_mock_config, run_workflow

START = datetime(2024, 1, 1, tzinfo=UTC)


def run(
    definition: dict[str, Any],
    value: Any = None,
    mocks: dict[str, dict[str, Any]] | None = None,
    **options: Any,
) -> ExecutionResult:
    config = None
    if mocks is not None:
        document = {
            "StateMachines": {
                "Test": {"TestCases": {"Case": {state: f"{state}Mock" for state in mocks}}}
            },
            "MockedResponses": {f"{state}Mock": entry for state, entry in mocks.items()},
        }
        config = load_mock_config(json.dumps(document))
    return run_workflow(
        definition,
        value,
        mocks=config,
        test_case="Case" if config else None,
        state_machine_name="Test",
        start_time=START,
        **options,
    )


def returns(*values: Any) -> dict[str, Any]:
    """A mocked response that returns `values` on invocations 0, 1, ..."""
    return {str(i): {"Return": value} for i, value in enumerate(values)}


def single(state: dict[str, Any], name: str = "S") -> dict[str, Any]:
    """A machine of one state (made terminal)."""
    body = dict(state)
    if body.get("Type") not in ("Choice", "Succeed", "Fail"):
        body.setdefault("End", True)
    return {"StartAt": name, "States": {name: body}}


def pass_parameters(parameters: dict[str, Any], value: Any) -> Any:
    """The output of one Pass state with these Parameters on this input."""
    result = run(single({"Type": "Pass", "Parameters": parameters}), value)
    assert result.status == "SUCCEEDED", (result.error, result.cause)
    return result.output
