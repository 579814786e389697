"""Values shared by the ASL parser, the validator and every front-end: positions and diagnostics.

Positions are zero-based (line, character) where `character` counts Unicode code points of the
line (Python string indexes). Front-ends convert once to their own unit (LSP: UTF-16 code units;
people: one-based columns).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

PathPart = str | int
Path = tuple[PathPart, ...]


@dataclass(frozen=True, order=True)
class Position:
    line: int
    character: int


@dataclass(frozen=True, order=True)
class Range:
    start: Position
    end: Position

    @staticmethod
    def at(line: int, character: int) -> Range:
        """An empty range (a caret) at one position."""
        point = Position(line, character)
        return Range(point, point)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFORMATION = "information"
    HINT = "hint"


@dataclass(frozen=True)
class TextEdit:
    """Replace `range` with `new_text` (an empty range inserts, empty text deletes)."""

    range: Range
    new_text: str


@dataclass(frozen=True)
class Fix:
    """A suggested change that resolves a diagnostic, e.g. did-you-mean or add `End: true`."""

    title: str
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True)
class Diagnostic:
    """A finding in a document.

    `code` is stable (see docs/asl.md). `path` is the location inside the state machine
    definition (keys and indexes, e.g. `("States", "Fulfil", "Branches", 0, "StartAt")`), so a
    front-end can map it to a state; it is `()` for findings about the file as a whole.
    """

    code: str
    severity: Severity
    message: str
    range: Range
    path: Path = ()
    fix: Fix | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
