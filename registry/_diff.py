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

from dataclasses import dataclass
from typing import Any, Literal

from eventsmith.events import deep_recursion
from eventsmith.registry._schema_view import SchemaView, accepts

Compatibility = Literal["full", "backward", "forward", "breaking"]


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


def _names(formats: frozenset[str] | None) -> str:
    return " or ".join(sorted(formats or ()))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class _Differ:
    def __init__(self, old_root: Any, new_root: Any) -> None:
        self.old_root, self.new_root = old_root, new_root
        self.changes: list[FieldChange] = []
        self._visited: set[tuple[int, int]] = set()

    def add(
        self, path: str, kind: Any, old: SchemaView, new: SchemaView, compat: Any, reason: str
    ) -> None:
        self.changes.append(FieldChange(path, kind, old.describe(), new.describe(), compat, reason))

    def compare(self, old_schema: Any, new_schema: Any, path: str) -> None:
        old, new = SchemaView(old_schema, self.old_root), SchemaView(new_schema, self.new_root)
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
        self, olds: list[Any], news: list[Any], path: str, old: SchemaView, new: SchemaView
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

    def _kinds(self, old: SchemaView, new: SchemaView, path: str) -> None:
        widened, narrowed = not accepts(old.kinds, new.kinds), not accepts(new.kinds, old.kinds)
        if not (widened or narrowed):
            return
        compat = _widening(narrowed, widened)
        reason = {
            "forward": f"V2 allows {new.describe()} where V1 code expects {old.describe()}",
            "backward": f"V2 code expects {new.describe()} but V1 events may hold {old.describe()}",
            "breaking": "neither version's code reads the other's values",
        }[compat]
        self.add(path, "type", old, new, compat, reason)

    def _enum(self, old: SchemaView, new: SchemaView, path: str) -> None:
        for kind in ("string", "integer", "number", "boolean"):
            if kind in old.kinds and kind in new.kinds:
                self._values(kind, old.allowed(kind), new.allowed(kind), old, new, path)

    def _values(
        self,
        kind: str,
        before: frozenset[str] | None,
        after: frozenset[str] | None,
        old: SchemaView,
        new: SchemaView,
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

    def _format(self, old: SchemaView, new: SchemaView, path: str) -> None:
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

    def _objects(self, old: SchemaView, new: SchemaView, path: str) -> None:
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
                self._added(here, SchemaView(new_props[name], self.new_root), name in new_required)
            elif name not in new_props:
                self._removed(
                    here, SchemaView(old_props[name], self.old_root), name in old_required
                )
            else:
                self.compare(old_props[name], new_props[name], here)
                self._required(here, name in old_required, name in new_required)

    def _added(self, path: str, view: SchemaView, required: bool) -> None:
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

    def _removed(self, path: str, view: SchemaView, required: bool) -> None:
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


@deep_recursion
def diff_schemas(old: dict[str, Any], new: dict[str, Any]) -> SchemaDiff:
    """Field-level changes from `old` to `new` (canonical contents) and the consumer verdict."""
    differ = _Differ(old, new)
    differ.compare(old, new, "")
    changes = tuple(differ.changes)
    return SchemaDiff(changes, combine([c.compatibility for c in changes]))
