"""Evaluate `{% expression %}` strings with jsonata-python, plus the functions Step Functions
adds (`$partition`, `$range`, `$hash`, `$random`, `$uuid`, `$parse`) and without `$eval`.

Every failure is `States.QueryEvaluationError`, as AWS raises it
(https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html).
"""

from __future__ import annotations

import json
import random
import re
import uuid
from functools import lru_cache
from typing import Any

import jsonata
from jsonata.utils import Utils

from eventsmith.asl.simulator._errors import QUERY_EVALUATION, StatesError
from eventsmith.asl.simulator._intrinsics import hex_digest


def is_expression(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("{%") and value.endswith("%}")


class JsonataRuntime:
    """Evaluates expressions with one seeded random source (for `$random` and `$uuid`)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def evaluate(self, text: str, bindings: dict[str, Any], where: str) -> Any:
        source = text.strip()[2:-2]
        found = _simple_path(source, bindings)
        if found is not _UNDEFINED:
            return found
        expression = _compile(source)
        if isinstance(expression, str):
            raise StatesError(QUERY_EVALUATION, f"{where}: {expression}")
        _RNG[0] = self.rng
        try:
            result = expression.evaluate(None, bindings)
        except Exception as error:  # jsonata raises many kinds; all are user errors
            raise StatesError(QUERY_EVALUATION, f"{where}: {_message(error)}") from None
        if result is None:
            # With null conversion off, None means undefined; JSON cannot hold it, so AWS
            # refuses it ("expressions must produce a defined value").
            raise StatesError(
                QUERY_EVALUATION,
                f"The JSONata expression '{source.strip()}' specified for the field '{where}' "
                "returned nothing (undefined)",
            )
        return _plain(result)

    def template(self, value: Any, bindings: dict[str, Any], where: str) -> Any:
        """A JSON value with every `{% %}` string in it replaced by its value."""
        if isinstance(value, str):
            return self.evaluate(value, bindings, where) if is_expression(value) else value
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for key, item in value.items():
                result = self.template(item, bindings, f"{where}.{key}")
                if result is not _UNDEFINED:
                    out[key] = result
            return out
        if isinstance(value, list):
            return [self.template(item, bindings, f"{where}[{i}]") for i, item in enumerate(value)]
        return value


_UNDEFINED = object()
_SIMPLE = re.compile(r"\s*\$([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)*)\s*")


def _simple_path(source: str, bindings: dict[str, Any]) -> Any:
    """`$states.input.a.b` or `$var.a` read straight from objects, as JSONata would: the
    most common expression, and the interpreter's slowest part when jsonata-python runs it.
    Anything else (arrays on the way, a missing name, a list at the end) goes to jsonata."""
    match = _SIMPLE.fullmatch(source)
    if match is None or match[1] not in bindings:
        return _UNDEFINED
    node = bindings[match[1]]
    for name in match[2].split(".")[1:]:
        if not isinstance(node, dict) or name not in node:
            return _UNDEFINED
        node = node[name]
    if isinstance(node, list | float) or (isinstance(node, dict) and match[2] == ""):
        return _UNDEFINED
    return node


NullValue = Utils.NullValue
_RNG: list[random.Random] = [random.Random(0)]


@lru_cache(maxsize=2048)
def _compile(source: str) -> jsonata.Jsonata | str:
    try:
        expression = jsonata.Jsonata(source)
    except Exception as error:
        return _message(error)
    expression.set_output_convert_nulls(False)
    expression.register_lambda("partition", _partition)
    expression.register_lambda("range", _range)
    expression.register_lambda("hash", _hash)
    expression.register_lambda("random", _random)
    expression.register_lambda("uuid", _uuid)
    expression.register_lambda("parse", _parse)
    expression.register_lambda("eval", _no_eval)
    return expression


def _message(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text


def _plain(value: Any) -> Any:
    """jsonata-python's nulls, sequences and whole floats become plain JSON values."""
    if value is None or isinstance(value, NullValue):
        return None
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if callable(value):
        return None
    return value


def _partition(items: Any, size: Any) -> list[Any]:
    if not isinstance(items, list) or not isinstance(size, int | float) or size < 1:
        raise ValueError("$partition(array, size) needs an array and a positive size")
    step = int(size)
    return [items[i : i + step] for i in range(0, len(items), step)]


def _range(start: Any, end: Any, step: Any) -> list[Any]:
    if step == 0:
        raise ValueError("$range step cannot be 0")
    out = []
    value = start
    while (step > 0 and value <= end) or (step < 0 and value >= end):
        out.append(value)
        value += step
        if len(out) > 1000:
            raise ValueError("$range can produce at most 1000 items")
    return out


def _hash(data: Any, algorithm: Any = "SHA-256") -> str:
    text = data if isinstance(data, str) else json.dumps(data, separators=(",", ":"))
    digest = hex_digest(text, algorithm) if isinstance(algorithm, str) else None
    if digest is None:
        raise ValueError(f"$hash does not support {algorithm!r}")
    return digest


def _random(seed: Any = None) -> float:
    rng = random.Random(seed) if seed is not None else _RNG[0]
    return rng.random()


def _uuid() -> str:
    return str(uuid.UUID(int=_RNG[0].getrandbits(128), version=4))


def _parse(text: Any) -> Any:
    if not isinstance(text, str):
        raise ValueError("$parse takes a JSON string")
    return json.loads(text)


def _no_eval(*_args: Any) -> Any:
    raise ValueError("$eval is not supported in Step Functions")
