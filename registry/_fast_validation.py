"""A compiled yes/no check that lets `validate` skip the precise path for valid events.

`jsonschema` (the precise path) builds every error with its message and pointer, but it walks
each event in Python: about 5,000 events/s. Most events in a stream are valid, and for those the
only answer needed is "valid". So each schema is also compiled once with jsonschema-rs (Rust),
which answers that about 40 times faster; only the events it rejects go through `jsonschema` for
the messages. The reports are therefore exactly the precise path's as long as jsonschema-rs never
calls an event valid that `jsonschema` rejects. What keeps that true:

- Formats: each format `jsonschema` checks is checked by the same Python function, except the
  few whose Rust check is at least as strict (`NATIVE_FORMATS`, proved by
  tests/registry/test_fast_validation.py); formats `jsonschema` ignores are accepted as it does.
- `pattern` is checked with Python's `re.search`, as `jsonschema` does (Rust regexes differ,
  e.g. in what `$` matches).
- Schemas where the engines could disagree in ways not covered above, or where Rust could recurse
  without bound on a deep event, get no fast check at all (`fast_check` returns None): recursive
  or non-local `$ref`s, `$dynamicRef`, `patternProperties`, `uniqueItems`, schemas nested deeper
  than `MAX_SCHEMA_DEPTH`, and schemas that fail the metaschema.
- Anything jsonschema-rs cannot take (a foreign type, a lone surrogate at the root) counts as
  "not known valid" and goes to the precise path. Lone surrogates inside objects are replaced
  on the way into Rust; event readers never produce them (orjson refuses them as not UTF-8).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError

from eventsmith.registry._subschemas import resolve_pointer

# The Rust checks of these formats accept only strings that `jsonschema`'s checks accept.
NATIVE_FORMATS = frozenset({"email", "ipv4", "ipv6", "uuid"})
# Formats jsonschema-rs checks by itself; those `jsonschema` does not check must pass here too.
RUST_FORMATS = (
    "date", "date-time", "duration", "email", "hostname", "idn-email", "idn-hostname", "ipv4",
    "ipv6", "iri", "iri-reference", "json-pointer", "regex", "relative-json-pointer", "time",
    "uri", "uri-reference", "uri-template", "uuid",
)  # fmt: skip
# Deep enough for any discovered schema (discovery keeps 255 levels of events, but real schemas
# are far shallower); shallow enough that compiling and validating cannot exhaust Rust's stack.
MAX_SCHEMA_DEPTH = 128
_UNSUPPORTED_KEYS = frozenset({"$dynamicRef", "$recursiveRef", "patternProperties", "uniqueItems"})

FastCheck = Callable[[Any], bool]
FormatTest = Callable[[str], Any]


def _accept(_value: str) -> bool:
    return True


def _conforms(function: Callable[[Any], Any], raises: Any) -> Callable[[str], bool]:
    # FormatChecker.conforms without its per-call lookups: same function, same exceptions.
    def check(value: str) -> bool:
        try:
            return bool(function(value))
        except raises:
            return False

    return check


class _Pattern:
    """`pattern` the way `jsonschema` checks it: Python's `re.search`."""

    def __init__(self, _parent: dict[str, Any], value: Any, _path: list[str | int]) -> None:
        self._search = re.compile(value).search

    def validate(self, instance: Any) -> None:
        if isinstance(instance, str) and self._search(instance) is None:
            raise ValueError("does not match")


def _nodes(schema: Any) -> Iterator[tuple[Any, int]]:
    """Every dict and list in `schema` with its depth, without recursion."""
    stack = [(schema, 0)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        children = node.values() if isinstance(node, dict) else node
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))


def _local_refs(schema: Any) -> list[str] | None:
    """The `$ref`s inside `schema`, or None when one is not a local JSON pointer."""
    refs = []
    for node, _depth in _nodes(schema):
        if isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str) or not (ref == "#" or ref.startswith("#/")):
                return None
            refs.append(ref)
    return refs


def _refs_acyclic(schema: dict[str, Any]) -> bool:
    """True when following `$ref`s from the root always ends (validation depth is bounded)."""
    edges: dict[str, list[str]] = {}
    pending = ["#"]
    while pending:
        ref = pending.pop()
        if ref in edges:
            continue
        try:
            found = _local_refs(resolve_pointer(schema, ref))
        except KeyError:
            return False
        if found is None:
            return False
        edges[ref] = found
        pending.extend(found)
    # Depth-first search for a back edge, iteratively (0 unseen, 1 on the path, 2 done).
    state: dict[str, int] = {}
    for start in edges:
        if state.get(start):
            continue
        path: list[tuple[str, Iterator[str]]] = [(start, iter(edges[start]))]
        state[start] = 1
        while path:
            node, children = path[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                path.pop()
            elif state.get(child) == 1:
                return False
            elif not state.get(child):
                state[child] = 1
                path.append((child, iter(edges[child])))
    return True


def _supported(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return isinstance(schema, bool)
    for node, depth in _nodes(schema):
        if depth > MAX_SCHEMA_DEPTH:
            return False
        if isinstance(node, dict) and not _UNSUPPORTED_KEYS.isdisjoint(node):
            return False
        if depth and isinstance(node, dict) and "$id" in node:
            return False  # a nested base URI changes what "#/..." points at
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError:
        return False
    return _refs_acyclic(schema)


def fast_check(
    schema: Any,
    checker: FormatChecker,
    direct: Mapping[str, FormatTest] | None = None,
) -> FastCheck | None:
    """A function telling whether an event is valid under `schema` (False: maybe not, ask the
    precise path), or None when no such check can be trusted for this schema.

    `direct` may give, per format, a string-only test that answers exactly as `checker` does
    for strings (truthy: conforms); it is called instead of `checker`'s function, saving the
    frames around it on every formatted value.
    """
    if not _supported(schema):
        return None
    formats: dict[str, FormatTest] = dict.fromkeys(RUST_FORMATS, _accept)
    for name, (function, raises) in checker.checkers.items():
        if name in NATIVE_FORMATS:
            del formats[name]
        else:
            formats[name] = _conforms(function, raises)
    formats.update(direct or {})
    try:
        validator = jsonschema_rs.Draft202012Validator(
            schema,
            formats=formats,
            validate_formats=True,
            ignore_unknown_formats=True,
            keywords={"pattern": _Pattern},
        )
    except Exception:  # a schema the Rust engine refuses is validated by the precise path
        return None
    is_valid = validator.is_valid

    def check(event: Any) -> bool:
        try:
            return bool(is_valid(event))
        except Exception:  # e.g. a lone surrogate: not representable, so not known valid
            return False

    return check
