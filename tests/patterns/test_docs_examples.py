"""The Python examples in docs/patterns.md run as they are written."""

from __future__ import annotations

from tests.asl.test_docs_examples import ROOT, run_examples


def test_pattern_examples_run() -> None:
    printed = run_examples(ROOT / "docs" / "patterns.md")
    assert "False\n" in printed
    assert 'did you mean "state"?' in printed
    assert "detail.tags.key string () ('team',)" in printed
    assert "prefix match pattern must be a string" in printed
