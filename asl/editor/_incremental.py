"""Reuse the spans of the previous version of a document after a small edit.

Reading every span of a 1,000-state definition takes ~100 ms in Python; typing inside a
string (a state name, a Resource, a path) changes no structure, so the previous version's
spans only move by the length difference after the edit. That covers most keystrokes that
precede a completion; anything else (a quote, a bracket, a newline, an edit across tokens,
YAML) is read afresh.
"""

from __future__ import annotations

from typing import Any

from eventsmith.asl.editor._tree import Tree
from eventsmith.asl.syntax import Diagnostic, Path, Position, Range

_STRUCTURAL = frozenset('"\\\n\r')


def changed_region(old: str, new: str) -> tuple[int, int, int]:
    """(start, end in `old`, end in `new`) of the one region where the texts differ."""
    limit = min(len(old), len(new))
    low, high = 0, limit  # longest common prefix, by halving (slice compares run in C)
    while low < high:
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    prefix = low
    low, high = 0, limit - prefix
    while low < high:
        middle = (low + high + 1) // 2
        if old[len(old) - middle :] == new[len(new) - middle :]:
            low = middle
        else:
            high = middle - 1
    return prefix, len(old) - low, len(new) - low


def edited_tree(old: Tree, new_text: str) -> Tree | None:
    """`old` moved to `new_text` when the only change is inside one JSON string value."""
    if old.syntax != "json":
        return None
    start, old_end, new_end = changed_region(old.text, new_text)
    removed, inserted = old.text[start:old_end], new_text[start:new_end]
    if _STRUCTURAL & set(removed + inserted) or any(ord(c) < 0x20 for c in inserted):
        return None
    path = old.innermost(start, lambda span, _path: span[0] < start and old_end < span[1])
    if path is None or path in old.containers:
        return None  # between tokens, or in a key: structure may change
    span = old.values[path]
    raw = old.text[span[0] : span[1]]
    if not (raw.startswith('"') and raw.endswith('"') and raw[1:-1] == old.value_at(path)):
        return None  # escapes or not a string: the value cannot be patched from the text
    delta = (new_end - start) - (old_end - start)
    value = new_text[span[0] + 1 : span[1] + delta - 1]
    return _moved(old, new_text, path, value, old_end, delta)


def _moved(old: Tree, text: str, path: Path, value: str, after: int, delta: int) -> Tree:
    # Inline arithmetic, not a helper call: this runs for every span of the document.
    values = {
        p: (a + delta if a >= after else a, b + delta if b >= after else b)
        for p, (a, b) in old.values.items()
    }
    keys = {
        p: (a + delta if a >= after else a, b + delta if b >= after else b)
        for p, (a, b) in old.keys.items()
    }
    line = old.lines.position(after).line
    problems = tuple(_shift_problem(p, line, after, old, delta) for p in old.problems)
    tree = Tree(text, old.syntax, _replaced(old.value, path, value), values, keys, problems)
    key_starts, key_paths = old.key_order
    value_starts, value_paths = old.value_order
    tree.__dict__["key_order"] = ([s + delta if s >= after else s for s in key_starts], key_paths)
    tree.__dict__["value_order"] = (
        [s + delta if s >= after else s for s in value_starts],
        value_paths,
    )
    tree.__dict__["containers"] = old.containers
    return tree


def _replaced(node: Any, path: Path, value: str) -> Any:
    """`node` with the value at `path` replaced, copying only the objects along the path."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        copy = dict(node)
        copy[head] = _replaced(node[head], rest, value)
        return copy
    items = list(node)
    assert isinstance(head, int)
    items[head] = _replaced(items[head], rest, value)
    return items


def _shift_problem(problem: Diagnostic, line: int, after: int, old: Tree, delta: int) -> Diagnostic:
    column = old.lines.position(after).character

    def moved(position: Position) -> Position:
        if position.line == line and position.character >= column:
            return Position(line, position.character + delta)
        return position

    shifted = Range(moved(problem.range.start), moved(problem.range.end))
    return Diagnostic(problem.code, problem.severity, problem.message, shifted, problem.path)
