# ruff: noqa: E501 (one-line workflows read best unbroken)
"""`eventsmith asl validate` through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).parents[2] / "resources" / "samples" / "workflows"
BAD = '{\n  "StartAt": "A",\n  "States": {\n    "A": {"Type": "Pass", "Next": "Dnoe"},\n    "Done": {"Type": "Succeed"}\n  }\n}\n'


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventsmith.cli.main", "asl", "validate", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_samples_directory_is_clean() -> None:
    result = _run(str(SAMPLES))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "3 file(s) checked: 0 error(s)" in result.stderr


def test_errors_are_printed_one_based_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.asl.json"
    bad.write_text(BAD, encoding="utf-8")
    result = _run(str(bad))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # "Dnoe" starts at zero-based character 34 of the fourth line.
    assert lines[0].startswith(f"{bad}:4:35: error ASL103 Next names no state 'Dnoe'")
    assert lines[1].startswith(f"{bad}:5:5: error ASL106 State 'Done' is not reachable")
    assert "did you mean 'Done'?" in lines[0]


def test_json_output_is_zero_based(tmp_path: Path) -> None:
    (tmp_path / "bad.asl.json").write_text(BAD, encoding="utf-8")
    (tmp_path / "notes.json").write_text('{"not": "a workflow"}', encoding="utf-8")
    result = _run("--json", str(tmp_path))
    assert result.returncode == 1
    [entry] = json.loads(result.stdout)
    assert entry["file"].endswith("bad.asl.json")
    finding, unreachable = entry["diagnostics"]
    assert finding["code"] == "ASL103" and finding["severity"] == "error"
    assert finding["range"] == {
        "start": {"line": 3, "character": 34},
        "end": {"line": 3, "character": 40},
    }
    assert unreachable["code"] == "ASL106"


def test_templates_in_directories_and_substitutions_file(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(
        "Resources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
        "      Definition:\n        StartAt: A\n        States:\n"
        "          A: {Type: Task, Resource: '${Arn}', End: true}\n",
        encoding="utf-8",
    )
    assert _run(str(tmp_path)).returncode == 0
    subs = tmp_path / "subs.json"
    subs.write_text('{"Arn": "not-an-arn"}', encoding="utf-8")
    result = _run("--substitutions", str(subs), str(tmp_path))
    assert result.returncode == 1
    assert ":8:37: error ASL901" in result.stdout  # the quoted scalar starts at column 37


def test_a_directory_without_workflows_says_so(tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text("just: notes\n", encoding="utf-8")
    result = _run(str(tmp_path))
    assert result.returncode == 0
    assert "no workflow files found" in result.stderr
