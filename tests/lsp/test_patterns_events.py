"""Pattern and sample-event documents against the live registry, over the real protocol.

The registry is filled by a real `eventsmith discover` in another process while the server
runs: its schema must reach completion within a second, without a restart.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.helpers import open_document, position_of, published, wait_for_diagnostics

pytestmark = pytest.mark.asyncio
SAMPLES = Path(__file__).parents[2] / "resources" / "samples" / "events"
SOURCE, DETAIL_TYPE = "aws.partner/example.com/123", "Ticket Created"


def discover(client: LanguageClient, *files: Path) -> None:
    path = client.registry_path  # type: ignore[attr-defined]
    command = [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(path), "discover"]
    subprocess.run([*command, *map(str, files)], check=True, capture_output=True)


async def complete(client: LanguageClient, uri: str, where: lsp.Position) -> list[str]:
    result = await client.text_document_completion_async(
        lsp.CompletionParams(lsp.TextDocumentIdentifier(uri), where)
    )
    assert isinstance(result, lsp.CompletionList)
    return [item.label for item in result.items]


async def test_an_invalid_pattern_is_reported_where_it_is_wrong(client: LanguageClient) -> None:
    uri = "file:///work/rule.pattern.json"
    text = '{"source": ["shop"], "detail": {"state": "running"}}'
    open_document(client, uri, text)
    (found,) = await wait_for_diagnostics(client, uri, 1)
    assert found.severity == lsp.DiagnosticSeverity.Error
    assert '"state" must be an object or an array' in found.message
    start = position_of(text, '"running"')
    assert found.range == lsp.Range(start, lsp.Position(0, start.character + 9))


async def test_discovered_schema_reaches_completion_within_a_second(
    client: LanguageClient,
) -> None:
    uri = "file:///work/tickets.pattern.json"
    text = json.dumps({"source": [SOURCE], "detail-type": [DETAIL_TYPE], "detail": {}})
    inside = position_of(text, "{}")
    where = lsp.Position(0, inside.character + 1)
    open_document(client, uri, text)
    assert await complete(client, uri, where) == []

    discover(client, SAMPLES / "ticket-created.json")
    written = time.monotonic()
    while (labels := await complete(client, uri, where)) == []:
        assert time.monotonic() - written < 1.0, "the new schema did not arrive within 1 s"
        await asyncio.sleep(0.05)
    assert labels == ["creator", "department", "ticketId"]

    # Known values come from the stored sample events; the hover from the schema.
    text2 = text.replace("{}", '{"department": []}')
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=2, uri=uri),
            [lsp.TextDocumentContentChangeWholeDocument(text=text2)],
        )
    )
    in_list = position_of(text2, "[]")
    assert await complete(client, uri, lsp.Position(0, in_list.character + 1)) == ["billing"]
    hover = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri), position_of(text2, "department"))
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert "type: `string`" in hover.contents.value


async def test_pattern_fields_the_schema_lacks_are_warnings(client: LanguageClient) -> None:
    discover(client, SAMPLES / "ticket-created.json")
    uri = "file:///work/typo.pattern.json"
    text = json.dumps(
        {"source": [SOURCE], "detail-type": [DETAIL_TYPE], "detail": {"departmnt": ["billing"]}}
    )
    open_document(client, uri, text)
    (found,) = await wait_for_diagnostics(client, uri, 1)
    assert found.severity == lsp.DiagnosticSeverity.Warning
    assert "departmnt" in found.message and "department" in found.message
    assert found.range.start == position_of(text, '"departmnt"')


async def test_sample_events_are_validated_against_their_schema(client: LanguageClient) -> None:
    discover(client, SAMPLES / "ticket-created.json")
    event = json.loads((SAMPLES / "ticket-created.json").read_text())
    good = json.dumps(event)
    event["detail"]["ticketId"] = 987654321
    bad = json.dumps(event)
    uri = "file:///work/tickets.events.jsonl"
    open_document(client, uri, f"{good}\n{bad}\n")
    (found,) = await wait_for_diagnostics(client, uri, 1)
    assert found.severity == lsp.DiagnosticSeverity.Error
    number = bad.index("987654321")
    assert found.range == lsp.Range(lsp.Position(1, number), lsp.Position(1, number + 9))
    assert "string" in found.message

    single = "file:///work/unknown.event.json"
    open_document(client, single, json.dumps({**event, "detail-type": "Nobody Knows"}))
    (info,) = await wait_for_diagnostics(client, single, 1)
    assert info.severity == lsp.DiagnosticSeverity.Information
    assert "Nobody Knows" in info.message


async def test_open_patterns_are_rechecked_when_another_process_adds_their_schema(
    client: LanguageClient,
) -> None:
    uri = "file:///work/later.pattern.json"
    text = json.dumps(
        {"source": [SOURCE], "detail-type": [DETAIL_TYPE], "detail": {"departmnt": ["billing"]}}
    )
    open_document(client, uri, text)
    assert await wait_for_diagnostics(client, uri, 1) == []
    seen = len([p for p in published(client) if p.uri == uri])
    discover(client, SAMPLES / "ticket-created.json")
    written = time.monotonic()
    while len([p for p in published(client) if p.uri == uri]) == seen:
        assert time.monotonic() - written < 2.0, "no re-check after the registry changed"
        await asyncio.sleep(0.02)
    latest = [p for p in published(client) if p.uri == uri][-1]
    assert latest.version == 1  # the same text, checked again
    assert [d.code for d in latest.diagnostics] == ["PAT100"]
