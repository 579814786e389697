"""The type model both emitters read: classes, enums and type expressions with final names.

`build_type_model` turns canonical JSON Schema (inline or `$defs`/`$ref`) into this model once,
so Python and TypeScript bindings of a schema agree on every name and every type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventsmith.codegen._naming import NameTable, singular, type_name
from eventsmith.registry import DETAIL_TYPE_KEY, escape_pointer, is_envelope, resolve_pointer

ENVELOPE_ROOT = "AWSEvent"


@dataclass(frozen=True)
class Primitive:
    """`kind` is string, integer, number, boolean, null or any."""

    kind: str
    format: str | None = None


@dataclass(frozen=True)
class ArrayOf:
    items: TypeExpr


@dataclass(frozen=True)
class MapOf:
    values: TypeExpr


@dataclass(frozen=True)
class Named:
    """A reference to a `ClassDef` or `EnumDef` of the same model."""

    name: str


@dataclass(frozen=True)
class UnionOf:
    options: tuple[TypeExpr, ...]


@dataclass(frozen=True)
class Nullable:
    inner: TypeExpr


TypeExpr = Primitive | ArrayOf | MapOf | Named | UnionOf | Nullable

ANY = Primitive("any")
NULL = Primitive("null")


@dataclass(frozen=True)
class FieldDef:
    key: str
    type: TypeExpr
    required: bool
    description: str | None = None


@dataclass(frozen=True)
class ClassDef:
    name: str
    fields: tuple[FieldDef, ...]
    description: str | None = None


@dataclass(frozen=True)
class EnumDef:
    name: str
    values: tuple[str, ...]
    description: str | None = None


@dataclass(frozen=True)
class AliasDef:
    """A named type that is not a class: the root of a schema whose documents are not objects
    (a bare number, an array, an array-or-object union)."""

    name: str
    type: TypeExpr
    description: str | None = None


Definition = ClassDef | EnumDef | AliasDef


@dataclass(frozen=True)
class TypeModel:
    """Every named type of one schema; `root` names the type of a whole document."""

    root: str
    definitions: tuple[Definition, ...]

    def get(self, name: str) -> Definition:
        for definition in self.definitions:
            if definition.name == name:
                return definition
        raise KeyError(name)


def build_type_model(schema: dict[str, Any], fallback_name: str = "Model") -> TypeModel:
    """Name and flatten every class and enum of `schema`; unknown keywords are ignored."""
    return _Builder(schema).build(fallback_name)


def _union(options: list[TypeExpr]) -> TypeExpr:
    """One flat union: nested unions spread, null pulled out, `integer` folded into `number`."""
    flat: list[TypeExpr] = []
    nullable = False
    pending = list(options)
    while pending:
        part = pending.pop(0)
        if isinstance(part, Nullable):
            nullable, part = True, part.inner
        if isinstance(part, UnionOf):
            pending[:0] = part.options
        elif part == NULL:
            nullable = True
        elif part not in flat:
            flat.append(part)
    if Primitive("number") in flat and Primitive("integer") in flat:
        flat.remove(Primitive("integer"))
    if ANY in flat:
        inner: TypeExpr = ANY
    elif not flat:
        return NULL
    else:
        inner = flat[0] if len(flat) == 1 else UnionOf(tuple(flat))
    return Nullable(inner) if nullable and inner != ANY else inner


class _Builder:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.names = NameTable()
        self.definitions: dict[str, Definition] = {}
        self.order: list[str] = []
        # A definition's name is fixed before its body is built, so recursive $refs terminate.
        self.ref_names: dict[str, str] = {}
        self.shapes: dict[str, list[tuple[dict[str, Any], str]]] = {}

    def build(self, fallback_name: str) -> TypeModel:
        root_schema = self.document
        if not root_schema.get("properties") and isinstance(root_schema.get("$ref"), str):
            root_schema = _dict(self._pointer(root_schema["$ref"])) or root_schema
        envelope = is_envelope(root_schema)
        title = root_schema.get("title") or self.document.get("title") or fallback_name
        root = self.names.claim(ENVELOPE_ROOT if envelope else type_name(str(title), "Model"))
        container = "$defs" if "$defs" in self.document else "definitions"
        defs = self.document.get(container)
        for key, target in sorted(defs.items() if isinstance(defs, dict) else ()):
            if _is_named_kind(target):
                pointer = f"#/{container}/{escape_pointer(key)}"
                self.ref_names[pointer] = self.names.claim(type_name(key, "Definition"))
        detail_hint = None
        if envelope:
            detail_type = root_schema.get(DETAIL_TYPE_KEY)
            detail_hint = type_name(str(detail_type), "Detail") if detail_type else "Detail"
        if envelope or _is_object_root(root_schema):
            self._build_class(root, root_schema, detail_hint)
        else:
            self._add(AliasDef(root, ANY))  # placeholder: the root's name is taken first
            bare = {k: v for k, v in root_schema.items() if k not in ("title", "$defs")}
            expr = self.type_of(bare, root, "")
            self._add(AliasDef(root, expr, _text(root_schema.get("description"))))
        for ref, name in list(self.ref_names.items()):
            if name not in self.definitions:
                self._resolve_ref(ref)
        return TypeModel(root, tuple(self.definitions[name] for name in self.order))

    def _add(self, definition: Definition) -> None:
        if definition.name not in self.definitions:
            self.order.append(definition.name)
        self.definitions[definition.name] = definition

    # -- type expressions ------------------------------------------------------------------

    def type_of(self, node: Any, hint: str, parent: str) -> TypeExpr:
        if not isinstance(node, dict) or not node:
            return ANY
        if isinstance(node.get("$ref"), str):
            return self._ref(node["$ref"])
        for keyword in ("anyOf", "oneOf"):
            if isinstance(node.get(keyword), list):
                return _union([self.type_of(option, hint, parent) for option in node[keyword]])
        if isinstance(node.get("allOf"), list):
            return self.type_of(_merge_all_of(node), hint, parent)
        types = node.get("type")
        enum = node.get("enum")
        if isinstance(enum, list) and enum:
            return self._enum(node, enum, hint, parent)
        if isinstance(types, list):
            options = [self.type_of({**node, "type": kind}, hint, parent) for kind in types]
            return _union(options) if options else ANY
        if types == "string":
            fmt = node.get("format")
            return Primitive("string", fmt if isinstance(fmt, str) else None)
        if types in ("integer", "number", "boolean", "null"):
            return Primitive(types)
        if types == "array":
            items = node.get("items")
            if isinstance(items, list):  # draft-04 tuple form: any of the listed kinds
                return ArrayOf(_union([self.type_of(i, singular(hint), parent) for i in items]))
            return ArrayOf(self.type_of(items, singular(hint), parent))
        if types == "object" or "properties" in node:
            return self._object(node, hint, parent)
        return ANY

    def _object(self, node: dict[str, Any], hint: str, parent: str) -> TypeExpr:
        properties = node.get("properties")
        if not isinstance(properties, dict) or not properties:
            values = node.get("additionalProperties")
            if isinstance(values, dict) and values:
                return MapOf(self.type_of(values, f"{hint}Value", parent))
            return MapOf(ANY)
        name = self._claim(str(node.get("title") or hint), parent, node)
        if name not in self.definitions:
            self._build_class(name, node)
        return Named(name)

    def _build_class(self, name: str, node: dict[str, Any], detail: str | None = None) -> None:
        self._add(ClassDef(name, ()))  # placeholder: parents are declared before children
        properties = node.get("properties")
        required = set(_strings(node.get("required")))
        fields = []
        for key, sub in (properties if isinstance(properties, dict) else {}).items():
            title = sub.get("title") if isinstance(sub, dict) else None
            child_hint = detail if (detail and key == "detail") else type_name(str(title or key))
            expr = self.type_of(sub, child_hint, name)
            description = sub.get("description") if isinstance(sub, dict) else None
            fields.append(FieldDef(str(key), expr, key in required, _text(description)))
        self._add(ClassDef(name, tuple(fields), _text(node.get("description"))))

    def _enum(self, node: dict[str, Any], values: list[Any], hint: str, parent: str) -> TypeExpr:
        strings = [v for v in values if isinstance(v, str)]
        if len(strings) != len([v for v in values if v is not None]):
            # Only string enums become named types; mixed ones keep their base type.
            return self.type_of({k: v for k, v in node.items() if k != "enum"}, hint, parent)
        name = self._claim(str(node.get("title") or hint), parent, node)
        if name not in self.definitions:
            self._add(EnumDef(name, tuple(dict.fromkeys(strings)), _text(node.get("description"))))
        return Nullable(Named(name)) if None in values else Named(name)

    def _claim(self, hint: str, parent: str, node: dict[str, Any]) -> str:
        """A name for a new inline class or enum; an identical shape under one hint reuses it."""
        candidate = type_name(hint)
        earlier = self.shapes.setdefault(candidate, [])
        for shape, name in earlier:
            if shape == node:  # compared only on a name clash, so the common case costs nothing
                return name
        name = self.names.claim(candidate, parent)
        earlier.append((node, name))
        return name

    # -- references ------------------------------------------------------------------------

    def _ref(self, ref: str) -> TypeExpr:
        target = self._pointer(ref)
        if target is None:
            return ANY  # remote or dangling reference: accept anything rather than fail
        if not _is_named_kind(target):
            return self.type_of(target, type_name(ref.rsplit("/", 1)[-1]), "")
        if ref not in self.ref_names:
            hint = str(target.get("title") or ref.rsplit("/", 1)[-1])
            self.ref_names[ref] = self.names.claim(type_name(hint, "Definition"))
        name = self.ref_names[ref]
        if name not in self.definitions:
            self._resolve_ref(ref)
        if None in (target.get("enum") or ()):
            return Nullable(Named(name))
        return Named(name)

    def _resolve_ref(self, ref: str) -> None:
        name = self.ref_names[ref]
        target = self._pointer(ref)
        if isinstance(target, dict) and isinstance(target.get("enum"), list):
            values = tuple(dict.fromkeys(v for v in target["enum"] if isinstance(v, str)))
            self._add(EnumDef(name, values, _text(target.get("description"))))
        elif isinstance(target, dict):
            self._build_class(name, target)

    def _pointer(self, ref: str) -> Any:
        try:
            return resolve_pointer(self.document, ref)
        except KeyError:
            return None


def _is_object_root(node: dict[str, Any]) -> bool:
    """Documents of this schema are objects (a class), or it says nothing at all about them."""
    if isinstance(node.get("properties"), dict) and node["properties"]:
        return True
    if any(isinstance(node.get(keyword), list) for keyword in ("anyOf", "oneOf", "allOf")):
        return False
    kind = node.get("type")
    return kind is None or kind == "object"


def _is_named_kind(node: Any) -> bool:
    """Objects with properties and string enums become named types; anything else is inlined."""
    if not isinstance(node, dict):
        return False
    if isinstance(node.get("properties"), dict) and node["properties"]:
        return True
    enum = node.get("enum")
    return isinstance(enum, list) and bool(enum) and all(isinstance(v, str | None) for v in enum)


def _merge_all_of(node: dict[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {k: v for k, v in node.items() if k != "allOf"}
    properties: dict[str, Any] = dict(_dict(merged.get("properties")))
    required: list[str] = _strings(merged.get("required"))
    for part in node["allOf"]:
        if not isinstance(part, dict):
            continue
        for key, value in part.items():
            if key == "properties" and isinstance(value, dict):
                properties.update(value)
            elif key == "required" and isinstance(value, list):
                required.extend(v for v in value if v not in required)
            else:
                merged.setdefault(key, value)
    if properties:
        merged["properties"] = properties
        merged.setdefault("type", "object")
    if required:
        merged["required"] = required
    return merged


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
