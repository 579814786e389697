"""The elements of one big top-level JSON array, one at a time, without parsing it whole.

A `.json` export of a million events is one array; `orjson.loads` on it would hold every event
in memory at once. `array_elements` cuts the raw bytes into elements with a tokenizer regex
(strings are matched whole, in C, so only brackets, braces and commas cost a Python step) and
hands each element's bytes to the caller to parse. Memory is one element plus one block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

BLOCK_BYTES = 1 << 20

# A string (closing quote captured, so an unfinished string at the end of a block is visible),
# or one structural character.
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*(")?|[\[\]{},]')
_OPEN = frozenset(b"[{")
_CLOSE = frozenset(b"]}")
_QUOTE = ord('"')


@dataclass(frozen=True)
class RawElement:
    """One array element's bytes, and the line it starts on (1-based)."""

    data: bytes
    line: int


class ArrayError(ValueError):
    """The bytes are not one JSON array (or it ends too early)."""

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


def array_elements(chunks: Iterable[bytes], block_bytes: int = BLOCK_BYTES) -> Iterator[RawElement]:
    """Each element of the array the concatenated `chunks` hold; ArrayError when they don't."""
    source = blocks(chunks, block_bytes)
    buffer = b""
    line = 1
    while not buffer:
        block = next(source, None)
        if block is None:
            raise ArrayError("empty input", line)
        buffer = block.lstrip()
        line += block[: len(block) - len(buffer)].count(b"\n")
    if not buffer.startswith(b"["):
        raise ArrayError("not a JSON array", line)
    start = 1  # just after "[": an element (or the closing "]") starts here
    line_position = 0  # `line` is the line number at this offset of `buffer`
    while True:
        finished = _scan(buffer, start)
        if finished is None:
            more = next(source, None)
            if more is None:
                raise ArrayError("the array is not closed", line)
            # Keep only the unfinished element; it is scanned again with the new block.
            line += buffer.count(b"\n", line_position, start)
            buffer, start, line_position = buffer[start:] + more, 0, 0
            continue
        end, closes_array = finished
        element = buffer[start:end]
        stripped = element.lstrip()
        element_start = start + len(element) - len(stripped)
        line += buffer.count(b"\n", line_position, element_start)
        line_position = element_start
        if stripped:
            yield RawElement(stripped.rstrip(), line)
        elif not closes_array:
            raise ArrayError("empty array element", line)
        if closes_array:
            return
        start = end + 1


def _scan(buffer: bytes, start: int) -> tuple[int, bool] | None:
    """Where the element starting at `start` ends: its "," or the array's closing bracket (True
    when it closes the array). None when the buffer ends first."""
    depth = 0
    for token in _TOKEN.finditer(buffer, start):
        first = buffer[token.start()]
        if first == _QUOTE:
            if token.start(1) == -1:
                return None  # the string goes on in the next block
        elif first in _OPEN:
            depth += 1
        elif first in _CLOSE:
            if depth == 0:
                # "]" closes the array; a stray "}" ends it too, and the element then fails
                # to parse and is reported by the caller.
                return token.start(), True
            depth -= 1
        elif depth == 0:  # a comma between elements
            return token.start(), False
    return None
