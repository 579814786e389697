"""The type model: unions, nullables, maps and references as both emitters receive them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventsmith.codegen._model import (
    ANY,
    ArrayOf,
    ClassDef,
    EnumDef,
    MapOf,
    Named,
    Nullable,
    Primitive,
    UnionOf,
    build_type_model,
)
from eventsmith.codegen._typescript import generate_typescript

STRING, INTEGER, NUMBER = Primitive("string"), Primitive("integer"), Primitive("number")


def field_types(schema: dict[str, object], name: str | None = None) -> dict[str, object]:
    model = build_type_model(schema)
    definition = model.get(name or model.root)
    assert isinstance(definition, ClassDef)
    return {field.key: field.type for field in definition.fields}


def test_canonical_shapes_map_to_type_expressions() -> None:
    types = field_types(
        {
            "type": "object",
            "properties": {
                "nullable": {"type": ["string", "null"]},
                "only_null": {"type": "null"},
                "map": {"type": "object", "additionalProperties": {"type": "integer"}},
                "free": {"type": "object"},
                "empty_items": {"type": "array", "items": {}},
                "mixed": {
                    "type": "array",
                    "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                },
                "numbers": {"type": ["integer", "number"]},
                "nested_union": {"anyOf": [{"type": ["string", "null"]}, {"type": "integer"}]},
            },
        }
    )
    assert types == {
        "nullable": Nullable(STRING),
        "only_null": Primitive("null"),
        "map": MapOf(INTEGER),
        "free": MapOf(ANY),
        "empty_items": ArrayOf(ANY),
        "mixed": ArrayOf(UnionOf((STRING, INTEGER))),
        "numbers": NUMBER,
        "nested_union": Nullable(UnionOf((STRING, INTEGER))),
    }


def test_refs_in_defs_and_draft04_definitions_resolve_to_named_types() -> None:
    for container in ("$defs", "definitions"):
        schema = {
            "type": "object",
            "properties": {"root": {"$ref": f"#/{container}/Tree"}},
            container: {
                "Tree": {
                    "type": "object",
                    "properties": {
                        "children": {"type": "array", "items": {"$ref": f"#/{container}/Tree"}},
                        "kind": {"$ref": f"#/{container}/Kind"},
                        "id": {"$ref": f"#/{container}/Id"},
                    },
                },
                "Kind": {"type": "string", "enum": ["leaf", "node", None]},
                "Id": {"type": "string", "format": "uuid"},
            },
        }
        model = build_type_model(schema)
        assert field_types(schema) == {"root": Named("Tree")}
        assert field_types(schema, "Tree") == {
            "children": ArrayOf(Named("Tree")),
            "kind": Nullable(Named("Kind")),
            "id": Primitive("string", "uuid"),
        }
        assert model.get("Kind") == EnumDef("Kind", ("leaf", "node"))


def test_remote_and_dangling_refs_accept_anything() -> None:
    types = field_types(
        {
            "type": "object",
            "properties": {
                "remote": {"$ref": "https://example.com/other.json#/Thing"},
                "dangling": {"$ref": "#/$defs/Missing"},
            },
        }
    )
    assert types == {"remote": ANY, "dangling": ANY}


JSON_LEAF = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
KEYWORDS = st.sampled_from(
    ["type", "properties", "items", "required", "enum", "anyOf", "oneOf", "allOf", "$ref",
     "additionalProperties", "title", "description", "format", "$defs", "x", "null"]
)  # fmt: skip
SCHEMAISH = st.recursive(
    JSON_LEAF | st.sampled_from(["object", "array", "string", "integer", "#/$defs/a", "#"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(KEYWORDS | st.text(max_size=3), inner, max_size=4)
    ),
    max_leaves=25,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(SCHEMAISH)
def test_any_json_gives_a_model_with_unique_names_and_typescript(document: object) -> None:
    schema = document if isinstance(document, dict) else {"items": document}
    model = build_type_model(schema)
    names = [definition.name for definition in model.definitions]
    assert len(names) == len(set(names))
    assert model.root == names[0]
    referenced = {ref.name for ref in _named(model)}
    assert referenced <= set(names)
    text = generate_typescript(model, "header")
    # A root that is an object is an interface; any other root (a number, an array, a union,
    # `type: false`) is a type alias of its own, never an empty interface.
    assert f"export interface {model.root} {{" in text or f"export type {model.root} = " in text


def _named(model):  # every Named reference in the model
    def walk(expr):
        if isinstance(expr, Named):
            yield expr
        for child in getattr(expr, "options", ()) or ():
            yield from walk(child)
        for attribute in ("items", "values", "inner"):
            if hasattr(expr, attribute):
                yield from walk(getattr(expr, attribute))

    for definition in model.definitions:
        if hasattr(definition, "type"):  # AliasDef: a root that is not an object
            yield from walk(definition.type)
        for field in getattr(definition, "fields", ()):
            yield from walk(field.type)
