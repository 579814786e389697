"""Retry and Catch (ASL5xx): retrier/catcher fields, ErrorEquals, `States.ALL` alone and last,
BackoffRate ≥ 1, IntervalSeconds/MaxAttempts/MaxDelaySeconds ranges, JitterStrategy.
"""

from __future__ import annotations

from typing import Any

from eventsmith.asl.rules._base import WARNING, Context, did_you_mean, opaque, type_name
from eventsmith.asl.syntax._document import Path
from eventsmith.asl.syntax._model import State

ERROR_NAMES = (
    "States.ALL",
    "States.HeartbeatTimeout",
    "States.Timeout",
    "States.TaskFailed",
    "States.Permissions",
    "States.ResultPathMatchFailure",
    "States.ParameterPathFailure",
    "States.BranchFailed",
    "States.NoChoiceMatched",
    "States.IntrinsicFailure",
    "States.ExceedToleratedFailureThreshold",
    "States.ItemReaderFailed",
    "States.ResultWriterFailed",
    "States.DataLimitExceeded",
    "States.QueryEvaluationError",
    "States.Runtime",
)
_RETRIER = (
    "ErrorEquals",
    "IntervalSeconds",
    "MaxAttempts",
    "BackoffRate",
    "MaxDelaySeconds",
    "JitterStrategy",
    "Comment",
)
_CATCHER = {
    "JSONPath": ("ErrorEquals", "Next", "ResultPath", "Assign", "Comment"),
    "JSONata": ("ErrorEquals", "Next", "Output", "Assign", "Comment"),
}
# field -> (minimum, maximum)
_RETRY_NUMBERS = {
    "IntervalSeconds": (1, 99_999_999),
    "MaxAttempts": (0, 99_999_999),
    "MaxDelaySeconds": (1, 31_622_400),
}


def check(context: Context) -> None:
    for state in context.machine.states():
        for key in ("Retry", "Catch"):
            entries = state.body.get(key)
            if isinstance(entries, list) and state.type in ("Task", "Parallel", "Map"):
                _entries(context, state, key, entries)


def _entries(context: Context, state: State, key: str, entries: list[Any]) -> None:
    for index, entry in enumerate(entries):
        path = state.at(key, index)
        if not isinstance(entry, dict):
            context.report(
                "ASL501", f"Each {key} entry must be an object, not {type_name(entry)}", path
            )
            continue
        allowed = _RETRIER if key == "Retry" else _CATCHER[state.language]
        for field in entry:
            if field not in allowed:
                suffix, suggestion = did_you_mean(field, allowed)
                other = "Retry" if key == "Catch" else "Catch"
                if field in (_RETRIER if key == "Catch" else _CATCHER["JSONPath"]):
                    suffix = f" (it belongs in {other})" if field != "ResultPath" else suffix
                if field in ("ResultPath", "Output") and key == "Catch":
                    suffix = f" under {state.language}; use " + (
                        "'Output'" if field == "ResultPath" else "'ResultPath'"
                    )
                fix = context.rename_key_fix((*path, field), suggestion) if suggestion else None
                context.report(
                    "ASL506",
                    f"A {key} entry has no field '{field}'{suffix}",
                    (*path, field),
                    anchor="key",
                    fix=fix or context.remove_member_fix((*path, field)),
                )
        _error_equals(context, entry, path, last=index == len(entries) - 1, key=key)
        if key == "Retry":
            _retrier(context, entry, path)
        elif "Next" not in entry:
            context.report("ASL507", "A Catch entry needs 'Next'", path)


def _error_equals(
    context: Context, entry: dict[str, Any], path: Path, last: bool, key: str
) -> None:
    errors = entry.get("ErrorEquals")
    where = (*path, "ErrorEquals")
    if "ErrorEquals" not in entry:
        context.report("ASL501", f"A {key} entry needs 'ErrorEquals'", path)
        return
    if not isinstance(errors, list) or not errors or not all(isinstance(e, str) for e in errors):
        context.report("ASL501", "'ErrorEquals' must be a non-empty array of error names", where)
        return
    for index, name in enumerate(errors):
        if name.startswith("States.") and name not in ERROR_NAMES and not opaque(name):
            suffix, suggestion = did_you_mean(name, ERROR_NAMES)
            fix = (
                context.replace_value_fix((*where, index), f"Change to '{suggestion}'", suggestion)
                if suggestion
                else None
            )
            context.report(
                "ASL505",
                f"Unknown predefined error '{name}'{suffix}",
                (*where, index),
                severity=WARNING,
                fix=fix,
            )
    if "States.ALL" in errors:
        if len(errors) > 1:
            context.report("ASL502", "'States.ALL' must appear alone in its ErrorEquals", where)
        if not last:
            context.report(
                "ASL503", f"The {key} entry with 'States.ALL' must be the last one", where
            )


def _retrier(context: Context, entry: dict[str, Any], path: Path) -> None:
    for field, (low, high) in _RETRY_NUMBERS.items():
        value = entry.get(field)
        if field not in entry or opaque(value):
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            context.report(
                "ASL504", f"'{field}' must be an integer, not {type_name(value)}", (*path, field)
            )
        elif not low <= value <= high:
            context.report(
                "ASL504",
                f"'{field}' must be between {low} and {high:,}, not {value}",
                (*path, field),
            )
    rate = entry.get("BackoffRate")
    if "BackoffRate" in entry and not opaque(rate):
        if isinstance(rate, bool) or not isinstance(rate, int | float):
            context.report(
                "ASL504",
                f"'BackoffRate' must be a number, not {type_name(rate)}",
                (*path, "BackoffRate"),
            )
        elif rate < 1:
            context.report(
                "ASL504", f"'BackoffRate' must be at least 1.0, not {rate}", (*path, "BackoffRate")
            )
    jitter = entry.get("JitterStrategy")
    if "JitterStrategy" in entry and jitter not in ("FULL", "NONE"):
        context.report(
            "ASL504",
            f"'JitterStrategy' must be 'FULL' or 'NONE', not {jitter!r}",
            (*path, "JitterStrategy"),
        )
