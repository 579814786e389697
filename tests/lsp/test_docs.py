"""The working examples of docs/lsp.md run and print what the page says."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

DOC = Path(__file__).parents[2] / "docs" / "lsp.md"
# Each complete client is a python block followed by "It prints:" and a text block.
EXAMPLE = re.compile(r"```python\n(.*?)```\n\nIt prints:\n\n```text\n(.*?)```", re.S)
EXAMPLES = EXAMPLE.findall(DOC.read_text(encoding="utf-8"))


def test_the_page_has_both_examples() -> None:
    assert len(EXAMPLES) == 2  # a workflow; a template with two state machines


@pytest.mark.slow
@pytest.mark.parametrize(("code", "expected"), EXAMPLES, ids=["workflow", "template"])
def test_the_documented_client_prints_the_documented_output(
    tmp_path: Path, code: str, expected: str
) -> None:
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected
    if "order.svg" in code:
        assert (tmp_path / "order.svg").read_text(encoding="utf-8").startswith("<svg")
