"""Many rules compiled once and matched together, through an index on exact values.

aws/event-ruler compiles all rules into one state machine so that matching time does not
grow with the number of rules. We keep the idea that pays off in Python: every rule that has
an exact-value field outside any `$or` (say `source` or `detail-type`) is filed under one such
field path and its values, the *anchor*. An event then looks up its own values at the anchor
paths and only the rules filed under them, plus the few rules without an anchor, are run.

An anchor is a necessary condition of its rule (the event must hold one of those values
somewhere at that path), so the candidates are a superset of the matches and the full matcher
decides: a RuleSet returns exactly what the single matcher returns, rule by rule.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from eventsmith.patterns._compile import compile_matcher
from eventsmith.patterns._match import MISSING as _MISSING
from eventsmith.patterns._match import EventTest, crushed, expand_dotted
from eventsmith.patterns._model import ExactValues, FieldTest, ObjectPattern, number_key
from eventsmith.patterns._parse import Pattern

FieldPath = tuple[str, ...]


def value_key(value: Any) -> Hashable:
    """An index key under which equal JSON scalars meet: 5 and 5.0 share one, True and 1 do not."""
    kind = type(value)
    if kind is str:
        return str(value)
    if kind is int or kind is float:
        return number_key(value)
    return (kind.__name__, value)  # bool and None, kept apart from numbers


@dataclass(frozen=True)
class _Anchor:
    path: FieldPath
    values: tuple[Any, ...]
    field: FieldTest


def _anchor_candidates(node: ObjectPattern) -> list[_Anchor]:
    """Exact-only fields every match must satisfy: outside `$or`, no operators, no `exists`."""
    found: list[_Anchor] = []
    for field in node.fields:
        exact = field.conditions[0]
        # IP addresses match other spellings of themselves, which an index on text would miss.
        if len(field.conditions) == 1 and isinstance(exact, ExactValues) and not exact.addresses:
            found.append(_Anchor(field.path, tuple(_exact_source(field)), field))
    for nested in node.nested:
        found.extend(_anchor_candidates(nested.pattern))
    return found


def _exact_source(field: FieldTest) -> list[Any]:
    return [value for value in field.source if not isinstance(value, dict | list)]


def _values_at(event: Any, path: FieldPath) -> list[Any]:
    """Every scalar at `path`, walking through arrays at any level (arrays are crushed)."""
    current = [event]
    for key in path:
        following: list[Any] = []
        for item in current:
            if isinstance(item, dict):
                if key in item:
                    following.append(item[key])
            elif isinstance(item, list):
                following.extend(
                    element[key]
                    for element in crushed(item)
                    if isinstance(element, dict) and key in element
                )
        current = following
        if not current:
            return current
    values: list[Any] = []
    for item in current:
        if isinstance(item, list):
            values.extend(element for element in crushed(item) if not isinstance(element, dict))
        elif not isinstance(item, dict):
            values.append(item)
    return values


class RuleSet:
    """Named patterns compiled together; `matching(event)` gives the names that match."""

    def __init__(self, rules: Mapping[str, Pattern] | Iterable[tuple[str, Pattern]]) -> None:
        items = list(rules.items() if isinstance(rules, Mapping) else rules)
        self.names: tuple[str, ...] = tuple(name for name, _ in items)
        self._tests: list[EventTest] = []
        candidates = [_anchor_candidates(pattern.root) for _, pattern in items]
        popularity = Counter(
            (anchor.path, value_key(value))
            for options in candidates
            for anchor in options
            for value in anchor.values
        )
        self._index: dict[FieldPath, dict[Hashable, list[int]]] = {}
        unanchored: list[int] = []
        for rule, options in enumerate(candidates):
            root = items[rule][1].root
            if not options:
                unanchored.append(rule)
                self._tests.append(compile_matcher(root, dotted_events=False))
                continue
            # The rarest anchor leaves the fewest rules to run for a typical event.
            best = min(
                options,
                key=lambda a: sum(popularity[(a.path, value_key(v))] for v in a.values),
            )
            if len(best.path) == 1:
                # A hit at a top-level path already proves that field: test only the rest.
                remaining = tuple(field for field in root.fields if field is not best.field)
                root = dataclasses.replace(root, fields=remaining)
            self._tests.append(compile_matcher(root, dotted_events=False))
            by_value = self._index.setdefault(best.path, {})
            for value in best.values:
                rules_here = by_value.setdefault(value_key(value), [])
                if rule not in rules_here:
                    rules_here.append(rule)
        self._unanchored = tuple(unanchored)
        self._lookup = _generate_lookup(self._index)

    def __len__(self) -> int:
        return len(self.names)

    def matching_indices(self, event: Mapping[str, Any]) -> list[int]:
        """Positions (in rule order) of the rules that match `event`."""
        tests = self._tests
        event = expand_dotted(event)
        matched = [rule for rule in self._lookup(event) if tests[rule](event)]
        if self._unanchored:
            matched.extend(rule for rule in self._unanchored if tests[rule](event))
        if len(matched) > 1:
            matched.sort()
        return matched

    def matching(self, event: Mapping[str, Any]) -> list[str]:
        """Names of the rules that match `event`, in the order the rules were given."""
        return [self.names[rule] for rule in self.matching_indices(event)]


def _add_slow_hits(
    event: Any, path: FieldPath, by_value: dict[Hashable, list[int]], hits: list[int]
) -> None:
    for value in _values_at(event, path):
        hit = by_value.get(value_key(value))
        if hit:
            hits.extend(hit)


class _Trie:
    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.path: FieldPath | None = None


def _generate_lookup(index: dict[FieldPath, dict[Hashable, list[int]]]) -> Any:
    """One generated function that walks every anchor path at once, as a trie.

    Plain objects and a string at the end are read inline; anything else at a path (an
    array, a number, null) goes through `_values_at`, which crushes arrays.
    """
    trie = _Trie()
    for path in index:
        node = trie
        for key in path:
            node = node.children.setdefault(key, _Trie())
        node.path = path
    namespace: dict[str, Any] = {"MISSING": _MISSING, "SLOW": _add_slow_hits}
    # Each rule sits under one path, so only the slow path (arrays) can hit a rule twice.
    lines = ["def lookup(event):", "    hits = []", "    slow = []"]
    counter = iter(range(1_000_000))

    def constant(value: Any) -> str:
        name = f"c{next(counter)}"
        namespace[name] = value
        return name

    def paths_below(node: _Trie) -> list[FieldPath]:
        found = [node.path] if node.path is not None else []
        for child in node.children.values():
            found.extend(paths_below(child))
        return found

    def emit(node: _Trie, var: str, depth: int) -> None:
        pad = "    " * depth
        for key, child in node.children.items():
            value = f"v{next(counter)}"
            lines.append(f"{pad}{value} = {var}.get({key!r}, MISSING)")
            if child.path is not None:
                path = child.path
                by_value = constant(index[path])
                lines.append(f"{pad}if {value}.__class__ is str:")
                lines.append(f"{pad}    hit = {by_value}.get({value})")
                lines.append(f"{pad}    if hit: hits.extend(hit)")
                lines.append(f"{pad}elif {value} is not MISSING:")
                lines.append(f"{pad}    SLOW(event, {constant(path)}, {by_value}, slow)")
            deeper = [path for path in paths_below(child) if path != child.path]
            if deeper:
                lines.append(f"{pad}if {value}.__class__ is dict:")
                emit(child, value, depth + 1)
                lines.append(f"{pad}elif {value} is not MISSING:")
                for path in deeper:
                    by_value = constant(index[path])
                    lines.append(f"{pad}    SLOW(event, {constant(path)}, {by_value}, slow)")

    emit(trie, "event", 1)
    lines.append("    if slow: hits.extend(set(slow))")
    lines.append("    return hits")
    exec(compile("\n".join(lines), "<rule index>", "exec"), namespace)
    return namespace["lookup"]
