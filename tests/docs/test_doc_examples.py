"""The Python API sections of the docs run as written, each block in a fresh interpreter.

Every ```python block under a "## Python API" heading runs in a folder holding the bundled
sample events in `events/` and, for the docs that start from a filled registry, those events
already discovered into `registry.sqlite3`. The blocks assert what they claim, so a block that
runs is a block that is right.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eventsmith.registry import Registry, run_discovery

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "resources" / "samples" / "events"
# doc -> whether its examples start from a registry the samples were discovered into
DOCS = {"registry.md": False, "schemas.md": True, "codegen.md": True}


def api_blocks(doc: str) -> list[tuple[int, str]]:
    """`(line, code)` of each python block in the doc's "## Python API" section."""
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    start = text.index("\n## Python API")
    end = text.find("\n## ", start + 1)
    section = text[start : end if end != -1 else len(text)]
    first_line = text[:start].count("\n") + 2
    return [
        (first_line + section[: match.start()].count("\n") + 1, match.group(1))
        for match in re.finditer(r"```python\n(.*?)```", section, re.DOTALL)
    ]


CASES = [(doc, line, code) for doc in DOCS for line, code in api_blocks(doc)]


def test_every_doc_has_examples() -> None:
    assert {doc for doc, _line, _code in CASES} == set(DOCS)


@pytest.mark.parametrize(("doc", "line", "code"), CASES, ids=[f"{d}:{n}" for d, n, _ in CASES])
def test_example_runs(tmp_path: Path, doc: str, line: int, code: str) -> None:
    shutil.copytree(SAMPLES, tmp_path / "events")
    if DOCS[doc]:
        with Registry(tmp_path / "registry.sqlite3") as registry:
            assert run_discovery(registry, [tmp_path / "events"]).schemas
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "EVENTSMITH_REGISTRY": str(tmp_path / "default.sqlite3")},
    )
    assert result.returncode == 0, f"docs/{doc}:{line}\n{result.stderr}"
