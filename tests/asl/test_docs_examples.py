"""The Python examples in docs/asl.md and docs/workflow-graphs.md run as they are written.

Every ```python block of a page's "Python API" section runs, in order and in one namespace,
from the repository root (where the examples find resources/samples).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

ROOT = Path(__file__).parents[2]
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.M | re.S)


def python_api_blocks(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    start = text.index("## Python API")
    following = text.find("\n## ", start + 1)
    section = text[start : following if following >= 0 else len(text)]
    return _BLOCK.findall(section)


def run_examples(page: Path) -> str:
    blocks = python_api_blocks(page)
    assert blocks, f"{page.name} has Python examples"
    namespace: dict[str, object] = {"__name__": "__docs__"}
    printed = io.StringIO()
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(printed):
            for number, block in enumerate(blocks, 1):
                exec(compile(block, f"{page.name} example {number}", "exec"), namespace)
    finally:
        os.chdir(cwd)
    return printed.getvalue()


def test_asl_examples_run() -> None:
    printed = run_examples(ROOT / "docs" / "asl.md")
    assert "ASL103 error StartAt/Next" not in printed  # the message, not the catalogue title
    assert "ASL103 error Next names no state 'Dnoe'" in printed
    assert "Change to 'Done'" in printed
    assert "project/flows/nightly.asl.json ['ASL104']" in printed


def test_workflow_graph_examples_run() -> None:
    printed = run_examples(ROOT / "docs" / "workflow-graphs.md")
    assert "/States/Fulfil\n" in printed
    assert "Wait ['Wait for the payment to" in printed
