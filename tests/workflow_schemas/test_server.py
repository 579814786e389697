"""Schema-aware workflows through the real server: `eventsmith lsp` over stdio (pytest-lsp)
on a registry built by a real discovery, the SAM template and the JSONata workflow of
tests/data/workflow_schemas."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.workflow_schemas.conftest import DATA, span_of

SERVER = [sys.executable, "-m", "eventsmith.cli.main", "lsp"]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, registry_path: Path):  # type: ignore[no-untyped-def]
    published: dict[tuple[str, int | None], list[lsp.Diagnostic]] = {}
    lsp_client.published = published  # type: ignore[attr-defined]

    features = lsp_client.protocol.fm.features
    keep = features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def publish(params: lsp.PublishDiagnosticsParams) -> None:  # by version, unlike pytest-lsp
        published[(params.uri, params.version)] = list(params.diagnostics)
        keep(params)

    features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish

    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
            initialization_options={
                "eventsmith": {"debounceMs": 0, "registry": str(registry_path)}
            },
        )
    )
    yield
    await lsp_client.shutdown_session()


async def open_and_wait(
    client: LanguageClient, name: str, text: str
) -> tuple[str, list[lsp.Diagnostic]]:
    uri = (DATA / name).as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "plaintext", 1, text))
    )
    published = client.published  # type: ignore[attr-defined]
    for _ in range(1000):
        if (uri, 1) in published:
            return uri, published[(uri, 1)]
        await asyncio.sleep(0.01)
    raise TimeoutError(f"no diagnostics for {name}")


@pytest.mark.asyncio
async def test_unknown_input_fields_arrive_with_ranges_and_quick_fixes(
    client: LanguageClient,
) -> None:
    text = (DATA / "template.yaml").read_text(encoding="utf-8")
    uri, diagnostics = await open_and_wait(client, "template.yaml", text)
    found = [d for d in diagnostics if d.code == "WFS001"]
    expected = [("email.$:", "custmer"), ("amount.$:", "totl"), ("$.detail.reason", "reason")]
    assert len(found) == len(expected), diagnostics
    for diagnostic, (marker, word) in zip(found, expected, strict=True):
        line, start, end = span_of(text, marker, word)
        assert diagnostic.range == lsp.Range(lsp.Position(line, start), lsp.Position(line, end))
        assert diagnostic.severity == lsp.DiagnosticSeverity.Warning
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri),
            found[0].range,
            lsp.CodeActionContext(diagnostics=[found[0]]),
        )
    )
    edits = [
        edit.new_text
        for action in actions or []
        if isinstance(action, lsp.CodeAction) and action.edit and action.edit.changes
        for edit in action.edit.changes[uri]
    ]
    assert edits == ["customer"]


@pytest.mark.asyncio
async def test_jsonata_input_paths_complete_from_the_schema(client: LanguageClient) -> None:
    original = (DATA / "cancel.asl.json").read_text(encoding="utf-8")
    text = original.replace("$states.input.detail.reasn %}", "$states.input.detail. %}")
    _, diagnostics = await open_and_wait(client, "typing.asl.json", text)
    assert not [d for d in diagnostics if d.code == "WFS001"]
    line, start, _ = span_of(text, '"why"', "detail. %}")
    cursor = lsp.Position(line, start + len("detail."))
    result = await client.text_document_completion_async(
        lsp.CompletionParams(
            lsp.TextDocumentIdentifier((DATA / "typing.asl.json").as_uri()), cursor
        )
    )
    items = result.items if isinstance(result, lsp.CompletionList) else result or []
    fields = {item.label: item for item in items if item.kind == lsp.CompletionItemKind.Field}
    assert set(fields) == {"order", "reason"}
    edit = fields["reason"].text_edit
    assert isinstance(edit, lsp.TextEdit)
    assert (edit.new_text, edit.range.start, edit.range.end) == ("reason", cursor, cursor)
