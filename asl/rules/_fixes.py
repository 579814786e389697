"""Suggested text edits for findings: replace a value, rename or remove a key, add a member.

Edits respect the document's style: JSON or YAML, one-line (flow) or multi-line (block)
objects, the indentation of the sibling keys. A member reached through a YAML merge key
lives in another part of the text, so it gets no edit rather than a wrong one.
"""

from __future__ import annotations

import json
import re

from eventsmith.asl.syntax._document import Fix, Path, Position, Range, TextEdit
from eventsmith.asl.syntax._source import StateMachineSource

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_ANCHOR = re.compile(r"(?:^|[\s\[{,:])&[^\s\[\]{},]+")


def replace_value(source: StateMachineSource, path: Path, title: str, value: object) -> Fix:
    text = json.dumps(value, ensure_ascii=False)
    return Fix(title, (TextEdit(source.value_range(path), text),))


def rename_key(source: StateMachineSource, path: Path, new_key: str) -> Fix | None:
    if not _own_member(source, path):
        return None
    text = json.dumps(new_key, ensure_ascii=False)
    if source.syntax == "yaml" and new_key.isidentifier():
        text = new_key
    return Fix(f"Rename to '{new_key}'", (TextEdit(source.key_range(path), text),))


def add_member(
    source: StateMachineSource, object_path: Path, key: str, value: object, title: str
) -> Fix | None:
    """Insert `key: value` after the last member of the object at `object_path`."""
    members = [member for member in _members(source, object_path) if _own_member(source, member)]
    if not members:
        return None
    last = members[-1]
    first_key = source.key_range(members[0])
    literal = json.dumps(value)
    name = json.dumps(key) if source.syntax == "json" or not key.isidentifier() else key
    if _is_inline(source, object_path, members):
        end = source.value_range(last).end
        return Fix(title, (TextEdit(Range(end, end), f", {name}: {literal}"),))
    indent = " " * first_key.start.character
    if source.syntax == "json":
        end = source.value_range(last).end
        return Fix(title, (TextEdit(Range(end, end), f",\n{indent}{name}: {literal}"),))
    end = _block_value_end(source, last)
    return Fix(title, (TextEdit(Range(end, end), f"\n{indent}{name}: {literal}"),))


def remove_member(source: StateMachineSource, path: Path) -> Fix | None:
    """Delete the member at `path`: its key, its value and the separator joining it."""
    siblings = [member for member in _members(source, path[:-1]) if _own_member(source, member)]
    if path not in siblings:
        return None
    title = f"Remove '{path[-1]}'"
    key = source.key_range(path)
    if source.syntax == "yaml" and not _is_inline(source, path[:-1], siblings):
        lines = _lines(source)
        if not lines[key.start.line][: key.start.character].strip():
            end = _block_value_end(source, path)
            rest = lines[end.line][end.character :].strip()
            removed = "".join(lines[key.start.line : end.line + 1])
            if _ANCHOR.search(removed):
                return None  # aliases elsewhere would lose their anchor
            if not rest or rest.startswith("#"):
                next_line = Position(end.line + 1, 0)
                return Fix(title, (TextEdit(Range(Position(key.start.line, 0), next_line), ""),))
    index = siblings.index(path)
    start, end = key.start, source.value_range(path).end
    if index > 0:
        start = source.value_range(siblings[index - 1]).end
    elif len(siblings) > 1:
        end = source.key_range(siblings[1]).start
    return Fix(title, (TextEdit(Range(start, end), ""),))


def _members(source: StateMachineSource, object_path: Path) -> list[Path]:
    node: object = source.definition
    for part in object_path:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return []
    return [(*object_path, str(key)) for key in node] if isinstance(node, dict) else []


def _own_member(source: StateMachineSource, path: Path) -> bool:
    """The key is written inside its object's text (not merged in from a YAML anchor)."""
    if not source.has_key(path):
        return False
    key = source.key_range(path)
    parent = source.value_range(path[:-1])
    return parent.start <= key.start and key.end <= parent.end


def _is_inline(source: StateMachineSource, object_path: Path, members: list[Path]) -> bool:
    if source.syntax == "yaml":
        start = source.value_range(object_path).start
        line = _lines(source)[start.line] if start.line < len(_lines(source)) else ""
        return line[start.character : start.character + 1] == "{"
    first, last = source.key_range(members[0]), source.key_range(members[-1])
    return first.start.line == last.start.line


def _block_value_end(source: StateMachineSource, path: Path) -> Position:
    """Where a YAML block value's text ends (its mark can sit at the next line's start)."""
    end = source.value_range(path).end
    lines = _lines(source)
    if 0 < end.line < len(lines) and not lines[end.line][: end.character].strip():
        line = end.line - 1
        while line > 0 and not lines[line].strip():
            line -= 1
        return Position(line, len(lines[line].rstrip("\r\n")))
    return end


def _lines(source: StateMachineSource) -> list[str]:
    return _LINES.findall(source.text)
