"""Mocked task responses in the Step Functions Local mock-configuration format.

`StateMachines -> <name> -> TestCases -> <case> -> <state>: <mocked response name>` and
`MockedResponses -> <name> -> {"0": {"Return": ...}, "1-2": {"Throw": {"Error", "Cause"}}}`
(https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html), so files
written for Step Functions Local work unchanged. Two optional additions per state machine,
which Step Functions Local ignores: `Definition` (the workflow file, relative to the mock file)
and `Expect` (per test case: Input, Status, Output, Error, Cause, Path), read by `asl test`.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

_RANGE = re.compile(r"^(\d+)(?:-(\d+))?$")


class MockConfigError(ValueError):
    """The mock file is not in the expected shape; the message says where."""


@dataclass(frozen=True)
class MockedResponse:
    """One entry: `Return` value, or `Throw` error and cause, for invocations first..last."""

    first: int
    last: int
    returns: Any = None
    error: str | None = None
    cause: str = ""


@dataclass(frozen=True)
class MockConfig:
    state_machines: Mapping[str, Mapping[str, Any]]
    responses: Mapping[str, tuple[MockedResponse, ...]]
    source: str | None = None

    def test_cases(self, state_machine: str) -> Mapping[str, Mapping[str, str]]:
        cases = self.state_machines.get(state_machine, {}).get("TestCases", {})
        return cases if isinstance(cases, dict) else {}

    def find_state_machine(self, test_case: str, preferred: str | None = None) -> str | None:
        """The state machine holding `test_case`: `preferred` if it does, else the only one."""
        if preferred is not None and test_case in self.test_cases(preferred):
            return preferred
        owners = [name for name in self.state_machines if test_case in self.test_cases(name)]
        return owners[0] if len(owners) == 1 else None

    def mocks_for(
        self, state_machine: str, test_case: str
    ) -> dict[str, tuple[MockedResponse, ...]]:
        """State name -> its mocked responses, for one test case."""
        case = self.test_cases(state_machine).get(test_case)
        if case is None:
            known = ", ".join(sorted(self.test_cases(state_machine))) or "none"
            raise MockConfigError(
                f"No test case '{test_case}' for state machine '{state_machine}' (known: {known})"
            )
        out: dict[str, tuple[MockedResponse, ...]] = {}
        for state, response_name in case.items():
            if response_name not in self.responses:
                raise MockConfigError(
                    f"Test case '{test_case}' maps state '{state}' to '{response_name}', "
                    "which MockedResponses does not define"
                )
            out[state] = self.responses[response_name]
        return out


def load_mock_config(text: str, source: str | None = None) -> MockConfig:
    """Parse a mock configuration; raises MockConfigError naming the bad part."""
    where = source or "mock configuration"
    try:
        document = json.loads(text)
    except ValueError as error:
        raise MockConfigError(f"{where}: not JSON: {error}") from None
    if not isinstance(document, dict):
        raise MockConfigError(f"{where}: the top level must be an object")
    machines = document.get("StateMachines", {})
    responses = document.get("MockedResponses", {})
    if not isinstance(machines, dict) or not isinstance(responses, dict):
        raise MockConfigError(f"{where}: StateMachines and MockedResponses must be objects")
    for name, machine in machines.items():
        cases = machine.get("TestCases", {}) if isinstance(machine, dict) else None
        if not isinstance(cases, dict) or not all(
            isinstance(case, dict) and all(isinstance(v, str) for v in case.values())
            for case in cases.values()
        ):
            raise MockConfigError(
                f"{where}: StateMachines.{name}.TestCases must map each test case to an object "
                "of state name -> mocked response name"
            )
    parsed = {name: _responses(name, entry, where) for name, entry in responses.items()}
    return MockConfig(machines, parsed, source)


def _responses(name: str, entry: Any, where: str) -> tuple[MockedResponse, ...]:
    if not isinstance(entry, dict) or not entry:
        raise MockConfigError(f"{where}: MockedResponses.{name} must be a non-empty object")
    out = []
    for key, body in entry.items():
        match = _RANGE.match(key)
        if match is None:
            raise MockConfigError(
                f"{where}: MockedResponses.{name}: '{key}' is not an invocation number or range "
                'such as "0" or "1-2"'
            )
        first = int(match[1])
        last = int(match[2]) if match[2] else first
        if not isinstance(body, dict) or ("Return" in body) == ("Throw" in body):
            raise MockConfigError(
                f"{where}: MockedResponses.{name}.{key} needs exactly one of Return or Throw"
            )
        if "Return" in body:
            out.append(MockedResponse(first, last, returns=body["Return"]))
            continue
        throw = body["Throw"]
        if not isinstance(throw, dict) or not isinstance(throw.get("Error"), str):
            raise MockConfigError(f"{where}: MockedResponses.{name}.{key}.Throw needs an Error")
        out.append(
            MockedResponse(first, last, error=throw["Error"], cause=str(throw.get("Cause", "")))
        )
    return tuple(sorted(out, key=lambda response: response.first))


def response_for(responses: tuple[MockedResponse, ...], invocation: int) -> MockedResponse | None:
    for response in responses:
        if response.first <= invocation <= response.last:
            return response
    return None


Handler = Callable[[Any, Any], Any]


@dataclass(frozen=True)
class Handlers:
    """Local Lambda handlers: function name -> callable(event, context)."""

    functions: Mapping[str, Handler] = field(default_factory=dict)

    def find(self, function: str) -> Handler | None:
        name = function_name(function)
        return self.functions.get(name) or self.functions.get(name.replace("-", "_"))


@lru_cache(maxsize=1024)
def function_name(reference: str) -> str:
    """`my-fn`, `my-fn:$LATEST`, or `arn:aws:lambda:r:a:function:my-fn[:alias]` -> `my-fn`."""
    if reference.startswith("arn:"):
        parts = reference.split(":")
        return parts[6] if len(parts) > 6 else reference
    return reference.split(":")[0]


def load_handlers(module_name: str) -> Handlers:
    """Import `module_name`: its `HANDLERS` mapping, else every public function by name."""
    module = importlib.import_module(module_name)
    mapping = getattr(module, "HANDLERS", None)
    if isinstance(mapping, Mapping):
        return Handlers(dict(mapping))
    functions = {
        name: value
        for name, value in vars(module).items()
        if callable(value) and not name.startswith("_") and not isinstance(value, type)
    }
    return Handlers(functions)
