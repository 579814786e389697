"""Schema-aware workflows over the real protocol: the input event's registry schema checks and
completes `$states.input.detail.…` (the analysis is the `eventsmith.workflow_schemas` core)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.helpers import open_document, position_of, wait_for_diagnostics

pytest.importorskip("eventsmith.workflow_schemas")
pytestmark = pytest.mark.asyncio
DATA = Path(__file__).parents[1] / "data" / "workflow_schemas"


def discover(client: LanguageClient, *files: Path) -> None:
    path = client.registry_path  # type: ignore[attr-defined]
    command = [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(path), "discover"]
    subprocess.run([*command, *map(str, files)], check=True, capture_output=True)


async def test_input_paths_are_checked_and_completed_from_the_event_schema(
    client: LanguageClient,
) -> None:
    discover(client, DATA / "events" / "order-cancelled.json")
    text = (DATA / "cancel.asl.json").read_text(encoding="utf-8")
    uri = "file:///work/cancel.asl.json"
    open_document(client, uri, text)
    found = await wait_for_diagnostics(client, uri, 1)
    (typo,) = [d for d in found if d.code == "WFS001"]
    start = position_of(text, "reasn")
    assert typo.range == lsp.Range(start, lsp.Position(start.line, start.character + 5))
    assert typo.severity == lsp.DiagnosticSeverity.Warning
    assert "reason" in typo.message

    after = position_of(text, "detail.order.id")
    where = lsp.Position(after.line, after.character + len("detail."))
    result = await client.text_document_completion_async(
        lsp.CompletionParams(lsp.TextDocumentIdentifier(uri), where)
    )
    assert isinstance(result, lsp.CompletionList)
    fields = [item.label for item in result.items if item.kind == lsp.CompletionItemKind.Field]
    assert fields == ["order", "reason"]
    edit = result.items[0].text_edit
    assert isinstance(edit, lsp.TextEdit)
    assert edit.new_text == "order" and edit.range == lsp.Range(where, where)
