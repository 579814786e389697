"""Schema inference: a JSON Schema 2020-12 fragment from any number of JSON values.

`Shape` is a per-position accumulator of plain counters, merged by addition, AND (formats) and
set union (distinct strings, keys). That makes merging commutative and associative, and every
choice that depends on what was seen (map or struct, enum or not, required or optional) is made
once at the end by `Shape.to_schema`, from the merged state only, so the order of events cannot
change the result. Memory is bounded: distinct strings are tracked up to `ENUM_MAX_VALUES`, and an
object position holding more than `MAX_OBJECT_KEYS` distinct keys is collapsed into a map at once
(a monotone condition, so collapsing early and collapsing at the end agree).

The hot path (`Shape.add`) dispatches on `type(value) is ...` and touches only counters: discovery
speed is this loop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from eventsmith.registry._data_keys import looks_like_map
from eventsmith.registry._schema_form import Schema, compose, map_part, object_part, string_part
from eventsmith.registry._string_formats import ALL_FORMATS, format_mask, format_name, single_check

MAX_DEPTH = 255
"""Deepest container nesting inferred (EventBridge's own limit); deeper values accept anything."""
MAX_OBJECT_KEYS = 256
"""Distinct keys at one object position beyond which it is a map whatever the keys look like."""
ENUM_MAX_VALUES = 16
ENUM_MIN_SAMPLES = 10
ENUM_MIN_REPEATS = 3
"""An enum needs each distinct value seen this many times on average: ids are not enums."""

_local = threading.local()


def _note_too_deep() -> None:
    _local.too_deep = getattr(_local, "too_deep", 0) + 1


def too_deep_count() -> int:
    """How many values this thread has cut off at MAX_DEPTH so far (compare before/after)."""
    count: int = getattr(_local, "too_deep", 0)
    return count


def exceeds_max_depth(document: Any) -> bool:
    """True when containers nest deeper than MAX_DEPTH in `document` (iterative: no recursion)."""
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children: Iterable[Any] = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > MAX_DEPTH:
            return True
        pending.extend((child, depth + 1) for child in children)
    return False


class Shape:
    """What was seen at one position of the documents: counters per kind, children per key."""

    __slots__ = (
        "arrays",
        "bools",
        "check",
        "floats",
        "formats",
        "ints",
        "items",
        "map_values",
        "nulls",
        "objects",
        "opaque",
        "props",
        "strings",
        "values",
    )

    def __init__(self) -> None:
        self.nulls = 0
        self.bools = 0
        self.ints = 0
        self.floats = 0
        self.strings = 0
        self.formats = ALL_FORMATS  # identity for AND: no string seen yet excludes nothing
        self.check: Callable[[str], object] | None = None  # the test when one format is left
        self.values: set[str] | None = set()  # None once more than ENUM_MAX_VALUES were seen
        self.arrays = 0
        self.items: Shape | None = None  # None while every array seen was empty
        self.objects = 0
        self.props: dict[str, Shape] | None = None
        self.map_values: Shape | None = None  # set once the position collapsed into a map
        self.opaque = 0  # values cut off below MAX_DEPTH (or not JSON): accept anything

    def add(self, value: Any, depth: int) -> None:
        """Record one value found at nesting `depth` (the document itself is depth 1)."""
        kind = type(value)
        if kind is str:
            self._add_string(value)
        elif kind is dict:
            self._add_object(value, depth)
        elif kind is list:
            self._add_array(value, depth)
        elif kind is int:
            self.ints += 1
        elif kind is float:
            self.floats += 1
        elif kind is bool:
            self.bools += 1
        elif value is None:
            self.nulls += 1
        else:
            self.opaque += 1

    def _add_string(self, value: str) -> None:
        self.strings += 1
        check = self.check
        if check is not None:
            if not check(value):
                self.formats = 0
                self.check = None
        elif self.formats:
            self._narrow_formats(value)
        values = self.values
        if values is not None and value not in values:
            if len(values) < ENUM_MAX_VALUES:
                values.add(value)
            else:
                self.values = None

    def _narrow_formats(self, value: str) -> None:
        self.formats = mask = format_mask(value, self.formats)
        self.check = single_check(mask)

    # The two loops below repeat the scalar cases of `add` inline: most values are leaves, and
    # a Python call per leaf would cost about a third of discovery's time.

    def _add_object(self, value: dict[str, Any], depth: int) -> None:
        if depth > MAX_DEPTH:
            self.opaque += 1
            _note_too_deep()
            return
        self.objects += 1
        if self.map_values is not None:
            self._add_map_values(value, depth + 1)
            return
        props = self.props
        if props is None:
            props = self.props = {}
        inner = depth + 1
        for key, item in value.items():
            try:
                child = props[key]
            except KeyError:
                if len(props) >= MAX_OBJECT_KEYS:
                    self._collapse()
                    self._add_map_values(value, inner, start=key)
                    return
                child = props[key] = Shape()
            kind = type(item)
            if kind is str:
                child.strings += 1
                check = child.check
                if check is not None:
                    if not check(item):
                        child.formats = 0
                        child.check = None
                elif child.formats:
                    child._narrow_formats(item)
                values = child.values
                if values is not None and item not in values:
                    if len(values) < ENUM_MAX_VALUES:
                        values.add(item)
                    else:
                        child.values = None
            elif kind is int:
                child.ints += 1
            elif item is None:
                child.nulls += 1
            elif kind is dict:
                child._add_object(item, inner)
            elif kind is list:
                child._add_array(item, inner)
            elif kind is float:
                child.floats += 1
            elif kind is bool:
                child.bools += 1
            else:
                child.opaque += 1

    def _add_array(self, value: list[Any], depth: int) -> None:
        if depth > MAX_DEPTH:
            self.opaque += 1
            _note_too_deep()
            return
        self.arrays += 1
        if not value:
            return
        items = self.items
        if items is None:
            items = self.items = Shape()
        inner = depth + 1
        for item in value:
            kind = type(item)
            if kind is str:
                items._add_string(item)
            elif kind is dict:
                items._add_object(item, inner)
            elif kind is int:
                items.ints += 1
            elif kind is list:
                items._add_array(item, inner)
            else:
                items.add(item, inner)

    def _add_map_values(self, value: dict[str, Any], depth: int, start: str | None = None) -> None:
        target = self.map_values
        assert target is not None
        skipping = start is not None
        for key, item in value.items():
            if skipping:
                if key != start:
                    continue
                skipping = False
            target.add(item, depth)

    def _collapse(self) -> None:
        values = Shape()
        for child in (self.props or {}).values():
            values.absorb(child)
        self.props = None
        self.map_values = values

    # -- merging ---------------------------------------------------------------------------

    def absorb(self, other: Shape) -> None:
        """Add everything `other` saw into this shape (other is left untouched)."""
        self.nulls += other.nulls
        self.bools += other.bools
        self.ints += other.ints
        self.floats += other.floats
        self.strings += other.strings
        self.formats &= other.formats
        self.check = single_check(self.formats)
        if self.values is None or other.values is None:
            self.values = None
        else:
            self.values |= other.values
            if len(self.values) > ENUM_MAX_VALUES:
                self.values = None
        self.arrays += other.arrays
        if other.items is not None:
            if self.items is None:
                self.items = Shape()
            self.items.absorb(other.items)
        self.objects += other.objects
        self.opaque += other.opaque
        self._absorb_keys(other)

    def _absorb_keys(self, other: Shape) -> None:
        if other.props is None and other.map_values is None:
            return
        if self.map_values is None and other.map_values is None:
            props = self.props if self.props is not None else {}
            self.props = props
            for key, child in (other.props or {}).items():
                mine = props.get(key)
                if mine is None:
                    mine = props[key] = Shape()
                mine.absorb(child)
            if len(props) > MAX_OBJECT_KEYS:
                self._collapse()
            return
        if self.map_values is None:
            self._collapse()
        assert self.map_values is not None
        if other.map_values is not None:
            self.map_values.absorb(other.map_values)
        for child in (other.props or {}).values():
            self.map_values.absorb(child)

    def merged(self, other: Shape) -> Shape:
        """A new shape that saw what both saw."""
        result = Shape()
        result.absorb(self)
        result.absorb(other)
        return result

    # -- the schema ------------------------------------------------------------------------

    def seen(self) -> int:
        """How many values were recorded here (a key's presence count)."""
        return (
            self.nulls
            + self.bools
            + self.ints
            + self.floats
            + self.strings
            + self.arrays
            + self.objects
            + self.opaque
        )

    def kinds(self) -> frozenset[str]:
        found = {
            "boolean": self.bools,
            "number": self.ints + self.floats,
            "string": self.strings,
            "array": self.arrays,
            "object": self.objects,
            "any": self.opaque,
        }
        return frozenset(kind for kind, count in found.items() if count)

    def to_schema(self, enums: bool = False) -> Schema:
        if self.opaque:
            return {}
        parts: dict[str, Schema] = {}
        if self.bools:
            parts["boolean"] = {"type": "boolean"}
        if self.floats:
            parts["number"] = {"type": "number"}
        elif self.ints:
            parts["number"] = {"type": "integer"}
        if self.strings:
            parts["string"] = string_part(
                format_name(self.formats), self._enum() if enums else None
            )
        if self.arrays:
            items = self.items.to_schema(enums) if self.items is not None else {}
            parts["array"] = {"type": "array", "items": items}
        if self.objects:
            parts["object"] = self._object_schema(enums)
        return compose(parts, self.nulls > 0)

    def _enum(self) -> list[str] | None:
        values = self.values
        if values is None or self.formats or self.strings < ENUM_MIN_SAMPLES:
            return None
        if len(values) * ENUM_MIN_REPEATS > self.strings:
            return None
        return sorted(values)

    def _object_schema(self, enums: bool) -> Schema:
        if self.map_values is not None:
            return map_part(self.map_values.to_schema(enums))
        props = self.props or {}
        children = props.values()
        if looks_like_map(
            props.keys(), [c.seen() for c in children], [c.kinds() for c in children], self.objects
        ):
            values = Shape()
            for child in props.values():
                values.absorb(child)
            return map_part(values.to_schema(enums))
        properties = {key: child.to_schema(enums) for key, child in props.items()}
        required = [key for key, child in props.items() if child.seen() == self.objects]
        return object_part(properties, required)


class SchemaInferrer:
    """Accumulates the documents of one schema; `schema()` can be asked for at any time."""

    __slots__ = ("_root", "count")

    def __init__(self) -> None:
        self._root = Shape()
        self.count = 0

    def add(self, document: Any) -> None:
        """Record one document. Parts nested deeper than MAX_DEPTH are recorded as "anything"
        (so the schema stays sound); `too_deep_count()` tells the caller it happened."""
        self._root.add(document, 1)
        self.count += 1

    def merged(self, other: SchemaInferrer) -> SchemaInferrer:
        result = SchemaInferrer()
        result._root = self._root.merged(other._root)
        result.count = self.count + other.count
        return result

    def schema(self, enums: bool = False) -> Schema:
        return self._root.to_schema(enums)


def infer_schema(documents: Iterable[Any], enums: bool = False) -> Schema:
    """The schema of `documents` (no `$schema`/title: callers add the envelope they need)."""
    inferrer = SchemaInferrer()
    for document in documents:
        inferrer.add(document)
    return inferrer.schema(enums)
