"""Shapes and text metrics shared by the layout and the renderers.

Text is measured by a `TextMeasure` (text, font size in px -> width in px). The default is a
per-character width table for a Helvetica/Arial-like sans-serif, so the layout can size boxes
without a font engine and the SVG asks for exactly that font family; a GUI passes its own font
metrics instead. Names too long for a box are wrapped onto two lines and then cut with an
ellipsis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from eventsmith.asl.diagram._graph import Node

TextMeasure = Callable[[str, float], float]

NAME_FONT = 13.0
DETAIL_FONT = 11.0
LABEL_FONT = 11.0
LINE_HEIGHT = 16.0
MAX_NAME_WIDTH = 190.0
MAX_LABEL_WIDTH = 170.0

_NARROW = set("iljtfI.,:;'|!()[]{} ")
_WIDE = set("mwMW@%")


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle; (x, y) is the top-left corner, y grows downwards."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center(self) -> Point:
        return Point(self.x + self.width / 2, self.y + self.height / 2)

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.width, self.height)

    def overlaps(self, other: Box) -> bool:
        """True when the interiors intersect (touching edges do not count)."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def contains(self, other: Box) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


def text_width(text: str, font_size: float) -> float:
    """Width of `text` in the default sans-serif, from a per-character table."""
    units = 0.0
    for char in text:
        if char in _NARROW:
            units += 0.3
        elif char in _WIDE:
            units += 0.85
        elif char.isupper() or char.isdigit():
            units += 0.66 if char.isupper() else 0.56
        else:
            units += 0.55
    return units * font_size


def wrap(
    text: str,
    font_size: float,
    max_width: float,
    max_lines: int = 2,
    measure: TextMeasure = text_width,
) -> list[str]:
    """Greedy word wrap; the last allowed line is cut with an ellipsis when text remains."""
    words = text.split() or [""]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if measure(candidate, font_size) <= max_width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    lines = [_cut(line, font_size, max_width, measure) for line in lines]
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :]) + "…"
        lines = [*lines[: max_lines - 1], _cut(rest, font_size, max_width, measure, force=True)]
    return lines


def _cut(
    line: str, font_size: float, max_width: float, measure: TextMeasure, force: bool = False
) -> str:
    if measure(line, font_size) <= max_width and not force:
        return line
    while line and measure(line + "…", font_size) > max_width:
        line = line[:-1]
    return line.rstrip() + "…" if not line.endswith("…") else line


def name_lines(node: Node, measure: TextMeasure = text_width) -> list[str]:
    return wrap(node.name, NAME_FONT, MAX_NAME_WIDTH, measure=measure)


def label_lines(label: str, measure: TextMeasure = text_width) -> list[str]:
    return wrap(label, LABEL_FONT, MAX_LABEL_WIDTH, measure=measure)


def node_size(node: Node, measure: TextMeasure = text_width) -> tuple[float, float]:
    """Width and height of a simple (non-container) node."""
    if node.kind in ("Start", "End"):
        return 72.0, 30.0
    lines = name_lines(node, measure)
    text = max(max(measure(line, NAME_FONT) for line in lines), measure(node.detail, DETAIL_FONT))
    width = min(max(text + 32, 136.0), MAX_NAME_WIDTH + 32)
    if node.kind == "Choice":
        width += 28  # room for the pointed ends
    return width, 22 + LINE_HEIGHT * len(lines) + (LINE_HEIGHT if node.detail else 0)


def label_size(label: str, measure: TextMeasure = text_width) -> tuple[float, float]:
    lines = label_lines(label, measure)
    return max(measure(line, LABEL_FONT) for line in lines) + 12, 6 + 14 * len(lines)
