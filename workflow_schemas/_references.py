"""Find the references to the workflow input inside ASL strings, segment by segment, with the
offset of each segment in the string (for ranges on the offending name).

JSONPath (a `.$` value, a `...Path` field, an intrinsic's arguments): `$.a.b`, `$['a'][0].b`
against the state input, `$$.Execution.Input.a` against the execution input.
JSONata (inside `{% %}`): `$states.input.a.b` (``$states.input.`detail-type` ``) and
`$states.context.Execution.Input.a`.
A reference is followed as far as it names fields and array elements; a filter, slice,
wildcard or deep scan ends it there (the rest is not checked).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Root = Literal["state", "execution"]
Language = Literal["jsonpath", "jsonata"]  # a reference's dialect

# A root no identifier character precedes: `$` (not `$$`, `$var`), `$$.Execution.Input`.
_JSONPATH_ROOTS = re.compile(r"(?<![\w$])(?:(\$\$\.Execution\.Input)|(\$))(?=[.\[]|$)")
_JSONATA_ROOTS = re.compile(
    r"(?<![\w$])(?:(\$states\.context\.Execution\.Input)|(\$states\.input))(?![\w$])"
)
_JSONPATH_NAME = re.compile(r"[^.\[\]\s'\"(),=<>!&|*?@$]+")
_JSONATA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INDEX = re.compile(r"\[\s*(?:\d+|\*)\s*\]")
_QUOTED = re.compile(r"\[\s*(['\"])((?:(?!\1).)*)\1\s*\]")


@dataclass(frozen=True)
class Segment:
    """A field name (`index` False) or an array step (`index` True), at `start:end` of the text
    (the name itself, without dots, quotes or backticks)."""

    name: str
    start: int
    end: int
    index: bool = False


@dataclass(frozen=True)
class Reference:
    root: Root
    segments: tuple[Segment, ...]
    start: int
    complete: bool  # False when the text ends inside the last segment (completion)


def jsonpath_references(text: str) -> list[Reference]:
    return [
        _follow(text, match.end(), "execution" if match.group(1) else "state", "jsonpath", start)
        for match in _JSONPATH_ROOTS.finditer(text)
        if not _inside_quotes(text, start := match.start())
    ]


def jsonata_references(text: str) -> list[Reference]:
    """References inside every `{% ... %}` of the text (the whole text is one in practice)."""
    found: list[Reference] = []
    for match in _JSONATA_ROOTS.finditer(text):
        root: Root = "execution" if match.group(1) else "state"
        found.append(_follow(text, match.end(), root, "jsonata", match.start()))
    return found


def last_reference(text: str) -> Reference | None:
    """The reference the text ends in (for completion), whichever language it is written in."""
    candidates = jsonpath_references(text) + jsonata_references(text)
    ending = [ref for ref in candidates if _reaches_end(text, ref)]
    return max(ending, key=lambda ref: ref.start) if ending else None


def _reaches_end(text: str, ref: Reference) -> bool:
    return bool(ref.segments) and ref.segments[-1].end == len(text)


def _follow(text: str, position: int, root: Root, language: Language, start: int) -> Reference:
    segments: list[Segment] = []
    name_pattern = _JSONATA_NAME if language == "jsonata" else _JSONPATH_NAME
    complete = True
    while position < len(text):
        char = text[position]
        if char == "." and text.startswith("..", position):
            break
        if char == ".":
            position += 1
            if language == "jsonata" and text.startswith("`", position):
                close = text.find("`", position + 1)
                if close < 0:
                    segments.append(Segment(text[position + 1 :], position + 1, len(text)))
                    complete = False
                    break
                segments.append(Segment(text[position + 1 : close], position + 1, close))
                position = close + 1
                continue
            match = name_pattern.match(text, position)
            if match is None:
                segments.append(Segment("", position, position))
                complete = False
                break
            segments.append(Segment(match.group(), match.start(), match.end()))
            position = match.end()
            continue
        if char == "[":
            quoted = _QUOTED.match(text, position)
            if quoted is not None:
                segments.append(Segment(quoted.group(2), quoted.start(2), quoted.end(2)))
                position = quoted.end()
                continue
            index = _INDEX.match(text, position)
            if index is not None:
                segments.append(Segment("[]", index.start(), index.end(), index=True))
                position = index.end()
                continue
            opened = re.match(r"\[\s*(['\"])([^'\"\]]*)$", text[position:])
            if opened is not None:  # still being typed: `$['de`
                begin = position + opened.start(2)
                segments.append(Segment(opened.group(2), begin, len(text)))
                complete = False
            break
        break
    if segments and segments[-1].end == len(text) and not segments[-1].index:
        complete = False
    return Reference(root, tuple(segments), start, complete)


def _inside_quotes(text: str, position: int) -> bool:
    """A `$` inside a single-quoted literal of an intrinsic (`States.Format('{} $', ...)`)."""
    quote = False
    escaped = False
    for char in text[:position]:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "'":
            quote = not quote
    return quote
