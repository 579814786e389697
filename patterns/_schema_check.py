"""Check a pattern against a registry schema: unknown fields and operators that cannot apply.

The schema is the canonical JSON Schema 2020-12 form of the registry (the whole envelope),
inline or with `$defs` + `$ref`. Findings are warnings, not errors: a pattern naming a field
the schema lacks is valid and simply never matches events of that shape.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from eventsmith.patterns._model import format_path, is_number
from eventsmith.patterns._parse import Pattern, dotted_parts
from eventsmith.patterns._schema_nodes import Schema, own_type, resolve

_STRING_OPERATORS = ("prefix", "suffix", "equals-ignore-case", "wildcard", "cidr")
_ANY = "any"


@dataclass(frozen=True)
class SchemaWarning:
    path: tuple[str | int, ...]  # where in the pattern, as for PatternError
    message: str

    @property
    def location(self) -> str:
        return format_path(self.path)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def check_against_schema(pattern: Pattern, schema: Schema) -> tuple[SchemaWarning, ...]:
    """Warnings for `pattern` against `schema`, in the order the pattern names its fields."""
    checker = _Checker(schema)
    checker.object(pattern.source, [schema], (), ())
    return tuple(checker.warnings)


class _Checker:
    def __init__(self, root: Schema) -> None:
        self.root = root
        self.warnings: list[SchemaWarning] = []

    def warn(self, path: tuple[str | int, ...], message: str) -> None:
        self.warnings.append(SchemaWarning(path, message))

    def resolve(self, node: Any) -> list[Schema]:
        return resolve(self.root, node)

    def object(
        self,
        pattern: Mapping[str, Any],
        schemas: list[Schema],
        path: tuple[str | int, ...],
        fields: tuple[str, ...],
    ) -> None:
        for key, value in pattern.items():
            here = (*path, key)
            if key == "$or" and isinstance(value, list):
                for index, branch in enumerate(value):
                    if isinstance(branch, Mapping):
                        self.object(branch, schemas, (*here, index), fields)
                continue
            # A dotted key names nested fields, as EventBridge flattens patterns and events.
            parts = dotted_parts(key)
            children, is_open = schemas, False
            known: list[str] = []
            walked: list[str] = []
            for part in parts:
                walked.append(part)
                children, known, is_open = self._children(children, part)
                if not children:
                    break
            if not children:
                if not is_open:
                    self.warn(here, _unknown(".".join((*fields, *walked)), walked[-1], known))
                continue
            name = ".".join((*fields, *parts))
            if isinstance(value, Mapping):
                types = _types(children)
                if _ANY not in types and "object" not in types:
                    self.warn(
                        here,
                        f'Field "{name}" is {_describe(types)} in the schema, '
                        "so a nested pattern cannot match it",
                    )
                    continue
                self.object(value, children, here, (*fields, *parts))
            elif isinstance(value, list):
                self.leaf(value, children, here, name)

    def _children(self, schemas: list[Schema], key: str) -> tuple[list[Schema], list[str], bool]:
        """Subschemas for `key`, the property names known here, and whether any key goes."""
        children: list[Schema] = []
        known: list[str] = []
        is_open = False
        for schema in schemas:
            for alternative in self.resolve(schema):
                types = own_type(alternative)
                properties = alternative.get("properties")
                extra = alternative.get("additionalProperties")
                if types and "object" not in types and not properties:
                    continue
                if isinstance(properties, Mapping):
                    known.extend(properties)
                    # A property named "a.b" in the schema is field b inside a.
                    inner = {
                        name[len(key) + 1 :]: sub
                        for name, sub in properties.items()
                        if isinstance(name, str) and name.startswith(key + ".")
                    }
                    if inner:
                        children.append({"type": "object", "properties": inner})
                    if key in properties:
                        children.extend(self.resolve(properties[key]))
                        continue
                    if inner:
                        continue
                if isinstance(extra, Mapping):
                    children.extend(self.resolve(extra))
                elif extra is True or (properties is None and extra is None):
                    is_open = True
        return children, known, is_open

    def leaf(
        self, values: list[Any], schemas: list[Schema], path: tuple[str | int, ...], name: str
    ) -> None:
        types = _types(schemas)
        if _ANY in types:
            return
        described = _describe(types)
        enum = _string_enum(schemas)
        for index, value in enumerate(values):
            here = (*path, index)
            if isinstance(value, Mapping) and len(value) == 1:
                ((operator, _operand),) = value.items()
                if operator == "exists":
                    continue
                if types == {"object"}:
                    self.warn(
                        here,
                        f'Field "{name}" is an object in the schema; '
                        f"{operator} only applies to leaf values",
                    )
                elif operator == "numeric" and not types & {"number", "integer"}:
                    self.warn(
                        here, f'numeric cannot match "{name}": it is {described} in the schema'
                    )
                elif operator in _STRING_OPERATORS and "string" not in types:
                    self.warn(
                        here, f'{operator} cannot match "{name}": it is {described} in the schema'
                    )
                continue
            kind = _value_type(value)
            if kind not in types and not (kind == "integer" and "number" in types):
                self.warn(
                    here,
                    f'Value {_show(value)} can never match "{name}": it is '
                    f"{described} in the schema",
                )
            elif isinstance(value, str) and enum is not None and value not in enum:
                close = difflib.get_close_matches(value, sorted(enum), n=1)
                hint = f'; did you mean "{close[0]}"?' if close else ""
                self.warn(
                    here,
                    f'Value "{value}" is not one of the values the schema allows '
                    f'for "{name}"{hint}',
                )


def _types(schemas: list[Schema]) -> set[str]:
    found: set[str] = set()
    for schema in schemas:
        own = own_type(schema)
        if not own:
            if "enum" in schema or "const" in schema:
                options = schema.get("enum", [schema.get("const")])
                found.update(_value_type(option) for option in options)
            else:
                found.add(_ANY)
        found |= own
    return found


def _string_enum(schemas: list[Schema]) -> set[str] | None:
    """The allowed strings when every string-typed alternative is an enum, else None."""
    allowed: set[str] = set()
    for schema in schemas:
        if "string" in own_type(schema) or (not own_type(schema) and "enum" in schema):
            enum = schema.get("enum")
            if not isinstance(enum, list):
                return None
            allowed.update(option for option in enum if isinstance(option, str))
    return allowed or None


def _value_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    if isinstance(value, str):
        return "string"
    if is_number(value):
        return "integer" if float(value).is_integer() else "number"
    return "object"


def _describe(types: set[str]) -> str:
    names = sorted(types)
    if not names:
        return "nothing"
    article = "an" if names[0][0] in "aeiou" else "a"
    return f"{article} {' or '.join(names)}"


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


def _unknown(name: str, key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, sorted(set(known)), n=1)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f'Field "{name}" is not in the schema{hint}'
