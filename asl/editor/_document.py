"""A workflow document as an editor sees it: its parse, and the span of every key and value.

Built once per text version and shared by every editor feature. The spans of the whole
document are read lazily (only completion, hover and friends need them), and the state
machines found by the parser are matched to the document paths they sit at.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from eventsmith.asl.rules import validate
from eventsmith.asl.syntax import (
    Diagnostic,
    LineIndex,
    Machine,
    ParsedFile,
    Path,
    Position,
    Range,
    Span,
    StateMachineSource,
    Syntax,
    build_machine,
    parse_document,
)
from eventsmith.asl.syntax._json_reader import MISSING
from eventsmith.asl.syntax._locations import Locations
from eventsmith.asl.syntax._source import detect_syntax, read_text, syntax_diagnostics
from eventsmith.asl.syntax._template import is_template


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


@dataclass(frozen=True)
class MachineView:
    """A state machine of the document, where it sits, and its navigable model."""

    source: StateMachineSource
    base: Path
    machine: Machine | None

    def relative(self, path: Path) -> Path | None:
        """`path` relative to this definition, None when it is outside it."""
        size = len(self.base)
        return path[size:] if path[:size] == self.base else None

    def absolute(self, path: Path) -> Path:
        return (*self.base, *path)


class EditorDocument:
    """One version of a workflow file (ASL JSON/YAML or a SAM/CloudFormation template)."""

    def __init__(
        self, text: str, filename: str | None = None, substitutions: Mapping[str, str] | None = None
    ) -> None:
        self.text = text
        self.filename = filename
        self.substitutions = substitutions

    @cached_property
    def parsed(self) -> ParsedFile:
        return parse_document(self.text, self.filename, self.substitutions)

    @cached_property
    def syntax(self) -> Syntax:
        return detect_syntax(self.text, self.filename)

    @cached_property
    def tree(self) -> Tree:
        return read_tree(self.text, self.syntax)

    @cached_property
    def machines(self) -> tuple[MachineView, ...]:
        """State machines whose spans match the text (not those in a `DefinitionString`)."""
        views = []
        standalone = self._standalone()
        for source in [standalone] if standalone else self.parsed.state_machines:
            if source.filename not in (None, self.filename) or not source.locations.exact:
                continue
            definition = source.definition
            model = build_machine(definition) if isinstance(definition, dict) else None
            views.append(MachineView(source, tuple(source.base_path), model))
        return tuple(views)

    def _standalone(self) -> StateMachineSource | None:
        """A plain ASL document's machine built from the editor's own read of the text.

        Saves a second tolerant read of a half-typed document (the parser's), the larger part
        of a completion's cost on the first request after an edit.
        """
        tree = self.tree
        if "parsed" in self.__dict__ or self.substitutions or is_template(tree.value):
            return None
        if not isinstance(tree.value, dict):
            return None
        locations = Locations(tree.lines.range, dict(tree.values), dict(tree.keys))
        return StateMachineSource(
            None, tree.value, (), self.filename, self.syntax, locations, len(self.text), self.text
        )

    def machine_at(self, path: Path) -> MachineView | None:
        """The innermost state machine containing the document `path`."""
        found = [view for view in self.machines if view.relative(path) is not None]
        return max(found, key=lambda view: len(view.base), default=None)

    @cached_property
    def findings(self) -> tuple[tuple[StateMachineSource, list[Diagnostic]], ...]:
        """Each state machine of this file with the validator's findings about it."""
        parsed = self.parsed
        return tuple(
            (machine, validate(machine))
            for machine in parsed.state_machines
            if machine.filename == parsed.filename or machine.filename is None
        )

    def diagnostics(self) -> list[Diagnostic]:
        """Syntax findings and every rule's findings, as `check_text` gives them."""
        found = list(self.parsed.diagnostics)
        for _machine, diagnostics in self.findings:
            found.extend(diagnostics)
        return sorted(found, key=lambda d: (d.range.start, d.range.end, d.code))
