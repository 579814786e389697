"""Retry and Catch for Task, Parallel and Map, on the virtual clock.

The rules follow the developer guide, "Handling errors in Step Functions workflows"
(https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html): the first
retrier whose ErrorEquals matches decides; once its MaxAttempts are used the Catchers are tried;
the wait is IntervalSeconds * BackoffRate^attempt, capped by MaxDelaySeconds, and with
JitterStrategy FULL a random part of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eventsmith.asl.simulator._dataflow import apply_result_path, template
from eventsmith.asl.simulator._errors import StatesError, matches
from eventsmith.asl.simulator._visit import Runtime, Visit

DEFAULT_INTERVAL = 1
DEFAULT_ATTEMPTS = 3
DEFAULT_BACKOFF = 2.0


def with_recovery(
    execution: Runtime, visit: Visit, attempt: Callable[[], Any]
) -> tuple[Any, str | None, bool]:
    """(output, next state, caught) of the state, retrying and catching as it declares."""
    body = visit.body
    found = body.get("Retry")
    retriers: list[Any] = found if isinstance(found, list) else []
    # The guide's "complex retry scenario": the backoff grows with every retry a retrier makes,
    # but MaxAttempts counts the retries of each error name separately.
    used = [0] * len(retriers)
    per_error: dict[tuple[int, str], int] = {}
    while True:
        try:
            return attempt(), None, False
        except StatesError as raised:
            error = execution.located(visit, raised)
            index = next(
                (i for i, r in enumerate(retriers) if matches(error.error, r.get("ErrorEquals"))),
                None,
            )
            key = (index or 0, error.error)
            if index is not None and per_error.get(key, 0) < retriers[index].get(
                "MaxAttempts", DEFAULT_ATTEMPTS
            ):
                visit.lane.clock += _delay(execution, retriers[index], used[index])
                execution.check_deadline(visit.lane)
                used[index] += 1
                per_error[key] = per_error.get(key, 0) + 1
                visit.retries += 1
                visit.context["State"]["RetryCount"] = visit.retries
                continue
            return _catch(execution, visit, error)


def _delay(execution: Runtime, retrier: dict[str, Any], attempt: int) -> float:
    interval = retrier.get("IntervalSeconds", DEFAULT_INTERVAL)
    backoff = retrier.get("BackoffRate", DEFAULT_BACKOFF)
    delay = float(interval) * float(backoff) ** attempt
    cap = retrier.get("MaxDelaySeconds")
    if isinstance(cap, int | float):
        delay = min(delay, float(cap))
    if retrier.get("JitterStrategy") == "FULL":
        delay = execution.rng.uniform(0, delay)
    return delay


def _catch(execution: Runtime, visit: Visit, error: StatesError) -> tuple[Any, str | None, bool]:
    found = visit.body.get("Catch")
    catchers: list[Any] = found if isinstance(found, list) else []
    for catcher in catchers:
        if not matches(error.error, catcher.get("ErrorEquals")):
            continue
        error_output = error.output()
        if visit.jsonata:
            bindings = visit.bindings(errorOutput=error_output)
            if "Assign" in catcher:
                visit.assign(
                    execution.jsonata.template(catcher["Assign"], bindings, "Catch.Assign")
                )
            output = error_output
            if "Output" in catcher:
                output = execution.jsonata.template(catcher["Output"], bindings, "Catch.Output")
        else:
            if "Assign" in catcher:
                scope = visit.scope_for(error_output, execution.rng)
                visit.assign(template(catcher["Assign"], scope))
            path = catcher.get("ResultPath", "$")
            output = apply_result_path(path, visit.raw_input, error_output)
        return output, catcher.get("Next"), True
    raise error
