"""A tolerant JSON reader that records the span of every key and value.

Why not a library: tree-sitter-json recovers from a half-typed document by collapsing it into
one flat ERROR node (the nesting is lost), and walking its tree from Python costs more than the
whole 100 ms parse+validate budget allows for big definitions. JSON's grammar is small, so a
recursive-descent reader over `re` and the C string scanner of the standard `json` module is
exact, fast, and recovers the way an editor needs: unclosed containers are closed at the end,
a missing comma or colon is reported and skipped, a dangling key keeps its span, duplicate keys
are reported (the last one wins, as in `json.loads`). Bare `${Placeholder}` tokens (SAM/CFN
definition substitutions) are read as opaque strings instead of breaking the document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from eventsmith.asl.syntax._document import Path
from eventsmith.asl.syntax._locations import Span

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PLACEHOLDER = re.compile(r"\$\{[^}\s]*\}")
_JUNK = re.compile(r"[^\s,:\]\}\[\{\"]+")
_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}
_MAX_DEPTH = 255
"""The nesting limit of every eventsmith input (EventBridge's own for discovery). Deeper
containers (a `Result` payload nested 10,000 levels) are skipped, not recursed into: the
reader's recursion then stays far inside Python's limit however the document nests."""
# A string (possibly unterminated) or a bracket: enough to step over a container exactly.
_BRACKET_OR_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"?|[\[\]{}]')


class _Missing:
    """A value that is not there (a dangling key, a stray token)."""


MISSING = _Missing()


@dataclass
class SyntaxProblem:
    """A syntax finding: `code` is ASL001 (syntax) or ASL002 (duplicate key)."""

    code: str
    message: str
    span: Span
    path: Path


@dataclass
class JsonResult:
    value: Any
    values: dict[Path, Span] = field(default_factory=dict)
    keys: dict[Path, Span] = field(default_factory=dict)
    problems: list[SyntaxProblem] = field(default_factory=list)


def read_json(text: str, substitutions: Mapping[str, str] | None = None) -> JsonResult:
    """Parse `text`, never raising; `value` is MISSING only when there is no value at all."""
    reader = _Reader(text, substitutions or {})
    value = reader.value((), 0)
    reader.skip_space()
    if reader.pos < len(text):
        reader.problem(f"Unexpected {_show(text[reader.pos])} after the end of the document", 1)
    return JsonResult(value, reader.values, reader.keys, reader.problems)


def _show(char: str) -> str:
    return f"'{char}'" if char.strip() else "whitespace"


class _Reader:
    def __init__(self, text: str, substitutions: Mapping[str, str]) -> None:
        self.text = text
        self.pos = 0
        self.substitutions = substitutions
        self.values: dict[Path, Span] = {}
        self.keys: dict[Path, Span] = {}
        self.problems: list[SyntaxProblem] = []
        self.reported_unclosed = False

    def problem(self, message: str, width: int = 0, path: Path = (), code: str = "ASL001") -> None:
        self.problems.append(SyntaxProblem(code, message, (self.pos, self.pos + width), path))

    def unclosed(self, opening: int, kind: str, closer: str, path: Path) -> None:
        """Report the innermost unclosed container only: the outer ones follow from it."""
        if not self.reported_unclosed:
            self.reported_unclosed = True
            self.pos = opening
            self.problem(
                f"Unclosed '{kind}': expected '{closer}' before the end of the document", 1, path
            )
        self.pos = len(self.text)

    def skip_space(self) -> None:
        self.pos = _WHITESPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def value(self, path: Path, depth: int) -> Any:
        self.skip_space()
        text, start = self.text, self.pos
        if start >= len(text):
            self.problem("Expected a value before the end of the document")
            return MISSING
        char = text[start]
        if char == '"':
            value: Any = self.string()
        elif char == "{":
            if depth >= _MAX_DEPTH:  # `depth` counts from 0: level depth + 1
                return self.too_deep()
            value = self.object(path, depth)
        elif char == "[":
            if depth >= _MAX_DEPTH:  # `depth` counts from 0: level depth + 1
                return self.too_deep()
            value = self.array(path, depth)
        elif (match := _NUMBER.match(text, start)) is not None:
            self.pos = match.end()
            number = match.group()
            value = float(number) if any(c in number for c in ".eE") else int(number)
        elif (match := _PLACEHOLDER.match(text, start)) is not None:
            self.pos = match.end()
            value = self.placeholder(match.group())
        elif (match := _WORD.match(text, start)) is not None and match.group() in _LITERALS:
            self.pos = match.end()
            value = _LITERALS[match.group()]
        else:
            junk = _JUNK.match(text, start)
            width = junk.end() - start if junk else 1
            self.problem(f"Expected a value, found {_show(char)}", width)
            if char not in ",:]}":
                self.pos = start + width
            return MISSING
        self.values[path] = (start, self.pos)
        return value

    def too_deep(self) -> Any:
        """Step over the container at `pos` without reading it; its value is an empty one
        (the content below `_MAX_DEPTH` levels is dropped, as everywhere in eventsmith)."""
        text, opening = self.text, self.pos
        depth = 0
        for token in _BRACKET_OR_STRING.finditer(text, opening):
            char = token.group()[0]
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    self.pos = token.end()
                    return {} if text[opening] == "{" else []
        self.pos = len(text)
        self.problem(f"Unclosed '{text[opening]}' nested deeper than {_MAX_DEPTH} levels", 1)
        return MISSING

    def placeholder(self, token: str) -> Any:
        name = token[2:-1]
        if name not in self.substitutions:
            return token
        try:
            return json.loads(self.substitutions[name])
        except ValueError:
            return self.substitutions[name]

    def string(self) -> str:
        start = self.pos
        try:
            value, self.pos = scanstring(self.text, start + 1, True)
            return str(value)
        except json.JSONDecodeError as error:
            line_end = self.text.find("\n", start)
            end = len(self.text) if line_end < 0 else line_end
            self.pos = error.pos
            self.problem(f"Invalid string: {error.msg}", 1)
            self.pos = end
            raw = self.text[start + 1 : end].rstrip("\r")
            return raw[:-1] if raw.endswith('"') else raw

    def object(self, path: Path, depth: int) -> dict[str, Any]:
        text, opening = self.text, self.pos
        self.pos += 1
        result: dict[str, Any] = {}
        while True:
            self.skip_space()
            if self.pos >= len(text):
                self.unclosed(opening, "{", "}", path)
                return result
            char = text[self.pos]
            if char == "}":
                self.pos += 1
                return result
            if char == "]":
                self.problem("Expected '}' to close the object, found ']'", 1, path)
                return result
            if char == ",":
                self.problem("Unexpected ','", 1, path)
                self.pos += 1
                continue
            if char != '"':
                junk = _JUNK.match(text, self.pos)
                width = junk.end() - self.pos if junk else 1
                self.problem("Expected a property name in double quotes", width, path)
                self.pos += width
                continue
            self.member(result, path, depth)
            self.skip_space()
            if self.pos < len(text) and text[self.pos] == ",":
                self.pos += 1
                self.skip_space()
                if self.pos < len(text) and text[self.pos] == "}":
                    self.pos -= 1
                    self.problem("Trailing ',' before '}'", 1, path)
                    self.pos += 1
            elif self.pos < len(text) and text[self.pos] not in "}]":
                self.problem("Expected ',' or '}' after the property", 0, path)

    def member(self, result: dict[str, Any], path: Path, depth: int) -> None:
        key_start = self.pos
        key = self.string()
        child = (*path, key)
        key_span = (key_start, self.pos)
        if key in result:
            self.pos, end = key_start, self.pos
            self.problem(f"Duplicate key '{key}'", end - key_start, child, "ASL002")
            self.pos = end
        self.keys[child] = key_span
        self.skip_space()
        if self.pos < len(self.text) and self.text[self.pos] == ":":
            self.pos += 1
        else:
            self.problem(f"Expected ':' after the key '{key}'", 0, child)
            self.skip_space()
            if self.pos >= len(self.text) or self.text[self.pos] in ',}"':
                return
        value = self.value(child, depth + 1)
        if value is not MISSING:
            result[key] = value

    def array(self, path: Path, depth: int) -> list[Any]:
        text, opening = self.text, self.pos
        self.pos += 1
        result: list[Any] = []
        while True:
            self.skip_space()
            if self.pos >= len(text):
                self.unclosed(opening, "[", "]", path)
                return result
            char = text[self.pos]
            if char == "]":
                self.pos += 1
                return result
            if char == "}":
                self.problem("Expected ']' to close the array, found '}'", 1, path)
                return result
            if char == ",":
                self.problem("Unexpected ','", 1, path)
                self.pos += 1
                continue
            before = self.pos
            value = self.value((*path, len(result)), depth + 1)
            if value is not MISSING:
                result.append(value)
            elif self.pos == before:
                self.pos += 1
            self.skip_space()
            if self.pos < len(text) and text[self.pos] == ",":
                self.pos += 1
                self.skip_space()
                if self.pos < len(text) and text[self.pos] == "]":
                    self.pos -= 1
                    self.problem("Trailing ',' before ']'", 1, path)
                    self.pos += 1
            elif self.pos < len(text) and text[self.pos] not in "]}":
                self.problem("Expected ',' or ']' after the item", 0, path)
