"""A real editor on the real server: Debian's Neovim, headless, opens a workflow with a
mistyped `Next`, receives the diagnostic from `eventsmith lsp` over stdio, and asks for
completion of the state name (tests/editors/nvim_client.lua does the editor's part); and it
writes a template's graphs with editors/neovim/eventsmith.lua's `write_graph`
(tests/editors/nvim_graph_client.lua)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import NVIM_INSTALL, required_tool

CLIENT = Path(__file__).with_name("nvim_client.lua")
GRAPH_CLIENT = Path(__file__).with_name("nvim_graph_client.lua")
PLUGIN = Path(__file__).parents[2] / "editors" / "neovim" / "eventsmith.lua"
TEMPLATE = Path(__file__).parents[1] / "data" / "asl" / "templates" / "two-machines.template.yaml"
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


def run_client(client: Path, workflow: Path, tmp_path: Path, **settings: str) -> Any:
    """Run headless Neovim with the Lua `client` script on `workflow` against a real
    `eventsmith lsp`; the JSON the script wrote. `settings` are extra environment variables."""
    registry = tmp_path / "registry.sqlite3"
    server = [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry), "lsp"]
    result = tmp_path / "result.json"
    environment = {
        **os.environ,
        **settings,
        "EVENTSMITH_SERVER_CMD": json.dumps(server),
        "EVENTSMITH_WORKFLOW": str(workflow),
        "EVENTSMITH_RESULT": str(result),
        "XDG_STATE_HOME": str(tmp_path / "state"),  # Neovim's LSP log stays in the test dir
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    nvim = required_tool("nvim", NVIM_INSTALL)
    command = [nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-S", str(client)]
    run = subprocess.run(
        command, env=environment, capture_output=True, text=True, timeout=90, check=False
    )
    assert result.exists(), f"Neovim wrote no result: {run.stdout}\n{run.stderr}"
    return json.loads(result.read_text(encoding="utf-8"))


def test_neovim_receives_the_diagnostic_and_completes_state_names(tmp_path: Path) -> None:
    text = json.dumps(WORKFLOW, indent=2)
    workflow = tmp_path / "order.asl.json"
    workflow.write_text(text, encoding="utf-8")
    line_number, line = next(
        (n, ln) for n, ln in enumerate(text.splitlines()) if '"Next": "Aprove"' in ln
    )
    value_start = line.index('"Aprove"') + 1
    received = run_client(
        CLIENT,
        workflow,
        tmp_path,
        EVENTSMITH_LINE=str(line_number),
        EVENTSMITH_CHARACTER=str(value_start),
    )

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


def test_write_graph_draws_the_first_or_the_named_machine_of_a_template(tmp_path: Path) -> None:
    template = tmp_path / "two-machines.template.yaml"
    template.write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    received = run_client(GRAPH_CLIENT, template, tmp_path, EVENTSMITH_LUA=str(PLUGIN))
    target = f"{template}.svg"

    first = received["first"]
    assert first["note"]["message"] == (
        f"eventsmith: graph of OrderFlow written to {target} (state machines: OrderFlow, "
        'RefundFlow; write_graph("NAME") or :EventsmithGraph NAME draws another)'
    )
    assert "Charge" in first["svg"] and "Wait a day" not in first["svg"]

    chosen = received["chosen"]
    assert chosen["note"]["message"] == f"eventsmith: graph of RefundFlow written to {target}"
    assert "Wait a day" in chosen["svg"] and "Charge" not in chosen["svg"]

    unknown = received["unknown"]
    assert unknown["svg"] is None  # nothing written
    assert unknown["note"]["level"] == 3  # vim.log.levels.WARN
    message = unknown["note"]["message"]
    assert message.startswith("eventsmith: no graph: ") and "'Nope'" in message
    assert "OrderFlow, RefundFlow" in message
