"""Read a workflow file (ASL JSON/YAML, or a SAM/CloudFormation template) into state machines.

Every state machine comes back as a `StateMachineSource` (see `_source`). Nothing here raises on
user content: syntax problems become diagnostics and the partial model is kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path as FilePath
from typing import Any

from eventsmith.asl.syntax._document import Path
from eventsmith.asl.syntax._json_reader import MISSING, read_json
from eventsmith.asl.syntax._locations import LineIndex, Locations, Span
from eventsmith.asl.syntax._source import (
    MAX_DEFINITION_BYTES,
    ParsedFile,
    StateMachineSource,
    Syntax,
    detect_syntax,
    read_text,
    substitute,
    syntax_diagnostics,
)
from eventsmith.asl.syntax._template import LinkedParser, is_template, template_state_machines


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
    text: str,
    filename: str | None = None,
    substitutions: Mapping[str, str] | None = None,
    *,
    read_file: Callable[[str], str | None] | None = None,
) -> ParsedFile:
    """Parse a workflow or template; see the module docstring.

    `read_file(path)` gives the text of a file a template names in `DefinitionUri`, `path` being
    the URI joined to the folder of `filename` (an editor passes its unsaved buffers here, and
    None for a file it cannot read). Without it the file is read from disk.
    """
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
            result, text, lines, filename, syntax, substitutions or {}, _linked_parser(read_file)
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


def _linked_parser(read_file: Callable[[str], str | None] | None) -> LinkedParser:
    """How a template reads and parses the file its `DefinitionUri` names."""

    def parse_linked(path: str, substitutions: Mapping[str, str]) -> ParsedFile | str:
        if read_file is None:
            try:
                text = FilePath(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                return str(error)
        else:
            found = read_file(path)
            if found is None:
                return "no such file"
            text = found
        return parse_document(text, path, substitutions, read_file=read_file)

    return parse_linked
