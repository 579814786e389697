"""Hypothesis proofs: inference and schema merging are order-independent and sound."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from eventsmith.registry import _infer as infer
from eventsmith.registry._discovery import merge_into_latest
from eventsmith.registry._infer import Shape, infer_schema
from eventsmith.registry._schema_merge import merge_schemas

# Keys mix field names with data keys, so both structs and maps come up; strings mix values
# that fit each format with near misses, so formats are won and lost.
KEYS = st.sampled_from(
    ["id", "name", "type", "detail", "a", "b", "123", "456", "eu-west-1", "AMS1", "WH-002"]
)
STRINGS = st.one_of(
    st.sampled_from(
        [
            "2019-08-29T12:10:21Z",
            "2019-08-29T12:10:21.5+01:00",
            "2019-02-29T12:10:21Z",
            "2024-02-29",
            "12:10:21Z",
            "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
            "10.0.0.1",
            "2001:db8::1",
            "ops@example.com",
            "https://example.com/a",
            "billing",
            "returns",
            "",
        ]
    ),
    st.text(max_size=8),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    STRINGS,
)
JSON = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=5)
    ),
    max_leaves=10,
)
DOCS = st.lists(JSON, max_size=6)


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def shape_of(documents: list[Any]) -> Shape:
    shape = Shape()
    for document in documents:
        shape.add(document, 1)
    return shape


@contextmanager
def few_keys() -> Iterator[None]:
    """Shrinks the key limit so the collapse-into-map path runs in most examples."""
    saved = infer.MAX_OBJECT_KEYS
    infer.MAX_OBJECT_KEYS = 3
    try:
        yield
    finally:
        infer.MAX_OBJECT_KEYS = saved


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(DOCS, st.booleans())
def test_every_sample_validates_against_its_schema(documents: list[Any], enums: bool) -> None:
    check = validator(infer_schema(documents, enums))
    for document in documents:
        assert check.is_valid(document), (document, list(check.iter_errors(document)))


@settings(max_examples=60, deadline=None)
@given(DOCS, st.randoms(use_true_random=False), st.booleans())
def test_order_of_documents_does_not_matter(documents: list[Any], rng: Any, few: bool) -> None:
    shuffled = list(documents)
    rng.shuffle(shuffled)
    with few_keys() if few else _nothing():
        assert infer_schema(documents, True) == infer_schema(shuffled, True)


@contextmanager
def _nothing() -> Iterator[None]:
    yield


@settings(max_examples=60, deadline=None)
@given(DOCS, DOCS)
def test_merge_is_commutative_and_equals_inferring_everything(a: list[Any], b: list[Any]) -> None:
    with few_keys():
        ab = shape_of(a).merged(shape_of(b)).to_schema(True)
        ba = shape_of(b).merged(shape_of(a)).to_schema(True)
        assert ab == ba == infer_schema(a + b, True)


@settings(max_examples=60, deadline=None)
@given(DOCS, DOCS, DOCS)
def test_merge_is_associative(a: list[Any], b: list[Any], c: list[Any]) -> None:
    with few_keys():
        sa, sb, sc = shape_of(a), shape_of(b), shape_of(c)
        left = sa.merged(sb).merged(sc).to_schema(True)
        right = sa.merged(sb.merged(sc)).to_schema(True)
        assert left == right


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(DOCS, DOCS, st.booleans())
def test_schema_merge_accepts_both_sides_samples(a: list[Any], b: list[Any], enums: bool) -> None:
    merged = merge_schemas(infer_schema(a, enums), infer_schema(b, enums))
    check = validator(merged)
    for document in a + b:
        assert check.is_valid(document), (document, merged)


@settings(max_examples=60, deadline=None)
@given(DOCS, DOCS, DOCS)
def test_schema_merge_is_commutative_and_associative(
    a: list[Any], b: list[Any], c: list[Any]
) -> None:
    sa, sb, sc = (infer_schema(docs, True) for docs in (a, b, c))
    assert merge_schemas(sa, sb) == merge_schemas(sb, sa)
    assert merge_schemas(merge_schemas(sa, sb), sc) == merge_schemas(sa, merge_schemas(sb, sc))


@settings(max_examples=60, deadline=None)
@given(DOCS, st.booleans())
def test_merging_a_schema_with_itself_changes_nothing(documents: list[Any], enums: bool) -> None:
    # This is what makes re-discovering the same samples store no new version.
    schema = {"$schema": "x", "title": "T", **infer_schema(documents, enums)}
    assert merge_into_latest(schema, schema) == schema


@settings(max_examples=60, deadline=None)
@given(DOCS, DOCS)
def test_merging_into_latest_only_widens(old: list[Any], new: list[Any]) -> None:
    latest = infer_schema(old)
    merged = merge_into_latest(latest, infer_schema(new))
    # Merging again with either side is a no-op: the result already covers both.
    assert merge_schemas(merged, latest) == merged
    assert merge_schemas(merged, infer_schema(new)) == merged
