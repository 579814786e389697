"""`eventsmith validate` end to end: real subprocess, real SQLite registry file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventsmith.registry import Registry
from eventsmith.registry._formats import import_schema_file

DATA = Path(__file__).parent.parent / "data" / "schemas"
NAME = "aws.states@StepFunctionsExecutionStatusChange"
EVENT = json.loads((DATA / "events" / "aws.states-execution-failed.json").read_text())


def run(registry: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry), *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
    )


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "registry.db"
    imported = import_schema_file(DATA / f"{NAME}.openapi3.json")
    with Registry(path) as store:
        store.put_version(imported.name, imported.content, source=imported.source)
        # Version 2 makes `status` an enum, so version 1 and 2 disagree on "FAILED".
        content = json.loads(json.dumps(imported.content))
        content["$defs"]["StepFunctionsExecutionStatusChange"]["properties"]["status"] = {
            "type": "string",
            "enum": ["SUCCEEDED"],
        }
        store.put_version(imported.name, content)
    return path


def test_valid_events_exit_0(registry: Path, tmp_path: Path) -> None:
    events = tmp_path / "ok.json"
    events.write_text(json.dumps(EVENT))
    result = run(registry, "validate", "--schema", f"{NAME}@1", str(events))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "1 events checked, all valid" in result.stderr


def test_invalid_events_print_file_line_pointer_message_and_exit_1(
    registry: Path, tmp_path: Path
) -> None:
    bad = json.loads(json.dumps(EVENT))
    bad["detail"]["stopDate"] = "later"
    events = tmp_path / "events.jsonl"
    events.write_text(json.dumps(EVENT) + "\n" + json.dumps(bad) + "\n{broken\n")
    result = run(registry, "validate", "--schema", f"{NAME}@1", str(events))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{events}:2: /detail/stopDate: 'later' is not of type 'integer'"
    ]
    assert f"{events}:3: invalid JSON" in result.stderr


def test_latest_version_is_the_default_and_json_output(registry: Path, tmp_path: Path) -> None:
    events = tmp_path / "events.json"
    events.write_text(json.dumps([EVENT, EVENT], indent=2))
    result = run(registry, "validate", "--schema", NAME, "--json", str(events))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert (report["version"], report["events"], report["invalid_events"]) == (2, 2, 2)
    first_lines = [error["line"] for error in report["errors"]]
    # json.dumps(indent=2) puts the first event on line 2: 7 scalar envelope fields, 3 lines of
    # resources, 10 of detail and its 2 braces make 22 lines, so the second starts on line 24.
    assert first_lines == [2, 24]
    assert {error["pointer"] for error in report["errors"]} == {"/detail/status"}


def test_stdin_is_read_with_dash(registry: Path) -> None:
    result = run(registry, "validate", "--schema", f"{NAME}@1", "-", stdin=json.dumps(EVENT) + "\n")
    assert result.returncode == 0, result.stderr


def test_unknown_schema_exits_2_with_suggestions(registry: Path, tmp_path: Path) -> None:
    events = tmp_path / "ok.json"
    events.write_text(json.dumps(EVENT))
    result = run(registry, "validate", "--schema", "aws.states@StepFunctions", str(events))
    assert result.returncode == 2
    assert f"Did you mean: {NAME}" in result.stderr
    result = run(registry, "validate", "--schema", f"{NAME}@9", str(events))
    assert result.returncode == 2
    assert "no version 9 (versions: 1, 2)" in result.stderr


def test_unreadable_files_exit_2_after_checking_the_rest(registry: Path, tmp_path: Path) -> None:
    bad = json.loads(json.dumps(EVENT))
    bad["region"] = None
    events = tmp_path / "bad.json"
    events.write_text(json.dumps(bad))
    result = run(
        registry, "validate", "--schema", f"{NAME}@1", str(tmp_path / "gone.json"), str(events)
    )
    assert result.returncode == 2
    assert "gone.json: no such file or directory" in result.stderr
    assert f"{events}:1: /region: None is not of type 'string'" in result.stdout
