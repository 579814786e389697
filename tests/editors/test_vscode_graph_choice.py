"""The VS Code preview's state machine chooser, with the packaged extension's compiled code
(tests/editors/vscode_graph_client.js runs it under node) against a real `eventsmith lsp`:
the first machine by default, the chosen one on request, the fallback with a note when the
chosen name is renamed away (kept while it stays away, the choice back when the name is), and
a webview page whose CSP still runs only its own script.

There is no VS Code test host here (no @vscode/test-electron); the code-server check in
editors/vscode/e2e drives the whole extension in a browser by hand."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from .conftest import required_tool

CLIENT = Path(__file__).with_name("vscode_graph_client.js")
TEMPLATE = Path(__file__).parents[1] / "data" / "asl" / "templates" / "two-machines.template.yaml"


@pytest.fixture(scope="module")
def seen(vsix: zipfile.ZipFile, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("vsix")
    vsix.extractall(root)
    template = root / "two-machines.template.yaml"
    template.write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    registry = root / "registry.sqlite3"
    server = [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry), "lsp"]
    node = required_tool("node", ".ci/run needs it for npm")
    run = subprocess.run(
        [node, str(CLIENT), str(root / "extension"), str(template)],
        env={**os.environ, "EVENTSMITH_SERVER_CMD": json.dumps(server)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def test_the_first_machine_is_drawn_with_the_names_for_the_chooser(seen: dict[str, Any]) -> None:
    first = seen["first"]
    assert first["machines"] == ["OrderFlow", "RefundFlow"]
    assert first["machine"] == "OrderFlow" and first["note"] is None
    assert "Charge" in first["svg"] and "Wait a day" not in first["svg"]


def test_the_chosen_machine_is_drawn_and_kept(seen: dict[str, Any]) -> None:
    chosen = seen["chosen"]
    assert (chosen["machine"], chosen["keep"], chosen["note"]) == ("RefundFlow", "RefundFlow", None)
    assert "Wait a day" in chosen["svg"] and "Charge" not in chosen["svg"]
    assert chosen["version"] == 1


def test_a_renamed_choice_falls_back_to_the_first_and_says_so(seen: dict[str, Any]) -> None:
    fallback = seen["fallback"]
    assert fallback["machines"] == ["OrderFlow", "ReturnsFlow"]
    assert (fallback["machine"], fallback["keep"], fallback["missing"]) == (
        "OrderFlow",
        "RefundFlow",
        "RefundFlow",
    )
    assert fallback["note"] == "“RefundFlow” is no longer in this document: showing OrderFlow."
    assert fallback["version"] == 2 and "Charge" in fallback["svg"]
    assert seen["unknown"]["code"] == -32602
    assert "OrderFlow, ReturnsFlow" in seen["unknown"]["message"]


def test_the_note_stays_while_the_choice_is_missing_and_the_choice_comes_back(
    seen: dict[str, Any],
) -> None:
    # Seen in code-server: the note used to vanish at the next keystroke, the choice forgotten.
    still = seen["still"]
    assert still["version"] == 3 and still["machine"] == "OrderFlow"
    assert still["note"] == seen["fallback"]["note"]
    assert (still["keep"], still["missing"]) == ("RefundFlow", "RefundFlow")
    assert still["asked"] == [None]  # no request for a name the document lacks
    back = seen["back"]
    assert back["version"] == 4
    assert (back["machine"], back["keep"], back["missing"], back["note"]) == (
        "RefundFlow",
        "RefundFlow",
        None,
        None,
    )
    assert "Wait a day" in back["svg"] and "Charge" not in back["svg"]


def test_the_page_has_the_chooser_and_keeps_its_content_security_policy(
    seen: dict[str, Any],
) -> None:
    page = seen["page"]
    [csp] = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp.split("; ") == [
        "default-src 'none'",
        "img-src vscode-webview://test data:",
        "style-src 'unsafe-inline'",
        "script-src 'nonce-0123abcd'",
    ]
    assert re.findall(r"<script[^>]*>", page) == ['<script nonce="0123abcd">']
    assert '<select id="machine">' in page and "postMessage({ choose: select.value })" in page
    # Inline handlers would be blocked by that policy: listeners are added from the script.
    assert not re.search(r"\son[a-z]+=", page)
