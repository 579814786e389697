"""Where each key and value of a parsed document sits in its text.

Parsers record character offsets (cheap: a 1,000-state definition has ~70,000 values) and the
conversion to (line, character) happens only for the few ranges someone asks for.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from eventsmith.asl.syntax._document import Path, Position, Range

Span = tuple[int, int]
_NEWLINE = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Converts character offsets of one text to zero-based positions."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]
        self.length = len(text)

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, self.length))
        line = bisect_right(self._starts, offset) - 1
        return Position(line, offset - self._starts[line])

    def range(self, span: Span) -> Range:
        return Range(self.position(span[0]), self.position(span[1]))

    def offset(self, position: Position) -> int:
        line = min(max(position.line, 0), len(self._starts) - 1)
        return min(self._starts[line] + position.character, self.length)

    def line_start(self, line: int) -> int:
        return self._starts[min(max(line, 0), len(self._starts) - 1)]


class Locations:
    """Spans of values and keys by path, plus the function that turns a span into a `Range`.

    `exact` is False when spans only approximate the text (a definition embedded in a
    `DefinitionString` scalar), in which case front-ends should not offer text edits. The
    tables may come from a `loader` run on first use: a valid document is read by the C JSON
    decoder, and its spans are only worked out when someone asks for a range.
    """

    def __init__(
        self,
        to_range: Callable[[Span], Range],
        values: dict[Path, Span] | None = None,
        keys: dict[Path, Span] | None = None,
        exact: bool = True,
        loader: Callable[[], tuple[dict[Path, Span], dict[Path, Span]]] | None = None,
    ) -> None:
        self.to_range = to_range
        self.exact = exact
        self._loader = loader
        self._values = values if values is not None or loader else {}
        self._keys = keys if keys is not None or loader else {}

    def _load(self) -> None:
        if self._loader is not None:
            self._values, self._keys = self._loader()
            self._loader = None

    @property
    def values(self) -> dict[Path, Span]:
        self._load()
        assert self._values is not None
        return self._values

    @property
    def keys(self) -> dict[Path, Span]:
        self._load()
        assert self._keys is not None
        return self._keys

    def value_range(self, path: Path) -> Range:
        """Range of the value at `path`, else of its nearest recorded ancestor."""
        return self.to_range(self.value_span(path))

    def key_range(self, path: Path) -> Range:
        """Range of the key naming `path` (its value's range for array items and the root)."""
        span = self.keys.get(path)
        return self.to_range(span) if span is not None else self.value_range(path)

    def value_span(self, path: Path) -> Span:
        values = self.values
        for length in range(len(path), -1, -1):
            span = values.get(path[:length])
            if span is not None:
                return span
        return (0, 0)

    def relative_to(self, base: Path) -> Locations:
        """The locations under `base`, keyed relative to it (a definition inside a template)."""
        size = len(base)
        values = {path[size:]: span for path, span in self.values.items() if path[:size] == base}
        keys = {path[size:]: span for path, span in self.keys.items() if path[:size] == base}
        return Locations(self.to_range, values, keys, self.exact)
