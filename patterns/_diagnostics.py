"""Findings about a pattern document with their place in its text, for editors.

`parse_pattern` answers "is this pattern valid" the way EventBridge does (one reason); an
editor also needs where: each syntax problem of a half-typed document, the invalid value, and
optionally the fields a registry schema does not know, each with the range to underline.

Spans come from the ASL parser's tolerant JSON reader (`eventsmith.asl.syntax`), on purpose:
one reader recovers from half-typed documents for both kinds of file, and findings in
workflows and patterns carry the same `Range`, so a front end converts them one way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from eventsmith.asl.syntax import LineIndex, Range, Severity, read_json
from eventsmith.patterns._model import PatternError
from eventsmith.patterns._parse import parse_pattern
from eventsmith.patterns._schema_check import check_against_schema

PatternPath = tuple[str | int, ...]


@dataclass(frozen=True)
class PatternDiagnostic:
    """A finding in a pattern document: `path` is where in the pattern JSON (keys and array
    indexes, `()` for the document), `range` the text to underline (zero-based, as in LSP,
    characters counted in code points)."""

    message: str
    range: Range
    path: PatternPath
    severity: Severity = Severity.ERROR


def pattern_diagnostics(
    text: str, schema: Mapping[str, Any] | None = None
) -> tuple[PatternDiagnostic, ...]:
    """Syntax errors, the pattern's invalid part, and with `schema` (a registry schema) the
    fields and values events of that schema never have; never raises."""
    lines = LineIndex(text)
    read = read_json(text)
    if read.problems:
        return tuple(
            PatternDiagnostic(problem.message, lines.range(problem.span), problem.path)
            for problem in read.problems
        )
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as error:  # what the tolerant reader lets through: ${x}
        return (
            PatternDiagnostic(f"Not valid JSON: {error.msg}", lines.range((error.pos,) * 2), ()),
        )

    def where(path: PatternPath, key: bool = False) -> Range:
        """The key or value at `path`, else that of its nearest ancestor in the text."""
        if key and path in read.keys:
            return lines.range(read.keys[path])
        for end in range(len(path), -1, -1):
            if path[:end] in read.values:
                return lines.range(read.values[path[:end]])
        return lines.range((0, len(text)))

    pattern = parse_pattern(value)
    if isinstance(pattern, PatternError):
        path, message = pattern.path, pattern.message
        names_key = bool(path) and isinstance(path[-1], str) and message.endswith(f" {path[-1]}")
        return (PatternDiagnostic(message, where(path, names_key), path),)
    if schema is None:
        return ()
    return tuple(
        PatternDiagnostic(
            warning.message, where(warning.path, True), warning.path, Severity.WARNING
        )
        for warning in check_against_schema(pattern, schema)
    )
