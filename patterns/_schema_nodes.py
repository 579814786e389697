"""Reading a registry schema the way an event pattern sees it: `$ref`s followed, `anyOf`/
`oneOf`/`allOf` and arrays flattened (a pattern names a field inside an array as if the array
were not there). Shared by the schema check and the field list for completion."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Schema = Mapping[str, Any]


def resolve(root: Schema, node: Any, seen: frozenset[str] = frozenset()) -> list[Schema]:
    """The alternatives a node stands for. `True`/`{}` become an open schema; a `$ref` is a
    local JSON pointer into `root` (`#/$defs/...`, `#/components/schemas/...`)."""
    if node is True or not isinstance(node, Mapping):
        return [{}] if node is not False else []
    reference = node.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/") and reference not in seen:
        target: Any = root
        for part in reference[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            target = target.get(part) if isinstance(target, Mapping) else None
        return resolve(root, target if target is not None else {}, seen | {reference})
    found: list[Schema] = []
    for keyword in ("anyOf", "oneOf", "allOf"):
        options = node.get(keyword)
        for option in options if isinstance(options, list) else ():
            found.extend(resolve(root, option, seen))
    if found and not own_type(node):
        return found
    types = own_type(node)
    if "array" in types:
        found.extend(resolve(root, node.get("items", {}), seen))
        if types != {"array"}:
            found.append({**node, "type": sorted(types - {"array"})})
        return found
    return [*found, node]


def own_type(node: Schema) -> set[str]:
    kind = node.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    if "properties" in node or "additionalProperties" in node:
        return {"object"}
    return set()
