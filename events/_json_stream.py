"""The elements of one big top-level JSON array, one at a time, without parsing it whole.

A `.json` export of a million events is one array; parsing it whole would hold every event in
memory at once. `array_values` decodes one element at a time with the standard library's C
scanner (`JSONDecoder.raw_decode`, which says where the element ended) over a sliding text
window of about one block. Only when an element does not decode (cut by the window's end, or
malformed) does an exact bracket scanner find where it ends, so a bad element is reported at its
line and skipped, and reading goes on with the next one.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

BLOCK_BYTES = 1 << 20

_WHITESPACE = re.compile(r"[ \t\r\n]*").match
# Between elements: a string (closing quote captured, so one cut off by the window's end is
# visible), or one structural character.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(")?|[\[\]{},]').search
# Inside a container only brackets matter; everything else, whole strings included, is skipped
# by one possessive match.
_INSIDE = re.compile(r'(?:[^"\[\]{}]++|"[^"\\]*+(?:\\.[^"\\]*+)*+")*+').match


def _skip_blank(text: str, position: int) -> int:
    blank = _WHITESPACE(text, position)
    return blank.end() if blank else position


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


_DECODE = json.JSONDecoder(parse_constant=_no_constants).raw_decode


class ArrayError(ValueError):
    """The input is not one JSON array (or it ends too early)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def blocks(chunks: Iterable[bytes], size: int = BLOCK_BYTES) -> Iterator[bytes]:
    """Joins small chunks (lines of a pretty-printed file) into blocks of about `size` bytes."""
    pending: list[bytes] = []
    total = 0
    for chunk in chunks:
        pending.append(chunk)
        total += len(chunk)
        if total >= size:
            yield b"".join(pending)
            pending, total = [], 0
    if pending:
        yield b"".join(pending)


class _Window:
    """A text window over the input: drops what was read, appends the next block on demand."""

    def __init__(self, chunks: Iterable[bytes], block_bytes: int) -> None:
        self._source = blocks(chunks, block_bytes)
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.line = 1  # the line number at offset `line_offset` of `text`
        self.line_offset = 0
        self.ended = False

    def line_at(self, offset: int) -> int:
        self.line += self.text.count("\n", self.line_offset, offset)
        self.line_offset = offset
        return self.line

    def extend(self, keep_from: int) -> bool:
        """Drop `text[:keep_from]` and append a block; False at the end of the input."""
        if self.ended:
            return False
        block = next(self._source, None)
        self.line_at(keep_from)
        if block is None:
            self.ended = True
            self.text = self.text[keep_from:] + self._decoder.decode(b"", final=True)
        else:
            self.text = self.text[keep_from:] + self._decoder.decode(block)
        self.line_offset = 0
        return True


def array_values(
    chunks: Iterable[bytes],
    on_error: Callable[[int, str], None],
    block_bytes: int = BLOCK_BYTES,
) -> Iterator[tuple[int, Any]]:
    """`(line, value)` for each element of the array the concatenated `chunks` hold.

    A malformed element goes to `on_error(line, message)` and is skipped; input that is not an
    array, or ends inside it, raises ArrayError. Bytes must be UTF-8 (invalid bytes raise
    UnicodeDecodeError).
    """
    window = _Window(chunks, block_bytes)
    position = 0
    while True:
        position = _skip_blank(window.text, position)
        if position < len(window.text):
            break
        if not window.extend(position):
            raise ArrayError("empty input", window.line_at(position))
        position = 0
    if window.text[position] != "[":
        raise ArrayError("not a JSON array", window.line_at(position))
    position += 1
    expecting = True  # a value may come next (after "[" or ",")
    while True:
        text = window.text
        position = _skip_blank(text, position)
        if position >= len(text):
            if not window.extend(position):
                raise ArrayError("the array is not closed", window.line_at(position))
            position = 0
            continue
        char = text[position]
        if char == "]":
            return
        if char == ",":
            if expecting:
                raise ArrayError("empty array element", window.line_at(position))
            expecting, position = True, position + 1
            continue
        try:
            value, end = _DECODE(text, position)
            cut = end == len(text) and not window.ended  # a number may go on in the next block
        except ValueError as error:
            value, end, cut = error, position, True
        if cut or not expecting:
            found = _element_end(text, position)
            if found is None:
                if not window.extend(position):
                    raise ArrayError("the array is not closed", window.line_at(0)) from None
                position = 0
                continue
            if not isinstance(value, ValueError) and expecting:
                yield window.line_at(position), value
            elif not expecting:
                on_error(window.line_at(position), "invalid JSON: missing comma")
            else:
                where = value.pos if isinstance(value, json.JSONDecodeError) else position
                on_error(window.line_at(max(where, position)), _message(value))
            # A stray "}" ends an element where it starts: step over it.
            position, expecting = (found if found > position else found + 1), False
            continue
        yield window.line_at(position), value
        position, expecting = end, False


def _message(error: Any) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"invalid JSON: {error.msg}"
    return f"invalid JSON: {error}"


def _element_end(text: str, start: int) -> int | None:
    """The offset of the "," or "]" ending the element at `start`; None when the text ends
    first. A stray "}" counts as an end, so the element is reported rather than run over."""
    position = start
    while True:
        token = _TOKEN(text, position)
        if token is None:
            return None
        char = text[token.start()]
        if char == '"':
            if token.start(1) == -1:
                return None  # the string goes on in the next block
            position = token.end()
        elif char in ",]}":
            return token.start()
        else:
            end = _container_end(text, token.end())
            if end is None:
                return None
            position = end


def _container_end(text: str, position: int) -> int | None:
    """Just past the bracket closing the container opened before `position`."""
    depth = 1
    size = len(text)
    while True:
        skipped = _INSIDE(text, position)
        position = skipped.end() if skipped else position
        if position >= size:
            return None
        char = text[position]
        if char == '"':
            return None  # an unterminated string: it goes on in the next block
        depth += 1 if char in "[{" else -1
        position += 1
        if depth == 0:
            return position


def array_element_lines(text: str) -> list[int]:
    """The 1-based line on which each element of a top-level JSON array starts.

    A second, cheap pass over a `.json` file whose array was already parsed whole, so a report
    on element 40 of a file can say which line it is on. Empty for anything not an array;
    shorter than the array when an element nests deeper than the stdlib decoder recurses.
    """
    decoder = json.JSONDecoder()
    position = len(text) - len(text.lstrip())
    if not text.startswith("[", position):
        return []
    lines: list[int] = []
    position += 1
    line = 1 + text.count("\n", 0, position)
    try:
        while True:
            skipped = _skip_blank_and_comma(text, position)
            line += text.count("\n", position, skipped)
            position = skipped
            if position >= len(text) or text[position] == "]":
                return lines
            lines.append(line)
            _, end = decoder.raw_decode(text, position)
            line += text.count("\n", position, end)
            position = end
    except (json.JSONDecodeError, RecursionError):
        return lines


def _skip_blank_and_comma(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n,":
        position += 1
    return position
