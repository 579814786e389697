"""Evaluate `States.*` intrinsic functions (JSONPath states), parsed by the validator's parser.

Semantics follow the AWS developer guide, "Intrinsic functions for JSONPath states"
(https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html). Every failure
is `States.IntrinsicFailure`, as AWS raises it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from eventsmith.asl.rules._intrinsics import ARITY, Argument, Call, IntrinsicSyntaxError, parse_call
from eventsmith.asl.simulator._errors import INTRINSIC_FAILURE, PathError, StatesError
from eventsmith.asl.simulator._jsonpath import evaluate

# Step Functions' names for the algorithms of States.Hash and JSONata's $hash, as hashlib's.
_HASHES = {
    "MD5": "md5",
    "SHA-1": "sha1",
    "SHA-256": "sha256",
    "SHA-384": "sha384",
    "SHA-512": "sha512",
}
_MAX_RANGE = 1000
_MAX_BASE64_INPUT = 10_000


class Scope:
    """What a path argument can read: the input, the context object and the variables."""

    def __init__(
        self,
        data: Any,
        context: Callable[[], Any],
        variables: Mapping[str, Any],
        rng: random.Random,
    ) -> None:
        self.data = data
        self._context = context
        self.variables = variables
        self.rng = rng

    @property
    def context(self) -> Any:
        """The context object, built only when a `$$` path reads it."""
        return self._context()

    def read(self, path: str) -> Any:
        """The value(s) `path` selects from the input, the context object or a variable."""
        context = self._context() if path.startswith("$$") else None
        return evaluate(path, self.data, context, self.variables)


def evaluate_intrinsic(text: str, scope: Scope) -> Any:
    try:
        call = parse_call(text.strip())
    except IntrinsicSyntaxError as error:
        raise StatesError(
            INTRINSIC_FAILURE, f"Invalid intrinsic function '{text}': {error}"
        ) from None
    return _call(call, scope)


def _call(call: Call, scope: Scope) -> Any:
    function = _FUNCTIONS.get(call.name)
    if function is None:
        raise StatesError(INTRINSIC_FAILURE, f"Unknown intrinsic function {call.name}")
    low, high = ARITY[call.name]
    if len(call.args) < low or (high is not None and len(call.args) > high):
        raise StatesError(
            INTRINSIC_FAILURE, f"{call.name} takes {low}{'+' if high is None else ''} arguments"
        )
    if call.name == "States.Format":
        first = call.args[0]
        template = first.text if first.kind == "string" else _argument(first, scope)
        if not isinstance(template, str):
            raise StatesError(INTRINSIC_FAILURE, "The template of States.Format must be a string")
        return _format(template, [_argument(arg, scope) for arg in call.args[1:]])
    values = [_argument(arg, scope) for arg in call.args]
    try:
        return function(values, scope)
    except StatesError:
        raise
    except (TypeError, ValueError, KeyError, IndexError, OverflowError) as error:
        raise StatesError(INTRINSIC_FAILURE, f"{call.name}: {error}") from None


def _argument(argument: Argument, scope: Scope) -> Any:
    if argument.kind == "string":
        return _unescape(argument.text)
    if argument.kind == "number":
        number = float(argument.text)
        return int(number) if number.is_integer() and "." not in argument.text else number
    if argument.kind == "literal":
        return json.loads(argument.text)
    if argument.kind == "call" and argument.call is not None:
        return _call(argument.call, scope)
    try:
        return scope.read(argument.text)
    except PathError as error:
        raise StatesError(INTRINSIC_FAILURE, f"Invalid path '{argument.text}': {error}") from None


def _unescape(text: str) -> str:
    out, index = [], 0
    while index < len(text):
        if text[index] == "\\" and index + 1 < len(text):
            out.append(text[index + 1])
            index += 2
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


def _format(template: str, values: list[Any]) -> str:
    out: list[str] = []
    index = position = 0
    while index < len(template):
        char = template[index]
        if char == "\\" and index + 1 < len(template):
            out.append(template[index + 1])
            index += 2
            continue
        if template.startswith("{}", index):
            if position >= len(values):
                raise StatesError(INTRINSIC_FAILURE, "States.Format has more {} than arguments")
            out.append(_text(values[position]))
            position += 1
            index += 2
            continue
        out.append(char)
        index += 1
    if position != len(values):
        raise StatesError(INTRINSIC_FAILURE, "States.Format has more arguments than {}")
    return "".join(out)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        raise StatesError(INTRINSIC_FAILURE, "States.Format arguments must be strings or numbers")
    return json.dumps(value)


def _integer(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value:
        raise StatesError(INTRINSIC_FAILURE, f"{what} must be an integer, got {value!r}")
    return int(value)


def _array(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise StatesError(INTRINSIC_FAILURE, f"{what} must be an array, got {value!r}")
    return value


def _string(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise StatesError(INTRINSIC_FAILURE, f"{what} must be a string, got {value!r}")
    return value


def _compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _partition(values: list[Any], _scope: Scope) -> list[list[Any]]:
    items = _array(values[0], "States.ArrayPartition's array")
    size = _integer(values[1], "States.ArrayPartition's chunk size")
    if size <= 0:
        raise StatesError(INTRINSIC_FAILURE, "States.ArrayPartition's chunk size must be > 0")
    return [items[i : i + size] for i in range(0, len(items), size)]


def _range(values: list[Any], _scope: Scope) -> list[int]:
    start, end, step = (_integer(v, "States.ArrayRange argument") for v in values)
    if step == 0:
        raise StatesError(INTRINSIC_FAILURE, "States.ArrayRange's step cannot be 0")
    result = list(range(start, end + (1 if step > 0 else -1), step))
    if len(result) > _MAX_RANGE:
        raise StatesError(INTRINSIC_FAILURE, "States.ArrayRange can produce at most 1000 items")
    return result


def _get_item(values: list[Any], _scope: Scope) -> Any:
    items = _array(values[0], "States.ArrayGetItem's array")
    index = _integer(values[1], "States.ArrayGetItem's index")
    if not 0 <= index < len(items):
        raise StatesError(INTRINSIC_FAILURE, f"States.ArrayGetItem index {index} is out of bounds")
    return items[index]


def _unique(values: list[Any], _scope: Scope) -> list[Any]:
    seen: set[str] = set()
    out = []
    for item in _array(values[0], "States.ArrayUnique's array"):
        key = json.dumps(item, sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _base64_encode(values: list[Any], _scope: Scope) -> str:
    text = _string(values[0], "States.Base64Encode's input")
    if len(text) > _MAX_BASE64_INPUT:
        raise StatesError(
            INTRINSIC_FAILURE, "States.Base64Encode accepts at most 10,000 characters"
        )
    return base64.b64encode(text.encode()).decode()


def _base64_decode(values: list[Any], _scope: Scope) -> str:
    text = _string(values[0], "States.Base64Decode's input")
    try:
        return base64.b64decode(text, validate=True).decode()
    except ValueError as error:
        raise StatesError(INTRINSIC_FAILURE, f"States.Base64Decode: {error}") from None


def hex_digest(text: str, algorithm: str) -> str | None:
    """`text` hashed with the algorithm Step Functions calls `algorithm`; None when it has none."""
    name = _HASHES.get(algorithm)
    return None if name is None else hashlib.new(name, text.encode()).hexdigest()


def _hash(values: list[Any], _scope: Scope) -> str:
    algorithm = _string(values[1], "States.Hash's algorithm")
    data = values[0] if isinstance(values[0], str) else _compact(values[0])
    digest = hex_digest(data, algorithm)
    if digest is None:
        raise StatesError(INTRINSIC_FAILURE, f"States.Hash does not support {algorithm!r}")
    return digest


def _merge(values: list[Any], _scope: Scope) -> dict[str, Any]:
    if values[2] is not False:
        raise StatesError(
            INTRINSIC_FAILURE, "States.JsonMerge supports only a shallow merge (false)"
        )
    first, second = values[0], values[1]
    if not isinstance(first, dict) or not isinstance(second, dict):
        raise StatesError(INTRINSIC_FAILURE, "States.JsonMerge merges two objects")
    return {**first, **second}


def _math_random(values: list[Any], scope: Scope) -> int:
    start = _integer(values[0], "States.MathRandom's start")
    end = _integer(values[1], "States.MathRandom's end")
    rng = (
        random.Random(_integer(values[2], "States.MathRandom's seed"))
        if len(values) > 2
        else scope.rng
    )
    return rng.randrange(start, end) if end > start else start


def _math_add(values: list[Any], _scope: Scope) -> int:
    return _integer(values[0], "States.MathAdd argument") + _integer(
        values[1], "States.MathAdd argument"
    )


def _split(values: list[Any], _scope: Scope) -> list[str]:
    text = _string(values[0], "States.StringSplit's string")
    delimiters = set(_string(values[1], "States.StringSplit's delimiter"))
    # Each character of the delimiter splits, and empty pieces are dropped (the guide's
    # example splits "This.is+a,test=string" on ".+,=").
    parts: list[str] = []
    current: list[str] = []
    for char in text:
        if char in delimiters:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part for part in parts if part]


def _string_to_json(values: list[Any], _scope: Scope) -> Any:
    text = _string(values[0], "States.StringToJson's input")
    try:
        return json.loads(text)
    except ValueError as error:
        raise StatesError(INTRINSIC_FAILURE, f"States.StringToJson: {error}") from None


def _uuid(_values: list[Any], scope: Scope) -> str:
    return str(uuid.UUID(int=scope.rng.getrandbits(128), version=4))


_FUNCTIONS: dict[str, Callable[[list[Any], Scope], Any]] = {
    "States.Format": lambda values, scope: None,  # handled in _call: needs the raw template
    "States.StringToJson": _string_to_json,
    "States.JsonToString": lambda values, _s: _compact(values[0]),
    "States.Array": lambda values, _s: list(values),
    "States.ArrayPartition": _partition,
    "States.ArrayContains": lambda values, _s: values[1] in _array(values[0], "array"),
    "States.ArrayRange": _range,
    "States.ArrayGetItem": _get_item,
    "States.ArrayLength": lambda values, _s: len(_array(values[0], "States.ArrayLength's array")),
    "States.ArrayUnique": _unique,
    "States.Base64Encode": _base64_encode,
    "States.Base64Decode": _base64_decode,
    "States.Hash": _hash,
    "States.JsonMerge": _merge,
    "States.MathRandom": _math_random,
    "States.MathAdd": _math_add,
    "States.StringSplit": _split,
    "States.UUID": _uuid,
}
