"""Validate an event pattern the way EventBridge does and compile it into the pattern model.

The rules and most messages follow aws/event-ruler's `JsonRuleCompiler` (the engine behind
EventBridge), so a pattern rejected here is one `PutRule` would reject with
`InvalidEventPatternException`; each error also carries the JSON path of the offending part.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from eventsmith.patterns._complexity import (
    MAX_WILDCARD_COMPLEXITY,
    TOO_COMPLEX,
    wildcard_complexity,
)
from eventsmith.patterns._model import (
    NUMERIC_LIMIT,
    AnythingBut,
    Cidr,
    Condition,
    EqualsIgnoreCase,
    ExactValues,
    Exists,
    FieldTest,
    NestedTest,
    Numeric,
    ObjectPattern,
    OrGroup,
    PatternError,
    Prefix,
    Suffix,
    Wildcard,
    ip_address,
    is_number,
    number_key,
)

# The content-filter operators, in the order editors offer them.
OPERATORS = (
    "prefix",
    "suffix",
    "equals-ignore-case",
    "anything-but",
    "numeric",
    "cidr",
    "exists",
    "wildcard",
)
# Field names event-ruler refuses inside `$or`: the operators, the numeric comparators and
# names it keeps for future operators.
RESERVED_IN_OR = frozenset(OPERATORS) | {
    "exactly",
    "=",
    "<",
    "<=",
    ">",
    ">=",
    "regex",
    "not-wildcard",
    "not-equals-ignore-case",
    "date-after",
    "date-on-or-after",
    "date-before",
    "date-on-or-before",
    "in-date-range",
    "ip-address-in-range",
    "ip-address-not-in-range",
}
MAX_PATTERN_LENGTH = 4096
MAX_DEPTH = 100  # object levels; keeps every recursive walk far from Python's limit

PathT = tuple[str | int, ...]


@dataclass(frozen=True)
class Pattern:
    """A valid, compiled event pattern and the JSON it came from."""

    root: ObjectPattern
    source: Mapping[str, Any]


class _Invalid(Exception):
    def __init__(self, path: PathT, message: str) -> None:
        super().__init__(message)
        self.error = PatternError(path, message)


def parse_pattern(pattern: str | bytes | Mapping[str, Any] | Any) -> Pattern | PatternError:
    """Compile a pattern given as JSON text or as already-decoded JSON; never raises on input."""
    if isinstance(pattern, str | bytes):
        size = len(pattern)
        try:
            pattern = orjson.loads(pattern)
        except orjson.JSONDecodeError as error:
            return PatternError((), f"Filter is not valid JSON: {error}")
    else:
        try:
            size = len(orjson.dumps(pattern).decode())
        except TypeError:
            size = 0
    if size > MAX_PATTERN_LENGTH:
        # PutRule's own constraint (the default quota is 2,048; it can be raised to 4,096).
        return PatternError(
            (),
            f"Value at 'eventPattern' failed to satisfy constraint: Member must have length"
            f" less than or equal to {MAX_PATTERN_LENGTH} (it has {size:,})",
        )
    if not isinstance(pattern, Mapping):
        return PatternError((), "Filter is not an object")
    try:
        root = _object(pattern, (), (), inside_or=False)
    except _Invalid as invalid:
        return invalid.error
    return Pattern(root, pattern)


def _object(
    node: Mapping[str, Any], path: PathT, event_path: tuple[str, ...], *, inside_or: bool
) -> ObjectPattern:
    if not node:
        raise _Invalid(path, "Empty objects are not allowed")
    if len(event_path) >= MAX_DEPTH or len(path) >= 3 * MAX_DEPTH:
        raise _Invalid(path, f"Pattern is nested more than {MAX_DEPTH} levels deep")
    fields: list[FieldTest] = []
    nested: list[NestedTest] = []
    ors: list[OrGroup] = []
    for key, value in node.items():
        here = (*path, key)
        if key == "$or":
            ors.append(_or_group(value, here, event_path))
            continue
        if inside_or and key in RESERVED_IN_OR:
            raise _Invalid(
                here, f'"{key}" is a reserved name and cannot be used as a field inside $or'
            )
        # AWS flattens both sides: {"state.status": [...]} is {"state": {"status": [...]}}.
        parts = dotted_parts(key)
        inner = (*event_path, *parts)
        test: FieldTest | NestedTest
        if isinstance(value, Mapping):
            test = NestedTest(parts[-1], _object(value, here, inner, inside_or=inside_or))
        elif isinstance(value, list):
            test = _field(parts[-1], value, here, inner)
        else:
            raise _Invalid(here, f'"{key}" must be an object or an array')
        for part in reversed(parts[:-1]):
            test = NestedTest(part, _holding(test))
        if isinstance(test, FieldTest):
            fields.append(test)
        else:
            nested.append(test)
    return ObjectPattern(tuple(fields), tuple(nested), tuple(ors))


def dotted_parts(key: str) -> tuple[str, ...]:
    """The names a dotted key stands for; a key with an empty part stays whole."""
    if "." not in key:
        return (key,)
    parts = tuple(key.split("."))
    return parts if all(parts) else (key,)


def _holding(test: FieldTest | NestedTest) -> ObjectPattern:
    if isinstance(test, FieldTest):
        return ObjectPattern((test,), (), ())
    return ObjectPattern((), (test,), ())


def _or_group(value: Any, path: PathT, event_path: tuple[str, ...]) -> OrGroup:
    if not isinstance(value, list):
        raise _Invalid(path, "$or must be followed by an array")
    branches: list[ObjectPattern] = []
    for index, branch in enumerate(value):
        if not isinstance(branch, Mapping):
            raise _Invalid((*path, index), "Only JSON objects are allowed in the array of $or")
        branches.append(_object(branch, (*path, index), event_path, inside_or=True))
    if len(branches) < 2:
        raise _Invalid(path, "$or must have at least 2 objects")
    return OrGroup(tuple(branches), event_path)


def _field(key: str, values: list[Any], path: PathT, event_path: tuple[str, ...]) -> FieldTest:
    if not values:
        raise _Invalid(path, "Empty arrays are not allowed")
    exact: list[Any] = []
    conditions: list[Condition] = []
    for index, value in enumerate(values):
        if isinstance(value, Mapping):
            conditions.append(_operator(value, (*path, index)))
        elif isinstance(value, list):
            raise _Invalid(
                (*path, index), "Match value must be String, number, true, false, or null"
            )
        else:
            exact.append(value)
    if exact:
        conditions.insert(0, exact_values(exact))
    wildcards = [pattern.text for condition in conditions for pattern in _wildcards(condition)]
    if wildcards and wildcard_complexity(wildcards) > MAX_WILDCARD_COMPLEXITY:
        raise _Invalid(path, TOO_COMPLEX)
    return FieldTest(key, tuple(conditions), tuple(values), event_path)


def _wildcards(condition: Condition) -> tuple[Wildcard, ...]:
    if isinstance(condition, Wildcard):
        return (condition,)
    if isinstance(condition, AnythingBut) and isinstance(condition.excluded, tuple):
        return tuple(item for item in condition.excluded if isinstance(item, Wildcard))
    return ()


def exact_values(values: list[Any]) -> ExactValues:
    return ExactValues(
        strings=frozenset(v for v in values if isinstance(v, str)),
        addresses=frozenset(
            address for v in values if isinstance(v, str) and (address := ip_address(v)) is not None
        ),
        numbers=frozenset(number_key(v) for v in values if is_number(v)),
        true=any(v is True for v in values),
        false=any(v is False for v in values),
        null=any(v is None for v in values),
    )


def _operator(expression: Mapping[str, Any], path: PathT) -> Condition:
    if not expression:
        raise _Invalid(path, "Match expression name not found")
    if len(expression) > 1:
        raise _Invalid(path, "Only one key allowed in match expression")
    ((name, operand),) = expression.items()
    here = (*path, name)
    if name in ("prefix", "suffix"):
        return _prefix_or_suffix(name, operand, here)
    if name == "equals-ignore-case":
        return EqualsIgnoreCase(_string(operand, here, "equals-ignore-case"))
    if name == "wildcard":
        return wildcard(_string(operand, here, "wildcard"), here)
    if name == "numeric":
        return _numeric(operand, here)
    if name == "cidr":
        # AWS answers a non-string CIDR with the prefix message (event-ruler shares the code).
        return _cidr(_string(operand, here, "prefix"), here)
    if name == "exists":
        if not isinstance(operand, bool):
            raise _Invalid(here, "exists match pattern must be either true or false.")
        return Exists(operand)
    if name == "anything-but":
        return _anything_but(operand, here)
    raise _Invalid(here, f"Unrecognized match type {name}")


def _string(operand: Any, path: PathT, operator: str) -> str:
    if not isinstance(operand, str):
        raise _Invalid(path, f"{operator} match pattern must be a string")
    return operand


def _prefix_or_suffix(name: str, operand: Any, path: PathT) -> Prefix | Suffix:
    kind = Prefix if name == "prefix" else Suffix
    if isinstance(operand, Mapping):
        if list(operand) != ["equals-ignore-case"]:
            raise _Invalid(
                path, f"Unsupported {name} pattern: only equals-ignore-case may be nested"
            )
        text = _string(operand["equals-ignore-case"], (*path, "equals-ignore-case"), name)
        return kind(text, ignore_case=True)
    return kind(_string(operand, path, name))


def wildcard(text: str, path: PathT = ()) -> Wildcard:
    """Compile a wildcard operand, rejecting bad escapes and consecutive `*` as AWS does.

    Positions are AWS's: event-ruler counts UTF-8 bytes of the value inside its opening
    quote, so the first character is at pos 1.
    """
    regex = ""
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            if index + 1 >= len(text) or text[index + 1] not in "*\\":
                raise _Invalid(path, f"Invalid escape character at pos {_aws_pos(text, index)}")
            regex += re.escape(text[index + 1])
            index += 2
            continue
        if char == "*":
            if index + 1 < len(text) and text[index + 1] == "*":
                raise _Invalid(
                    path, f"Consecutive wildcard characters at pos {_aws_pos(text, index)}"
                )
            regex += ".*"
        else:
            regex += re.escape(char)
        index += 1
    return Wildcard(text, re.compile(regex, re.DOTALL))


def _aws_pos(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8")) + 1


def _number(value: Any, path: PathT, message: str) -> float:
    if not is_number(value):
        raise _Invalid(path, message)
    if not -NUMERIC_LIMIT <= value <= NUMERIC_LIMIT:
        raise _Invalid(path, "Value must be between -5.0E9 and 5.0E9, inclusive")
    return float(value)


def _json_text(value: Any) -> str:
    return value if isinstance(value, str) else orjson.dumps(value).decode()


def _numeric(operand: Any, path: PathT) -> Numeric:
    if not isinstance(operand, list):
        raise _Invalid(path, "Value of numeric must be an array.")
    if not operand or not isinstance(operand[0], str):
        shown = _json_text(operand[0]) if operand else "]"
        raise _Invalid((*path, 0), f"Invalid member in numeric match: {shown}")
    operator = operand[0]
    if operator not in ("=", "<", "<=", ">", ">="):
        raise _Invalid((*path, 0), f"Unrecognized numeric range operator: {operator}")
    named = "equals" if operator == "=" else operator
    if len(operand) < 2:
        raise _Invalid(path, f"Value of {named} must be numeric")
    first = _number(operand[1], (*path, 1), f"Value of {named} must be numeric")
    if operator in ("=", "<", "<="):
        if len(operand) > 2:
            raise _Invalid((*path, 2), "Too many elements in numeric expression")
        if operator == "=":
            return Numeric(first, True, first, True)
        return Numeric(upper=first, upper_inclusive=operator == "<=")
    lower_inclusive = operator == ">="
    if len(operand) == 2:
        return Numeric(lower=first, lower_inclusive=lower_inclusive)
    top_operator = operand[2]
    if not isinstance(top_operator, str):
        raise _Invalid((*path, 2), f"Bad value in numeric range: {_json_text(top_operator)}")
    if top_operator not in ("<", "<="):
        shown = _json_text(top_operator)
        raise _Invalid((*path, 2), f"Bad numeric range operator: {shown}")
    if len(operand) < 4:
        raise _Invalid(path, f"Value of {top_operator} must be numeric")
    top = _number(operand[3], (*path, 3), f"Value of {top_operator} must be numeric")
    if len(operand) > 4:
        raise _Invalid((*path, 4), "Too many terms in numeric range expression")
    if not first < top:
        raise _Invalid(path, "Bottom must be less than top")
    return Numeric(first, lower_inclusive, top, top_operator == "<=")


_IPV4 = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+")
_IPV6 = re.compile(r"[0-9a-fA-F:]*:[0-9a-fA-F:]*")
_JAVA_INT = re.compile(r"[+-]?[0-9]+")


def _cidr(text: str, path: PathT) -> Cidr:
    """event-ruler's CIDR.cidr, message for message: Java's split drops trailing empty
    parts, the address must look like IPv4 or IPv6 before it is parsed, and the mask must be
    below the address width (/32 and /128 are refused)."""
    parts = text.split("/")
    while parts and not parts[-1]:
        parts.pop()
    if len(parts) != 2:
        raise _Invalid(path, "Malformed CIDR, one '/' required")
    address, mask_text = parts
    if not _JAVA_INT.fullmatch(mask_text) or not -(2**31) <= int(mask_text) < 2**31:
        raise _Invalid(path, "Malformed CIDR, mask bits must be an integer")
    mask = int(mask_text)
    if mask < 0:
        raise _Invalid(path, "Malformed CIDR, mask bits must not be negative")
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address
    if _IPV4.fullmatch(address):
        octets = [int(octet) for octet in address.split(".")]
        if any(octet > 255 for octet in octets):
            raise _Invalid(path, f"Invalid IP address: {address}")
        ip = ipaddress.IPv4Address(".".join(map(str, octets)))
        if mask > 31:
            raise _Invalid(path, "IPv4 mask bits must be < 32")
    elif _IPV6.fullmatch(address):
        try:
            ip = ipaddress.IPv6Address(address)
        except ValueError:
            raise _Invalid(path, f"Invalid IP address: {address}") from None
        if mask > 127:
            raise _Invalid(path, "IPv6 mask bits must be < 128")
    else:
        raise _Invalid(path, f"Nonstandard IP address: {address}")
    return Cidr(ipaddress.ip_network(f"{ip}/{mask}", strict=False))


def _anything_but(operand: Any, path: PathT) -> AnythingBut:
    if isinstance(operand, Mapping):
        return _anything_but_operator(operand, path)
    values = operand if isinstance(operand, list) else [operand]
    if not isinstance(operand, list) and not (isinstance(operand, str) or is_number(operand)):
        raise _Invalid(
            path, "Value of anything-but must be an array or single string/number value."
        )
    for index, value in enumerate(values):
        if not (isinstance(value, str) or is_number(value)):
            raise _Invalid(
                (*path, index),
                "Inside anything-but list, start|null|boolean is not supported.",
            )
        if is_number(value):
            _number(value, (*path, index), "")
    kinds = {isinstance(value, str) for value in values}
    if len(kinds) != 1:
        raise _Invalid(
            path,
            "Inside anything but list, either all values are number or string, "
            "mixed type is not supported",
        )
    return AnythingBut("values", exact_values(values))


def _anything_but_operator(operand: Mapping[str, Any], path: PathT) -> AnythingBut:
    if len(operand) != 1:
        message = "Anything-But expression name not found"
        raise _Invalid(path, message if not operand else "Only one key allowed in match expression")
    ((name, value),) = operand.items()
    here = (*path, name)
    # Each form takes one string or a non-empty list of them (AWS CDK's Match.anythingBut*
    # helpers emit lists for all four).
    texts = value if isinstance(value, list) else [value]
    if name in ("prefix", "suffix"):
        if isinstance(value, Mapping):
            raise _Invalid(
                here, "Value of anything-but must be an array or single string/number value."
            )
        if not all(isinstance(text, str) for text in texts):
            raise _Invalid(here, "prefix/suffix match pattern must be a string")
        if not texts or not all(texts):
            raise _Invalid(here, "Null prefix/suffix not allowed")
        if name == "prefix":
            return AnythingBut("prefix", tuple(Prefix(text) for text in texts))
        return AnythingBut("suffix", tuple(Suffix(text) for text in texts))
    if name == "wildcard" and (not texts or not all(isinstance(t, str) for t in texts)):
        raise _Invalid(here, "wildcard match pattern must be a string")
    if name in ("equals-ignore-case", "wildcard"):
        if not texts or not all(isinstance(text, str) for text in texts):
            raise _Invalid(
                here,
                f"Inside anything-but/{name} list, number|start|null|boolean is not supported.",
            )
        if name == "wildcard":
            return AnythingBut("wildcard", tuple(wildcard(text, here) for text in texts))
        return AnythingBut("equals-ignore-case", tuple(EqualsIgnoreCase(text) for text in texts))
    raise _Invalid(here, f"Unsupported anything-but pattern: {name}")
