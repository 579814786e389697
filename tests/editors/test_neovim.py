"""A real editor on the real server: Debian's Neovim, headless, opens a workflow with a
mistyped `Next`, receives the diagnostic from `eventsmith lsp` over stdio, and asks for
completion of the state name (tests/editors/nvim_client.lua does the editor's part)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CLIENT = Path(__file__).with_name("nvim_client.lua")
WORKFLOW = {
    "Comment": "Approve or reject an order",
    "StartAt": "Check order",
    "States": {
        "Check order": {"Type": "Pass", "Next": "Aprove"},
        "Approve": {"Type": "Pass", "Next": "Done"},
        "Reject": {"Type": "Fail", "Error": "Rejected"},
        "Done": {"Type": "Succeed"},
    },
}

pytestmark = pytest.mark.slow


def nvim() -> str:
    found = shutil.which("nvim")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("nvim is missing: .ci/run installs Debian's neovim")
        pytest.skip("nvim is not installed (apt-get install neovim)")
    return found


def test_neovim_receives_the_diagnostic_and_completes_state_names(tmp_path: Path) -> None:
    text = json.dumps(WORKFLOW, indent=2)
    workflow = tmp_path / "order.asl.json"
    workflow.write_text(text, encoding="utf-8")
    line_number, line = next(
        (n, ln) for n, ln in enumerate(text.splitlines()) if '"Next": "Aprove"' in ln
    )
    value_start = line.index('"Aprove"') + 1
    registry = tmp_path / "registry.sqlite3"
    server = [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry), "lsp"]
    result = tmp_path / "result.json"
    environment = {
        **os.environ,
        "EVENTSMITH_SERVER_CMD": json.dumps(server),
        "EVENTSMITH_WORKFLOW": str(workflow),
        "EVENTSMITH_RESULT": str(result),
        "EVENTSMITH_LINE": str(line_number),
        "EVENTSMITH_CHARACTER": str(value_start),
        "XDG_STATE_HOME": str(tmp_path / "state"),  # Neovim's LSP log stays in the test dir
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    command = [nvim(), "--headless", "-u", "NONE", "-i", "NONE", "-n", "-S", str(CLIENT)]
    run = subprocess.run(
        command, env=environment, capture_output=True, text=True, timeout=90, check=False
    )
    assert result.exists(), f"Neovim wrote no result: {run.stdout}\n{run.stderr}"
    received = json.loads(result.read_text(encoding="utf-8"))

    assert received["published"] is True
    unknown = [d for d in received["diagnostics"] if "Aprove" in d["message"]]
    assert len(unknown) == 1, received["diagnostics"]
    [diagnostic] = unknown
    assert diagnostic["code"] == "ASL103"
    assert diagnostic["severity"] == 1  # vim.diagnostic.severity.ERROR
    assert "Approve" in diagnostic["message"]  # did you mean
    assert diagnostic["lnum"] == line_number
    # The range covers the value "Aprove" (with or without its quotes).
    assert diagnostic["col"] in (value_start - 1, value_start)
    assert diagnostic["end_col"] in (value_start + len("Aprove"), value_start + len("Aprove") + 1)

    labels = received["completion"]
    for state in ("Approve", "Reject", "Done"):
        assert state in labels, labels
    assert "Aprove" not in labels
