"""The one nesting limit: 255 levels, the depth EventBridge's schema discovery goes to.

Events may nest deeper (a test fixture nested 100,000 levels is a few hundred kilobytes), but
nothing downstream needs what lies below level 255, and recursive code (JSON encoders, schema
walkers, validators) fails somewhere between 255 (orjson) and about 1,000 levels (Python). So
input is cut here, once, the same way for every command: a container nested deeper than
`MAX_DEPTH` becomes an empty one of the same kind (`{}` or `[]`), which discovery records as
"anything". Everything in this module is iterative; none of it can hit a recursion limit.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

import orjson

MAX_DEPTH = 255
"""Containers nested deeper than this (the document itself is level 1) are cut to `{}`/`[]`."""

MAX_SCHEMA_DEPTH = 4 * MAX_DEPTH + 16
"""JSON nesting allowed in a schema document: four levels per level of a `MAX_DEPTH` event
(object, `properties`, `anyOf`, branch) and a few for the envelope. Deeper schemas are refused
with a message, at import and when stored."""

# A string (escapes included) or one bracket; everything else is copied as is.
_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def nesting_depth(value: Any, stop_after: int = MAX_DEPTH) -> int:
    """How deep containers nest in `value` (a scalar is 0, `{}` is 1), counting no further
    than `stop_after + 1`."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if depth > stop_after:
            return deepest
        pending.extend((child, depth + 1) for child in children)
    return deepest


def exceeds_depth(value: Any, limit: int = MAX_DEPTH) -> bool:
    return nesting_depth(value, limit) > limit


def cut_to_depth(value: Any, limit: int = MAX_DEPTH) -> Any:
    """`value` with every container nested deeper than `limit` replaced by an empty one of the
    same kind; `value` itself when nothing nests that deep (no copy)."""
    if not exceeds_depth(value, limit):
        return value
    root: list[Any] = [None]
    # (source container, its copy's parent, key in that parent, depth)
    pending: list[tuple[Any, Any, Any, int]] = [(value, root, 0, 1)]
    while pending:
        item, parent, key, depth = pending.pop()
        if isinstance(item, dict):
            copy: Any = {}
            parent[key] = copy
            if depth <= limit:
                for name, child in item.items():
                    copy[name] = child
                    if isinstance(child, dict | list):
                        pending.append((child, copy, name, depth + 1))
        elif isinstance(item, list):
            copy = [] if depth > limit else list(item)
            parent[key] = copy
            if depth <= limit:
                for index, child in enumerate(item):
                    if isinstance(child, dict | list):
                        pending.append((child, copy, index, depth + 1))
        else:
            parent[key] = item
    return root[0]


def cut_json_text(data: bytes, limit: int = MAX_DEPTH) -> bytes:
    """JSON text with every container nested deeper than `limit` replaced by `{}` or `[]`, for
    documents too deep to parse first (orjson stops at 1,024 levels, the stdlib at about 1,000).
    Text that is not JSON stays not JSON."""
    out: list[bytes] = []
    depth = 0
    copied = 0  # data[:copied] is already in `out`
    skip_from: int | None = None
    for token in _TOKEN.finditer(data):
        char = data[token.start()]
        if char == 0x22:  # a string: brackets inside it do not count
            continue
        if char in b"[{":
            depth += 1
            if depth == limit + 1 and skip_from is None:
                out.append(data[copied : token.start()])
                skip_from = token.start()
        else:
            if depth == limit + 1 and skip_from is not None:
                out.append(b"{}" if data[skip_from] == 0x7B else b"[]")
                copied = token.end()
                skip_from = None
            depth -= 1
    if skip_from is not None:  # unbalanced: let the parser report it
        return data
    out.append(data[copied:])
    return b"".join(out)


def json_text_depth(data: bytes | str) -> int:
    """How deep brackets nest in JSON text (strings skipped), without parsing it."""
    raw = data.encode() if isinstance(data, str) else data
    depth = deepest = 0
    for token in _TOKEN.finditer(raw):
        char = raw[token.start()]
        if char == 0x22:
            continue
        if char in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def loads_deep(data: bytes | str, limit: int = MAX_DEPTH) -> Any:
    """Parse JSON nested deeper than a parser allows, cut at `limit`; raises
    `orjson.JSONDecodeError` for text that is not JSON."""
    raw = data.encode() if isinstance(data, str) else data
    return orjson.loads(cut_json_text(raw, limit))


def is_depth_error(error: Exception) -> bool:
    """True for a parser giving up on nesting (orjson: "depth limit exceeded")."""
    return isinstance(error, RecursionError) or "depth" in str(error).lower()


RECURSION_LIMIT = 6_000
"""Room for recursive schema walkers on the deepest schema a registry keeps (`MAX_SCHEMA_DEPTH`
levels, a frame or two each, several in jsonschema's validator)."""

_lock = threading.Lock()
_entered = 0
_saved_limit = 0


@contextmanager
def _raised_limit() -> Iterator[None]:
    global _entered, _saved_limit
    with _lock:
        if _entered == 0:
            _saved_limit = sys.getrecursionlimit()
            sys.setrecursionlimit(max(_saved_limit, RECURSION_LIMIT))
        _entered += 1
    try:
        yield
    finally:
        with _lock:
            _entered -= 1
            if _entered == 0:
                sys.setrecursionlimit(_saved_limit)


_F = TypeVar("_F", bound=Callable[..., Any])


def deep_recursion(function: _F) -> _F:
    """Run `function` with Python's recursion limit raised to `RECURSION_LIMIT`.

    Schema code (merging, exporting, generating code, validating with jsonschema) recurses once
    or more per schema level, and a schema of 255-level events is about 1,000 levels deep: past
    the default limit of 1,000. Only code whose input is bounded by the limits above is
    decorated, and the limit goes back down when the last such call returns: parsers of
    unbounded input (YAML) must meet the default limit, not a C stack overflow.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _raised_limit():
            return function(*args, **kwargs)

    return cast(_F, wrapper)
