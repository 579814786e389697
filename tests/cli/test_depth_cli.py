"""Every command on events, schemas and workflows nested 300, 1,100 and 100,000 levels: no
traceback, ever (the issue's reports: the store, merge, export, `match --explain` and the ASL
parser each died with a RecursionError or an orjson error)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def eventsmith(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "eventsmith.cli.main", *map(str, args)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "RecursionError" not in result.stderr
    return result


def nested(levels: int) -> str:
    opening = "".join('{"b":' if level % 2 == 0 else "[" for level in range(levels))
    closing = "".join("}" if level % 2 == 0 else "]" for level in reversed(range(levels)))
    return opening + '"x"' + closing


@pytest.mark.slow
@pytest.mark.parametrize("levels", [300, 1100, 100_000])
def test_every_command_handles_deep_nesting(tmp_path: Path, levels: int) -> None:
    registry = tmp_path / "registry.sqlite3"
    events = tmp_path / "deep.jsonl"
    event = f'{{"source":"deep","detail-type":"Nested","detail":{nested(levels)}}}'
    events.write_text(event + "\n" + event + "\n")
    name = "deep@Nested"

    first = eventsmith("--registry", registry, "discover", events, "--json")
    assert first.returncode == 0
    assert [s["status"] for s in json.loads(first.stdout)["schemas"]] == ["new_schema"]
    assert f"{events}:1: nesting deeper than 255 levels" in first.stderr
    again = eventsmith("--registry", registry, "discover", events, "--json")
    assert [s["status"] for s in json.loads(again.stdout)["schemas"]] == ["unchanged"]

    for fmt in ("openapi3", "jsonschema-draft4", "jsonschema"):
        out = tmp_path / f"export.{fmt}.json"
        exported = eventsmith("--registry", registry, "schemas", "export", name, "--format", fmt)
        assert exported.returncode == 0
        out.write_text(exported.stdout)
        imported = eventsmith("--registry", registry, "schemas", "import", out, "--name", name)
        assert imported.returncode == 0 and "unchanged" in imported.stdout.lower(), imported.stdout
    assert eventsmith("--registry", registry, "schemas", "show", name).returncode == 0

    checked = eventsmith("--registry", registry, "validate", "--schema", name, events)
    assert checked.returncode == 0 and "2 events checked, all valid" in checked.stderr
    for language in ("python", "typescript"):
        out = tmp_path / language
        made = eventsmith("--registry", registry, "codegen", name, "--lang", language, "--out", out)
        assert made.returncode == 0 and any(out.rglob("*.py" if language == "python" else "*.ts"))

    pattern = tmp_path / "p.pattern.json"
    pattern.write_text('{"source": ["other"], "detail": {"b": {"b": ["y"]}}}')
    missed = eventsmith("match", "--pattern", pattern, events, "--explain")
    assert missed.returncode == 1
    assert 'source: expected ["other"], got "deep"' in missed.stdout

    workflow = tmp_path / "deep.asl.json"
    workflow.write_text(
        '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true,"Result":' + nested(levels) + "}}}"
    )
    assert eventsmith("asl", "validate", workflow).returncode == 0
    rendered = eventsmith("asl", "render", workflow)
    assert rendered.returncode == 0 and rendered.stdout.startswith("<svg")
