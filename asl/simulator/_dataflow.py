"""JSONPath data flow: InputPath, Parameters-style templates, ResultPath and OutputPath.

The order and the error names follow the developer guide, "Processing input and output in
Step Functions" (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html).
"""

from __future__ import annotations

import re
from typing import Any

from eventsmith.asl.simulator._errors import (
    PARAMETER_PATH,
    RESULT_PATH,
    RUNTIME,
    PathError,
    StatesError,
)
from eventsmith.asl.simulator._intrinsics import Scope, evaluate_intrinsic
from eventsmith.asl.simulator._jsonpath import compile_path, evaluate

_STEP = re.compile(
    r"\.([^.\[\]]+)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*\"((?:[^\"\\]|\\.)*)\"\s*\]|\[(\d+)\]"
)


def select(path: Any, data: Any, scope: Scope, field: str) -> Any:
    """InputPath/OutputPath/ItemsPath: `null` gives `{}`; a path that matches nothing fails."""
    if path is None:
        return {}
    if path == "$":
        return data
    try:
        context = scope.context if path.startswith("$$") else None
        return evaluate(path, data, context, scope.variables)
    except PathError as error:
        raise StatesError(RUNTIME, f"Invalid path '{path}' in {field}: {error}") from None


def template(value: Any, scope: Scope, error: str = PARAMETER_PATH) -> Any:
    """A Parameters/ResultSelector/ItemSelector/Assign value with every `key.$` resolved."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key.endswith(".$") and isinstance(item, str):
                out[key[:-2]] = _dynamic(key, item, scope, error)
            else:
                out[key] = template(item, scope, error)
        return out
    if isinstance(value, list):
        return [template(item, scope, error) for item in value]
    return value


def _dynamic(key: str, text: str, scope: Scope, error: str) -> Any:
    if text.startswith("$"):
        try:
            return scope.read(text)
        except PathError as problem:
            raise StatesError(
                error,
                f"The JSONPath '{text}' specified for the field '{key}' could not be found in "
                f"the input: {problem}",
            ) from None
    return evaluate_intrinsic(text, scope)


def apply_result_path(path: Any, state_input: Any, result: Any) -> Any:
    """Place `result` into (a copy of) the raw state input, as ResultPath says."""
    if path is None:
        return state_input
    if path == "$":
        return result
    try:
        compiled = compile_path(path)
    except PathError as error:
        raise StatesError(RESULT_PATH, f"Invalid ResultPath '{path}': {error}") from None
    if compiled.root != "$" or not compiled.definite:
        raise StatesError(RESULT_PATH, f"ResultPath '{path}' must be a reference path into $")
    keys = [step[1] for step in compiled.steps]
    if not keys:
        return result
    # Copy only the containers on the path (values are never changed in place, so the rest
    # is shared): a deep copy of every input made big states slow.
    return _placed(state_input, keys, result, path, state_input)


def _placed(node: Any, keys: list[Any], result: Any, path: str, whole: Any) -> Any:
    key, rest = keys[0], keys[1:]
    if isinstance(key, int):
        if not isinstance(node, list) or not -len(node) <= key < len(node):
            raise StatesError(RESULT_PATH, _match_failure(path, whole))
        copied_list = list(node)
        copied_list[key] = _placed(node[key], rest, result, path, whole) if rest else result
        return copied_list
    if not isinstance(node, dict):
        raise StatesError(RESULT_PATH, _match_failure(path, whole))
    copied = dict(node)
    if not rest:
        copied[key] = result
    elif key not in node:
        copied[key] = _placed({}, rest, result, path, whole)  # missing nodes are created
    elif isinstance(node[key], dict | list):
        copied[key] = _placed(node[key], rest, result, path, whole)
    else:
        raise StatesError(RESULT_PATH, _match_failure(path, whole))
    return copied


def _match_failure(path: str, state_input: Any) -> str:
    from eventsmith.asl.simulator._history import to_json

    return f"Unable to apply ResultPath '{path}' to input {to_json(state_input)}"
