"""Whatever is typed, parsing and validation return findings inside the document, never raise."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from eventsmith.asl import check_text

SAMPLES = {
    path.name: path.read_text(encoding="utf-8")
    for path in (Path(__file__).parents[2] / "resources" / "samples" / "workflows").glob("*")
}
EDIT_TEXT = st.text(alphabet="{}[]\":,\n -$.%&*!#\\'abcXYZ019é", max_size=6)


@settings(max_examples=200, deadline=None)
@given(
    name=st.sampled_from(sorted(SAMPLES)),
    start=st.floats(0, 1),
    length=st.integers(0, 40),
    insert=EDIT_TEXT,
)
def test_edited_samples_never_raise_and_ranges_stay_in_the_document(
    name: str, start: float, length: int, insert: str
) -> None:
    text = SAMPLES[name]
    at = int(start * len(text))
    edited = text[:at] + insert + text[at + length :]
    lines = edited.split("\n")
    for diagnostic in check_text(edited, name):
        for position in (diagnostic.range.start, diagnostic.range.end):
            assert 0 <= position.line < len(lines)
            assert 0 <= position.character <= len(lines[position.line])
        assert diagnostic.range.start <= diagnostic.range.end


def test_a_yaml_alias_bomb_is_cut_short() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    text = "\n".join(levels) + "\nStartAt: A\nStates:\n  A: {Type: Succeed}\n"
    started = time.perf_counter()
    codes = {d.code for d in check_text(text, "bomb.asl.yaml")}
    assert time.perf_counter() - started < 20
    assert "ASL001" in codes
