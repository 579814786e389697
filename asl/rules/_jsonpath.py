"""JSONPath syntax as Step Functions reads it (the Jayway dialect), without evaluating it.

The root is `$` (state input), `$$` (the context object) or `$name` (a workflow variable).
A *reference path* names one node: only `.name`, `['name']` and `[index]` steps, no `..`,
`*`, filters, slices or unions; fields like ResultPath need one.

Hand-written because the Python JSONPath libraries implement other dialects (their filter and
bracket syntax differs from Jayway's `[?(@.price > 10)]`) and report no offsets; checking the
syntax needs no evaluation, so this stays small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

VARIABLE = re.compile(r"[^\W\d]\w*")
_DOT_NAME = re.compile(r"[^.\[\]]+")
_INDEX = re.compile(r"-?\d+$")
_SLICE = re.compile(r"-?\d*:-?\d*(?::-?\d*)?$")
_UNION = re.compile(r"-?\d+(?:\s*,\s*-?\d+)+$")
_QUOTED = re.compile(r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")
_QUOTED_UNION = re.compile(rf"{_QUOTED.pattern}(?:\s*,\s*{_QUOTED.pattern})+")


@dataclass(frozen=True)
class PathProblem:
    """`code` is ASL601 (not JSONPath) or ASL602 (JSONPath, but not the kind of path needed);
    `offset`/`length` locate the offending part of the path text."""

    code: str
    message: str
    offset: int
    length: int


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
    while pos < len(text):
        problem, pos = _step(text, pos, reference)
        if problem is not None:
            return problem
    return None


def _step(text: str, pos: int, reference: bool) -> tuple[PathProblem | None, int]:
    char = text[pos]
    if char == ".":
        deep = text.startswith("..", pos)
        if deep and reference:
            message = f"'..' (deep scan) selects many values; '{text}' must name one value"
            return PathProblem("ASL602", message, pos, 2), pos
        after = pos + (2 if deep else 1)
        if after >= len(text):
            return PathProblem("ASL601", f"Expected a name after '.' in '{text}'", pos, 1), pos
        if text[after] == "*":
            if reference:
                message = f"'*' selects many values; '{text}' must name one value"
                return PathProblem("ASL602", message, after, 1), pos
            return None, after + 1
        if text[after] == "[" and deep:
            return None, after
        name = _DOT_NAME.match(text, after)
        if name is None:
            return PathProblem("ASL601", f"Expected a name after '.' in '{text}'", pos, 1), pos
        return None, name.end()
    if char == "[":
        end = _closing_bracket(text, pos)
        if end < 0:
            return PathProblem("ASL601", f"Unclosed '[' in '{text}'", pos, 1), pos
        return _bracket(text, pos, end, reference), end + 1
    message = f"Unexpected {char!r} at position {pos + 1} of '{text}'"
    return PathProblem("ASL601", message, pos, 1), pos


def _closing_bracket(text: str, start: int) -> int:
    depth, quote, index = 0, "", start
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1  # the escaped character cannot close the quote
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
            if depth == 0:
                return index if char == "]" else -1
        index += 1
    return -1


def _bracket(text: str, start: int, end: int, reference: bool) -> PathProblem | None:
    inner = text[start + 1 : end].strip()
    if _INDEX.match(inner) or _QUOTED.fullmatch(inner):
        return None
    many = (
        inner == "*"
        or _SLICE.match(inner)
        or _UNION.match(inner)
        or (inner.startswith("?(") and inner.endswith(")"))
        or (inner.startswith("(") and inner.endswith(")"))
        or _QUOTED_UNION.fullmatch(inner)
    )
    width = end + 1 - start
    if not many:
        message = f"Invalid bracket expression '[{inner}]' in '{text}'"
        return PathProblem("ASL601", message, start, width)
    if reference:
        message = f"'[{inner}]' can select many values; '{text}' must name one value"
        return PathProblem("ASL602", message, start, width)
    return None
