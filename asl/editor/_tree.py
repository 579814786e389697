"""A JSON or YAML text read for editing: its value, the span of every key and value, and
indexes to find what is at an offset without scanning the document."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from eventsmith.asl.syntax import Diagnostic, LineIndex, Path, Position, Range, Span, Syntax
from eventsmith.asl.syntax._json_reader import MISSING
from eventsmith.asl.syntax._source import read_text, syntax_diagnostics


@dataclass(frozen=True)
class Tree:
    """A JSON or YAML text read tolerantly: its value and the character span of each part."""

    text: str
    syntax: Syntax
    value: Any
    values: Mapping[Path, Span]
    keys: Mapping[Path, Span]
    problems: tuple[Diagnostic, ...] = ()

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def value_at(self, path: Path) -> Any:
        node: Any = self.value
        for part in path:
            if isinstance(node, dict) and isinstance(part, str):
                node = node.get(part, MISSING)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return MISSING
        return node

    def range(self, span: Span) -> Range:
        return self.lines.range(span)

    def offset(self, position: Position) -> int:
        return self.lines.offset(position)

    @cached_property
    def key_order(self) -> tuple[list[int], list[Path]]:
        """Key paths sorted by where they start (keys never nest), for bisecting."""
        ordered = sorted(self.keys.items(), key=lambda item: item[1][0])
        return [span[0] for _, span in ordered], [path for path, _ in ordered]

    @cached_property
    def value_order(self) -> tuple[list[int], list[Path]]:
        """Value paths sorted by start, outer before inner when they start together."""
        ordered = sorted(self.values.items(), key=lambda item: (item[1][0], -item[1][1]))
        return [span[0] for _, span in ordered], [path for path, _ in ordered]

    @cached_property
    def containers(self) -> frozenset[Path]:
        """Paths of every object and array."""
        found: list[Path] = []
        stack: list[tuple[Path, Any]] = [((), self.value)]
        while stack:
            path, node = stack.pop()
            if isinstance(node, dict):
                found.append(path)
                stack.extend(((*path, key), child) for key, child in node.items())
            elif isinstance(node, list):
                found.append(path)
                stack.extend(((*path, index), child) for index, child in enumerate(node))
        return frozenset(found)

    def innermost(self, offset: int, contains: Callable[[Span, Path], bool]) -> Path | None:
        """The innermost value whose span `contains` the offset.

        Spans nest, so it is the first ancestor (or self) of the last value starting at or
        before `offset` that contains it: a walk up the path, not a scan of the document.
        """
        starts, paths = self.value_order
        index = bisect_right(starts, offset) - 1
        if index < 0:
            return None
        path: Path | None = paths[index]
        while path is not None:
            span = self.values.get(path)
            if span is not None and contains(span, path):
                return path
            path = path[:-1] if path else None
        return None


def read_tree(text: str, syntax: Syntax = "json") -> Tree:
    """Read any JSON/YAML text (a workflow, a pattern, an event) for editor features."""
    result = read_text(text, syntax, None)
    value = None if result.value is MISSING else result.value
    problems = tuple(syntax_diagnostics(result, LineIndex(text).range))
    return Tree(text, syntax, value, result.values, result.keys, problems)
