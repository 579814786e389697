"""Read a workflow file (ASL JSON/YAML, or a SAM/CloudFormation template) into state machines.

Every state machine comes back as a `StateMachineSource`: the plain definition (what
`json.loads` would give) plus where each of its keys and values sits in the text. Nothing here
raises on user content: syntax problems become diagnostics and the partial model is kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from typing import Any, Literal

from eventsmith.asl.syntax._document import Diagnostic, Path, Range, Severity
from eventsmith.asl.syntax._json_reader import MISSING, JsonResult, read_json
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


def detect_syntax(text: str, filename: str | None) -> Syntax:
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return "json" if text.lstrip()[:1] in ("{", "[") else "yaml"


def read_text(text: str, syntax: Syntax, substitutions: Mapping[str, str] | None) -> JsonResult:
    return read_json(text, substitutions) if syntax == "json" else read_yaml(text)


def _fast_json(text: str) -> Any:
    """The value of a valid JSON document without duplicate keys, else MISSING.

    The C decoder is ~50x faster than the span-recording reader; spans are then computed
    only if a range is asked for (a finding, a fix, a hover).
    """
    duplicates = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicates
        result = dict(items)
        duplicates = duplicates or len(result) != len(items)
        return result

    try:
        value = json.loads(text, object_pairs_hook=pairs, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return MISSING
    return MISSING if duplicates else value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_document(
    text: str, filename: str | None = None, substitutions: Mapping[str, str] | None = None
) -> ParsedFile:
    """Parse a workflow or template; see the module docstring."""
    from eventsmith.asl.syntax._template import is_template, template_state_machines

    syntax = detect_syntax(text, filename)
    lines = LineIndex(text)
    fast = _fast_json(text) if syntax == "json" else MISSING
    if fast is not MISSING and not is_template(fast):
        return _standalone(
            text, filename, syntax, fast, _lazy_locations(text, lines), substitutions
        )
    result = read_text(text, syntax, substitutions)
    diagnostics = syntax_diagnostics(result, lines.range)
    if is_template(result.value):
        machines, found = template_state_machines(
            result, text, lines, filename, syntax, substitutions or {}
        )
        return ParsedFile(filename, syntax, machines, diagnostics + found, is_template=True)
    definition = {} if result.value is MISSING else result.value
    locations = Locations(lines.range, result.values, result.keys)
    parsed = _standalone(text, filename, syntax, definition, locations, substitutions)
    return ParsedFile(filename, syntax, parsed.state_machines, diagnostics)


def _standalone(
    text: str,
    filename: str | None,
    syntax: Syntax,
    definition: Any,
    locations: Locations,
    substitutions: Mapping[str, str] | None,
) -> ParsedFile:
    # Below 256 KiB of characters the UTF-8 size cannot reach the 1 MB limit: skip encoding.
    size = len(text.encode("utf-8")) if len(text) * 4 > MAX_DEFINITION_BYTES else len(text)
    machine = StateMachineSource(
        None,
        substitute(definition, substitutions or {}),
        (),
        filename,
        syntax,
        locations,
        size,
        text,
    )
    return ParsedFile(filename, syntax, [machine], [])


def _lazy_locations(text: str, lines: LineIndex) -> Locations:
    def load() -> tuple[dict[Path, Span], dict[Path, Span]]:
        result = read_json(text)
        return result.values, result.keys

    return Locations(lines.range, loader=load)


def syntax_diagnostics(result: JsonResult, to_range: Any) -> list[Diagnostic]:
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
