"""What every rule module uses: the context of one validation and the helpers to report.

A rule module exposes `check(context)` and reports through `context.report(...)`; ranges come
from the parsed source, so a rule only names the path of the offending key or value.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from .document import Diagnostic, Fix, Path, Position, Range, Severity, TextEdit
from .model import Machine
from .parse import StateMachineSource, is_placeholder

Anchor = Literal["key", "value"]
ERROR = Severity.ERROR
WARNING = Severity.WARNING
INFORMATION = Severity.INFORMATION
HINT = Severity.HINT


@dataclass
class Context:
    source: StateMachineSource
    machine: Machine
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # (variable name, path of the value using it), collected by the JSONPath/JSONata rules.
    variable_uses: list[tuple[str, Path]] = field(default_factory=list)

    def report(
        self,
        code: str,
        message: str,
        path: Path,
        *,
        severity: Severity = ERROR,
        anchor: Anchor = "value",
        fix: Fix | None = None,
    ) -> None:
        source = self.source
        where = source.key_range(path) if anchor == "key" else source.value_range(path)
        if fix is not None and not source.locations.exact:
            fix = None
        self.diagnostics.append(Diagnostic(code, severity, message, where, path, fix))

    def range(self, path: Path, anchor: Anchor = "value") -> Range:
        return self.source.key_range(path) if anchor == "key" else self.source.value_range(path)

    # Fixes -------------------------------------------------------------------------------

    def replace_value_fix(self, path: Path, title: str, new_value: object) -> Fix:
        text = json.dumps(new_value, ensure_ascii=False)
        return Fix(title, (TextEdit(self.source.value_range(path), text),))

    def rename_key_fix(self, path: Path, new_key: str) -> Fix | None:
        if not self.source.has_key(path):
            return None
        text = json.dumps(new_key, ensure_ascii=False)
        if self.source.syntax == "yaml" and new_key.isidentifier():
            text = new_key
        return Fix(f"Rename to '{new_key}'", (TextEdit(self.source.key_range(path), text),))

    def add_member_fix(self, object_path: Path, key: str, value: object, title: str) -> Fix | None:
        """Insert `key: value` after the last member of the object at `object_path`."""
        members = [(*object_path, name) for name in _keys_of(self.source.definition, object_path)]
        members = [member for member in members if self.source.has_key(member)]
        if not members:
            return None
        last = members[-1]
        first_key = self.source.key_range(members[0])
        end = self.source.value_range(last).end
        literal = json.dumps(value)
        if self.source.syntax == "json":
            same_line = first_key.start.line == self.source.key_range(last).start.line
            if same_line:
                text = f", {json.dumps(key)}: {literal}"
            else:
                text = f",\n{' ' * first_key.start.character}{json.dumps(key)}: {literal}"
        else:
            end = self._yaml_line_end(last)
            text = f"\n{' ' * first_key.start.character}{key}: {literal}"
        return Fix(title, (TextEdit(Range(end, end), text),))

    def remove_member_fix(self, path: Path) -> Fix | None:
        """Delete the member at `path` (key and value, and the comma that joined it)."""
        if not self.source.has_key(path):
            return None
        siblings = [(*path[:-1], name) for name in _keys_of(self.source.definition, path[:-1])]
        siblings = [sibling for sibling in siblings if self.source.has_key(sibling)]
        if path not in siblings:
            return None
        index = siblings.index(path)
        start = self.source.key_range(path).start
        end = self.source.value_range(path).end
        if self.source.syntax == "yaml":
            line_start = Position(start.line, 0)
            end = self._yaml_line_end(path)
            return Fix(f"Remove '{path[-1]}'", (TextEdit(Range(line_start, end), ""),))
        if index > 0:
            start = self.source.value_range(siblings[index - 1]).end
        elif len(siblings) > 1:
            end = self.source.key_range(siblings[1]).start
        return Fix(f"Remove '{path[-1]}'", (TextEdit(Range(start, end), ""),))

    def _yaml_line_end(self, path: Path) -> Position:
        end = self.source.value_range(path).end
        if end.character == 0 and end.line > 0:
            # A block value ends at the start of the next line; stay on the value's last line.
            lines = self.source.text.splitlines()
            line = end.line - 1
            while line > 0 and not lines[line].strip():
                line -= 1
            return Position(line, len(lines[line]))
        return end


def _keys_of(definition: object, path: Path) -> list[str]:
    node = definition
    for part in path:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return []
    return [str(key) for key in node] if isinstance(node, dict) else []


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a mistyped word, if one is close enough."""
    pool = list(candidates)
    lowered = {candidate.lower(): candidate for candidate in pool}
    if word.lower() in lowered:
        return lowered[word.lower()]
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> tuple[str, str | None]:
    """(message suffix, suggestion) for an unknown name."""
    suggestion = suggest(word, candidates)
    return (f"; did you mean '{suggestion}'?" if suggestion else "", suggestion)


def opaque(value: object) -> bool:
    """A `${...}` placeholder: its real value is unknown, so no rule judges it."""
    return isinstance(value, str) and "${" in value and is_placeholder(value)


def type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
