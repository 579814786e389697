"""Code-point positions of the cores <-> the client's position encoding, both ways."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp

from eventsmith.asl import Position
from eventsmith.lsp.convert import Lines

TEXT = 'plain\n  "Prüfen 🚀": x\r\nlast'


@pytest.mark.parametrize(
    ("encoding", "unit"),
    [("utf-16", "utf-16-le"), ("utf-8", "utf-8"), ("utf-32", "utf-32-le")],
)
def test_round_trip_on_every_character_boundary(encoding: str, unit: str) -> None:
    lines = Lines(TEXT, encoding)
    width = 2 if unit == "utf-16-le" else 4 if unit == "utf-32-le" else 1
    for number, line in enumerate(TEXT.replace("\r\n", "\n").split("\n")):
        for character in range(len(line) + 1):
            expected = len(line[:character].encode(unit)) // width
            converted = lines.to_lsp(Position(number, character))
            assert converted == lsp.Position(number, expected)
            assert lines.from_lsp(converted) == Position(number, character)


def test_positions_past_the_end_are_clamped_or_kept() -> None:
    lines = Lines(TEXT)
    assert lines.from_lsp(lsp.Position(1, 999)) == Position(1, len('  "Prüfen 🚀": x'))
    assert lines.to_lsp(Position(9, 3)) == lsp.Position(9, 3)
