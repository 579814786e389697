"""Jayway filter expressions: `[?(@.price < 10 && @.category == 'fiction')]`.

Supports `==`, `!=`, `<`, `<=`, `>`, `>=`, `=~ /regex/flags`, `in`, `nin`, existence (`@.isbn`),
`!`, `&&`, `||` and parentheses; operands are `@`/`$` paths and JSON-like literals. A
comparison that reads a missing value is false, as in Jayway.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from eventsmith.asl.simulator._errors import PathError

Predicate = Callable[[Any, Any], bool]
Evaluate = Callable[[str, Any], Any]
_ABSENT = object()
_TOKEN = re.compile(
    r"""\s*(?:
    (?P<op>==|!=|<=|>=|=~|<|>|&&|\|\||!|\(|\)|\bin\b|\bnin\b)
    |(?P<regex>/(?:[^/\\]|\\.)*/[a-z]*)
    |(?P<path>[@$](?:\.\.?[^\s.\[\]()=!<>&|]+|\[[^\]]*\]|\.\*)*)
    |(?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
    |(?P<number>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
    |(?P<word>true|false|null)
    |(?P<list>\[[^\]]*\])
    )""",
    re.VERBOSE,
)


def parse_filter(text: str, evaluate: Evaluate) -> Predicate:
    """`evaluate(path, data)` reads the `@`/`$` paths (the caller's JSONPath evaluator)."""
    tokens = _tokens(text)
    parser = _Parser(tokens, text, evaluate)
    predicate = parser.disjunction()
    if parser.pos != len(tokens):
        raise PathError(f"Unexpected text in the filter '{text}'")
    return predicate


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise PathError(f"Cannot read the filter '{text}' at position {pos + 1}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], text: str, evaluate: Evaluate) -> None:
        self.evaluate = evaluate
        self.tokens = tokens
        self.text = text
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise PathError(f"The filter '{self.text}' ends too early")
        self.pos += 1
        return token

    def disjunction(self) -> Predicate:
        left = self.conjunction()
        while self.peek() == ("op", "||"):
            self.take()
            right = self.conjunction()
            left = _either(left, right)
        return left

    def conjunction(self) -> Predicate:
        left = self.unary()
        while self.peek() == ("op", "&&"):
            self.take()
            right = self.unary()
            left = _both(left, right)
        return left

    def unary(self) -> Predicate:
        token = self.peek()
        if token == ("op", "!"):
            self.take()
            inner = self.unary()
            return lambda item, root: not inner(item, root)
        if token == ("op", "("):
            self.take()
            inner = self.disjunction()
            if self.take() != ("op", ")"):
                raise PathError(f"Expected ')' in the filter '{self.text}'")
            return inner
        return self.comparison()

    def comparison(self) -> Predicate:
        left = self.operand()
        token = self.peek()
        if token is None or token[0] != "op" or token[1] in ("&&", "||", ")"):
            return lambda item, root: _truthy(left(item, root))
        operator = self.take()[1]
        right = self.operand()
        compare = _OPERATORS.get(operator)
        if compare is None:
            raise PathError(f"Unknown operator {operator!r} in the filter '{self.text}'")

        def predicate(item: Any, root: Any) -> bool:
            a, b = left(item, root), right(item, root)
            if a is _ABSENT or b is _ABSENT:
                return operator == "!=" and not (a is _ABSENT and b is _ABSENT)
            try:
                return compare(a, b)
            except TypeError:
                return False

        return predicate

    def operand(self) -> Callable[[Any, Any], Any]:
        kind, text = self.take()
        if kind == "path":
            return _path_operand(text, self.evaluate)
        if kind == "string":
            value = re.sub(r"\\(.)", r"\1", text[1:-1])
            return lambda item, root: value
        if kind in ("number", "word", "list"):
            literal = json.loads(text.replace("'", '"'))
            return lambda item, root: literal
        if kind == "regex":
            body, _, flags = text[1:].rpartition("/")
            pattern = re.compile(body, re.IGNORECASE if "i" in flags else 0)
            return lambda item, root: pattern
        raise PathError(f"Unexpected {text!r} in the filter '{self.text}'")


def _path_operand(text: str, evaluate: Evaluate) -> Callable[[Any, Any], Any]:
    relative = "$" + text[1:]
    from_item = text.startswith("@")

    def read(item: Any, root: Any) -> Any:
        try:
            return evaluate(relative, item if from_item else root)
        except PathError:
            return _ABSENT

    return read


def _truthy(value: Any) -> bool:
    return value is not _ABSENT


def _either(left: Predicate, right: Predicate) -> Predicate:
    return lambda item, root: left(item, root) or right(item, root)


def _both(left: Predicate, right: Predicate) -> Predicate:
    return lambda item, root: left(item, root) and right(item, root)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def _ordered(a: Any, b: Any) -> bool:
    numbers = (int, float)
    both_numbers = isinstance(a, numbers) and isinstance(b, numbers)
    both_numbers = both_numbers and not isinstance(a, bool) and not isinstance(b, bool)
    return both_numbers or (isinstance(a, str) and isinstance(b, str))


_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": _same,
    "!=": lambda a, b: not _same(a, b),
    "<": lambda a, b: _ordered(a, b) and a < b,
    "<=": lambda a, b: _ordered(a, b) and a <= b,
    ">": lambda a, b: _ordered(a, b) and a > b,
    ">=": lambda a, b: _ordered(a, b) and a >= b,
    "=~": lambda a, b: isinstance(a, str) and isinstance(b, re.Pattern) and bool(b.fullmatch(a)),
    "in": lambda a, b: isinstance(b, list) and a in b,
    "nin": lambda a, b: isinstance(b, list) and a not in b,
}
