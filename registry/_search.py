"""What a search looks at in a schema, and how a match is scored.

Ranking, best first: the exact name, then names containing the text, then source or
detail-type, then descriptions, then field names (from the latest version, nested fields and
`$defs` components included, named by their path in the event). Text with several words
matches a schema when every word matches somewhere in it; case never matters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from eventsmith.registry._model import SchemaInfo
from eventsmith.registry._subschemas import resolve_pointer

Where = Literal["name", "source", "detail-type", "description", "field"]

NAME_EXACT = 1000
NAME_CONTAINS = 500
ORIGIN_EXACT = 300
ORIGIN_CONTAINS = 200
DESCRIPTION = 100
FIELD_EXACT = 80
FIELD_CONTAINS = 50


@dataclass(frozen=True)
class Match:
    """What matched: `value` is the name/source/detail-type/description text or a field path."""

    where: Where
    value: str


@dataclass(frozen=True)
class SearchHit:
    name: str
    score: int
    matches: tuple[Match, ...]
    source: str | None
    detail_type: str | None
    latest_version: int | None


@dataclass(frozen=True)
class Document:
    info: SchemaInfo
    fields: tuple[tuple[str, str], ...]  # (path, field name)
    descriptions: tuple[tuple[str, str], ...]  # (path or "", text)


def field_paths(content: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """`(path, field name, schema)` for every named field, refs followed once per path."""
    yield from _walk(content, content, "", frozenset())


def _walk(
    schema: Any, root: dict[str, Any], path: str, refs: frozenset[str]
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    if not isinstance(schema, dict):
        return
    ref = schema.get("$ref")
    if isinstance(ref, str):
        if ref in refs:
            return
        try:
            target = resolve_pointer(root, ref)
        except KeyError:
            return
        yield from _walk(target, root, path, refs | {ref})
        return
    properties = schema.get("properties")
    if isinstance(properties, dict):
        for key, sub in properties.items():
            here = f"{path}.{key}" if path else key
            yield here, key, sub if isinstance(sub, dict) else {}
            yield from _walk(sub, root, here, refs)
    if isinstance(schema.get("items"), dict):
        yield from _walk(schema["items"], root, path + "[]", refs)
    if isinstance(schema.get("additionalProperties"), dict):
        yield from _walk(schema["additionalProperties"], root, path + ".*", refs)
    for keyword in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(keyword) or ():
            yield from _walk(sub, root, path, refs)


def document_of(info: SchemaInfo, content: dict[str, Any]) -> Document:
    fields, descriptions = [], []
    if isinstance(content.get("description"), str):
        descriptions.append(("", content["description"]))
    for path, key, schema in field_paths(content):
        fields.append((path, key))
        if isinstance(schema.get("description"), str):
            descriptions.append((path, schema["description"]))
    return Document(info, tuple(fields), tuple(descriptions))


def _contains(haystack: str | None, needle: str) -> bool:
    return haystack is not None and needle in haystack.lower()


def score_of(document: Document, term: str) -> tuple[int, list[Match]]:
    """Best score for one search term in one schema, with everything that matched."""
    info = document.info
    scored: list[tuple[int, Match]] = []
    if info.name.lower() == term:
        scored.append((NAME_EXACT, Match("name", info.name)))
    elif term in info.name.lower():
        scored.append((NAME_CONTAINS, Match("name", info.name)))
    origins: tuple[tuple[Where, str | None], ...] = (
        ("source", info.source),
        ("detail-type", info.detail_type),
    )
    for where, value in origins:
        if value is None:
            continue
        if value.lower() == term:
            scored.append((ORIGIN_EXACT, Match(where, value)))
        elif term in value.lower():
            scored.append((ORIGIN_CONTAINS, Match(where, value)))
    if _contains(info.description, term):
        scored.append((DESCRIPTION, Match("description", info.description)))
    for path, text in document.descriptions:
        if _contains(text, term):
            scored.append((DESCRIPTION, Match("description", f"{path}: {text}" if path else text)))
    for path, key in document.fields:
        if key.lower() == term:
            scored.append((FIELD_EXACT, Match("field", path)))
        elif term in key.lower():
            scored.append((FIELD_CONTAINS, Match("field", path)))
    if not scored:
        return 0, []
    return max(score for score, _ in scored), [match for _, match in scored]
