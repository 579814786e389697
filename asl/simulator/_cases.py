"""A workflow's own test cases, for editors and the desktop app.

`cases_for_workflow(workflow)` finds the mock files beside a workflow (`*.mocks.json` in its
folder, in a `mocks/` folder inside it, or in a `mocks/` folder next to it) whose state
machine's definition is that workflow. `run_test_cases` runs them on a machine already parsed
(an editor's unsaved buffer), and `failure_findings` turns the failures into diagnostics located
on the state where the run failed, or where its path left the expected one.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventsmith.asl.rules import validate
from eventsmith.asl.simulator._mocks import MockConfigError
from eventsmith.asl.simulator._result import ExecutionResult, StateStep
from eventsmith.asl.simulator._run import run_workflow
from eventsmith.asl.simulator._testing import CaseOutcome, Expectation, read_suite
from eventsmith.asl.syntax import Diagnostic, Severity, StateMachineSource, parse_document

MOCK_FILE_GLOB = "*.mocks.json"
TEST_FAILED = "TEST001"
TEST_NOT_RUN = "TEST002"


@dataclass(frozen=True)
class WorkflowTestCase:
    """One test case of a mock file that belongs to a workflow; `input` is its Expect's."""

    mock_file: Path
    state_machine: str
    test_case: str
    expectation: Expectation

    @property
    def input(self) -> Any:
        return self.expectation.input

    @property
    def label(self) -> str:
        return f"{self.test_case} ({self.mock_file.name})"


def mock_files_near(workflow: Path) -> tuple[Path, ...]:
    """Mock files a workflow's test cases may live in, nearest first, without duplicates."""
    folder = workflow.parent
    found: dict[Path, None] = {}
    for place in (folder, folder / "mocks", folder.parent / "mocks"):
        if place.is_dir():
            for candidate in sorted(place.glob(MOCK_FILE_GLOB)):
                found.setdefault(candidate.resolve(), None)
    return tuple(found)


def cases_for_workflow(
    workflow: Path, mock_files: Iterable[Path] | None = None
) -> tuple[WorkflowTestCase, ...]:
    """The test cases whose state machine is defined by `workflow` (by its `Definition`, or
    by a definition named like the state machine beside the mock file), from `mock_files` or
    else those `mock_files_near` finds. Unreadable mock files are skipped: `asl test` reports
    them."""
    target = workflow.resolve()
    cases: list[WorkflowTestCase] = []
    for mock_file in mock_files_near(workflow) if mock_files is None else mock_files:
        try:
            suite = read_suite(Path(mock_file))
        except (MockConfigError, OSError, ValueError):
            continue
        for name in suite.config.state_machines:
            definition = suite.definitions.get(name)
            if definition is None or definition.resolve() != target:
                continue
            expectations = suite.expectations.get(name, {})
            cases.extend(
                WorkflowTestCase(suite.path, name, case, expectations.get(case, Expectation()))
                for case in suite.config.test_cases(name)
            )
    return tuple(cases)


def run_test_cases(
    machine: StateMachineSource, cases: Sequence[WorkflowTestCase]
) -> tuple[CaseOutcome, ...]:
    """Run each case on `machine` (the document as it is now, saved or not)."""
    outcomes: list[CaseOutcome] = []
    configs: dict[Path, Any] = {}
    for case in cases:
        config = configs.get(case.mock_file)
        if config is None:
            config = configs[case.mock_file] = read_suite(case.mock_file).config
        began = time.perf_counter()
        result = run_workflow(
            machine,
            case.input,
            mocks=config,
            test_case=case.test_case,
            state_machine_name=case.state_machine,
        )
        outcomes.append(
            CaseOutcome(
                str(case.mock_file),
                case.state_machine,
                case.test_case,
                result,
                tuple(case.expectation.mismatches(result)),
                time.perf_counter() - began,
            )
        )
    return tuple(outcomes)


def failing_step(result: ExecutionResult) -> StateStep | None:
    """The state where a failed run failed: the innermost step raising the run's error (a
    Parallel fails because a branch's state did), else the last step that failed."""
    failed = [step for step in result.steps if step.failed]
    raising = [step for step in failed if step.error == result.error]
    if raising:
        return max(raising, key=lambda step: len(step.scope))  # first of the deepest
    return failed[-1] if failed else None


def _located_step(outcome: CaseOutcome, expectation_path: Sequence[str] | None) -> StateStep | None:
    result = outcome.result
    if result is None:
        return None
    if not result.succeeded:
        return failing_step(result)
    top = [step for step in result.steps if not step.scope]
    if expectation_path is not None:
        for index, step in enumerate(top):  # the first state off the expected path
            if index >= len(expectation_path) or expectation_path[index] != step.name:
                return step
    return top[-1] if top else None  # the state whose output became the execution's


def failure_findings(
    machine: StateMachineSource,
    cases: Sequence[WorkflowTestCase],
    outcomes: Sequence[CaseOutcome],
) -> tuple[Diagnostic, ...]:
    """One error per failed case (`outcomes` as `run_test_cases(machine, cases)` gives them),
    on the name of the state to blame (the definition's start when none is); the message
    names the test case, what was expected and what happened."""
    found: list[Diagnostic] = []
    for case, outcome in zip(cases, outcomes, strict=True):
        if outcome.passed:
            continue
        path = case.expectation.values.get("Path")
        step = _located_step(outcome, list(path) if isinstance(path, list) else None)
        location = step.path if step is not None else ()
        where = f" at '{step.name}'" if step is not None else ""
        if outcome.problem:
            code, detail = TEST_NOT_RUN, outcome.problem
        else:
            code, detail = TEST_FAILED, "; ".join(outcome.mismatches)
        message = f"test case {outcome.test_case} failed{where}: {detail}"
        range_ = machine.key_range(location) if location else machine.value_range(())
        if not location:
            range_ = type(range_).at(range_.start.line, range_.start.character)
        found.append(Diagnostic(code, Severity.ERROR, message, range_, location))
    return tuple(found)


@dataclass(frozen=True)
class DocumentTests:
    """The test cases of one document, their outcomes and the findings to show on it.
    `refused` says why nothing ran (the definition has errors, or no state machine)."""

    cases: tuple[WorkflowTestCase, ...]
    outcomes: tuple[CaseOutcome, ...]
    findings: tuple[Diagnostic, ...]
    refused: str | None = None

    def summary(self) -> dict[str, Any]:
        """JSON for scripts and editors: counts and one entry per case."""
        return {
            "total": len(self.cases),
            "passed": sum(outcome.passed for outcome in self.outcomes),
            "failed": sum(not outcome.passed for outcome in self.outcomes),
            "refused": self.refused,
            "cases": [
                {
                    "mockFile": str(outcome.mock_file),
                    "stateMachine": outcome.state_machine,
                    "testCase": outcome.test_case,
                    "passed": outcome.passed,
                    "status": outcome.result.status if outcome.result else None,
                    "mismatches": list(outcome.mismatches),
                    "problem": outcome.problem,
                }
                for outcome in self.outcomes
            ],
        }


def run_document_tests(text: str, path: Path) -> DocumentTests:
    """Run the test cases of the workflow in `text` (an editor's buffer of the file at
    `path`): found with `cases_for_workflow`, run on the buffer as it is, saved or not."""
    cases = cases_for_workflow(path)
    if not cases:
        return DocumentTests((), (), ())
    parsed = parse_document(text, str(path))
    if not parsed.state_machines:
        return DocumentTests(cases, (), (), "no state machine in the document")
    by_name = {machine.name: machine for machine in parsed.state_machines}
    outcomes: list[CaseOutcome] = []
    findings: list[Diagnostic] = []
    for machine_name in dict.fromkeys(case.state_machine for case in cases):
        machine = by_name.get(machine_name, parsed.state_machines[0])
        errors = [d for d in (*parsed.diagnostics, *validate(machine)) if d.is_error]
        if errors:
            first = errors[0]
            line = first.range.start.line + 1
            return DocumentTests(
                cases,
                (),
                (),
                f"the workflow has {len(errors)} error(s); first, line {line}: {first.message}",
            )
        mine = [case for case in cases if case.state_machine == machine_name]
        ran = run_test_cases(machine, mine)
        outcomes.extend(ran)
        findings.extend(failure_findings(machine, mine, ran))
    return DocumentTests(cases, tuple(outcomes), tuple(findings))
