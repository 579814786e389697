"""Cutting a big JSON array into elements gives exactly what parsing it whole gives."""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventsmith.registry.json_stream import ArrayError, array_elements

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
    elements = list(array_elements(split(data, sizes), block))
    assert [orjson.loads(element.data) for element in elements] == values
    lines = data.split(b"\n")
    for element in elements:
        assert element.data.split(b"\n")[0] in lines[element.line - 1]


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
        list(array_elements([data]))
    assert raised.value.line == line


def test_empty_array_has_no_elements() -> None:
    assert list(array_elements([b" [ \n ] "])) == []
