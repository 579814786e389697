"""What parsing a workflow file gives: state machines with the source of each part.

`StateMachineSource` is the plain definition (what `json.loads` would give) plus where each of
its keys and values sits in the text; `ParsedFile` is every state machine found in one file.
Kept apart from the parser so that template reading and rules can use them without a cycle.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from typing import Any, Literal

from eventsmith.asl.syntax._document import Diagnostic, Path, Range, Severity
from eventsmith.asl.syntax._json_reader import JsonResult, read_json
from eventsmith.asl.syntax._locations import LineIndex, Locations, Span
from eventsmith.asl.syntax._yaml_reader import read_yaml

Syntax = Literal["json", "yaml"]
MAX_DEFINITION_BYTES = 1_048_576
_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")


@dataclass(frozen=True)
class StateMachineSource:
    """One state machine definition and the source location of each of its parts.

    `name` is None for a standalone ASL document and the logical id in a template. `base_path`
    is where the definition sits in `filename` (e.g. `("Resources", "Checkout", "Properties",
    "Definition")`). Paths given to `value_range`/`key_range` are relative to the definition.
    """

    name: str | None
    definition: Any
    base_path: Path = ()
    filename: str | None = None
    syntax: Syntax = "json"
    locations: Locations = field(
        default_factory=lambda: Locations(lambda _span: Range.at(0, 0)), repr=False, compare=False
    )
    size: int = 0
    text: str = field(default="", repr=False, compare=False)

    def value_range(self, path: Path) -> Range:
        """Range of the value at `path` (or of its nearest ancestor that exists)."""
        return self.locations.value_range(path)

    def key_range(self, path: Path) -> Range:
        """Range of the key that names `path` (the value range for array items)."""
        return self.locations.key_range(path)

    def has_key(self, path: Path) -> bool:
        return path in self.locations.keys

    def value_at(self, path: Path) -> Any:
        """The definition's value at `path`, None when there is none."""
        node: Any = self.definition
        for part in path:
            if isinstance(node, dict) and isinstance(part, str):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return None
        return node

    def string_range(self, path: Path, offset: int, length: int) -> Range:
        """Range of `length` characters at `offset` inside the string value at `path`.

        Exact when the string is written without escapes (plain or quoted); otherwise the
        range of the whole value, which is still right, only wider.
        """
        whole = self.value_range(path)
        value = self.value_at(path)
        if not isinstance(value, str) or not self.locations.exact or not self.text:
            return whole
        lines = self._line_index
        start, end = lines.offset(whole.start), lines.offset(whole.end)
        raw = self.text[start:end]
        if raw == value:
            content = start
        elif len(raw) >= 2 and raw[0] in "\"'" and raw[-1] == raw[0] and raw[1:-1] == value:
            content = start + 1
        else:
            return whole
        if length > 0 and offset >= len(value):
            offset = len(value) - 1  # an error at the very end: show the last character
        offset = max(0, min(offset, len(value)))
        length = max(0, min(length, len(value) - offset))
        return lines.range((content + offset, content + offset + length))

    @cached_property
    def _line_index(self) -> LineIndex:
        return LineIndex(self.text)


@dataclass(frozen=True)
class ParsedFile:
    """The state machines found in one file and the findings about the file itself."""

    filename: str | None
    syntax: Syntax
    state_machines: list[StateMachineSource]
    diagnostics: list[Diagnostic]
    is_template: bool = False


@dataclass(frozen=True)
class UnknownStateMachine:
    """A state machine was asked for by a name the file does not have.

    `available` are the names that would have worked, in document order; `message` says both,
    the way `--machine` and the language server report it.
    """

    name: str
    available: tuple[str, ...]

    @property
    def message(self) -> str:
        if not self.available:
            return f"no state machine named {self.name!r} (the file has no named state machine)"
        return f"no state machine named {self.name!r} (found: {', '.join(self.available)})"


def state_machine_names(machines: Iterable[StateMachineSource]) -> tuple[str, ...]:
    """The names a caller can pick from: a template's logical ids, in document order.

    A plain ASL document's machine has no name (it is the whole file), so it adds none.
    """
    return tuple(machine.name for machine in machines if machine.name is not None)


def select_state_machine(
    machines: Sequence[StateMachineSource], name: str | None
) -> StateMachineSource | UnknownStateMachine | None:
    """The machine called `name`, the first one when `name` is None; None when the file has
    no state machine at all (whatever the name).

    One lookup for every front end: `--machine` and the language server's `stateMachine`
    accept exactly the names the app's chooser shows for a template.
    """
    if not machines:
        return None
    if name is None:
        return machines[0]
    for machine in machines:
        if machine.name == name:
            return machine
    return UnknownStateMachine(name, state_machine_names(machines))


def detect_syntax(text: str, filename: str | None) -> Syntax:
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return "json" if text.lstrip()[:1] in ("{", "[") else "yaml"


def read_text(text: str, syntax: Syntax, substitutions: Mapping[str, str] | None) -> JsonResult:
    return read_json(text, substitutions) if syntax == "json" else read_yaml(text)


def syntax_diagnostics(result: JsonResult, to_range: Callable[[Span], Range]) -> list[Diagnostic]:
    return [
        Diagnostic(
            problem.code,
            Severity.ERROR,
            problem.message,
            to_range(problem.span),
            problem.path,
        )
        for problem in result.problems
    ]


def substitute(value: Any, substitutions: Mapping[str, str]) -> Any:
    """Fill `${Name}` placeholders in every string from `substitutions`; unknown ones stay."""
    if not substitutions:
        return value
    if isinstance(value, str):
        if "${" not in value:
            return value
        return _PLACEHOLDER.sub(lambda match: substitutions.get(match[1], match[0]), value)
    if isinstance(value, dict):
        return {key: substitute(item, substitutions) for key, item in value.items()}
    if isinstance(value, list):
        return [substitute(item, substitutions) for item in value]
    return value


def is_placeholder(value: object) -> bool:
    """True for a string holding an unresolved `${...}` substitution (opaque to validation)."""
    return isinstance(value, str) and "${" in value and _PLACEHOLDER.search(value) is not None
