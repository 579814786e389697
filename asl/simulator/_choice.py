"""JSONPath Choice rules: every comparison operator, `And`/`Or`/`Not`, and `...Path` forms.

Semantics from the developer guide, "Choice workflow state"
(https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html): a comparison of
values of another type is false; a `Variable` that is missing fails the run unless the
operator is `IsPresent`; `StringMatches` takes `*` as a wildcard and `\\*` as a star.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from typing import Any

from eventsmith.asl.simulator._errors import RUNTIME, PathError, StatesError
from eventsmith.asl.simulator._intrinsics import Scope

_KINDS = ("String", "Numeric", "Timestamp", "Boolean")
_RELATIONS = {
    "Equals": lambda a, b: a == b,
    "LessThan": lambda a, b: a < b,
    "GreaterThan": lambda a, b: a > b,
    "LessThanEquals": lambda a, b: a <= b,
    "GreaterThanEquals": lambda a, b: a >= b,
}
_TYPE_TESTS = ("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp")
_MISSING = object()
# The guide: "An uppercase T must separate the date and time portions. An uppercase Z must
# denote that a numeric time zone offset isn't present."
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def rule_matches(rule: dict[str, Any], scope: Scope) -> bool:
    if "And" in rule:
        return all(rule_matches(inner, scope) for inner in rule["And"])
    if "Or" in rule:
        return any(rule_matches(inner, scope) for inner in rule["Or"])
    if "Not" in rule:
        return not rule_matches(rule["Not"], scope)
    variable = rule.get("Variable")
    if not isinstance(variable, str):
        raise StatesError(RUNTIME, "A Choice rule has no Variable")
    value = _read(variable, scope)
    for operator in _TYPE_TESTS:
        if operator in rule:
            return _type_test(operator, value) == bool(rule[operator])
    if value is _MISSING:
        raise StatesError(
            RUNTIME,
            f"Invalid path '{variable}': The choice state's condition path references "
            "an invalid value.",
        )
    for operator, expected in rule.items():
        if operator in ("Variable", "Next", "Assign", "Comment"):
            continue
        if operator == "StringMatches":
            return isinstance(value, str) and _wildcard(str(expected)).fullmatch(value) is not None
        if operator.endswith("Path"):
            operator = operator[:-4]
            expected = _read(str(expected), scope)
            if expected is _MISSING:
                raise StatesError(
                    RUNTIME, f"Invalid path '{rule[operator + 'Path']}' in a Choice rule"
                )
        return _compare(operator, value, expected)
    raise StatesError(RUNTIME, "A Choice rule has no comparison operator")


def _read(path: str, scope: Scope) -> Any:
    try:
        return scope.read(path)
    except PathError:
        return _MISSING


def _type_test(operator: str, value: Any) -> bool:
    if operator == "IsPresent":
        return value is not _MISSING
    if value is _MISSING:
        return False
    if operator == "IsNull":
        return value is None
    if operator == "IsNumeric":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if operator == "IsString":
        return isinstance(value, str)
    if operator == "IsBoolean":
        return isinstance(value, bool)
    return isinstance(value, str) and _timestamp(value) is not None


def _compare(operator: str, value: Any, expected: Any) -> bool:
    kind = next((k for k in _KINDS if operator.startswith(k)), None)
    relation = _RELATIONS.get(operator[len(kind) :]) if kind else None
    if kind is None or relation is None:
        raise StatesError(RUNTIME, f"Unknown Choice operator {operator}")
    if kind == "String":
        ok = isinstance(value, str) and isinstance(expected, str)
        return ok and relation(value, expected)
    if kind == "Numeric":
        numbers = (int, float)
        ok = isinstance(value, numbers) and isinstance(expected, numbers)
        ok = ok and not isinstance(value, bool) and not isinstance(expected, bool)
        return ok and relation(value, expected)
    if kind == "Boolean":
        return isinstance(value, bool) and isinstance(expected, bool) and value == expected
    left = _timestamp(value) if isinstance(value, str) else None
    right = _timestamp(expected) if isinstance(expected, str) else None
    return left is not None and right is not None and relation(left, right)


def _timestamp(text: str) -> datetime | None:
    if _RFC3339.match(text) is None:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def _wildcard(pattern: str) -> re.Pattern[str]:
    parts: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            parts.append(re.escape(pattern[index + 1]))
            index += 2
            continue
        parts.append(".*" if char == "*" else re.escape(char))
        index += 1
    return re.compile("".join(parts), re.DOTALL)


def parse_timestamp(text: Any) -> datetime | None:
    return _timestamp(text) if isinstance(text, str) else None
