"""Compare two schema versions field by field and say which consumers survive the change.

The verdict is about code generated from a schema reading events of the other version:

- `backward`: code generated from the OLD version still reads events of the NEW version;
- `forward`: code generated from the NEW version reads events of the OLD version;
- `full`: both; `breaking`: neither.

Each change gets its own compatibility (rules in docs/schemas.md, "Diff and compatibility") and
the verdict is what holds for all of them together. Two assumptions make the rules precise:
generated code ignores fields it does not know, and a field a schema does not list is absent
from its events (discovered schemas list every field ever seen).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from .subschemas import resolve_pointer

Compatibility = Literal["full", "backward", "forward", "breaking"]
ALL_KINDS = frozenset({"null", "boolean", "integer", "number", "string", "array", "object"})
_KIND_ORDER = ("object", "array", "string", "number", "integer", "boolean", "null")


@dataclass(frozen=True)
class FieldChange:
    """One difference. `path` is dotted (`detail.order.total`; `[]` array items, `*` map
    values; "" the event itself); `old`/`new` describe the field on each side."""

    path: str
    kind: Literal["added", "removed", "type", "required", "enum", "format", "shape"]
    old: str | None
    new: str | None
    compatibility: Compatibility
    reason: str


@dataclass(frozen=True)
class SchemaDiff:
    changes: tuple[FieldChange, ...]
    verdict: Compatibility

    @property
    def added(self) -> tuple[FieldChange, ...]:
        return tuple(c for c in self.changes if c.kind == "added")

    @property
    def removed(self) -> tuple[FieldChange, ...]:
        return tuple(c for c in self.changes if c.kind == "removed")

    @property
    def changed(self) -> tuple[FieldChange, ...]:
        return tuple(c for c in self.changes if c.kind not in ("added", "removed"))


def combine(compatibilities: list[Compatibility]) -> Compatibility:
    """What holds for all changes together: each direction must hold for every change."""
    backward = all(c in ("full", "backward") for c in compatibilities)
    forward = all(c in ("full", "forward") for c in compatibilities)
    if backward and forward:
        return "full"
    return "backward" if backward else "forward" if forward else "breaking"


def _widening(old_allows_more: bool, new_allows_more: bool) -> Compatibility:
    """Compatibility of a change to the set of values a field may hold."""
    if old_allows_more and new_allows_more:
        return "breaking"
    if new_allows_more:
        return "forward"  # old code meets values it does not know
    return "backward"  # new code may meet old values it no longer accepts


class _View:
    """What a diff needs to know about one schema: kinds, enum, format, object and array parts."""

    def __init__(self, schema: Any, root: Any) -> None:
        self.root = root
        self.schema = _resolve(schema, root)
        self.kinds = self._kinds(self.schema)
        self.enum = self._enum(self.schema)
        fmt = self.schema.get("format")
        self.format = fmt if isinstance(fmt, str) and "string" in self.kinds else None
        self.object = self._part(self.schema, "object")
        self.array = self._part(self.schema, "array")

    def _branches(self, schema: dict[str, Any], depth: int = 0) -> list[dict[str, Any]]:
        """anyOf/oneOf alternatives, nested ones flattened (an anyOf of anyOfs is one list)."""
        branches = schema.get("anyOf") or schema.get("oneOf") or []
        if not isinstance(branches, list) or depth > 32:
            return []
        flat = []
        for branch in (_resolve(b, self.root) for b in branches):
            inner = self._branches(branch, depth + 1) if "type" not in branch else []
            flat.extend(inner or [branch])
        return flat

    def _kinds(self, schema: dict[str, Any]) -> frozenset[str]:
        kind = schema.get("type")
        if isinstance(kind, str):
            return frozenset({kind})
        if isinstance(kind, list):
            return frozenset(kind)
        if "enum" in schema and isinstance(schema["enum"], list):
            return frozenset(_kind_of(value) for value in schema["enum"])
        if "const" in schema:
            return frozenset({_kind_of(schema["const"])})
        branches = self._branches(schema)
        if branches:
            return frozenset().union(*(self._kinds(b) for b in branches))
        if "properties" in schema or "additionalProperties" in schema:
            return frozenset({"object"})
        if "items" in schema:
            return frozenset({"array"})
        return ALL_KINDS

    @staticmethod
    def _enum(schema: dict[str, Any]) -> frozenset[str] | None:
        if isinstance(schema.get("enum"), list):
            return frozenset(json.dumps(value, sort_keys=True) for value in schema["enum"])
        if "const" in schema:
            return frozenset({json.dumps(schema["const"], sort_keys=True)})
        return None

    def _part(self, schema: dict[str, Any], kind: str) -> dict[str, Any] | None:
        parts = self.parts(kind)
        return parts[0] if parts else None

    def parts(self, kind: str) -> list[dict[str, Any]]:
        """The anyOf/oneOf branches that hold values of `kind` (the schema itself if none)."""
        if kind not in self.kinds:
            return []
        branches = [b for b in self._branches(self.schema) if kind in self._kinds(b)]
        return branches or [self.schema]

    def allowed(self, kind: str) -> frozenset[str] | None:
        """The values of `kind` an enum limits this field to; None when any value goes."""
        values: set[str] = set()
        for part in self.parts(kind):
            enum = self._enum(part)
            if enum is None:
                return None
            values |= {v for v in enum if _accepts(frozenset({kind}), _kind_of_json(v))}
        return frozenset(values)

    def formats(self) -> frozenset[str] | None:
        """The string formats a string must have (one of); None when any string goes."""
        found: set[str] = set()
        for part in self.parts("string"):
            fmt = part.get("format")
            if not isinstance(fmt, str):
                return None
            found.add(fmt)
        return frozenset(found)

    @property
    def shape(self) -> str:
        """`record` (named properties), `map` (additionalProperties schema) or `free`."""
        part = self.object or {}
        if isinstance(part.get("properties"), dict):
            return "record"
        return "map" if isinstance(part.get("additionalProperties"), dict) else "free"

    def describe(self) -> str:
        if self.kinds == ALL_KINDS:
            return "any"
        names = []
        for kind in sorted(self.kinds, key=_KIND_ORDER.index):
            if kind == "string" and self.format:
                names.append(f"string ({self.format})")
            elif kind == "object" and self.shape == "map":
                names.append("map")
            elif kind == "array":
                items = _View((self.array or {}).get("items", {}), self.root)
                names.append(f"array of {items.describe()}")
            else:
                names.append(kind)
        text = " | ".join(names)
        if self.enum is not None:
            text += " enum " + ", ".join(sorted(self.enum))
        return text


def _kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else "string"


def _kind_of_json(text: str) -> frozenset[str]:
    return frozenset({_kind_of(json.loads(text))})


def _names(formats: frozenset[str] | None) -> str:
    return " or ".join(sorted(formats or ()))


def _resolve(schema: Any, root: Any) -> dict[str, Any]:
    seen = set()
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        ref = schema["$ref"]
        if ref in seen:
            break
        seen.add(ref)
        try:
            schema = resolve_pointer(root, ref)
        except KeyError:
            return {}
    if schema is True or not isinstance(schema, dict):
        return {} if schema is not False else {"not": {}}
    return schema


def _accepts(wide: frozenset[str], narrow: frozenset[str]) -> bool:
    """Every value of a kind in `narrow` is accepted by some kind in `wide`."""
    return all(k in wide or (k == "integer" and "number" in wide) for k in narrow)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class _Differ:
    def __init__(self, old_root: Any, new_root: Any) -> None:
        self.old_root, self.new_root = old_root, new_root
        self.changes: list[FieldChange] = []
        self._visited: set[tuple[int, int]] = set()

    def add(self, path: str, kind: Any, old: _View, new: _View, compat: Any, reason: str) -> None:
        self.changes.append(FieldChange(path, kind, old.describe(), new.describe(), compat, reason))

    def compare(self, old_schema: Any, new_schema: Any, path: str) -> None:
        old, new = _View(old_schema, self.old_root), _View(new_schema, self.new_root)
        key = (id(old.schema), id(new.schema))
        if key in self._visited:
            return  # a recursive $ref already being compared
        self._visited.add(key)
        self._kinds(old, new, path)
        self._enum(old, new, path)
        self._format(old, new, path)
        for kind in ("object", "array"):
            olds, news = old.parts(kind), new.parts(kind)
            if len(olds) > 1 or len(news) > 1:
                self._alternatives(olds, news, path, old, new)
            elif olds and news and kind == "object":
                self._objects(old, new, path)
            elif olds and news and ("items" in olds[0] or "items" in news[0]):
                self.compare(olds[0].get("items", {}), news[0].get("items", {}), path + "[]")
        self._visited.discard(key)

    def _alternatives(
        self, olds: list[Any], news: list[Any], path: str, old: _View, new: _View
    ) -> None:
        """Several anyOf branches of one kind: each value must find a branch that reads it."""

        def verdict(old_branch: Any, new_branch: Any) -> Compatibility:
            sub = _Differ(self.old_root, self.new_root)
            sub._visited = set(self._visited)
            sub.compare(old_branch, new_branch, path)
            return combine([c.compatibility for c in sub.changes])

        verdicts = {(i, j): verdict(o, n) for i, o in enumerate(olds) for j, n in enumerate(news)}
        backward = all(
            any(verdicts[i, j] in ("full", "backward") for i in range(len(olds)))
            for j in range(len(news))
        )
        forward = all(
            any(verdicts[i, j] in ("full", "forward") for j in range(len(news)))
            for i in range(len(olds))
        )
        if backward and forward:
            return
        compat: Compatibility = "backward" if backward else "forward" if forward else "breaking"
        reason = "the alternatives (anyOf) changed: " + (
            "every V2 alternative is readable by V1 code"
            if backward
            else "every V1 alternative is readable by V2 code"
            if forward
            else "some values of each version fit no alternative of the other"
        )
        self.add(path, "shape", old, new, compat, reason)

    def _kinds(self, old: _View, new: _View, path: str) -> None:
        widened, narrowed = not _accepts(old.kinds, new.kinds), not _accepts(new.kinds, old.kinds)
        if not (widened or narrowed):
            return
        compat = _widening(narrowed, widened)
        reason = {
            "forward": f"V2 allows {new.describe()} where V1 code expects {old.describe()}",
            "backward": f"V2 code expects {new.describe()} but V1 events may hold {old.describe()}",
            "breaking": "neither version's code reads the other's values",
        }[compat]
        self.add(path, "type", old, new, compat, reason)

    def _enum(self, old: _View, new: _View, path: str) -> None:
        for kind in ("string", "integer", "number", "boolean"):
            if kind in old.kinds and kind in new.kinds:
                self._values(kind, old.allowed(kind), new.allowed(kind), old, new, path)

    def _values(
        self,
        kind: str,
        before: frozenset[str] | None,
        after: frozenset[str] | None,
        old: _View,
        new: _View,
        path: str,
    ) -> None:
        if before == after:
            return
        if before is None or after is None:
            lifted = after is None
            compat = _widening(not lifted, lifted)
            reason = f"V2 {'lifts' if lifted else 'sets'} the list of allowed {kind} values"
        else:
            added, dropped = after - before, before - after
            compat = _widening(bool(dropped), bool(added))
            parts = []
            if added:
                parts.append(f"new values {', '.join(sorted(added))} (V1 code does not know them)")
            if dropped:
                parts.append(f"values {', '.join(sorted(dropped))} gone (V2 code rejects them)")
            reason = "; ".join(parts)
        self.add(path, "enum", old, new, compat, reason)

    def _format(self, old: _View, new: _View, path: str) -> None:
        if "string" not in old.kinds or "string" not in new.kinds:
            return
        before, after = old.formats(), new.formats()
        if before == after:
            return
        compat = _widening(
            after is not None and (before is None or not before <= after),
            before is not None and (after is None or not after <= before),
        )
        if before is None:
            reason = f"V2 code expects {_names(after)} strings, V1 had any string"
        elif after is None:
            reason = f"V2 allows any string where V1 code expects {_names(before)}"
        else:
            reason = f"format {_names(before)} became {_names(after)}"
        self.add(path, "format", old, new, compat, reason)

    def _objects(self, old: _View, new: _View, path: str) -> None:
        old_part, new_part = old.object or {}, new.object or {}
        if old.shape != new.shape:
            shapes = {"record": "named fields", "map": "a map", "free": "any object"}
            if new.shape == "free" or old.shape == "free":
                compat: Compatibility = "forward" if new.shape == "free" else "backward"
            else:
                compat = "breaking"
            reason = f"{shapes[old.shape]} became {shapes[new.shape]}"
            self.add(path, "shape", old, new, compat, reason)
            return
        if new.shape == "map":
            self.compare(
                old_part["additionalProperties"], new_part["additionalProperties"], path + ".*"
            )
        elif new.shape == "record":
            self._fields(old_part, new_part, path)

    def _fields(self, old: dict[str, Any], new: dict[str, Any], path: str) -> None:
        old_props, new_props = old["properties"], new["properties"]
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        for name in [*old_props, *(n for n in new_props if n not in old_props)]:
            here = _join(path, name)
            if name not in old_props:
                self._added(here, _View(new_props[name], self.new_root), name in new_required)
            elif name not in new_props:
                self._removed(here, _View(old_props[name], self.old_root), name in old_required)
            else:
                self.compare(old_props[name], new_props[name], here)
                self._required(here, name in old_required, name in new_required)

    def _added(self, path: str, view: _View, required: bool) -> None:
        text = f"{'required' if required else 'optional'} {view.describe()}"
        if required:
            compat: Compatibility = "backward"
            reason = "new required field: V1 events lack it, so V2 code cannot read them"
        else:
            compat, reason = (
                "full",
                "new optional field: V1 code ignores it, V2 code can do without",
            )
        self.changes.append(FieldChange(path, "added", None, text, compat, reason))

    def _removed(self, path: str, view: _View, required: bool) -> None:
        text = f"{'required' if required else 'optional'} {view.describe()}"
        if required:
            compat: Compatibility = "forward"
            reason = "required field removed: V1 code needs it and V2 events lack it"
        else:
            compat, reason = "full", "optional field removed: no code relied on it being there"
        self.changes.append(FieldChange(path, "removed", text, None, compat, reason))

    def _required(self, path: str, was: bool, now: bool) -> None:
        if was == now:
            return
        compat: Compatibility
        if now:
            old, new, compat = "optional", "required", "backward"
            reason = "now always present: V2 code fails on V1 events that lack it"
        else:
            old, new, compat = "required", "optional", "forward"
            reason = "may now be missing: V1 code expects it in every event"
        self.changes.append(FieldChange(path, "required", old, new, compat, reason))


def diff_schemas(old: dict[str, Any], new: dict[str, Any]) -> SchemaDiff:
    """Field-level changes from `old` to `new` (canonical contents) and the consumer verdict."""
    differ = _Differ(old, new)
    differ.compare(old, new, "")
    changes = tuple(differ.changes)
    return SchemaDiff(changes, combine([c.compatibility for c in changes]))
