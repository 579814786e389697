"""What the cursor is on: a key being typed in an object, or a value of some key.

This is the reverse of the parser's path -> span tables, made to work on half-typed text: a
key or string the tolerant reader recorded is found by its span; in whitespace, a JSON
document is resolved by the innermost object or array around the cursor and a YAML document
by indentation (YAML spans of a broken line are not reliable). The token under the cursor is
what a completion replaces.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Literal

from eventsmith.asl.editor._tree import Tree
from eventsmith.asl.syntax import Path, Position, Span

_WORD_CHARS = re.compile(r"[^\s,:\[\]{}]*")
_YAML_KEY = re.compile(r"\s*(?:-\s+)*(?P<key>[^\s#\-][^#]*?)\s*:(?:\s|$)")


@dataclass(frozen=True)
class Cursor:
    """Where the cursor is.

    `on` is "key" when a key of the object at `container` is being typed (then `path` is
    `container` + the key typed so far, if any) and "value" when the value at `path` is (its
    key is `path[-1]`, or the array's key for an item). `token` is the span of the text under
    the cursor that a completion replaces (quotes included), `prefix` what of it is typed before
    the cursor, without quotes.
    """

    on: Literal["key", "value"]
    path: Path
    container: Path
    token: Span
    prefix: str
    quoted: bool

    @property
    def key(self) -> str | None:
        """The key whose value is at the cursor (an array item's: the array's key)."""
        for part in reversed(self.path):
            if isinstance(part, str):
                return part
        return None

    @property
    def in_array(self) -> bool:
        return bool(self.path) and isinstance(self.path[-1], int)


def cursor_at(tree: Tree, position: Position) -> Cursor:
    """The cursor at `position` of `tree` (never fails: at worst a key of the root)."""
    offset = tree.offset(position)
    key = _key_at(tree, offset)
    if key is not None:
        return _cursor("key", tree, key, key[:-1], tree.keys[key], offset)
    scalar = _scalar_at(tree, offset)
    if scalar is not None:
        path, span = scalar
        return _cursor("value", tree, path, path[:-1], span, offset)
    token = _word(tree.text, offset)
    before = tree.text[tree.lines.line_start(position.line) : token[0]]
    if tree.syntax == "json":
        return _json_whitespace(tree, offset, token, before)
    return _yaml_whitespace(tree, position, token, before)


def _cursor(
    on: Literal["key", "value"], tree: Tree, path: Path, container: Path, span: Span, offset: int
) -> Cursor:
    raw = tree.text[span[0] : span[1]]
    quoted = raw[:1] in ("'", '"')
    prefix = tree.text[span[0] + (1 if quoted else 0) : max(offset, span[0] + quoted)]
    return Cursor(on, path, container, span, prefix, quoted)


def _key_at(tree: Tree, offset: int) -> Path | None:
    starts, paths = tree.key_order
    index = bisect_right(starts, offset) - 1
    if index < 0:
        return None
    span = tree.keys[paths[index]]
    return paths[index] if span[0] <= offset <= span[1] and span[0] < span[1] else None


def _scalar_at(tree: Tree, offset: int) -> tuple[Path, Span] | None:
    def around(span: Span, path: Path) -> bool:
        return span[0] <= offset <= span[1]

    path = tree.innermost(offset, around)
    if path is None or path in tree.containers:
        return None
    span = tree.values[path]
    # An empty span is a YAML null (`Next:` with nothing after it yet): a value to type.
    if span[0] == span[1] and tree.value_at(path) is not None:
        return None
    return path, span


def _word(text: str, offset: int) -> Span:
    start = offset
    while start > 0 and _WORD_CHARS.fullmatch(text[start - 1]) and text[start - 1] not in "\r\n":
        start -= 1
    match = _WORD_CHARS.match(text, offset)
    return (start, match.end() if match else offset)


def _json_whitespace(tree: Tree, offset: int, token: Span, before: str) -> Cursor:
    container = _innermost_container(tree, offset)
    value = tree.value_at(container)
    prefix = tree.text[token[0] : offset].lstrip("\"'")
    quoted = tree.text[token[0] : token[0] + 1] in ("'", '"')
    if isinstance(value, list):
        return Cursor("value", (*container, len(value)), container, token, prefix, quoted)
    key = _key_before(tree, container, token[0])
    if key is not None:
        return Cursor("value", key, container, token, prefix, quoted)
    return Cursor("key", container, container, token, prefix, quoted)


def _innermost_container(tree: Tree, offset: int) -> Path:
    def around(span: Span, path: Path) -> bool:
        inside = span[0] < offset and (offset < span[1] or span[1] == len(tree.text))
        return inside and path in tree.containers

    return tree.innermost(offset, around) or ()


def _key_before(tree: Tree, container: Path, start: int) -> Path | None:
    """The key of `container` that a `:` right before `start` belongs to."""
    text = tree.text[:start].rstrip()
    if not text.endswith(":"):
        return None
    colon = len(text) - 1
    starts, paths = tree.key_order
    container_start = tree.values.get(container, (0, 0))[0]
    for index in range(bisect_right(starts, colon) - 1, -1, -1):
        if starts[index] < container_start:
            break
        path = paths[index]
        if path[:-1] == container and tree.keys[path][1] <= colon:
            return path
    return None


def _yaml_whitespace(tree: Tree, position: Position, token: Span, before: str) -> Cursor:
    prefix = tree.text[token[0] : tree.offset(position)].lstrip("\"'")
    quoted = tree.text[token[0] : token[0] + 1] in ("'", '"')
    indent = len(before) - len(before.lstrip(" -"))
    item = before.strip().startswith("-")
    parent = _yaml_parent(tree, position.line, indent)
    match = _YAML_KEY.match(before)
    if match:
        key = (*parent, match["key"].strip("\"'"))
        return Cursor("value", key, parent, token, prefix, quoted)
    value = tree.value_at(parent)
    if item or isinstance(value, list):
        size = len(value) if isinstance(value, list) else 0
        if isinstance(value, list) and value and value[-1] is None:
            size -= 1  # the reader's null for the `- ` being typed
        return Cursor("value", (*parent, size), parent, token, prefix, quoted)
    return Cursor("key", parent, parent, token, prefix, quoted)


def _yaml_parent(tree: Tree, line: int, indent: int) -> Path:
    """The mapping (or sequence) a line indented by `indent` belongs to."""
    starts, paths = tree.key_order
    found: tuple[Path, int] | None = None  # the nearest key above, indented at most `indent`
    for index in range(bisect_right(starts, tree.lines.line_start(line) - 1) - 1, -1, -1):
        start = tree.lines.position(starts[index])
        if start.line < line and start.character <= indent:
            found = (paths[index], start.character)
            break
    if found is None:
        return ()
    path, column = found
    if column == indent:
        return path[:-1]
    return path if _is_container(tree.value_at(path)) or tree.value_at(path) is None else path[:-1]


def _is_container(value: Any) -> bool:
    return isinstance(value, dict | list)
