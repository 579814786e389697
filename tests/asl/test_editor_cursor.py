"""What is at a position, on complete and half-typed JSON and YAML (the reverse of the
parser's path -> span tables)."""

from __future__ import annotations

import pytest

from eventsmith.asl import Position, cursor_at, read_tree


def at(text: str, marker: str = "|") -> tuple[str, Position]:
    """`text` without the marker, and the marker's position."""
    offset = text.index(marker)
    clean = text.replace(marker, "", 1)
    line = clean.count("\n", 0, offset)
    return clean, Position(line, offset - (clean.rfind("\n", 0, offset) + 1))


@pytest.mark.parametrize(
    ("text", "syntax", "on", "path", "prefix"),
    [
        ('{"States": {"A": {"Type": "Pass", "Ne|', "json", "key", ("States", "A", "Ne"), "Ne"),
        (
            '{"States": {"A": {"Type": "Pass", "Next": "F|o"}}}',
            "json",
            "value",
            ("States", "A", "Next"),
            "F",
        ),
        (
            '{"States": {"A": {"Type": "Pass", "Next": |}}}',
            "json",
            "value",
            ("States", "A", "Next"),
            "",
        ),
        ('{"States": {"A": {"Type": "Pass", |}}}', "json", "key", ("States", "A"), ""),
        (
            '{"A": {"ErrorEquals": ["States.T|"]}}',
            "json",
            "value",
            ("A", "ErrorEquals", 0),
            "States.T",
        ),
        ('{"A": {"ErrorEquals": ["x", |]}}', "json", "value", ("A", "ErrorEquals", 1), ""),
        ("States:\n  A:\n    Type: Pass\n    Ne|\n", "yaml", "key", ("States", "A"), "Ne"),
        (
            "States:\n  A:\n    Type: Pass\n    Next: |\n",
            "yaml",
            "value",
            ("States", "A", "Next"),
            "",
        ),
        (
            "States:\n  A:\n    Type: Pass\n    Next: Fo|\n",
            "yaml",
            "value",
            ("States", "A", "Next"),
            "Fo",
        ),
        (
            "A:\n  Retry:\n    - ErrorEquals:\n        - States.T\n      Max|\n",
            "yaml",
            "key",
            ("A", "Retry", 0),
            "Max",
        ),
        (
            "A:\n  Retry:\n    - ErrorEquals:\n        - |\n",
            "yaml",
            "value",
            ("A", "Retry", 0, "ErrorEquals", 0),
            "",
        ),
    ],
)
def test_cursor(text: str, syntax: str, on: str, path: tuple[object, ...], prefix: str) -> None:
    clean, position = at(text)
    cursor = cursor_at(read_tree(clean, syntax), position)  # type: ignore[arg-type]
    assert (cursor.on, cursor.path, cursor.prefix) == (on, path, prefix)


def test_token_is_the_whole_string_with_its_quotes() -> None:
    clean, position = at('{"Next": "Fo|o"}')
    cursor = cursor_at(read_tree(clean), position)
    assert clean[cursor.token[0] : cursor.token[1]] == '"Foo"'
    assert cursor.quoted and cursor.key == "Next"
