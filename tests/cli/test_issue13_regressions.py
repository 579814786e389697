"""Wrong results and rough edges a new user hit (issue 13), each reproduced as reported: real
files, a real registry, the real `eventsmith` process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from eventsmith.registry import Registry

ROOT = Path(__file__).parents[2]


def eventsmith(registry: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry)]
    result = subprocess.run(
        [*command, *map(str, args)], capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def statuses(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    assert result.returncode == 0, result.stderr
    return {item["name"]: item["status"] for item in json.loads(result.stdout)["schemas"]}


def test_documents_with_definitions_or_defs_keys_rediscover_unchanged(tmp_path: Path) -> None:
    # Swagger-like samples: a top-level "definitions" (or "$defs") is a field of the data.
    swagger = tmp_path / "swagger.json"
    swagger.write_text(json.dumps({"swagger": "2.0", "definitions": {"Pet": {"type": "object"}}}))
    defs = tmp_path / "defs.json"
    defs.write_text(json.dumps({"$defs": {"a": {"x": 1}}, "name": "n"}))
    registry = tmp_path / "registry.sqlite3"
    first = statuses(eventsmith(registry, "discover", swagger, defs, "--json"))
    assert first == {"swagger": "new_schema", "defs": "new_schema"}
    again = statuses(eventsmith(registry, "discover", swagger, defs, "--json"))
    assert again == {"swagger": "unchanged", "defs": "unchanged"}
    with Registry(registry) as opened:
        assert [v.version for v in opened.versions("swagger")] == [1]
        assert opened.get_version("swagger").content["required"] == ["definitions", "swagger"]


def test_openapi_export_of_a_non_object_root_keeps_the_root(tmp_path: Path) -> None:
    events = tmp_path / "mixed.json"
    events.write_text('[{"a": 1}, [1, 2], {"a": 2, "b": "x"}]')
    registry = tmp_path / "registry.sqlite3"
    assert eventsmith(registry, "discover", events, "--name", "mixed").returncode == 0
    exported = tmp_path / "mixed.openapi.json"
    result = eventsmith(registry, "schemas", "export", "mixed", "-o", exported)
    assert result.returncode == 0, result.stderr
    document = json.loads(exported.read_text())
    root = document["components"]["schemas"]["MixedEvent"]
    assert [branch.get("type") for branch in root["anyOf"]] == ["array", None]

    back = eventsmith(registry, "schemas", "import", exported, "--name", "mixed", "--json")
    assert back.returncode == 0, back.stderr
    assert json.loads(back.stdout)["status"] == "unchanged"
    checked = eventsmith(registry, "validate", "--schema", "mixed", events)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_invalid_utf8_is_reported_with_its_line_and_byte(tmp_path: Path) -> None:
    lines = tmp_path / "events.jsonl"
    lines.write_bytes(b'{"a": 1}\n{"a": "caf\xe9"}\n')
    document = tmp_path / "event.json"
    document.write_bytes(b'{\n  "a": 1,\n  "b": "\xff"\n}\n')
    result = eventsmith(tmp_path / "r.sqlite3", "discover", lines, document)
    assert f"{lines}:2: invalid UTF-8 at byte 11 of the line (0xE9" in result.stderr
    assert f"{document}:3: invalid UTF-8 at byte 9 of the line (0xFF" in result.stderr
    assert "surrogates" not in result.stderr


def test_match_names_each_skipped_element_once(tmp_path: Path) -> None:
    lines = tmp_path / "events.jsonl"
    lines.write_text('{"source": "s"}\n[1, 2]\n"text"\n[1, 2]\n')
    array = tmp_path / "events.json"
    array.write_text('[{"source": "s"}, 5, 5, null]')
    pattern = tmp_path / "p.pattern.json"
    pattern.write_text('{"source": ["s"]}')
    result = eventsmith(tmp_path / "r.sqlite3", "match", "--pattern", pattern, lines, array)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {lines}:2: #1 is an array, not a JSON object: skipped",
        f"warning: {lines}:3: #2 is a string, not a JSON object: skipped",
        f"warning: {lines}:4: #3 is an array, not a JSON object: skipped",
        f"warning: {array}: #1 is a number, not a JSON object: skipped",
        f"warning: {array}: #2 is a number, not a JSON object: skipped",
        f"warning: {array}: #3 is null, not a JSON object: skipped",
    ]
    assert "2 of 2 events matched" in result.stderr


def test_validate_on_an_empty_file_does_not_say_all_valid(tmp_path: Path) -> None:
    registry = tmp_path / "r.sqlite3"
    events = tmp_path / "events.jsonl"
    events.write_text('{"a": 1}\n')
    assert eventsmith(registry, "discover", events, "--name", "orders").returncode == 0
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = eventsmith(registry, "validate", "--schema", "orders", empty)
    assert result.returncode == 2
    assert "all valid" not in result.stderr
    assert "orders@1: no events found to check" in result.stderr


def test_demo_labels_a_first_run_new_schema_like_discover(tmp_path: Path) -> None:
    registry = tmp_path / "r.sqlite3"
    first = eventsmith(registry, "demo")
    assert first.returncode == 0, first.stderr
    assert "new schema" in first.stdout and "new version" not in first.stdout
    again = eventsmith(registry, "demo", "--json")
    assert {s["status"] for s in json.loads(again.stdout)["schemas"]} == {"unchanged"}
