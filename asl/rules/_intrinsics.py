"""A parser for ASL intrinsic functions (`States.Format('{} {}', $.a, States.UUID())`).

Gives the calls with their arguments, or the first syntax error with its offset, so the rules
can check names, arity, nesting depth (at most 10) and the argument of a path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# name -> (minimum, maximum) number of arguments; None = no maximum.
ARITY: dict[str, tuple[int, int | None]] = {
    "States.Format": (1, None),
    "States.StringToJson": (1, 1),
    "States.JsonToString": (1, 1),
    "States.Array": (0, None),
    "States.ArrayPartition": (2, 2),
    "States.ArrayContains": (2, 2),
    "States.ArrayRange": (3, 3),
    "States.ArrayGetItem": (2, 2),
    "States.ArrayLength": (1, 1),
    "States.ArrayUnique": (1, 1),
    "States.Base64Encode": (1, 1),
    "States.Base64Decode": (1, 1),
    "States.Hash": (2, 2),
    "States.JsonMerge": (3, 3),
    "States.MathRandom": (2, 3),
    "States.MathAdd": (2, 2),
    "States.StringSplit": (2, 2),
    "States.UUID": (0, 0),
}
# name -> the type of each argument (the last repeats for variadic functions), from the
# documented signatures. Only literal arguments are judged: a path or a nested call is known
# only when the state runs.
SIGNATURES: dict[str, tuple[str, ...]] = {
    "States.Format": ("string", "any"),
    "States.StringToJson": ("string",),
    "States.JsonToString": ("any",),
    "States.Array": ("any",),
    "States.ArrayPartition": ("array", "integer"),
    "States.ArrayContains": ("array", "any"),
    "States.ArrayRange": ("integer", "integer", "integer"),
    "States.ArrayGetItem": ("array", "integer"),
    "States.ArrayLength": ("array",),
    "States.ArrayUnique": ("array",),
    "States.Base64Encode": ("string",),
    "States.Base64Decode": ("string",),
    "States.Hash": ("any", "string"),
    "States.JsonMerge": ("object", "object", "boolean"),
    "States.MathRandom": ("integer", "integer", "integer"),
    "States.MathAdd": ("number", "number"),
    "States.StringSplit": ("string", "string"),
    "States.UUID": (),
}
HASH_ALGORITHMS = ("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512")
MAX_NESTING = 10

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_WORD = re.compile(r"(?:true|false|null)\b")


@dataclass
class Call:
    name: str
    start: int
    args: list[Argument] = field(default_factory=list)
    depth: int = 1


@dataclass
class Argument:
    kind: str  # "string", "number", "literal", "path", "call"
    text: str
    start: int
    call: Call | None = None


class IntrinsicSyntaxError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def looks_like_call(text: str) -> bool:
    return _NAME.match(text.strip()) is not None and "(" in text and not text.startswith("$")


@lru_cache(maxsize=4096)
def parse_call(text: str) -> Call:
    """Parse a whole intrinsic call; raises IntrinsicSyntaxError with an offset.

    Cached: treat the result as read-only.
    """
    parser = _Parser(text)
    call = parser.call()
    parser.space()
    if parser.pos != len(text):
        raise IntrinsicSyntaxError("Unexpected text after the function call", parser.pos)
    return call


def walk(call: Call) -> list[Call]:
    """The call and every nested call, outermost first."""
    calls = [call]
    for argument in call.args:
        if argument.call is not None:
            calls.extend(walk(argument.call))
    return calls


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    def call(self) -> Call:
        self.space()
        start = self.pos
        match = _NAME.match(self.text, self.pos)
        if match is None:
            raise IntrinsicSyntaxError("Expected a function name such as States.Format", start)
        self.pos = match.end()
        self.space()
        if self.pos >= len(self.text) or self.text[self.pos] != "(":
            raise IntrinsicSyntaxError(f"Expected '(' after {match.group()}", self.pos)
        self.pos += 1
        call = Call(match.group(), start)
        self.space()
        if self.pos < len(self.text) and self.text[self.pos] == ")":
            self.pos += 1
            return call
        while True:
            argument = self.argument()
            call.args.append(argument)
            if argument.call is not None:
                call.depth = max(call.depth, argument.call.depth + 1)
            self.space()
            if self.pos >= len(self.text):
                raise IntrinsicSyntaxError(f"Unclosed '(' of {call.name}", self.pos)
            if self.text[self.pos] == ",":
                self.pos += 1
                continue
            if self.text[self.pos] == ")":
                self.pos += 1
                return call
            raise IntrinsicSyntaxError("Expected ',' or ')' between arguments", self.pos)

    def argument(self) -> Argument:
        self.space()
        start = self.pos
        if start >= len(self.text):
            raise IntrinsicSyntaxError("Expected an argument", start)
        char = self.text[start]
        if char == "'":
            return Argument("string", self.string(), start)
        if char == "$":
            return Argument("path", self.path(), start)
        number = _NUMBER.match(self.text, start)
        if number is not None:
            self.pos = number.end()
            return Argument("number", number.group(), start)
        word = _WORD.match(self.text, start)
        if word is not None:
            self.pos = word.end()
            return Argument("literal", word.group(), start)
        if _NAME.match(self.text, start):
            call = self.call()
            return Argument("call", self.text[start : self.pos], start, call)
        raise IntrinsicSyntaxError(f"Unexpected '{char}' in the arguments", start)

    def string(self) -> str:
        """A single-quoted string; backslash escapes `'`, `{`, `}` and `\\`."""
        self.pos += 1
        out: list[str] = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "\\" and self.pos + 1 < len(self.text):
                out.append(self.text[self.pos : self.pos + 2])
                self.pos += 2
                continue
            if char == "'":
                self.pos += 1
                return "".join(out)
            out.append(char)
            self.pos += 1
        raise IntrinsicSyntaxError("Unclosed string literal", self.pos)

    def path(self) -> str:
        """A path argument: up to the next ',' or ')' outside brackets, parens and quotes."""
        start, depth, quote = self.pos, 0, ""
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char in "[(":
                depth += 1
            elif char in "])":
                if depth == 0:
                    break
                depth -= 1
            elif char == "," and depth == 0:
                break
            self.pos += 1
        return self.text[start : self.pos].rstrip()


def argument_type_problem(expected: str, argument: Argument) -> str | None:
    """Why a literal argument does not have the `expected` type; None when it may."""
    kind, text = argument.kind, argument.text
    if kind in ("path", "call") or expected == "any":
        return None
    given = {"string": f"the string '{text}'", "number": f"the number {text}"}.get(kind, text)
    if expected == "string" and kind != "string":
        return f"must be a string, not {given}"
    if expected in ("number", "integer") and kind != "number":
        return f"must be {'an integer' if expected == 'integer' else 'a number'}, not {given}"
    if expected == "integer" and not re.fullmatch(r"-?\d+", text):
        return f"must be an integer, not {text}"
    if expected == "boolean" and text not in ("true", "false"):
        return f"must be true or false, not {given}"
    if expected in ("array", "object"):
        article = "an array" if expected == "array" else "an object"
        return f"must be {article} (a path or a call), not {given}"
    return None


def argument_length(argument: Argument) -> int:
    return len(argument.text) + (2 if argument.kind == "string" else 0)


def format_placeholders(template: str) -> int:
    """Number of `{}` in a States.Format template (escaped `\\{` does not count)."""
    return len(re.findall(r"(?<!\\)\{\}", template))
