"""The compiled form of an EventBridge event pattern: frozen values, no behaviour beyond tests.

A pattern is a tree of `ObjectPattern` nodes. Each node constrains the keys of one JSON object
with `FieldTest` (a leaf: the pattern's value array), `NestedTest` (a nested object pattern) and
`OrGroup` (`$or`: at least one branch must hold on the same object). Every leaf condition knows
how to test one event leaf value; which leaf values a field has is decided by the matcher.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any, Literal

# Numbers are compared as floats, the way EventBridge compares them (5 equals 5.0).
# bool is a subclass of int in Python, so every numeric test excludes it explicitly.


NUMERIC_LIMIT = 5.0e9


def comparable(value: float) -> int:
    """A number within ±5e9 the way EventBridge compares it: whole millionths, truncated.

    This is aws/event-ruler's ComparableNumber (`(long) (1e6 * (5e9 + f))`) computed with the
    same IEEE doubles, so equal here means equal there.
    """
    return int(1e6 * (NUMERIC_LIMIT + value))


def number_key(value: float) -> Hashable:
    """The identity of a JSON number for exact matching: `comparable` within ±5e9 (5 equals
    5.0 and 5.0000001), the plain value beyond (EventBridge compares those as text)."""
    if -NUMERIC_LIMIT <= value <= NUMERIC_LIMIT:
        return comparable(value)
    return ("beyond", value)


def is_number(value: object) -> bool:
    """A JSON number from the event: int or float, never a bool."""
    kind = type(value)
    return kind is int or kind is float


def format_path(path: tuple[str | int, ...]) -> str:
    """`("detail", "state", 0)` -> `$.detail.state[0]`: where a problem sits in the pattern."""
    text = "$"
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif re.fullmatch(r"[A-Za-z0-9_$-]+", step):
            text += f".{step}"
        else:
            escaped = step.replace("\\", "\\\\").replace("'", "\\'")
            text += f"['{escaped}']"
    return text


@dataclass(frozen=True)
class PatternError:
    """Why a pattern is invalid: AWS's `InvalidEventPatternException` reason plus where."""

    path: tuple[str | int, ...]
    message: str

    @property
    def location(self) -> str:
        return format_path(self.path)

    def __str__(self) -> str:
        return f"{self.location}: Event pattern is not valid. Reason: {self.message}"


@dataclass(frozen=True)
class ExactValues:
    """Plain values in the pattern array: strings, numbers, booleans and null.

    A string that is an IP address also matches other spellings of that address
    (`2001:db8::1` and `2001:0db8:0:0:0:0:0:1`), as aws/event-ruler turns it into a range.
    """

    strings: frozenset[str]
    numbers: frozenset[Hashable]  # number_key of each number
    true: bool = False
    false: bool = False
    null: bool = False
    addresses: frozenset[ipaddress.IPv4Address | ipaddress.IPv6Address] = frozenset()

    def test(self, value: Any) -> bool:
        kind = type(value)
        if kind is str:
            if value in self.strings:
                return True
            return bool(self.addresses) and ip_address(value) in self.addresses
        if kind is bool:
            return self.true if value else self.false
        if value is None:
            return self.null
        if kind is int or kind is float:
            return number_key(value) in self.numbers
        return False


@dataclass(frozen=True)
class Prefix:
    text: str
    ignore_case: bool = False

    def test(self, value: Any) -> bool:
        if type(value) is not str:
            return False
        if self.ignore_case:
            return value.lower().startswith(self.text.lower())
        return value.startswith(self.text)


@dataclass(frozen=True)
class Suffix:
    text: str
    ignore_case: bool = False

    def test(self, value: Any) -> bool:
        if type(value) is not str:
            return False
        if self.ignore_case:
            return value.lower().endswith(self.text.lower())
        return value.endswith(self.text)


@dataclass(frozen=True)
class EqualsIgnoreCase:
    text: str

    def test(self, value: Any) -> bool:
        return type(value) is str and value.lower() == self.text.lower()


@dataclass(frozen=True)
class Wildcard:
    """`*` matches any run of characters; `\\*` is a literal star, `\\\\` a backslash."""

    text: str
    regex: re.Pattern[str] = field(compare=False, repr=False)

    def test(self, value: Any) -> bool:
        return type(value) is str and self.regex.fullmatch(value) is not None


@dataclass(frozen=True)
class Numeric:
    """A numeric range; `=` is the range [x, x].

    Only JSON numbers within ±5e9 can match, compared to six decimals (`comparable`), as
    EventBridge does: 0.0000001 is not greater than 0, and 6e9 is no number to it.
    """

    lower: float | None = None
    lower_inclusive: bool = False
    upper: float | None = None
    upper_inclusive: bool = False

    def test(self, value: Any) -> bool:
        kind = type(value)
        if kind is not int and kind is not float:
            return False
        if not -NUMERIC_LIMIT <= value <= NUMERIC_LIMIT:
            return False
        key = comparable(value)
        if self.lower is not None:
            lower = comparable(self.lower)
            if key < lower or (key == lower and not self.lower_inclusive):
                return False
        if self.upper is not None:
            upper = comparable(self.upper)
            if key > upper or (key == upper and not self.upper_inclusive):
                return False
        return True


@dataclass(frozen=True)
class Cidr:
    """An IPv4 or IPv6 block; only event strings that are IP addresses of its family match."""

    network: ipaddress.IPv4Network | ipaddress.IPv6Network

    def test(self, value: Any) -> bool:
        if type(value) is not str:
            return False
        address = ip_address(value)
        return (
            address is not None
            and address.version == self.network.version
            and address in self.network
        )


# What event-ruler accepts as an address at all; `ipaddress` is more lenient (zone ids,
# dotted IPv4-mapped IPv6).
_IP_TEXT = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+|[0-9a-fA-F:]*:[0-9a-fA-F:]*")


@functools.lru_cache(maxsize=4096)
def ip_address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a string spells, or None. Cached: events repeat their addresses a lot."""
    if not _IP_TEXT.fullmatch(text):
        return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


AnythingButKind = Literal["values", "prefix", "suffix", "equals-ignore-case", "wildcard"]


@dataclass(frozen=True)
class AnythingBut:
    """Matches every present leaf value except the excluded ones.

    The exclusion is either a set of values (all strings or all numbers), or a prefix, a
    suffix, case-insensitive strings or wildcards. Values of another type are never excluded,
    so `{"anything-but": "x"}` matches the number 5 and null.
    """

    kind: AnythingButKind
    excluded: ExactValues | tuple[Prefix | Suffix | EqualsIgnoreCase | Wildcard, ...]

    def test(self, value: Any) -> bool:
        if isinstance(self.excluded, ExactValues):
            return not self.excluded.test(value)
        return not any(condition.test(value) for condition in self.excluded)


@dataclass(frozen=True)
class Exists:
    """`exists` looks at leaf values only: an object or an empty array counts as absent."""

    present: bool

    def test(self, value: Any) -> bool:  # a leaf value was found: it exists
        return self.present


ValueCondition = Prefix | Suffix | EqualsIgnoreCase | Wildcard | Numeric | Cidr | AnythingBut
Condition = ExactValues | ValueCondition | Exists


@dataclass(frozen=True)
class FieldTest:
    """One leaf of the pattern: the event field must match at least one of `conditions`."""

    key: str
    conditions: tuple[Condition, ...]
    source: tuple[Any, ...]  # the pattern's array as written, for explanations
    path: tuple[str, ...]  # the event field path from the event root


@dataclass(frozen=True)
class NestedTest:
    key: str
    pattern: ObjectPattern


@dataclass(frozen=True)
class OrGroup:
    branches: tuple[ObjectPattern, ...]
    path: tuple[str, ...]  # where the `$or` sits, from the event root


@dataclass(frozen=True)
class ObjectPattern:
    fields: tuple[FieldTest, ...] = ()
    nested: tuple[NestedTest, ...] = ()
    ors: tuple[OrGroup, ...] = ()

    def leaves(self) -> list[FieldTest]:
        """Every FieldTest in the tree, including those inside `$or` branches."""
        found = list(self.fields)
        for nested in self.nested:
            found.extend(nested.pattern.leaves())
        for group in self.ors:
            for branch in group.branches:
                found.extend(branch.leaves())
        return found
