"""JSONPath syntax as Step Functions reads it (the Jayway dialect), without evaluating it.

The root is `$` (state input), `$$` (the context object) or `$name` (a workflow variable).
The steps follow Jayway's PathCompiler token by token, so what it compiles passes and what it
refuses is refused: `.name`, `.*`, `..` (deep scan), a dot before a bracket (`$.[0]`,
`$.a.[0]`), `['name']` and `['a', 'b']`, `[0]`, `[0, 2]`, slices `[1:]` `[:-1]`, `[*]`,
filters `[?(@.price > 10)]` and functions `.length()`. A *reference path* (ResultPath,
ItemsPath, Choice `Variable`, ...) must be what Jayway calls definite: one node, so no scan,
wildcard, filter, slice, union or function.

Hand-written on purpose. jsonpath-ng and jsonpath-rw implement Goessner's grammar with
other bracket and filter syntax (`[?price > 10]`, no `.[0]`, no functions), python-jsonpath
implements RFC 9535, which refuses Jayway forms AWS samples use (`$.[0]`, `$.a.length()`);
none reports offsets. Syntax needs no evaluation, so a tokenizer that mirrors Jayway's stays
small and exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventsmith.asl.rules._jsonpath_filter import filter_problem

VARIABLE = re.compile(r"[^\W\d]\w*")
# Jayway's built-in path functions; others compile but fail when the path is evaluated.
FUNCTIONS = frozenset(
    {"min", "max", "avg", "stddev", "length", "sum", "keys", "concat", "append", "first", "last"}
    | {"index"}
)
_INTEGER = re.compile(r"\s*-?\d+\s*$")
_WHITESPACE = " \t\r\n"


@dataclass(frozen=True)
class PathProblem:
    """`code` is ASL601 (not JSONPath) or ASL602 (JSONPath, but not the kind of path needed),
    or ASL612 (a function Jayway does not have); `offset`/`length` locate the offending part
    of the path text."""

    code: str
    message: str
    offset: int
    length: int


class _Refused(Exception):
    def __init__(self, problem: PathProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@lru_cache(maxsize=8192)
def path_problem(
    text: str, reference: bool = False, input_only: bool = False
) -> PathProblem | None:
    """The first problem in a path, None when it is valid.

    `reference` asks for a reference path; `input_only` also refuses `$$` and `$variable`
    roots (ResultPath writes into the state input).
    """
    if not text.startswith("$"):
        message = f"A path starts with '$', not {text[:1]!r}" if text else "A path cannot be empty"
        return PathProblem("ASL601", message, 0, 1)
    pos = 1
    if text.startswith("$$"):
        if input_only:
            message = (
                f"'{text}' reads the context object; this field takes a path into the input ($...)"
            )
            return PathProblem("ASL602", message, 0, 2)
        pos = 2
    elif (variable := VARIABLE.match(text, 1)) is not None:
        if input_only:
            message = f"'{text}' reads a variable; this field takes a path into the input ($...)"
            return PathProblem("ASL602", message, 0, variable.end())
        pos = variable.end()
    try:
        _Path(text, reference).read(pos)
    except _Refused as refused:
        return refused.problem
    return None


class _Path:
    """One pass over a path, raising `_Refused` at the first problem (Jayway's order)."""

    def __init__(self, text: str, reference: bool) -> None:
        self.text = text
        self.reference = reference

    def fail(self, message: str, offset: int, length: int = 1) -> _Refused:
        return _Refused(PathProblem("ASL601", message, offset, max(1, length)))

    def many(self, what: str, offset: int, length: int) -> None:
        if self.reference:
            message = f"{what} can select many values; '{self.text}' must name one value"
            raise _Refused(PathProblem("ASL602", message, offset, max(1, length)))

    def read(self, pos: int) -> None:
        text = self.text
        if pos >= len(text):
            return
        if text[pos] not in ".[":
            raise self.fail(
                f"Unexpected {text[pos]!r} at position {pos + 1} of '{text}': expected '.' or '['",
                pos,
            )
        if text.endswith("."):
            raise self.fail(f"'{text}' must not end with '.' or '..'", len(text) - 1)
        while pos < len(text):
            pos = self.token(pos)

    def token(self, pos: int) -> int:
        char = self.text[pos]
        if char == "[":
            return self.bracket(pos)
        if char == ".":
            return self.dot(pos)
        if char == "*":
            self.many("'*'", pos, 1)
            return pos + 1
        return self.name(pos)

    def dot(self, pos: int) -> int:
        text = self.text
        scan = text.startswith("..", pos)
        start, pos = pos, pos + (2 if scan else 1)
        if pos >= len(text):
            raise self.fail(f"'{text}' must not end with '.' or '..'", pos - 1)
        if text[pos] == ".":
            raise self.fail(f"Unexpected '.' at position {pos + 1} of '{text}'", pos)
        if text[pos] in _WHITESPACE:
            raise self.fail(f"Expected a name after '.' in '{text}'", pos)
        if scan:
            self.many("'..' (deep scan)", start, 2)
        return self.token(pos)

    def name(self, pos: int) -> int:
        """A property up to the next '.', '[' or '(' (a function call)."""
        text = self.text
        end = pos
        while end < len(text) and text[end] not in ".[(":
            if text[end] == " ":
                raise self.fail(
                    f"A name with a space needs brackets: ['my name'] (position {end + 1} of"
                    f" '{text}')",
                    end,
                )
            end += 1
        if end < len(text) and text[end] == "(":
            return self.function(pos, end)
        return end

    def function(self, start: int, paren: int) -> int:
        text = self.text
        name = text[start:paren]
        close = closing_bracket(text, paren, "(", ")")
        if close < 0:
            raise self.fail(f"Arguments to function '{name}' are not closed", paren)
        if self.reference:
            message = f"'{name}()' computes a value; '{text}' must name one value"
            raise _Refused(PathProblem("ASL602", message, start, close + 1 - start))
        if close != len(text) - 1:
            raise self.fail(
                f"A function call ends the path; '{text[close + 1 :]}' follows it", close
            )
        if name not in FUNCTIONS:
            known = ", ".join(sorted(FUNCTIONS))
            message = f"JSONPath has no function '{name}()' (it has {known})"
            raise _Refused(PathProblem("ASL612", message, start, paren - start))
        return close + 1

    def bracket(self, pos: int) -> int:
        text = self.text
        inner_start = pos + 1
        while inner_start < len(text) and text[inner_start] in _WHITESPACE:
            inner_start += 1
        first = text[inner_start] if inner_start < len(text) else ""
        if first in ("'", '"'):
            return self.names(pos, first)
        if first == "?":
            return self.filter(pos, inner_start)
        close = text.find("]", pos)
        if close < 0:
            raise self.fail(f"Unclosed '[' in '{text}'", pos)
        inner = text[pos + 1 : close].strip()
        width = close + 1 - pos
        if inner == "*":
            self.many("'[*]'", pos, width)
            return close + 1
        if first.isdigit() or first in "-:":
            if ":" in inner:
                self.slice(inner, pos, width)
            else:
                self.indexes(inner, pos, width)
            return close + 1
        raise self.fail(
            f"Invalid bracket expression '[{inner}]' in '{text}': expected a quoted name, an"
            " index, a slice, '*' or a filter '?(...)'",
            pos,
            width,
        )

    def names(self, pos: int, quote: str) -> int:
        """['a'] or ['a', 'b'] (Jayway: quoted names separated by commas, escapes with '\\')."""
        text = self.text
        index, count, expect_name = pos + 1, 0, True
        while index < len(text):
            char = text[index]
            if char in _WHITESPACE:
                index += 1
            elif char == quote and expect_name:
                index = self.quoted(index, quote)
                count, expect_name = count + 1, False
            elif char == "," and not expect_name:
                expect_name = True
                index += 1
            elif char == "]" and not expect_name:
                if count > 1:
                    self.many(f"'{text[pos : index + 1]}'", pos, index + 1 - pos)
                return index + 1
            else:
                wanted = "a quoted name" if expect_name else "',' or ']'"
                raise self.fail(f"Expected {wanted} at position {index + 1} of '{text}'", index)
        raise self.fail(f"Unclosed '[' in '{text}'", pos)

    def quoted(self, start: int, quote: str) -> int:
        text = self.text
        index = start + 1
        while index < len(text):
            if text[index] == "\\":
                index += 2
                continue
            if text[index] == quote:
                return index + 1
            index += 1
        raise self.fail(f"Unclosed quote in '{text}'", start)

    def slice(self, inner: str, pos: int, width: int) -> None:
        parts = [part.strip() for part in inner.split(":")]
        bounds = parts[:2]
        if any(part and not _INTEGER.match(part) for part in parts) or not any(bounds):
            raise self.fail(
                f"Invalid slice '[{inner}]' in '{self.text}': write [from:], [:to] or [from:to]",
                pos,
                width,
            )
        self.many(f"The slice '[{inner}]'", pos, width)

    def indexes(self, inner: str, pos: int, width: int) -> None:
        parts = inner.split(",")
        if not all(_INTEGER.match(part) for part in parts):
            raise self.fail(f"Invalid index '[{inner}]' in '{self.text}'", pos, width)
        if len(parts) > 1:
            self.many(f"'[{inner}]'", pos, width)

    def filter(self, pos: int, question: int) -> int:
        text = self.text
        paren = question + 1
        while paren < len(text) and text[paren] in _WHITESPACE:
            paren += 1
        if paren >= len(text) or text[paren] != "(":
            raise self.fail(
                f"A filter is written [?(expression)] (at position {pos + 1} of '{text}')", pos
            )
        close = closing_bracket(text, paren, "(", ")")
        end = close + 1
        while close >= 0 and end < len(text) and text[end] in _WHITESPACE:
            end += 1
        if close < 0 or end >= len(text) or text[end] != "]":
            raise self.fail(f"Unclosed filter '[?(' in '{text}'", pos)
        problem = filter_problem(text[paren + 1 : close], _operand_problem)
        if problem is not None:
            message, offset = problem
            raise self.fail(
                f"Invalid filter in '{text}': {message}", min(paren + 1 + offset, close), 1
            )
        self.many("A filter", pos, end + 1 - pos)
        return end + 1


def _operand_problem(path: str) -> str | None:
    problem = path_problem(path)
    return problem.message if problem is not None and problem.code != "ASL612" else None


def closing_bracket(text: str, start: int, opening: str, closing: str) -> int:
    """Index of the bracket closing the one at `start`, skipping quoted text; -1 if none."""
    depth, quote, index = 0, "", start
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1
