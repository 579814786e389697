"""`asl validate`, `asl render` and `asl graph` read one substitutions file the same way.

Before one loader served them all, a file holding `DefinitionSubstitutions:` gave
`{'Flag': 'true'}` to validate but `{'DefinitionSubstitutions': "{...}"}` to render and graph,
and a bare `Flag: true` gave 'true' to one and 'True' to the others.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

WORKFLOW = '{"StartAt": "Step", "States": {"Step": {"Type": "${Kind}${Flag}", "End": true}}}'
EXPECTED_TYPE = "Tsaktrue"  # what CloudFormation would write: booleans as true/false


def eventsmith(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventsmith.cli.main", "asl", *args],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    "values",
    [
        "DefinitionSubstitutions:\n  Kind: Tsak\n  Flag: true\n",
        "Kind: Tsak\nFlag: true\n",
        '{"DefinitionSubstitutions": {"Kind": "Tsak", "Flag": true}}',
    ],
    ids=["sam-shaped-yaml", "bare-yaml", "sam-shaped-json"],
)
def test_every_command_sees_the_same_values(tmp_path: Path, values: str) -> None:
    workflow = tmp_path / "flow.asl.json"
    workflow.write_text(WORKFLOW, encoding="utf-8")
    substitutions = tmp_path / "values.yaml"
    substitutions.write_text(values, encoding="utf-8")
    given = ("--substitutions", str(substitutions))

    validated = eventsmith("validate", "--json", *given, str(workflow))
    [finding] = json.loads(validated.stdout)[0]["diagnostics"]
    assert finding["code"] == "ASL109"
    assert f"'{EXPECTED_TYPE}'" in finding["message"]

    graphed = eventsmith("graph", "--json", *given, str(workflow))
    assert graphed.returncode == 0, graphed.stderr
    [node] = [n for n in json.loads(graphed.stdout)["nodes"] if n["name"] == "Step"]
    assert node["detail"] == f"Type: {EXPECTED_TYPE}"

    for output_format in ("dot", "mermaid", "svg"):
        rendered = eventsmith("render", "--format", output_format, *given, str(workflow))
        assert rendered.returncode == 0, rendered.stderr
        assert f"Type: {EXPECTED_TYPE}" in rendered.stdout
        assert "${" not in rendered.stdout


def test_an_unusable_file_is_the_same_usage_error_everywhere(tmp_path: Path) -> None:
    workflow = tmp_path / "flow.asl.json"
    workflow.write_text(WORKFLOW, encoding="utf-8")
    substitutions = tmp_path / "values.yaml"
    substitutions.write_text("- just\n- a list\n", encoding="utf-8")
    errors = set()
    for command in (["validate"], ["graph"], ["render"]):
        result = eventsmith(*command, "--substitutions", str(substitutions), str(workflow))
        assert result.returncode == 2
        errors.add(result.stderr.strip())
    assert len(errors) == 1
    assert "mapping of names to values" in errors.pop()
