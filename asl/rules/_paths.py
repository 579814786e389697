"""JSONPath (ASL6xx): the syntax of every path field and `.$` value, reference paths, and
intrinsic functions (known name, arity, nesting at most 10, States.Format placeholders).

Paths follow the Jayway dialect Step Functions uses; the root is `$` (state input), `$$` (the
context object) or `$name` (a workflow variable). Reference paths (ResultPath, ItemsPath,
Choice `Variable`, the `...Path` timing fields) name one node: no `..`, `*`, filters, slices or
unions. ResultPath must start at `$` itself.
"""

from __future__ import annotations

import re
from typing import Any

from eventsmith.asl.rules._base import WARNING, Context, did_you_mean, opaque, type_name
from eventsmith.asl.rules._fields import is_jsonata
from eventsmith.asl.rules._intrinsics import (
    ARITY,
    HASH_ALGORITHMS,
    MAX_NESTING,
    SIGNATURES,
    IntrinsicSyntaxError,
    argument_length,
    argument_type_problem,
    format_placeholders,
    looks_like_call,
    parse_call,
    walk,
)
from eventsmith.asl.rules._jsonpath import VARIABLE, path_problem
from eventsmith.asl.syntax._document import Path
from eventsmith.asl.syntax._model import State

_REFERENCE_FIELDS = (
    "ItemsPath",
    "SecondsPath",
    "TimestampPath",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
    "MaxConcurrencyPath",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentagePath",
)
_CALL = re.compile(r"States\.[A-Za-z0-9]+\(")
_TEMPLATES = ("Parameters", "ResultSelector", "ItemSelector", "Credentials", "Assign")
_NESTED_TEMPLATES = {
    "ItemReader": "Parameters",
    "ResultWriter": "Parameters",
    "ItemBatcher": "BatchInput",
}


def check(context: Context) -> None:
    for state in context.machine.states():
        if state.jsonata:
            _no_dollar_keys(context, state.body, state.path, top=True)
        else:
            _jsonpath_state(context, state)


def _jsonpath_state(context: Context, state: State) -> None:
    # One pass over the state's own keys: big machines have thousands of states.
    for key, value in state.body.items():
        if key in ("InputPath", "OutputPath"):
            _nullable_path(context, value, state.at(key), reference=False)
        elif key == "ResultPath":
            _nullable_path(context, value, state.at(key), reference=True, input_only=True)
        elif key in _REFERENCE_FIELDS:
            _path_field(context, value, state.at(key))
        elif key in ("ErrorPath", "CausePath"):
            _dynamic(context, value, state.at(key))
        elif key in ("Error", "Cause") and isinstance(value, str) and looks_dynamic(value):
            context.report(
                "ASL610",
                f"{value!r} looks like a path, but '{key}' takes text; use '{key}Path' to read it",
                state.at(key),
                anchor="key",
                severity=WARNING,
                fix=context.rename_key_fix(state.at(key), f"{key}Path"),
            )
        elif key == "Result" and state.type == "Pass":
            _static_result(context, value, state.at(key))
        elif key in _TEMPLATES:
            template(context, value, state.at(key))
        elif key in _NESTED_TEMPLATES and isinstance(value, dict):
            inner = _NESTED_TEMPLATES[key]
            if inner in value:
                template(context, value[inner], state.at(key, inner))
        elif key in ("Catch", "Choices") and isinstance(value, list):
            _entries(context, state, key, value)


def _entries(context: Context, state: State, key: str, entries: list[Any]) -> None:
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        if "Assign" in entry:
            template(context, entry["Assign"], state.at(key, index, "Assign"))
        if key == "Catch" and "ResultPath" in entry:
            where = state.at(key, index, "ResultPath")
            _nullable_path(context, entry["ResultPath"], where, reference=True, input_only=True)


def _nullable_path(
    context: Context, value: Any, path: Path, reference: bool, input_only: bool = False
) -> None:
    if value is None or opaque(value):
        return
    if not isinstance(value, str):
        context.report(
            "ASL204", f"'{path[-1]}' must be a path or null, not {type_name(value)}", path
        )
        return
    check_path(context, value, path, reference=reference, input_only=input_only)


def _path_field(context: Context, value: Any, path: Path) -> None:
    if opaque(value):
        return
    if not isinstance(value, str):
        context.report("ASL204", f"'{path[-1]}' must be a path, not {type_name(value)}", path)
        return
    check_path(context, value, path, reference=True)


def template(context: Context, value: Any, path: Path) -> None:
    """A JSONPath payload template: keys ending in `.$` hold a path or an intrinsic."""
    if opaque(value):
        return
    if isinstance(value, dict):
        for key, item in value.items():
            child = (*path, key)
            if isinstance(key, str) and key.endswith(".$"):
                if key[:-2] in value:
                    context.report(
                        "ASL613",
                        f"'{key[:-2]}' and '{key}' both give field '{key[:-2]}' once '.$' is"
                        " removed; Step Functions refuses the pair",
                        child,
                        anchor="key",
                        fix=context.remove_member_fix((*path, key[:-2])),
                    )
                _dynamic(context, item, child)
            else:
                if isinstance(item, str) and looks_dynamic(item):
                    context.report(
                        "ASL609",
                        f"{item!r} looks like a path or an intrinsic function, but '{key}' does not"
                        f" end in '.$', so it is passed on as plain text",
                        child,
                        anchor="key",
                        severity=WARNING,
                        fix=context.rename_key_fix(child, f"{key}.$"),
                    )
                template(context, item, child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            template(context, item, (*path, index))
    elif is_jsonata(value):
        context.report(
            "ASL703",
            "This state uses JSONPath, so this {% JSONata %} text is passed on as a plain string",
            path,
            severity=WARNING,
        )


def looks_dynamic(text: str) -> bool:
    """A string that reads like a JSONPath or an intrinsic call (not a `$variable`: the AWS
    guide shows "$name" under a plain key as deliberately literal text)."""
    return text == "$" or text.startswith(("$.", "$[", "$$")) or _CALL.match(text) is not None


def _static_result(context: Context, value: Any, path: Path) -> None:
    """Pass `Result` is used as is: a `.$` key in it is a mistake (AWS: PASS_RESULT_IS_STATIC)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and key.endswith(".$"):
                context.report(
                    "ASL611",
                    f"'Result' is used as is, so '{key}' is not evaluated; build output from the"
                    " input with 'Parameters'",
                    (*path, key),
                    anchor="key",
                    severity=WARNING,
                )
                return
            _static_result(context, item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _static_result(context, item, (*path, index))


def _dynamic(context: Context, value: Any, path: Path) -> None:
    if opaque(value):
        return
    if not isinstance(value, str):
        context.report(
            "ASL603",
            f"A '{path[-1]}' value must be a path or an intrinsic function, not {type_name(value)}",
            path,
        )
    elif value.startswith("$"):
        check_path(context, value, path)
    elif value[:1].isspace() and (value.lstrip().startswith("$") or looks_like_call(value)):
        # statelint refuses it too: the value must start with the path or the function.
        context.report(
            "ASL603",
            f"'{path[-1]}' ends in '.$', so its value must start with '$' or 'States.';"
            " remove the leading whitespace",
            path,
            fix=context.replace_value_fix(path, "Remove the leading whitespace", value.lstrip()),
        )
    elif looks_like_call(value):
        check_intrinsic(context, value, path)
    else:
        context.report(
            "ASL603",
            f"'{path[-1]}' ends in '.$', so its value must be a path ($...) or an intrinsic"
            f" function (States.…), not the text {value!r}",
            path,
        )


def check_path(
    context: Context, text: str, path: Path, reference: bool = False, input_only: bool = False
) -> None:
    """Report a JSONPath syntax error in `text`, and record a variable it reads."""
    if opaque(text):
        return
    problem = path_problem(text, reference, input_only)
    if problem is not None:
        context.report(
            problem.code,
            problem.message,
            path,
            within=(problem.offset, problem.length),
        )
        return
    match = VARIABLE.match(text, 1)
    if text.startswith("$") and not text.startswith("$$") and match is not None:
        if match.group() == "states":
            context.report(
                "ASL802",
                "'$states' exists only in JSONata states; JSONPath reads the input with '$'"
                " and the context object with '$$'",
                path,
            )
            return
        context.variable_uses.append((match.group(), path))


def check_intrinsic(context: Context, text: str, path: Path) -> None:
    try:
        call = parse_call(text)
    except IntrinsicSyntaxError as error:
        context.report(
            "ASL607",
            f"Intrinsic function syntax error at character {error.offset + 1}: {error.message}",
            path,
            within=(error.offset, 1),
        )
        return
    if call.depth > MAX_NESTING:
        context.report(
            "ASL606",
            f"Intrinsic functions nest {call.depth} deep; at most {MAX_NESTING} are allowed",
            path,
        )
    for nested in walk(call):
        _call(context, nested, path)


def _call(context: Context, call: Any, path: Path) -> None:
    name = (call.start, len(call.name))
    if call.name not in ARITY:
        suffix, _ = did_you_mean(call.name, ARITY)
        context.report(
            "ASL604", f"Unknown intrinsic function '{call.name}'{suffix}", path, within=name
        )
        return
    low, high = ARITY[call.name]
    count = len(call.args)
    if count < low or (high is not None and count > high):
        wanted = str(low) if low == high else f"{low} to {high}" if high else f"at least {low}"
        context.report(
            "ASL605", f"{call.name} takes {wanted} argument(s), not {count}", path, within=name
        )
        return
    if call.name == "States.Format" and call.args[0].kind == "string":
        expected = format_placeholders(call.args[0].text)
        if expected != count - 1:
            context.report(
                "ASL608",
                f"The States.Format template has {expected} '{{}}' placeholder(s) but"
                f" {count - 1} value(s) follow it",
                path,
                within=name,
            )
    signature = SIGNATURES[call.name]
    for index, argument in enumerate(call.args):
        if not signature:
            break
        problem = argument_type_problem(signature[min(index, len(signature) - 1)], argument)
        if problem is not None:
            context.report(
                "ASL605",
                f"{call.name}: argument {index + 1} {problem}",
                path,
                within=(argument.start, argument_length(argument)),
            )
            return
    if call.name == "States.JsonMerge" and call.args[2].text == "true":
        context.report(
            "ASL605",
            "States.JsonMerge supports only a shallow merge: its third argument must be false",
            path,
            within=(call.args[2].start, 4),
        )
    hash_algorithm = call.args[1] if call.name == "States.Hash" else None
    if (
        hash_algorithm is not None
        and hash_algorithm.kind == "string"
        and hash_algorithm.text not in HASH_ALGORITHMS
    ):
        context.report(
            "ASL605",
            f"States.Hash algorithm must be one of {', '.join(HASH_ALGORITHMS)}",
            path,
            within=(hash_algorithm.start, len(hash_algorithm.text) + 2),
        )
    for argument in call.args:
        if argument.kind == "path":
            check_path(context, argument.text, path)


def _no_dollar_keys(context: Context, value: Any, path: Path, top: bool = False) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if top and key in ("ItemProcessor", "Iterator", "Branches"):
                continue
            if isinstance(key, str) and key.endswith(".$"):
                context.report(
                    "ASL210",
                    f"'{key}': in a JSONata state a key ending in '.$' is kept as a literal key"
                    " and its value is not evaluated; write the value as a {% expression %}"
                    f" under '{key[:-2]}'",
                    (*path, key),
                    anchor="key",
                    severity=WARNING,
                    fix=context.rename_key_fix((*path, key), key[:-2]),
                )
            _no_dollar_keys(context, item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _no_dollar_keys(context, item, (*path, index))
