"""Cutting a big JSON array into elements gives exactly what parsing it whole gives."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventsmith.events._json_stream import ArrayError, array_values

TRICKY_STRINGS = st.sampled_from(['"', "\\", "]", "}", ",", "[{", '\\"]', "x\ny", "é"])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | (st.text(max_size=5) | TRICKY_STRINGS),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=3) | TRICKY_STRINGS, children, max_size=3)
    ),
    max_leaves=8,
)


def split(data: bytes, sizes: list[int]) -> list[bytes]:
    chunks, position = [], 0
    for size in sizes:
        chunks.append(data[position : position + size])
        position += size
    chunks.append(data[position:])
    return chunks


@settings(max_examples=100, deadline=None)
@given(
    st.lists(JSON, max_size=6),
    st.sampled_from([None, 1, 2]),
    st.lists(st.integers(1, 9), max_size=30),
    st.integers(1, 64),
)
def test_elements_equal_the_parsed_array(
    values: list[Any], indent: int | None, sizes: list[int], block: int
) -> None:
    data = json.dumps(values, indent=indent, ensure_ascii=False).encode()
    errors: list[tuple[int, str]] = []
    found = list(array_values(split(data, sizes), lambda *error: errors.append(error), block))
    assert [value for _, value in found] == values
    assert errors == []
    lines = data.decode().split("\n")
    texts = [json.dumps(value, ensure_ascii=False) for value in values]
    for (line, value), text in zip(found, texts, strict=True):
        assert text[:1] in lines[line - 1], (line, value)


def collect(data: bytes, block: int = 4) -> tuple[list[tuple[int, Any]], list[tuple[int, str]]]:
    errors: list[tuple[int, str]] = []
    found = list(array_values([data], lambda *error: errors.append(error), block))
    return found, errors


def test_malformed_elements_are_reported_at_their_line_and_skipped() -> None:
    data = b'[\n  {"a": 1},\n  {"a": oops},\n  {"a": "x\\"]"}, 12\n  3,\n  NaN,\n  {"b": 2}\n]'
    found, errors = collect(data)
    assert found == [(2, {"a": 1}), (4, {"a": 'x"]'}), (4, 12), (7, {"b": 2})]
    assert errors == [
        (3, "invalid JSON: Expecting value"),
        (5, "invalid JSON: missing comma"),
        (6, "invalid JSON: NaN is not JSON"),
    ]


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"", "empty input", 1),
        (b'\n\n{"a": 1}', "not a JSON array", 3),
        (b"[1,\n2,", "the array is not closed", 2),
        (b"[1,,2]", "empty array element", 1),
    ],
)
def test_what_is_not_an_array_is_an_error_with_a_line(data: bytes, message: str, line: int) -> None:
    with pytest.raises(ArrayError, match=message) as raised:
        collect(data)
    assert raised.value.line == line


def test_empty_array_has_no_elements() -> None:
    assert collect(b" [ \n ] ") == ([], [])


def test_numbers_cut_by_the_window_are_read_whole() -> None:
    assert collect(b"[123456789, 987654321]", block=3)[0] == [(1, 123456789), (1, 987654321)]
