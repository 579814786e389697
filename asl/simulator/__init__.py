"""ASL simulator: run state machines offline with mocked or local Python tasks, on a virtual
clock, with an execution history like GetExecutionHistory's.

run_workflow(machine, input, mocks=load_mock_config(text), test_case="HappyPath")
    -> ExecutionResult(status, output, error, cause, events, steps, ...)
"""

from eventsmith.asl.simulator._cases import (
    DocumentTests,
    WorkflowTestCase,
    cases_for_workflow,
    failing_step,
    failure_findings,
    mock_files_near,
    run_document_tests,
    run_test_cases,
)
from eventsmith.asl.simulator._history import HistoryEvent
from eventsmith.asl.simulator._mocks import (
    Handlers,
    MockConfig,
    MockConfigError,
    load_handlers,
    load_mock_config,
)
from eventsmith.asl.simulator._result import ExecutionResult, StateStep
from eventsmith.asl.simulator._run import run_workflow
from eventsmith.asl.simulator._testing import (
    CaseOutcome,
    Expectation,
    SuiteFile,
    junit_xml,
    read_suite,
    run_suite,
)
from eventsmith.asl.simulator._trace import chrome_trace

__all__ = [
    "CaseOutcome",
    "DocumentTests",
    "ExecutionResult",
    "Expectation",
    "Handlers",
    "HistoryEvent",
    "MockConfig",
    "MockConfigError",
    "StateStep",
    "SuiteFile",
    "WorkflowTestCase",
    "cases_for_workflow",
    "chrome_trace",
    "failing_step",
    "failure_findings",
    "junit_xml",
    "load_handlers",
    "load_mock_config",
    "mock_files_near",
    "read_suite",
    "run_document_tests",
    "run_suite",
    "run_test_cases",
    "run_workflow",
]
