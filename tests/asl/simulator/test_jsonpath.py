"""JSONPath evaluation. The guide says paths "follow JsonPath syntax" and links Jayway's
implementation (doc_source/amazon-states-language-input-output-processing.md), so the
expected values are the examples of Jayway's README (https://github.com/json-path/JsonPath),
on its store document."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventsmith.asl.simulator._errors import PathError
from eventsmith.asl.simulator._jsonpath import evaluate

STORE: dict[str, Any] = {
    "store": {
        "book": [
            {
                "category": "reference",
                "author": "Nigel Rees",
                "title": "Sayings of the Century",
                "price": 8.95,
            },
            {
                "category": "fiction",
                "author": "Evelyn Waugh",
                "title": "Sword of Honour",
                "price": 12.99,
            },
            {
                "category": "fiction",
                "author": "Herman Melville",
                "title": "Moby Dick",
                "isbn": "0-553-21311-3",
                "price": 8.99,
            },
            {
                "category": "fiction",
                "author": "J. R. R. Tolkien",
                "title": "The Lord of the Rings",
                "isbn": "0-395-19395-8",
                "price": 22.99,
            },
        ],
        "bicycle": {"color": "red", "price": 19.95},
    },
    "expensive": 10,
}
BOOKS = STORE["store"]["book"]
AUTHORS = [book["author"] for book in BOOKS]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("$.store.book[*].author", AUTHORS),
        ("$..author", AUTHORS),
        ("$.store.*", [BOOKS, STORE["store"]["bicycle"]]),
        ("$.store..price", [8.95, 12.99, 8.99, 22.99, 19.95]),
        ("$..book[2]", [BOOKS[2]]),
        ("$..book[-2]", [BOOKS[2]]),
        ("$..book[0,1]", BOOKS[:2]),
        ("$..book[:2]", BOOKS[:2]),
        ("$..book[1:2]", BOOKS[1:2]),
        ("$..book[-2:]", BOOKS[2:]),
        ("$..book[2:]", BOOKS[2:]),
        ("$..book[?(@.isbn)]", BOOKS[2:]),
        ("$.store.book[?(@.price < 10)]", [BOOKS[0], BOOKS[2]]),
        ("$..book[?(@.price <= $['expensive'])]", [BOOKS[0], BOOKS[2]]),
        ("$..book[?(@.author =~ /.*REES/i)]", [BOOKS[0]]),
        ("$..book.length()", 4),
        # definite paths give the value itself
        ("$.store.bicycle.color", "red"),
        ("$['store']['book'][3]['title']", "The Lord of the Rings"),
        ("$.store.book[-1].price", 22.99),
        ("$.store.book.length()", 4),
    ],
)
def test_jayway_readme_examples(path: str, expected: Any) -> None:
    assert evaluate(path, STORE) == expected


def test_filter_combinations_and_missing_values() -> None:
    assert evaluate("$.store.book[?(@.category == 'fiction' && @.price > 10)].title", STORE) == [
        "Sword of Honour",
        "The Lord of the Rings",
    ]
    assert (
        evaluate("$.store.book[?(@.isbn || @.price < 9)].author", STORE)
        == AUTHORS[:1] + AUTHORS[2:]
    )
    assert evaluate("$.store.book[?(!(@.isbn))].author", STORE) == AUTHORS[:2]
    assert evaluate("$.store.book[?(@.category in ['reference'])].author", STORE) == AUTHORS[:1]
    assert evaluate("$.store.book[?(@.missing > 1)]", STORE) == []
    assert evaluate("$.store.book[*].isbn", STORE) == ["0-553-21311-3", "0-395-19395-8"]


@pytest.mark.parametrize(
    "path", ["$.nope", "$.store.book[9]", "$.expensive.deeper", "store", "$.a[", "$.a[?(@.x ==)]"]
)
def test_definite_paths_that_match_nothing_and_bad_paths_raise(path: str) -> None:
    with pytest.raises(PathError):
        evaluate(path, STORE)


def test_context_and_variable_roots() -> None:
    assert evaluate("$$.Execution.Name", {}, {"Execution": {"Name": "run"}}) == "run"
    assert evaluate("$total.items[0]", {}, None, {"total": {"items": [7]}}) == 7
    with pytest.raises(PathError):
        evaluate("$unknown", {}, None, {})


KEYS = st.text(alphabet="abcdefgh_", min_size=1, max_size=4)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=20,
)


@st.composite
def documents_with_a_path(draw: st.DrawFn) -> tuple[Any, list[str | int], Any]:
    document = draw(JSON)
    node, steps = document, []
    while isinstance(node, dict | list) and node and draw(st.booleans()):
        if isinstance(node, dict):
            key = draw(st.sampled_from(sorted(node)))
        else:
            key = draw(st.integers(0, len(node) - 1))
        steps.append(key)
        node = node[key]
    return document, steps, node


@given(documents_with_a_path())
def test_a_definite_path_in_either_notation_finds_its_node(
    case: tuple[Any, list[str | int], Any],
) -> None:
    document, steps, node = case
    dotted = "$" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in steps)
    bracketed = "$" + "".join(f"[{s}]" if isinstance(s, int) else f"['{s}']" for s in steps)
    assert evaluate(dotted, document) == node
    assert evaluate(bracketed, document) == node
