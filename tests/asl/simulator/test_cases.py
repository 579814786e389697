"""A workflow's own test cases: finding them, running them on a buffer, locating failures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from eventsmith.asl import (
    cases_for_workflow,
    failing_step,
    failure_findings,
    mock_files_near,
    parse_document,
    run_document_tests,
    run_test_cases,
    run_workflow,
)

SAMPLES = Path(__file__).parents[3] / "resources" / "samples"
WORKFLOW = {
    "StartAt": "Fetch",
    "States": {
        "Fetch": {
            "Type": "Task",
            "Resource": "arn:aws:lambda:us-east-1:1:function:f",
            "Next": "Done",
        },
        "Done": {"Type": "Pass", "End": True},
    },
}


def mocks(definition: str, expect: dict[str, Any], name: str = "flow") -> dict[str, Any]:
    return {
        "StateMachines": {
            name: {
                "Definition": definition,
                "TestCases": {"Ok": {"Fetch": "Answer"}},
                "Expect": {"Ok": expect},
            }
        },
        "MockedResponses": {"Answer": {"0": {"Return": {"n": 1}}}},
    }


def write(path: Path, value: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2), encoding="utf-8")
    return path


def test_mock_files_are_found_beside_inside_mocks_and_in_a_sibling_mocks_folder(
    tmp_path: Path,
) -> None:
    workflow = write(tmp_path / "flows" / "flow.asl.json", WORKFLOW)
    here = write(tmp_path / "flows" / "a.mocks.json", {})
    inside = write(tmp_path / "flows" / "mocks" / "b.mocks.json", {})
    sibling = write(tmp_path / "mocks" / "c.mocks.json", {})
    write(tmp_path / "flows" / "not-mocks.json", {})
    write(tmp_path / "elsewhere" / "d.mocks.json", {})
    assert mock_files_near(workflow) == (here.resolve(), inside.resolve(), sibling.resolve())


def test_only_the_cases_whose_definition_is_this_workflow(tmp_path: Path) -> None:
    workflow = write(tmp_path / "flow.asl.json", WORKFLOW)
    write(tmp_path / "other.asl.json", WORKFLOW)
    write(tmp_path / "mine.mocks.json", mocks("flow.asl.json", {}))
    write(tmp_path / "theirs.mocks.json", mocks("other.asl.json", {}))
    (tmp_path / "broken.mocks.json").write_text("{not json", encoding="utf-8")
    cases = cases_for_workflow(workflow)
    assert [(case.mock_file.name, case.test_case) for case in cases] == [("mine.mocks.json", "Ok")]


def test_the_sample_checkout_has_its_four_cases() -> None:
    cases = cases_for_workflow(SAMPLES / "workflows" / "checkout.asl.json")
    names = json.loads((SAMPLES / "mocks" / "checkout.mocks.json").read_text())
    assert [case.test_case for case in cases] == list(
        names["StateMachines"]["checkout"]["TestCases"]
    )
    assert cases[0].input["source"] == "service-order-submit-dev"


def test_the_failing_step_is_the_innermost_state_raising_the_error() -> None:
    workflow = SAMPLES / "workflows" / "checkout.asl.json"
    machine = parse_document(workflow.read_text(), str(workflow)).state_machines[0]
    (case,) = [c for c in cases_for_workflow(workflow) if c.test_case == "PaymentDeclined"]
    (outcome,) = run_test_cases(machine, [case])
    assert outcome.passed and outcome.result is not None
    step = failing_step(outcome.result)
    assert step is not None
    assert step.path == ("States", "Fulfil", "Branches", 0, "States", "Charge payment")


def test_a_run_that_succeeds_needs_no_failing_step() -> None:
    result = run_workflow({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
    assert failing_step(result) is None


def test_a_wrong_output_is_reported_on_the_state_that_produced_it(tmp_path: Path) -> None:
    workflow = write(tmp_path / "flow.asl.json", WORKFLOW)
    write(tmp_path / "flow.mocks.json", mocks("flow.asl.json", {"Output": {"n": 2}}))
    text = workflow.read_text(encoding="utf-8")
    tests = run_document_tests(text, workflow)
    (finding,) = tests.findings
    assert finding.code == "TEST001"
    assert finding.path == ("States", "Done")
    assert finding.message == (
        'test case Ok failed at \'Done\': output: expected {"n": 2}, got {"n": 1}'
    )
    line = next(n for n, row in enumerate(text.splitlines()) if '"Done": {' in row)
    assert finding.range.start.line == line
    assert tests.summary()["failed"] == 1


def test_an_unexpected_path_is_reported_where_it_left_the_expected_one(tmp_path: Path) -> None:
    workflow = write(tmp_path / "flow.asl.json", WORKFLOW)
    write(tmp_path / "flow.mocks.json", mocks("flow.asl.json", {"Path": ["Fetch", "Elsewhere"]}))
    machine = parse_document(workflow.read_text(), str(workflow)).state_machines[0]
    cases = cases_for_workflow(workflow)
    (finding,) = failure_findings(machine, cases, run_test_cases(machine, cases))
    assert finding.path == ("States", "Done")
    assert "path: expected ['Fetch', 'Elsewhere'], got ['Fetch', 'Done']" in finding.message


def test_an_invalid_buffer_is_refused_not_run(tmp_path: Path) -> None:
    workflow = write(tmp_path / "flow.asl.json", WORKFLOW)
    write(tmp_path / "flow.mocks.json", mocks("flow.asl.json", {}))
    text = workflow.read_text(encoding="utf-8").replace('"Next": "Done"', '"Next": "Nowhere"')
    tests = run_document_tests(text, workflow)
    assert tests.outcomes == () and tests.findings == ()
    assert tests.refused is not None and "Nowhere" in tests.refused


def test_a_sample_copy_passes_and_yields_no_findings(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES / "workflows", tmp_path / "workflows")
    shutil.copytree(SAMPLES / "mocks", tmp_path / "mocks")
    workflow = tmp_path / "workflows" / "checkout.asl.json"
    tests = run_document_tests(workflow.read_text(encoding="utf-8"), workflow)
    assert tests.summary()["passed"] == 4 and tests.findings == ()
