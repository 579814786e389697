"""The interpreter: runs a definition state by state on a virtual clock.

One `Execution` holds what a run shares (history, steps, mocks, random source, counters).
Each state visit gets a `Visit` with its raw input, context object and variables. Task, Parallel
and Map live in their own modules; the simple states are here.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

import orjson

from eventsmith.asl.simulator import _errors as errors
from eventsmith.asl.simulator._choice import parse_timestamp, rule_matches
from eventsmith.asl.simulator._dataflow import apply_result_path, select, template
from eventsmith.asl.simulator._errors import StatesError
from eventsmith.asl.simulator._history import (
    History,
    Lane,
    iso,
)
from eventsmith.asl.simulator._intrinsics import Scope, evaluate_intrinsic
from eventsmith.asl.simulator._jsonata import JsonataRuntime, is_expression
from eventsmith.asl.simulator._mocks import Handlers, MockedResponse
from eventsmith.asl.simulator._result import StateStep
from eventsmith.asl.simulator._visit import (
    MAX_PAYLOAD,
    WRAPPED,
    ExecutionTimedOut,
    Settings,
    StateRunner,
    TooManySteps,
    Variables,
    Visit,
)


class Execution:
    def __init__(
        self,
        definition: dict[str, Any],
        start: datetime,
        mocks: Mapping[str, tuple[MockedResponse, ...]],
        handlers: Handlers,
        settings: Settings,
        runners: Mapping[str, StateRunner],
        test_case: str | None = None,
    ) -> None:
        self.runners = runners
        self._simple: dict[str, Callable[[Visit], tuple[Any, str | None]]] = {
            "Pass": self._pass,
            "Succeed": self._succeed,
            "Fail": self._fail,
            "Wait": self._wait,
            "Choice": self._choice,
        }
        self.definition = definition
        self.settings = settings
        self.history = History(start)
        # Filled in at entry order; each slot is replaced by the finished step.
        # In entry order: a (name, type, scope, input, output, error, cause, entered) tuple until
        # the state exits, then its StateStep (see `finished_steps`).
        self.steps: list[StateStep | tuple[Any, ...]] = []
        self.rng = random.Random(settings.seed)
        self.jsonata = JsonataRuntime(self.rng)
        self.mocks = mocks
        self.handlers = handlers
        self.test_case = test_case
        self.invocations: dict[str, int] = {}
        self.visits = 0
        timeout = definition.get("TimeoutSeconds")
        self.deadline = float(timeout) if isinstance(timeout, int | float) else None
        name = settings.state_machine_name
        prefix = f"arn:aws:states:{settings.region}:{settings.account}"
        self.machine_arn = f"{prefix}:stateMachine:{name}"
        self.execution_arn = f"{prefix}:execution:{name}:{settings.execution_name}"
        self.role_arn = f"arn:aws:iam::{settings.account}:role/StepFunctions-{name}-role"
        self.base_context: dict[str, Any] = {}

    # -- scopes ---------------------------------------------------------------------------

    def run_scope(
        self,
        body: Mapping[str, Any],
        value: Any,
        lane: Lane,
        variables: Variables,
        scope: tuple[str | int, ...],
        language: str,
        base: tuple[str | int, ...] = (),
    ) -> Any:
        """Run one StartAt + States object; `base` is its path in the definition."""
        states = body.get("States", {})
        name = body.get("StartAt")
        own = body.get("QueryLanguage")
        language = own if own in ("JSONPath", "JSONata") else language
        encoded = None  # the JSON of `value` once a state has made it (the next one's input)
        while True:
            state = states.get(name) if isinstance(name, str) else None
            if not isinstance(name, str) or not isinstance(state, dict):
                raise StatesError(errors.RUNTIME, f"There is no state named {name!r}")
            self.visits += 1
            if self.visits > self.settings.max_steps:
                raise TooManySteps(self.settings.max_steps)
            value, name, encoded = self.run_state(
                name, state, value, lane, variables, scope, language, encoded, base
            )
            if name is None:
                return value

    def run_state(
        self,
        name: str,
        body: dict[str, Any],
        value: Any,
        lane: Lane,
        variables: Variables,
        scope: tuple[str | int, ...],
        language: str,
        encoded_input: bytes | None = None,
        base: tuple[str | int, ...] = (),
    ) -> tuple[Any, str | None, bytes]:
        kind = body.get("Type", "")
        own = body.get("QueryLanguage")
        jsonata = (own if own in ("JSONPath", "JSONata") else language) == "JSONata"
        entered_at = lane.clock

        def context() -> dict[str, Any]:
            entered = iso(self.history.start + timedelta(seconds=entered_at))
            state = {"EnteredTime": entered, "Name": name, "RetryCount": visit.retries}
            return {**self.base_context, "State": state}

        visit = Visit(name, body, jsonata, lane, variables, scope, value, context)
        visit.slot = len(self.steps)
        visit.path = (*base, "States", name)
        self.steps.append(
            (name, kind, scope, value, None, None, None, entered_at, entered_at, 0, visit.path)
        )
        encoded_input = encoded_input or orjson.dumps(value)
        entered = (("name", name), ("input", encoded_input))
        visit.entered_event = self.history.add_fields(lane, kind + "StateEntered", entered)
        try:
            output, following = self._dispatch(kind, visit)
            encoded = orjson.dumps(output)
            if len(encoded) > MAX_PAYLOAD:
                raise StatesError(
                    errors.DATA_LIMIT,
                    f"The state/task '{name}' returned a result with a size exceeding the maximum "
                    f"number of bytes service limit.",
                )
        except StatesError as error:
            self._record(visit, kind, entered_at, error=error)
            raise
        self.check_deadline(lane)
        if kind != "Fail":
            if visit.pending_assign:
                assigned: dict[str, Any] = {"name": name, "output": encoded}
                assigned["assignedVariables"] = visit.pending_assign
                self.history.add(lane, kind + "StateExited", assigned)
            else:
                exited = (("name", name), ("output", encoded))
                self.history.add_fields(lane, kind + "StateExited", exited)
        if visit.pending_assign:
            variables.maps[0].update(visit.pending_assign)
        self._record(visit, kind, entered_at, output=output)
        return output, following, encoded

    def _record(
        self,
        visit: Visit,
        kind: str,
        entered: float,
        output: Any = None,
        error: StatesError | None = None,
    ) -> None:
        self.steps[visit.slot] = StateStep(
            visit.name,
            kind,
            visit.scope,
            visit.raw_input,
            output,
            error.error if error else None,
            error.cause if error else None,
            entered,
            visit.lane.clock,
            visit.retries,
            visit.path,
        )

    def finished_steps(self) -> tuple[StateStep, ...]:
        """Every step as a StateStep, also those a timeout or the step limit interrupted."""
        return tuple(s if isinstance(s, StateStep) else StateStep(*s) for s in self.steps)

    def check_deadline(self, lane: Lane) -> None:
        if self.deadline is not None and lane.clock > self.deadline:
            lane.clock = self.deadline
            raise ExecutionTimedOut()

    def _dispatch(self, kind: str, visit: Visit) -> tuple[Any, str | None]:
        simple = self._simple.get(kind)
        runner = self.runners.get(kind)
        try:
            if simple is not None:
                return simple(visit)
            if runner is not None:
                return runner(self, visit)
        except StatesError as error:
            raise self.located(visit, error) from None
        raise StatesError(errors.RUNTIME, f"State '{visit.name}' has unknown Type {kind!r}")

    def located(self, visit: Visit, error: StatesError) -> StatesError:
        """Data-flow errors carry AWS's 'An error occurred while executing the state' prefix."""
        if error.error not in WRAPPED or error.cause.startswith("An error occurred while"):
            return error
        return StatesError(
            error.error,
            f"An error occurred while executing the state '{visit.name}' (entered at the event "
            f"id #{visit.entered_event}). {error.cause}",
        )

    # -- data flow shared by every state ---------------------------------------------------

    def effective_input(self, visit: Visit) -> Any:
        if visit.jsonata:
            return visit.raw_input
        path = visit.body.get("InputPath", "$")
        if path == "$":
            return visit.raw_input
        return select(
            path, visit.raw_input, visit.scope_for(visit.raw_input, self.rng), "InputPath"
        )

    def finish(self, visit: Visit, result: Any, *, has_result: bool) -> Any:
        """Assign, then ResultPath + OutputPath (JSONPath) or Output (JSONata)."""
        body = visit.body
        if visit.jsonata:
            extra = {"result": result} if has_result else {}
            bindings = visit.bindings(**extra)
            if "Assign" in body:
                visit.assign(self.jsonata.template(body["Assign"], bindings, "Assign"))
            if "Output" in body:
                return self.jsonata.template(body["Output"], bindings, "Output")
            return result
        if "Assign" in body:
            assigned = template(body["Assign"], visit.scope_for(result, self.rng))
            visit.assign(assigned)
        combined = apply_result_path(body.get("ResultPath", "$"), visit.raw_input, result)
        path = body.get("OutputPath", "$")
        if path == "$":
            return combined
        return select(path, combined, visit.scope_for(combined, self.rng), "OutputPath")

    def evaluate_field(self, visit: Visit, value: Any, where: str) -> Any:
        """A JSONata field value (`{% %}` or a literal) of the state being run."""
        if visit.jsonata and is_expression(value):
            return self.jsonata.evaluate(value, visit.bindings(), where)
        return value

    # -- simple states ---------------------------------------------------------------------

    def _pass(self, visit: Visit) -> tuple[Any, str | None]:
        body = visit.body
        if visit.jsonata:
            return self.finish(visit, visit.raw_input, has_result=False), _next(body)
        effective = self.effective_input(visit)
        if "Result" in body:
            result = body["Result"]
        elif "Parameters" in body:
            result = template(body["Parameters"], visit.scope_for(effective, self.rng))
        else:
            result = effective
        return self.finish(visit, result, has_result=True), _next(body)

    def _succeed(self, visit: Visit) -> tuple[Any, str | None]:
        if visit.jsonata:
            return self.finish(visit, visit.raw_input, has_result=False), None
        effective = self.effective_input(visit)
        path = visit.body.get("OutputPath", "$")
        return select(path, effective, visit.scope_for(effective, self.rng), "OutputPath"), None

    def _fail(self, visit: Visit) -> tuple[Any, str | None]:
        scope = visit.scope_for(visit.raw_input, self.rng)
        error = self._fail_field(visit, scope, "Error")
        cause = self._fail_field(visit, scope, "Cause")
        raise StatesError(error or "", cause or "")

    def _fail_field(self, visit: Visit, scope: Scope, key: str) -> str | None:
        body = visit.body
        if f"{key}Path" in body:
            text = body[f"{key}Path"]
            if text.startswith("$"):
                value = select(text, visit.raw_input, scope, f"{key}Path")
            else:
                value = evaluate_intrinsic(text, scope)
        else:
            value = self.evaluate_field(visit, body.get(key), key)
        if value is not None and not isinstance(value, str):
            raise StatesError(errors.RUNTIME, f"The Fail state's {key} must be a string")
        return value

    def _wait(self, visit: Visit) -> tuple[Any, str | None]:
        body = visit.body
        effective = self.effective_input(visit)
        scope = visit.scope_for(effective, self.rng)
        seconds: float = 0.0
        if "Seconds" in body or "SecondsPath" in body:
            value = (
                self.evaluate_field(visit, body["Seconds"], "Seconds")
                if "Seconds" in body
                else select(body["SecondsPath"], effective, scope, "SecondsPath")
            )
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise StatesError(
                    errors.RUNTIME, f"Wait seconds must be a non-negative number, got {value!r}"
                )
            seconds = float(value)
        else:
            value = (
                self.evaluate_field(visit, body["Timestamp"], "Timestamp")
                if "Timestamp" in body
                else select(body.get("TimestampPath"), effective, scope, "TimestampPath")
            )
            moment = parse_timestamp(value)
            if moment is None:
                raise StatesError(
                    errors.RUNTIME, f"Wait timestamp {value!r} is not an RFC 3339 timestamp"
                )
            seconds = max(0.0, (moment - self.history.at(visit.lane)).total_seconds())
        visit.lane.clock += seconds
        self.check_deadline(visit.lane)
        if visit.jsonata:
            return self.finish(visit, visit.raw_input, has_result=False), _next(body)
        path = body.get("OutputPath", "$")
        return select(path, effective, scope, "OutputPath"), _next(body)

    def _choice(self, visit: Visit) -> tuple[Any, str | None]:
        body = visit.body
        effective = self.effective_input(visit)
        scope = visit.scope_for(effective, self.rng)
        following: str | None = None
        matched: dict[str, Any] | None = None
        for rule in body.get("Choices", []):
            if visit.jsonata:
                verdict = self.jsonata.evaluate(rule["Condition"], visit.bindings(), "Condition")
                if not isinstance(verdict, bool):
                    raise StatesError(
                        errors.QUERY_EVALUATION,
                        f"The Condition of a Choice rule must be a boolean, got {verdict!r}",
                    )
            else:
                verdict = rule_matches(rule, scope)
            if verdict:
                following, matched = rule.get("Next"), rule
                break
        if following is None:
            following = body.get("Default")
            if following is None:
                raise StatesError(errors.NO_CHOICE, "No Matches!")
        if matched is not None and "Assign" in matched:
            if visit.jsonata:
                assigned = self.jsonata.template(matched["Assign"], visit.bindings(), "Assign")
            else:
                assigned = template(matched["Assign"], scope)
            visit.assign(assigned)
        if visit.jsonata:
            rule_output = matched.get("Output") if matched else None
            if rule_output is not None:
                output = self.jsonata.template(rule_output, visit.bindings(), "Output")
                return self.finish(visit, output, has_result=False), following
            return self.finish(visit, visit.raw_input, has_result=False), following
        if "Assign" in body:
            visit.assign(template(body["Assign"], scope))
        path = body.get("OutputPath", "$")
        return select(path, effective, scope, "OutputPath"), following


def _next(body: Mapping[str, Any]) -> str | None:
    following = body.get("Next")
    return following if isinstance(following, str) and not body.get("End") else None
