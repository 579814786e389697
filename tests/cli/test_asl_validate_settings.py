"""`eventsmith asl validate` with --select/--ignore/--strict and [tool.eventsmith.asl]."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# ASL904: a warning (callback task that never passes its token on).
WARNS = {
    "StartAt": "Wait",
    "States": {
        "Wait": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q"},
            "End": True,
        }
    },
}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventsmith.cli.main", "asl", "validate", "--json", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=cwd,
    )


def _codes(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    return [(d["code"], d["severity"]) for f in json.loads(result.stdout) for d in f["diagnostics"]]


def test_options_and_pyproject(tmp_path: Path) -> None:
    flow = tmp_path / "flows" / "wait.asl.json"
    flow.parent.mkdir()
    flow.write_text(json.dumps(WARNS))
    plain = _run(str(flow), cwd=tmp_path)
    assert plain.returncode == 0 and _codes(plain) == [("ASL904", "warning")]
    strict = _run("--strict", str(flow), cwd=tmp_path)
    assert strict.returncode == 1 and _codes(strict) == [("ASL904", "error")]
    ignored = _run("--ignore", "ASL9", "--strict", str(flow), cwd=tmp_path)
    assert ignored.returncode == 0 and _codes(ignored) == []
    assert _codes(_run("--select", "ASL1", str(flow), cwd=tmp_path)) == []

    (tmp_path / "pyproject.toml").write_text(
        '[tool.eventsmith.asl]\nseverity = {ASL904 = "error"}\nselect = ["ASL9", "nope"]\n'
    )
    configured = _run(str(flow), cwd=tmp_path)
    assert configured.returncode == 1 and _codes(configured) == [("ASL904", "error")]
    assert "'nope' is not a code" in configured.stderr
    assert _run("--ignore", "ASL904", str(flow), cwd=tmp_path).returncode == 0
