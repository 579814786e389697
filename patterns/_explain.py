"""Why an event does not match a pattern: every failed condition, with the field path.

The walk mirrors `_match.py` step by step but does not stop at the first failure. For an array
of objects it explains the element that came closest (fewest failed conditions), naming it by
index, so the reason points at a real place in the event.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from eventsmith.patterns._match import (
    MISSING,
    RawTest,
    expand_dotted,
    field_test,
    leaf_values,
    object_elements,
)
from eventsmith.patterns._model import FieldTest, ObjectPattern, OrGroup
from eventsmith.patterns._parse import Pattern

_SHOWN_LIMIT = 120  # characters of an event value quoted in a reason


def _json(value: Any) -> str:
    try:
        text = orjson.dumps(value).decode()
    except orjson.JSONEncodeError:  # nested deeper than orjson writes (255 levels)
        text = _json_prefix(value, _SHOWN_LIMIT + 1)
    return text if len(text) <= _SHOWN_LIMIT else text[: _SHOWN_LIMIT - 1] + "…"


def _json_prefix(value: Any, limit: int) -> str:
    """The first `limit` or so characters of `value` as JSON, however deep it nests (no
    recursion: events may nest deeper than Python's recursion limit)."""
    parts: list[str] = []
    size = 0
    pending: list[Any] = [value]
    while pending and size < limit:
        item = pending.pop()
        if isinstance(item, _Raw):
            text = item.text
        elif isinstance(item, dict):
            text = "{"
            pending.append(_Raw("}"))
            for index, (key, child) in reversed(list(enumerate(item.items()))):
                pending.append(child)
                pending.append(_Raw(("," if index else "") + orjson.dumps(key).decode() + ":"))
        elif isinstance(item, list):
            text = "["
            pending.append(_Raw("]"))
            for index, child in reversed(list(enumerate(item))):
                pending.append(child)
                if index:
                    pending.append(_Raw(","))
        else:
            text = orjson.dumps(item).decode()
        parts.append(text)
        size += len(text)
    return "".join(parts)


@dataclass(frozen=True)
class _Raw:
    text: str


@dataclass(frozen=True)
class Reason:
    """One failed condition. `actual` is the event's value as JSON, None when it is missing.

    For a failed `$or`, `branches` holds the reasons of each branch in order.
    """

    path: str
    expected: str
    actual: str | None
    branches: tuple[tuple[Reason, ...], ...] = ()

    @property
    def text(self) -> str:
        if self.branches:
            where = self.path or "event"
            return f"{where}: none of the {len(self.branches)} $or branches matched"
        if self.actual is None:
            return f"{self.path}: expected {self.expected}, but the field is missing"
        return f"{self.path}: expected {self.expected}, got {self.actual}"

    def lines(self, indent: str = "") -> list[str]:
        """The reason as text lines, `$or` branches indented beneath it."""
        found = [indent + self.text]
        for number, branch in enumerate(self.branches, start=1):
            found.append(f"{indent}  branch {number}:")
            for reason in branch:
                found.extend(reason.lines(indent + "    "))
        return found


def explain(pattern: Pattern, event: Mapping[str, Any]) -> tuple[Reason, ...]:
    """Every failed condition of `pattern` on `event`; empty when the event matches.

    For many events, build an `Explainer` once instead.
    """
    return Explainer(pattern)(event)


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


class Explainer:
    """`explain` for one pattern with its field tests compiled once; call it per event."""

    def __init__(self, pattern: Pattern) -> None:
        self._root = pattern.root
        # Keyed by identity: the fields live as long as `self._root` does.
        leaves = self._root.leaves()
        self._tests: dict[int, RawTest] = {id(field): field_test(field) for field in leaves}
        self._expected = {id(field): _json(list(field.source)) for field in leaves}

    def __call__(self, event: Mapping[str, Any]) -> tuple[Reason, ...]:
        return tuple(self._object(self._root, expand_dotted(event), ""))

    def _object(self, node: ObjectPattern, event: Mapping[str, Any], prefix: str) -> list[Reason]:
        reasons: list[Reason] = []
        for field in node.fields:
            reason = self._field(field, event.get(field.key, MISSING), _join(prefix, field.key))
            if reason is not None:
                reasons.append(reason)
        for nested in node.nested:
            raw = event.get(nested.key, MISSING)
            reasons.extend(self._nested(nested.pattern, raw, _join(prefix, nested.key)))
        for group in node.ors:
            reasons.extend(self._or(group, event, prefix))
        return reasons

    def _field(self, field: FieldTest, raw: Any, path: str) -> Reason | None:
        if self._tests[id(field)](raw):
            return None
        expected = self._expected[id(field)]
        if raw is MISSING:
            return Reason(path, expected, None)
        if isinstance(raw, list) and not leaf_values(raw) and not object_elements(raw):
            return Reason(path, expected, "[]")
        return Reason(path, expected, _json(raw))

    def _nested(self, node: ObjectPattern, raw: Any, path: str) -> list[Reason]:
        if isinstance(raw, dict):
            return self._object(node, raw, path)
        if isinstance(raw, list):
            elements = object_elements(raw)
            if elements:
                attempts = [
                    self._object(node, element, f"{path}[{index}]")
                    for index, element in enumerate(elements)
                ]
                if any(not attempt for attempt in attempts):
                    return []
                return min(attempts, key=len)
        return self._object(node, {}, path)

    def _or(self, group: OrGroup, event: Mapping[str, Any], prefix: str) -> list[Reason]:
        branches = [tuple(self._object(branch, event, prefix)) for branch in group.branches]
        if any(not branch for branch in branches):
            return []
        where = _join(prefix, "$or")
        return [Reason(where, "any branch to match", None, tuple(branches))]
