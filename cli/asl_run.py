"""`eventsmith asl run` and `eventsmith asl test`: run workflows offline with mocked tasks."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from eventsmith.asl import (
    CaseOutcome,
    ExecutionResult,
    Handlers,
    MockConfig,
    MockConfigError,
    StateMachineSource,
    UnknownStateMachine,
    chrome_trace,
    junit_xml,
    load_handlers,
    load_mock_config,
    parse_document,
    read_suite,
    run_suite,
    run_workflow,
    select_state_machine,
    validate,
)
from eventsmith.cli.asl_inputs import load_substitutions, machine_options
from eventsmith.cli.output import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, emit_json, fail, stderr

_MOCK_FILE_NAMES = ("MockConfigFile.json", "*.mocks.json")
_SKIPPED_DIRS = ("node_modules", "cdk.out", ".aws-sam")


class Refused(Exception):
    """The workflow cannot be run: unreadable, ambiguous, or invalid (message says why)."""


def load_machine(
    path: Path, name: str | None, substitutions: dict[str, str] | None = None
) -> StateMachineSource:
    """Parse and validate one state machine (`name` picks one of a template's, the first by
    default); Refused carries the validator's error diagnostics."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise Refused(f"cannot read {path}: {error}") from None
    parsed = parse_document(text, str(path), substitutions)
    machines = parsed.state_machines
    if not machines:
        raise Refused(f"{path}: no state machine found")
    chosen = select_state_machine(machines, name)
    if not isinstance(chosen, StateMachineSource):
        # A mock file names its machine even when the file holds only one: that one runs.
        if isinstance(chosen, UnknownStateMachine) and len(machines) > 1:
            raise Refused(f"{path}: {chosen.message}")
        chosen = machines[0]
    problems = [d for d in parsed.diagnostics if d.is_error]
    problems += [d for d in validate(chosen) if d.is_error]
    if problems:
        lines = [
            f"{path}:{d.range.start.line + 1}:{d.range.start.character + 1}: "
            f"error {d.code} {d.message}"
            for d in problems
        ]
        raise Refused("\n".join([f"{path} is not a valid workflow:", *lines]))
    return chosen


def _read_input(text: str | None) -> Any:
    if text is None:
        return None
    source = text
    if text.startswith("@"):
        try:
            source = (
                Path(text[1:]).read_text(encoding="utf-8") if text != "@-" else sys.stdin.read()
            )
        except OSError as error:
            fail(f"cannot read the input {text[1:]}: {error}", EXIT_ERROR)
    try:
        return json.loads(source)
    except ValueError as error:
        fail(f"the input is not JSON: {error}", EXIT_ERROR)


def _handlers(module: str | None) -> Handlers | None:
    if module is None:
        return None
    sys.path.insert(0, str(Path.cwd()))
    try:
        return load_handlers(module)
    except Exception as error:
        fail(
            f"cannot import the handlers module {module}: {type(error).__name__}: {error}",
            EXIT_ERROR,
        )


@click.command("run")
@click.argument("workflow", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--input", "input_text", help="Execution input: JSON text, @FILE, or @- for stdin.")
@click.option(
    "--mocks",
    "mocks_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Mock configuration (the Step Functions Local format).",
)
@click.option("--test-case", help="Test case of the mock file whose mocked responses to use.")
@machine_options
@click.option(
    "--handlers",
    "handlers_module",
    help="Python module of Lambda handlers (name -> fn(event, context)).",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print status, output, error, cause and events as JSON."
)
@click.option(
    "--trace",
    "trace_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the timeline as Chrome trace-event JSON (open it in Perfetto).",
)
def run_command(
    workflow: Path,
    input_text: str | None,
    mocks_file: Path | None,
    test_case: str | None,
    machine: str | None,
    substitutions_file: Path | None,
    handlers_module: str | None,
    as_json: bool,
    trace_file: Path | None,
) -> None:
    """Run WORKFLOW offline. Wait and Retry use a virtual clock: nothing sleeps.

    Exit status: 0 succeeded, 1 failed or timed out, 2 invalid definition, input or mocks.
    """
    try:
        source = load_machine(workflow, machine, load_substitutions(substitutions_file))
    except Refused as refused:
        fail(str(refused), EXIT_ERROR)
    value = _read_input(input_text)
    mocks = _load_mocks(mocks_file) if mocks_file else None
    if test_case is not None and mocks is None:
        fail("--test-case needs --mocks", EXIT_ERROR)
    name = machine or source.name or _stem(workflow)
    if mocks is not None:
        test_case = test_case or _only_test_case(mocks, name)
        owner = mocks.find_state_machine(test_case, name)
        if owner is None:
            fail(f"no state machine in {mocks_file} has a test case '{test_case}'", EXIT_ERROR)
        name = owner
        if value is None and mocks_file is not None:
            value = _expected_input(mocks_file, owner, test_case)
    result = run_workflow(
        source,
        value,
        mocks=mocks,
        test_case=test_case,
        handlers=_handlers(handlers_module),
        state_machine_name=name,
    )
    if trace_file is not None:
        trace_file.write_text(json.dumps(chrome_trace(result, name)), encoding="utf-8")
    if as_json:
        emit_json(result.to_json())
    else:
        _print_run(result)
    raise SystemExit(EXIT_OK if result.succeeded else EXIT_FINDINGS)


def _load_mocks(path: Path) -> MockConfig:
    try:
        return load_mock_config(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError, MockConfigError) as error:
        fail(str(error), EXIT_ERROR)


def _only_test_case(mocks: MockConfig, name: str) -> str:
    cases = mocks.test_cases(name) or {
        case for machine in mocks.state_machines for case in mocks.test_cases(machine)
    }
    if len(cases) != 1:
        fail(
            f"pick a test case with --test-case (known: {', '.join(sorted(cases)) or 'none'})",
            EXIT_ERROR,
        )
    return next(iter(cases))


def _expected_input(mocks_file: Path, state_machine: str, test_case: str) -> Any:
    try:
        suite = read_suite(mocks_file)
    except (OSError, ValueError):
        return None
    expectation = suite.expectations.get(state_machine, {}).get(test_case)
    return expectation.input if expectation is not None else None


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".asl.json", ".asl.yaml", ".asl.yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _print_run(result: ExecutionResult) -> None:
    for step in result.steps:
        depth = len(step.scope) // 2
        where = "".join(f"[{step.scope[i + 1]}]" for i in range(0, len(step.scope), 2))
        label = f"{'  ' * depth}{step.name}{' ' + where if where else ''}"
        outcome = f"{step.error}: {step.cause}" if step.error is not None else _short(step.output)
        retries = f" (retried {step.retries}x)" if step.retries else ""
        click.echo(f"{step.entered:9.3f}s  {label:<34} {step.type:<9}{outcome}{retries}")
    summary = (
        f"{result.status} in {result.duration:.3f} s of virtual time, {len(result.steps)} state(s)"
    )
    click.echo(summary, err=True)
    if result.succeeded:
        click.echo(json.dumps(result.output, indent=2, ensure_ascii=False))
    else:
        click.echo(f"error: {result.error}\ncause: {result.cause}")


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


@click.command("test")
@click.argument(
    "mock_files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--handlers", "handlers_module", help="Python module of Lambda handlers.")
@click.option(
    "--junit",
    "junit_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the results as JUnit XML (for CI).",
)
@click.option("--json", "as_json", is_flag=True, help="Print each test case's result as JSON.")
def test_command(
    mock_files: tuple[Path, ...],
    handlers_module: str | None,
    junit_file: Path | None,
    as_json: bool,
) -> None:
    """Run every test case of the mock files (default: MockConfigFile.json and *.mocks.json
    under the current directory) and check their expectations.

    Exit status: 0 all passed, 1 a mismatch or a case that could not run, 2 a bad mock file.
    """
    files = list(mock_files) or _find_mock_files(Path.cwd())
    if not files:
        fail("no mock files given or found (MockConfigFile.json, *.mocks.json)", EXIT_ERROR)
    handlers = _handlers(handlers_module)
    outcomes: list[CaseOutcome] = []
    for path in files:
        try:
            suite = read_suite(path)
        except (OSError, ValueError) as error:
            fail(f"{path}: {error}", EXIT_ERROR)
        outcomes.extend(run_suite(suite, _suite_loader, handlers))
    if junit_file is not None:
        junit_file.write_text(junit_xml(outcomes), encoding="utf-8")
    if as_json:
        emit_json([_outcome_json(outcome) for outcome in outcomes])
    else:
        _print_outcomes(outcomes)
    raise SystemExit(EXIT_OK if all(o.passed for o in outcomes) else EXIT_FINDINGS)


def _find_mock_files(root: Path) -> list[Path]:
    """Mock files under `root`, skipping hidden folders and build or dependency output."""
    found = set()
    for pattern in _MOCK_FILE_NAMES:
        for path in root.rglob(pattern):
            parts = path.relative_to(root).parts[:-1]
            if not any(part.startswith(".") or part in _SKIPPED_DIRS for part in parts):
                found.add(path)
    return sorted(found)


def _suite_loader(path: Path, name: str) -> StateMachineSource | str:
    try:
        return load_machine(path, name)
    except Refused as refused:
        return str(refused)


def _outcome_json(outcome: CaseOutcome) -> dict[str, Any]:
    result = outcome.result
    return {
        "mockFile": outcome.mock_file,
        "stateMachine": outcome.state_machine,
        "testCase": outcome.test_case,
        "passed": outcome.passed,
        "problem": outcome.problem,
        "mismatches": list(outcome.mismatches),
        "status": result.status if result else None,
        "output": result.output if result else None,
        "error": result.error if result else None,
        "cause": result.cause if result else None,
        "path": list(result.path) if result else [],
    }


def _print_outcomes(outcomes: list[CaseOutcome]) -> None:
    for outcome in outcomes:
        mark = "PASS" if outcome.passed else ("ERROR" if outcome.problem else "FAIL")
        millis = outcome.seconds * 1000
        click.echo(f"{mark:<5} {outcome.state_machine} / {outcome.test_case} ({millis:.1f} ms)")
        for line in [outcome.problem] if outcome.problem else list(outcome.mismatches):
            click.echo(f"      {line}")
    passed = sum(o.passed for o in outcomes)
    stderr.print(f"{passed} of {len(outcomes)} test case(s) passed", markup=False)
