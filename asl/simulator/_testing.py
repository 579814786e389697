"""Test cases for CI: run every test case of a mock file and check its expectations.

An expectation (`Expect` beside `TestCases` in the mock file, or in a sibling
`<mock file stem>.expect.json` shaped `{state machine: {test case: expectation}}`) may give
`Input`, `Status`, `Output`, `Error`, `Cause` and `Path` (the top-level states in order).
Without one, a test case passes when the run succeeds.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from eventsmith.asl.simulator._mocks import Handlers, MockConfig, MockConfigError, load_mock_config
from eventsmith.asl.simulator._result import FAILED, SUCCEEDED, ExecutionResult
from eventsmith.asl.simulator._run import run_workflow
from eventsmith.asl.syntax import StateMachineSource

_DEFINITION_SUFFIXES = (".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml")
_KEYS = ("Input", "Status", "Output", "Error", "Cause", "Path")


@dataclass(frozen=True)
class Expectation:
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def input(self) -> Any:
        return self.values.get("Input", {})

    def mismatches(self, result: ExecutionResult) -> list[str]:
        found: list[str] = []
        expected = self.values
        status = expected.get("Status")
        if status is None:
            status = FAILED if "Error" in expected or "Cause" in expected else SUCCEEDED
        if result.status != status:
            detail = f" ({result.error}: {result.cause})" if result.error else ""
            found.append(f"status: expected {status}, got {result.status}{detail}")
        for key, actual in (
            ("Output", result.output),
            ("Error", result.error),
            ("Cause", result.cause),
        ):
            if key in expected and expected[key] != actual:
                found.append(f"{key.lower()}: expected {_show(expected[key])}, got {_show(actual)}")
        if "Path" in expected and list(expected["Path"]) != list(result.path):
            found.append(f"path: expected {expected['Path']}, got {list(result.path)}")
        return found


@dataclass(frozen=True)
class CaseOutcome:
    """One test case run: `problem` is set when it could not run (no definition, bad mocks)."""

    mock_file: str
    state_machine: str
    test_case: str
    result: ExecutionResult | None
    mismatches: tuple[str, ...]
    seconds: float
    problem: str | None = None

    @property
    def passed(self) -> bool:
        return self.problem is None and not self.mismatches


@dataclass(frozen=True)
class SuiteFile:
    """A mock file read for `asl test`: its config, expectations and definition locations."""

    path: Path
    config: MockConfig
    expectations: Mapping[str, Mapping[str, Expectation]]
    definitions: Mapping[str, Path | None]


def read_suite(path: Path) -> SuiteFile:
    """Read one mock file and what belongs to it; raises MockConfigError or OSError."""
    text = path.read_text(encoding="utf-8")
    config = load_mock_config(text, str(path))
    document = json.loads(text)
    sibling = path.with_name(path.name.split(".")[0] + ".expect.json")
    side: dict[str, Any] = {}
    if sibling.is_file():
        loaded = json.loads(sibling.read_text(encoding="utf-8"))
        if not isinstance(loaded, dict):
            raise MockConfigError(f"{sibling}: must map state machines to test cases")
        side = loaded
    expectations: dict[str, dict[str, Expectation]] = {}
    definitions: dict[str, Path | None] = {}
    for name, machine in document.get("StateMachines", {}).items():
        inline = machine.get("Expect", {}) if isinstance(machine, dict) else {}
        merged = {**side.get(name, {}), **(inline if isinstance(inline, dict) else {})}
        for case, values in merged.items():
            if not isinstance(values, dict) or not set(values) <= set(_KEYS):
                raise MockConfigError(
                    f"{path}: the expectation of {name}/{case} must be an object with any of "
                    f"{', '.join(_KEYS)}"
                )
        expectations[name] = {case: Expectation(values) for case, values in merged.items()}
        definitions[name] = _definition(path, name, machine)
    return SuiteFile(path, config, expectations, definitions)


def _definition(mock_file: Path, name: str, machine: Any) -> Path | None:
    declared = machine.get("Definition") if isinstance(machine, dict) else None
    if isinstance(declared, str):
        return mock_file.parent / declared
    for suffix in _DEFINITION_SUFFIXES:
        candidate = mock_file.parent / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    return None


Loader = Callable[[Path, str], "StateMachineSource | str"]


def run_suite(
    suite: SuiteFile, load: Loader, handlers: Handlers | None = None
) -> list[CaseOutcome]:
    """Run every test case of every state machine in `suite`.

    `load(definition path, state machine name)` gives the parsed machine, or a message saying
    why it cannot run (not found, invalid): the front end decides how to parse and validate.
    """
    outcomes: list[CaseOutcome] = []
    for name in suite.config.state_machines:
        definition = suite.definitions.get(name)
        cases = suite.config.test_cases(name)
        if definition is None:
            problem = (
                f'no definition for state machine \'{name}\': add "Definition": "<file>" '
                f"to it, or put {name}.asl.json beside {suite.path.name}"
            )
            outcomes.extend(
                CaseOutcome(str(suite.path), name, case, None, (), 0.0, problem) for case in cases
            )
            continue
        loaded = load(definition, name)
        for case in cases:
            if isinstance(loaded, str):
                outcomes.append(CaseOutcome(str(suite.path), name, case, None, (), 0.0, loaded))
                continue
            expectation = suite.expectations.get(name, {}).get(case, Expectation())
            began = time.perf_counter()
            result = run_workflow(
                loaded,
                expectation.input,
                mocks=suite.config,
                test_case=case,
                handlers=handlers,
                state_machine_name=name,
            )
            elapsed = time.perf_counter() - began
            outcomes.append(
                CaseOutcome(
                    str(suite.path),
                    name,
                    case,
                    result,
                    tuple(expectation.mismatches(result)),
                    elapsed,
                )
            )
    return outcomes


def junit_xml(outcomes: list[CaseOutcome]) -> str:
    """JUnit XML (one testsuite per mock file), the format CI systems read."""
    root = ElementTree.Element("testsuites", name="eventsmith asl test")
    by_file: dict[str, list[CaseOutcome]] = {}
    for outcome in outcomes:
        by_file.setdefault(outcome.mock_file, []).append(outcome)
    for mock_file, cases in by_file.items():
        suite = ElementTree.SubElement(
            root,
            "testsuite",
            name=mock_file,
            tests=str(len(cases)),
            failures=str(sum(1 for c in cases if c.mismatches)),
            errors=str(sum(1 for c in cases if c.problem)),
            time=f"{sum(c.seconds for c in cases):.6f}",
        )
        for case in cases:
            element = ElementTree.SubElement(
                suite,
                "testcase",
                classname=case.state_machine,
                name=case.test_case,
                time=f"{case.seconds:.6f}",
            )
            if case.problem:
                ElementTree.SubElement(element, "error", message=case.problem).text = case.problem
            elif case.mismatches:
                text = "\n".join(case.mismatches)
                ElementTree.SubElement(element, "failure", message=case.mismatches[0]).text = text
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 200 else text[:197] + "..."
