"""A real registry: sample events discovered by the real `eventsmith discover`, plus one
OpenAPI schema imported the way a user does (it has `$ref`s)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventsmith.asl import ParsedFile, StateMachineSource, parse_document
from eventsmith.registry import Registry

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data" / "workflow_schemas"


def eventsmith(registry: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="session")
def registry_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("registry") / "registry.sqlite3"
    discovered = eventsmith(path, "discover", str(DATA / "events"))
    assert discovered.returncode == 0, discovered.stderr
    imported = eventsmith(
        path, "schemas", "import", str(ROOT / "tests/data/schemas/order@NewOrder.openapi3.json")
    )
    assert imported.returncode == 0, imported.stderr
    return path


@pytest.fixture
def registry(registry_path: Path) -> Iterator[Registry]:
    with Registry(registry_path) as opened:
        yield opened


def parse(text: str, filename: str) -> tuple[ParsedFile, StateMachineSource]:
    parsed = parse_document(text, filename)
    assert len(parsed.state_machines) == 1
    return parsed, parsed.state_machines[0]


def parse_file(name: str) -> tuple[str, ParsedFile, StateMachineSource]:
    text = (DATA / name).read_text(encoding="utf-8")
    parsed, machine = parse(text, str(DATA / name))
    return text, parsed, machine


def span_of(text: str, line_marker: str, word: str) -> tuple[int, int, int]:
    """(line, start, end) of `word` on the first line containing `line_marker`, after the
    marker (or in it, when the marker contains the word)."""
    for number, line in enumerate(text.splitlines()):
        if line_marker in line:
            begin = line.index(line_marker)
            start = line.index(word, begin if word in line_marker else begin + len(line_marker))
            return number, start, start + len(word)
    raise AssertionError(f"{line_marker!r} not in the text")
