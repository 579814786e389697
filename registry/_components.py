"""Split a canonical schema into named components, the way EventBridge exports its schemas.

AWS's OpenAPI 3 and JSONSchemaDraft4 exports put the envelope in `AWSEvent` (or the document
root), the `detail` in a component named after the detail-type in PascalCase, and every nested
object in its own PascalCase component. Discovered canonical schemas are inline, imported ones
already use `$defs`; both come out of `componentize` as one flat set of named components with
`#/$defs/Name` references between them (the exporters rewrite those to their own prefix).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from eventsmith.registry._canonical import canonical_json
from eventsmith.registry._eventbridge import (
    DETAIL_TYPE_KEY,
    is_envelope,
    pascal_case,
)
from eventsmith.registry._subschemas import Schema, ref_name, ref_to

DEFS = "#/$defs"
ENVELOPE_COMPONENT = "AWSEvent"


def detail_type_title(schema: Schema, name: str | None) -> str:
    """EventBridge's `info.title`: the detail-type in PascalCase, else the title or name."""
    for candidate in (schema.get(DETAIL_TYPE_KEY), schema.get("title"), name):
        if isinstance(candidate, str) and pascal_case(candidate, identifier=True):
            return pascal_case(candidate, identifier=True)
    return "Event"


@dataclass
class Components:
    """A root component plus named components; refs between them are `#/$defs/Name`."""

    root_name: str
    title: str
    schemas: dict[str, Schema] = field(default_factory=dict)


def _is_record(schema: Any) -> bool:
    """An object with named properties: the thing that becomes its own component."""
    return isinstance(schema, dict) and "properties" in schema and "$ref" not in schema


class _Hoister:
    def __init__(self, reserved: dict[str, Schema]) -> None:
        self.components = reserved
        self._seen = {canonical_json(schema): name for name, schema in reserved.items()}

    def name_for(self, base: str, schema: Schema) -> str:
        """A free name for `schema`; identical content reuses the component it already has."""
        text = canonical_json(schema)
        if text in self._seen and self._seen[text].rstrip("0123456789") == base:
            return self._seen[text]
        name, counter = base, 1
        while name in self.components:
            counter += 1
            name = f"{base}{counter}"
        self.components[name] = schema
        self._seen[text] = name
        return name

    def hoist(self, schema: Any, base: str) -> Any:
        """Replace `schema` by a `$ref` to a new component when it is a record."""
        if not isinstance(schema, dict):
            return schema
        nullable, inner = _split_nullable_record(schema)
        if not _is_record(inner):
            return self.inline(schema, base)
        body = self.inline(inner, base)
        reference = {"$ref": ref_to(DEFS, self.name_for(base, body))}
        return {"anyOf": [reference, {"type": "null"}]} if nullable else reference

    def inline(self, schema: Schema, base: str) -> Schema:
        """Hoist the records nested in `schema` while keeping `schema` itself in place."""
        result = dict(schema)
        if isinstance(schema.get("properties"), dict):
            result["properties"] = {
                key: self.hoist(sub, pascal_case(key, identifier=True) or base)
                for key, sub in schema["properties"].items()
            }
        if isinstance(schema.get("items"), dict):
            result["items"] = self.hoist(schema["items"], f"{base}Item")
        if isinstance(schema.get("additionalProperties"), dict):
            result["additionalProperties"] = self.hoist(
                schema["additionalProperties"], f"{base}Value"
            )
        for keyword in ("anyOf", "oneOf", "allOf"):
            if isinstance(schema.get(keyword), list):
                result[keyword] = [self.hoist(sub, base) for sub in schema[keyword]]
        return result


def _split_nullable_record(schema: Schema) -> tuple[bool, Schema]:
    """`{"type": ["object", "null"], "properties": ...}` -> (True, the object without null)."""
    kinds = schema.get("type")
    if isinstance(kinds, list) and "null" in kinds and "properties" in schema:
        rest = [kind for kind in kinds if kind != "null"]
        inner = dict(schema)
        inner["type"] = rest[0] if len(rest) == 1 else rest
        return True, inner
    return False, schema


def componentize(content: Schema, name: str | None = None) -> Components:
    """Named components for `content`: the root, the detail, and every nested record."""
    content = copy.deepcopy(content)
    defs = content.pop("$defs", {})
    content.pop("$schema", None)
    title = detail_type_title(content, name)
    hoister = _Hoister(dict(defs) if isinstance(defs, dict) else {})
    for def_name, schema in list(hoister.components.items()):
        hoister.components[def_name] = hoister.inline(
            schema, pascal_case(def_name, identifier=True) or def_name
        )
    if is_envelope(content):
        root_name = ENVELOPE_COMPONENT
        properties = dict(content.get("properties", {}))
        detail = properties.get("detail")
        if isinstance(detail, dict) and ref_name(detail.get("$ref", ""), DEFS) is None:
            # The detail always gets its own component, even when it is a map or free-form.
            body = hoister.inline(detail, title)
            properties["detail"] = {"$ref": ref_to(DEFS, hoister.name_for(title, body))}
        content["properties"] = properties
    else:
        root_name = title
    content.pop("title", None)
    root = hoister.inline(content, root_name)
    while root_name in hoister.components:
        root_name += "Event"
    hoister.components = {root_name: root, **hoister.components}
    return Components(root_name=root_name, title=title, schemas=hoister.components)
