"""Fields (ASL2xx): which fields each state type allows under its query language, required
fields, value types and ranges, mutually exclusive pairs, Wait timing, Fail pairs.

JSONPath states use InputPath/Parameters/ResultSelector/ResultPath/OutputPath and `...Path`
variants; JSONata states use Arguments/Output and `{% %}` strings in the plain fields. A
state's `QueryLanguage` overrides the top level, except that a JSONata state machine cannot
contain JSONPath states.
"""

from __future__ import annotations

from typing import Any

from eventsmith.asl.rules._base import (
    RFC3339_TIMESTAMP,
    WARNING,
    Context,
    did_you_mean,
    opaque,
    type_name,
)
from eventsmith.asl.syntax._model import JSONATA, JSONPATH, State

_P, _A, _B = "JSONPath", "JSONata", "both"
_COMMON = {"Type": _B, "Comment": _B, "QueryLanguage": _B}
_FLOW = {"Next": _B, "End": _B}
_IO = {"InputPath": _P, "OutputPath": _P, "Output": _A}
_RESULT = {"Parameters": _P, "ResultSelector": _P, "ResultPath": _P, "Arguments": _A}
_ERRORS = {"Retry": _B, "Catch": _B}

FIELDS: dict[str, dict[str, str]] = {
    "Pass": {
        **_COMMON,
        **_FLOW,
        **_IO,
        "Parameters": _P,
        "ResultPath": _P,
        "Result": _P,
        "Assign": _B,
    },
    "Task": {
        **_COMMON,
        **_FLOW,
        **_IO,
        **_RESULT,
        **_ERRORS,
        "Resource": _B,
        "Credentials": _B,
        "TimeoutSeconds": _B,
        "TimeoutSecondsPath": _P,
        "HeartbeatSeconds": _B,
        "HeartbeatSecondsPath": _P,
        "Assign": _B,
    },
    "Choice": {**_COMMON, **_IO, "Choices": _B, "Default": _B, "Assign": _B},
    "Wait": {
        **_COMMON,
        **_FLOW,
        **_IO,
        "Seconds": _B,
        "SecondsPath": _P,
        "Timestamp": _B,
        "TimestampPath": _P,
        "Assign": _B,
    },
    "Succeed": {**_COMMON, **_IO},
    "Fail": {**_COMMON, "Error": _B, "ErrorPath": _P, "Cause": _B, "CausePath": _P},
    "Parallel": {**_COMMON, **_FLOW, **_IO, **_RESULT, **_ERRORS, "Branches": _B, "Assign": _B},
    "Map": {
        **_COMMON,
        **_FLOW,
        **_IO,
        **_ERRORS,
        "ItemsPath": _P,
        "Items": _A,
        "ItemProcessor": _B,
        "Iterator": _B,
        "ItemSelector": _B,
        "Parameters": _P,
        "ItemReader": _B,
        "ItemBatcher": _B,
        "ResultWriter": _B,
        "ResultSelector": _P,
        "ResultPath": _P,
        "MaxConcurrency": _B,
        "MaxConcurrencyPath": _P,
        "ToleratedFailureCount": _B,
        "ToleratedFailureCountPath": _P,
        "ToleratedFailurePercentage": _B,
        "ToleratedFailurePercentagePath": _P,
        "Label": _B,
        "Assign": _B,
    },
}

REQUIRED = {"Task": ("Resource",), "Choice": ("Choices",), "Parallel": ("Branches",)}
_INSTEAD = {
    "Parameters": "Arguments",
    "ResultSelector": "Output",
    "ResultPath": "Output or Assign",
    "InputPath": "Arguments",
    "OutputPath": "Output",
    "Result": "Output",
    "ItemsPath": "Items",
    "Arguments": "Parameters",
    "Output": "OutputPath or ResultSelector",
    "Items": "ItemsPath",
}
_EXCLUSIVE = (
    ("TimeoutSeconds", "TimeoutSecondsPath"),
    ("HeartbeatSeconds", "HeartbeatSecondsPath"),
    ("Error", "ErrorPath"),
    ("Cause", "CausePath"),
    ("MaxConcurrency", "MaxConcurrencyPath"),
    ("ToleratedFailureCount", "ToleratedFailureCountPath"),
    ("ToleratedFailurePercentage", "ToleratedFailurePercentagePath"),
)
# (minimum, maximum) of integer fields.
_INTEGERS = {
    "TimeoutSeconds": (1, 99_999_999),
    "HeartbeatSeconds": (1, 99_999_999),
    "Seconds": (0, 99_999_999),
    "MaxConcurrency": (0, 2_147_483_647),
    "ToleratedFailureCount": (0, 2_147_483_647),
}
_STRINGS = ("Comment", "Resource", "Error", "Cause", "Label")
_OBJECTS = ("Assign", "Credentials", "ItemProcessor", "Iterator", "ItemReader", "ItemBatcher")
_WAIT_TIMING = ("Seconds", "SecondsPath", "Timestamp", "TimestampPath")


def is_jsonata(value: object) -> bool:
    return isinstance(value, str) and value.startswith("{%") and value.endswith("%}")


def check(context: Context) -> None:
    top = context.machine.definition
    if "QueryLanguage" in top:
        _query_language(context, top["QueryLanguage"], ("QueryLanguage",))
    if "TimeoutSeconds" in top:
        _integer(context, None, "TimeoutSeconds", top["TimeoutSeconds"], ("TimeoutSeconds",))
    version = top.get("Version")
    if "Version" in top and not isinstance(version, str):
        context.report(
            "ASL204", f"'Version' must be a string, not {type_name(version)}", ("Version",)
        )
    comment = top.get("Comment")
    if "Comment" in top and not isinstance(comment, str):
        context.report(
            "ASL204", f"'Comment' must be a string, not {type_name(comment)}", ("Comment",)
        )
    for state in context.machine.states():
        kind = state.type
        if kind in FIELDS:
            _state(context, state, kind)


def _query_language(context: Context, value: object, path: tuple[str | int, ...]) -> None:
    if value in (JSONPATH, JSONATA):
        return
    suffix, suggestion = did_you_mean(str(value), (JSONPATH, JSONATA))
    fix = (
        context.replace_value_fix(path, f"Change to '{suggestion}'", suggestion)
        if suggestion
        else None
    )
    context.report(
        "ASL208", f"QueryLanguage must be 'JSONPath' or 'JSONata'{suffix}", path, fix=fix
    )


def _state(context: Context, state: State, kind: str) -> None:
    allowed = FIELDS[kind]
    body = state.body
    if "QueryLanguage" in body:
        _query_language(context, body["QueryLanguage"], state.at("QueryLanguage"))
        if body["QueryLanguage"] == JSONPATH and context.machine.language == JSONATA:
            context.report(
                "ASL208",
                f"State '{state.name}' cannot use JSONPath: the state machine's QueryLanguage is"
                " JSONata (only a JSONPath machine may mix in JSONata states)",
                state.at("QueryLanguage"),
            )
    for key in body:
        if key not in allowed:
            suffix, suggestion = did_you_mean(key, list(allowed))
            fix = context.rename_key_fix(state.at(key), suggestion) if suggestion else None
            context.report(
                "ASL201",
                f"A {kind} state has no field '{key}'{suffix}",
                state.at(key),
                anchor="key",
                fix=fix or context.remove_member_fix(state.at(key)),
            )
        elif allowed[key] not in (_B, state.language):
            instead = _INSTEAD.get(key) or key.removesuffix("Path")
            context.report(
                "ASL202",
                f"'{key}' is a {allowed[key]} field but state '{state.name}' uses"
                f" {state.language}; use '{instead}' instead",
                state.at(key),
                anchor="key",
                fix=context.remove_member_fix(state.at(key)),
            )
    for key in REQUIRED.get(kind, ()):
        if key not in body:
            context.report("ASL203", f"A {kind} state needs '{key}'", state.path, anchor="key")
    for first, second in _EXCLUSIVE:
        if first in body and second in body:
            context.report(
                "ASL206",
                f"'{first}' and '{second}' cannot be used together",
                state.at(second),
                anchor="key",
            )
    _values(context, state)
    if kind == "Wait":
        present = [key for key in _WAIT_TIMING if key in body]
        if len(present) != 1:
            context.report(
                "ASL207",
                "A Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath"
                + (f" (it has {', '.join(present)})" if present else ""),
                state.at(present[1]) if len(present) > 1 else state.path,
                anchor="key",
            )
    _heartbeat(context, state)


def _values(context: Context, state: State) -> None:
    for key, value in state.body.items():
        path = state.at(key)
        if opaque(value) or (state.jsonata and is_jsonata(value)):
            continue
        if key in _INTEGERS:
            _integer(context, state, key, value, path)
        elif key == "ToleratedFailurePercentage":
            if isinstance(value, bool) or not isinstance(value, int | float):
                context.report("ASL204", f"'{key}' must be a number, not {type_name(value)}", path)
            elif not 0 <= value <= 100:
                context.report("ASL205", f"'{key}' must be between 0 and 100, not {value}", path)
        elif key in _STRINGS and not isinstance(value, str):
            context.report("ASL204", f"'{key}' must be a string, not {type_name(value)}", path)
        elif key in _OBJECTS and not isinstance(value, dict):
            context.report("ASL204", f"'{key}' must be an object, not {type_name(value)}", path)
        elif key == "Timestamp":
            if not isinstance(value, str) or not RFC3339_TIMESTAMP.match(value):
                context.report(
                    "ASL209",
                    "'Timestamp' must be an RFC 3339 timestamp such as 2026-01-01T12:00:00Z",
                    path,
                )
        elif key in ("Arguments", "Parameters", "ResultSelector", "ItemSelector"):
            if not isinstance(value, dict) and not (key == "Arguments" and is_jsonata(value)):
                # statelint and asl-validator accept any JSON here and the payload is then
                # passed as is, so this is suspicious rather than refused.
                context.report(
                    "ASL211",
                    f"'{key}' is usually an object of fields; {type_name(value)} is passed on"
                    " as is, with no '.$' paths evaluated",
                    path,
                    severity=WARNING,
                )
        elif key == "Items" and not isinstance(value, list):
            context.report(
                "ASL204",
                f"'Items' must be an array or a {{% JSONata %}} expression, not {type_name(value)}",
                path,
            )
        elif key in ("Retry", "Catch", "Branches", "Choices") and not isinstance(value, list):
            context.report("ASL204", f"'{key}' must be an array, not {type_name(value)}", path)


def _integer(context: Context, state: State | None, key: str, value: Any, path: Any) -> None:
    if opaque(value) or (state is not None and state.jsonata and is_jsonata(value)):
        return
    low, high = _INTEGERS.get(key, (0, 99_999_999))
    if isinstance(value, bool) or not isinstance(value, int):
        extra = " or a {% JSONata %} expression" if state is not None and state.jsonata else ""
        reads_input = (
            state is not None
            and not state.jsonata
            and isinstance(value, str)
            and value.startswith("$")
            and f"{key}Path" in FIELDS.get(state.type or "", {})
        )
        if reads_input:
            context.report(
                "ASL204",
                f"'{key}' must be an integer, not a path; read it with '{key}Path'",
                path,
                fix=context.rename_key_fix(path, f"{key}Path"),
                anchor="key",
            )
            return
        context.report("ASL204", f"'{key}' must be an integer{extra}, not {type_name(value)}", path)
    elif not low <= value <= high:
        context.report("ASL205", f"'{key}' must be between {low} and {high:,}, not {value}", path)


def _heartbeat(context: Context, state: State) -> None:
    timeout, heartbeat = state.body.get("TimeoutSeconds"), state.body.get("HeartbeatSeconds")
    if (
        isinstance(timeout, int)
        and isinstance(heartbeat, int)
        and not isinstance(timeout, bool)
        and not isinstance(heartbeat, bool)
        and heartbeat >= timeout
    ):
        context.report(
            "ASL205",
            f"'HeartbeatSeconds' ({heartbeat}) must be smaller than 'TimeoutSeconds' ({timeout})",
            state.at("HeartbeatSeconds"),
        )
