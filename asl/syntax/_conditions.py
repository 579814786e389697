"""Readable one-line text for a Choice rule, used as the label of its edge.

JSONPath rules read like code (`$.validation.valid == true`, `$.a > 0 and $.b is present`);
JSONata rules show their `Condition` without the `{% %}` delimiters. Malformed rules give the
best text available instead of failing: a label is never worth an exception.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

_COMPARISONS = {
    "Equals": "==",
    "LessThan": "<",
    "GreaterThan": ">",
    "LessThanEquals": "<=",
    "GreaterThanEquals": ">=",
}
_KINDS = ("String", "Numeric", "Timestamp", "Boolean")
_TESTS = {
    "IsNull": "null",
    "IsPresent": "present",
    "IsNumeric": "numeric",
    "IsString": "a string",
    "IsBoolean": "a boolean",
    "IsTimestamp": "a timestamp",
}


def describe_rule(rule: Mapping[str, Any]) -> str:
    """The condition of a top-level Choice rule (its `Next` is not part of the text)."""
    return _describe(rule, nested=False)


def _describe(rule: object, nested: bool) -> str:
    if not isinstance(rule, Mapping):
        return "?"
    condition = rule.get("Condition")
    if isinstance(condition, str):
        return _strip_jsonata(condition)
    for combinator, word in (("And", " and "), ("Or", " or ")):
        operands = rule.get(combinator)
        if isinstance(operands, list):
            text = word.join(_describe(operand, nested=True) for operand in operands)
            return f"({text})" if nested and len(operands) > 1 else text
    if "Not" in rule:
        return f"not ({_describe(rule['Not'], nested=False)})"
    return _comparison(rule)


def _comparison(rule: Mapping[str, Any]) -> str:
    variable = str(rule.get("Variable", "?"))
    for key, value in rule.items():
        if key in ("Variable", "Next", "Comment", "Assign", "Output"):
            continue
        if key in _TESTS:
            negation = "" if value is not False else "not "
            return f"{variable} is {negation}{_TESTS[key]}"
        if key == "StringMatches":
            return f"{variable} matches {_literal(value)}"
        operator = _operator(key)
        if operator is not None:
            operand = str(value) if key.endswith("Path") else _literal(value)
            return f"{variable} {operator} {operand}"
    return variable


def _operator(key: str) -> str | None:
    name = key.removesuffix("Path")
    for kind in _KINDS:
        if name.startswith(kind):
            return _COMPARISONS.get(name.removeprefix(kind))
    return None


def _literal(value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)


def _strip_jsonata(condition: str) -> str:
    text = condition.strip()
    if text.startswith("{%") and text.endswith("%}"):
        return text[2:-2].strip()
    return text
