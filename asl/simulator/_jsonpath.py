"""Evaluate JSONPath the way Step Functions does (the Jayway dialect).

A *definite* path (only `.name`, `['name']` and `[index]` steps) names one value and fails when
it is missing; any other path (`*`, `..`, slices, unions, filters) returns the list of what it
matched. Hand-written rather than jsonpath-ng: that library has neither Jayway's definite/indefinite
distinction nor its `[?(@.price < 10)]` filter syntax, and both decide what a state receives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eventsmith.asl.rules._jsonpath import VARIABLE, closing_bracket
from eventsmith.asl.simulator._errors import PathError
from eventsmith.asl.simulator._jsonpath_filter import parse_filter

_NAME = re.compile(r"[^.\[\]()\s]+")
_SLICE = re.compile(r"(-?\d*):(-?\d*)(?::(-?\d*))?$")
_FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "length": lambda value: len(value),
    "size": lambda value: len(value),
    "min": lambda value: min(value),
    "max": lambda value: max(value),
    "sum": lambda value: sum(value),
    "avg": lambda value: sum(value) / len(value),
}

Step = tuple[Any, ...]


@dataclass(frozen=True)
class CompiledPath:
    root: str  # "$" input, "$$" context, or a variable name
    steps: tuple[Step, ...]
    definite: bool
    function: str | None = None


def evaluate(
    path: str,
    data: Any,
    context: Any = None,
    variables: Mapping[str, Any] | None = None,
) -> Any:
    """The value (definite path) or list of values (indefinite path) `path` selects."""
    compiled = compile_path(path)
    if compiled.root == "$":
        root = data
    elif compiled.root == "$$":
        root = context
    else:
        if variables is None or compiled.root not in variables:
            raise PathError(f"The variable ${compiled.root} is not defined")
        root = variables[compiled.root]
    nodes = [root]
    for step in compiled.steps:
        nodes = _apply(step, nodes, compiled.definite, root)
    if compiled.function is not None:
        # As in Jayway, `$..book.length()` measures the one array the scan found, while
        # `$..price.min()` works on all the values found.
        single = compiled.definite or (len(nodes) == 1 and isinstance(nodes[0], list))
        target = nodes[0] if single else nodes
        try:
            return _FUNCTIONS[compiled.function](target)
        except (TypeError, ValueError, ZeroDivisionError) as error:
            raise PathError(f"{compiled.function}() cannot apply to {target!r}") from error
    if compiled.definite:
        return nodes[0]
    return nodes


@lru_cache(maxsize=4096)
def compile_path(path: str) -> CompiledPath:
    if not path.startswith("$"):
        raise PathError(f"'{path}' is not a path: it must start with '$'")
    pos = 1
    root = "$"
    if path.startswith("$$"):
        root, pos = "$$", 2
    elif (variable := VARIABLE.match(path, 1)) is not None:
        root, pos = variable.group(), variable.end()
    steps: list[Step] = []
    definite = True
    function = None
    while pos < len(path):
        step, pos = _parse_step(path, pos)
        if step[0] == "function":
            if pos < len(path):
                raise PathError(f"A function must end the path '{path}'")
            function = step[1]
            break
        if step[0] not in ("name", "index"):
            definite = False
        steps.append(step)
    return CompiledPath(root, tuple(steps), definite, function)


def _parse_step(path: str, pos: int) -> tuple[Step, int]:
    char = path[pos]
    if char == ".":
        if path.startswith("..", pos):
            pos += 2
            if pos < len(path) and path[pos] == "[":
                inner, pos = _parse_step(path, pos)
                return ("deep", inner), pos
            if pos < len(path) and path[pos] == "*":
                return ("deep", ("wild",)), pos + 1
            name = _NAME.match(path, pos)
            if name is None:
                raise PathError(f"Expected a name after '..' in '{path}'")
            return ("deep", ("name", name.group())), name.end()
        pos += 1
        if pos < len(path) and path[pos] == "*":
            return ("wild",), pos + 1
        name = _NAME.match(path, pos)
        if name is None:
            raise PathError(f"Expected a name after '.' in '{path}'")
        if path.startswith("()", name.end()) and name.group() in _FUNCTIONS:
            return ("function", name.group()), name.end() + 2
        return ("name", name.group()), name.end()
    if char == "[":
        end = _closing(path, pos)
        return _bracket(path, path[pos + 1 : end].strip()), end + 1
    raise PathError(f"Unexpected {char!r} at position {pos + 1} of '{path}'")


def _closing(path: str, start: int) -> int:
    end = closing_bracket(path, start, "[", "]")
    if end < 0:
        raise PathError(f"Unclosed '[' in '{path}'")
    return end


def _bracket(path: str, inner: str) -> Step:
    if inner == "*":
        return ("wild",)
    if inner.startswith("?(") and inner.endswith(")"):
        return ("filter", parse_filter(inner[2:-1], evaluate))
    if (sliced := _SLICE.match(inner)) is not None:
        start, stop, stride = (int(part) if part else None for part in sliced.groups())
        return ("slice", start, stop, stride)
    parts = [part.strip() for part in _split_union(inner)]
    if all(re.fullmatch(r"-?\d+", part) for part in parts):
        numbers = tuple(int(part) for part in parts)
        return ("index", numbers[0]) if len(numbers) == 1 else ("indexes", numbers)
    if all(len(part) >= 2 and part[0] == part[-1] and part[0] in "'\"" for part in parts):
        names = tuple(_unquote(part) for part in parts)
        return ("name", names[0]) if len(names) == 1 else ("names", names)
    raise PathError(f"Invalid bracket expression '[{inner}]' in '{path}'")


def _split_union(inner: str) -> list[str]:
    parts: list[str] = []
    quote = ""
    current: list[str] = []
    for char in inner:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == ",":
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text[1:-1])


def _apply(step: Step, nodes: list[Any], definite: bool, root: Any) -> list[Any]:
    kind = step[0]
    out: list[Any] = []
    if kind == "name":
        for node in nodes:
            if isinstance(node, dict) and step[1] in node:
                out.append(node[step[1]])
            elif definite:
                raise PathError(f"No results for path: $['{step[1]}']")
        return out
    if kind == "index":
        for node in nodes:
            if isinstance(node, list) and -len(node) <= step[1] < len(node):
                out.append(node[step[1]])
            elif definite:
                raise PathError(f"No results for path: [{step[1]}]")
        return out
    if kind == "indexes":
        for node in nodes:
            if isinstance(node, list):
                out.extend(node[i] for i in step[1] if -len(node) <= i < len(node))
        return out
    if kind == "names":
        # Jayway turns a multi-property selection on an object into an object of those keys.
        for node in nodes:
            if isinstance(node, dict):
                out.append({key: node[key] for key in step[1] if key in node})
        return out
    if kind == "wild":
        for node in nodes:
            if isinstance(node, dict):
                out.extend(node.values())
            elif isinstance(node, list):
                out.extend(node)
        return out
    if kind == "slice":
        for node in nodes:
            if isinstance(node, list):
                out.extend(node[slice(step[1], step[2], step[3])])
        return out
    if kind == "filter":
        predicate = step[1]
        for node in nodes:
            items = node if isinstance(node, list) else [node] if isinstance(node, dict) else []
            out.extend(item for item in items if predicate(item, root))
        return out
    if kind == "deep":
        for node in nodes:
            for descendant in _descendants(node):
                out.extend(_apply(step[1], [descendant], False, root))
        return out
    raise PathError(f"Unknown step {kind}")


def _descendants(node: Any) -> list[Any]:
    found = [node]
    if isinstance(node, dict):
        for value in node.values():
            found.extend(_descendants(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_descendants(value))
    return found
