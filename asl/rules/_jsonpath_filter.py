"""The expression inside a Jayway JSONPath filter, `[?( ... )]`, checked without evaluating it.

Grammar (Jayway's FilterCompiler): `a || b`, `a && b`, `!a`, `( a )`, and relations
`value OP value` or a lone path (an existence test). Values are paths from `@` (the current
item) or `$` (the document), 'strings', "strings", numbers, true/false/null, /regex/flags and
JSON arrays or objects. Operators: == != === !== < <= > >= =~ and the words in, nin, subsetof,
anyof, noneof, contains, size, empty, all, type, matches, exists (any letter case).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SYMBOLS = ("===", "!==", "==", "!=", "<=", ">=", "=~", "<", ">")
_WORDS = frozenset(
    {"in", "nin", "subsetof", "anyof", "noneof", "contains", "size", "empty", "all", "type"}
    | {"matches", "exists"}
)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_WORD = re.compile(r"[A-Za-z]+")
_PATH_STOP = " \t\r\n<>=~!)&|,"

PathCheck = Callable[[str], str | None]


def filter_problem(expression: str, path_check: PathCheck) -> tuple[str, int] | None:
    """(message, offset in `expression`) of the first problem, None when it is valid.

    `path_check` returns the problem of a `$...` path used as an operand (the caller's path
    grammar), None when it is valid.
    """
    parser = _Filter(expression, path_check)
    try:
        parser.or_expression()
        parser.space()
        if parser.pos < len(expression):
            raise _Invalid(f"unexpected {expression[parser.pos]!r}", parser.pos)
    except _Invalid as invalid:
        return invalid.message, invalid.offset
    except RecursionError:  # parentheses nested thousands deep: refuse rather than raise
        return "parentheses nested too deeply", 0
    return None


class _Invalid(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class _Filter:
    def __init__(self, text: str, path_check: PathCheck) -> None:
        self.text = text
        self.pos = 0
        self.path_check = path_check

    def space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    def accept(self, token: str) -> bool:
        self.space()
        if self.text.startswith(token, self.pos):
            self.pos += len(token)
            return True
        return False

    def or_expression(self) -> None:
        self.and_expression()
        while self.accept("||"):
            self.and_expression()

    def and_expression(self) -> None:
        self.unary()
        while self.accept("&&"):
            self.unary()

    def unary(self) -> None:
        self.space()
        if self.text.startswith("!", self.pos) and not self.text.startswith("!=", self.pos):
            self.pos += 1
            self.unary()
            return
        if self.accept("("):
            self.or_expression()
            if not self.accept(")"):
                raise _Invalid("expected ')'", self.pos)
            return
        self.relation()

    def relation(self) -> None:
        start = self.pos
        left = self.value()
        if self.operator():
            self.value()
        elif left != "path":
            raise _Invalid("a value alone is no test; compare it, e.g. @.x == 1", start)

    def operator(self) -> bool:
        self.space()
        for symbol in _SYMBOLS:
            if self.text.startswith(symbol, self.pos):
                self.pos += len(symbol)
                return True
        word = _WORD.match(self.text, self.pos)
        if word is not None and word.group().lower() in _WORDS:
            self.pos = word.end()
            return True
        return False

    def value(self) -> str:
        self.space()
        text, start = self.text, self.pos
        if start >= len(text):
            raise _Invalid("expected a value", start)
        char = text[start]
        if char in "@$":
            self.path()
            return "path"
        if char in "'\"":
            self.pos = self.closing_quote(start)
            return "string"
        if char == "/":
            end = text.find("/", start + 1)
            if end < 0:
                raise _Invalid("unclosed /regex/", start)
            self.pos = end + 1
            while self.pos < len(text) and text[self.pos].isalpha():
                self.pos += 1
            return "regex"
        if char in "[{":
            self.pos = self.closing_bracket(start, char, "]" if char == "[" else "}")
            return "json"
        number = _NUMBER.match(text, start)
        if number is not None:
            self.pos = number.end()
            return "number"
        word = _WORD.match(text, start)
        if word is not None and word.group() in ("true", "false", "null"):
            self.pos = word.end()
            return "literal"
        raise _Invalid(f"expected a value (@.path, 'text', a number, ...), not {char!r}", start)

    def path(self) -> None:
        text, start = self.text, self.pos
        index = start + 1
        while index < len(text) and text[index] not in _PATH_STOP:
            if text[index] in "['\"(":
                close = {"[": "]", "(": ")"}.get(text[index], text[index])
                index = self.closing_bracket(index, text[index], close)
                continue
            index += 1
        path = text[start:index]
        self.pos = index
        problem = self.path_check("$" + path[1:])
        if problem is not None:
            raise _Invalid(f"in '{path}': {problem}", start)

    def closing_quote(self, start: int) -> int:
        quote, index = self.text[start], start + 1
        while index < len(self.text):
            if self.text[index] == "\\":
                index += 2
                continue
            if self.text[index] == quote:
                return index + 1
            index += 1
        raise _Invalid("unclosed quote", start)

    def closing_bracket(self, start: int, opening: str, closing: str) -> int:
        if opening in "'\"":
            return self.closing_quote(start)
        depth, index = 0, start
        while index < len(self.text):
            char = self.text[index]
            if char in "'\"":
                index = self.closing_quote(index)
                continue
            if char == opening:
                depth += 1
            elif char == closing:
                depth -= 1
                if depth == 0:
                    return index + 1
            index += 1
        raise _Invalid(f"unclosed '{opening}'", start)
