"""Helpers for driving the real server: open a document, wait for its diagnostics."""

from __future__ import annotations

import asyncio
from typing import Any

from lsprotocol import types as lsp
from pytest_lsp import LanguageClient


def utf16(text: str) -> int:
    """Width of `text` in UTF-16 code units (how LSP counts columns)."""
    return len(text.encode("utf-16-le")) // 2


def position_of(text: str, needle: str, after: int = 0) -> lsp.Position:
    """LSP position of the first `needle` at or after `after` in `text` (UTF-16 columns)."""
    offset = text.index(needle, after)
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return lsp.Position(line, utf16(text[start:offset]))


async def wait_for_diagnostics(
    client: LanguageClient, uri: str, version: int, timeout: float = 10
) -> list[lsp.Diagnostic]:
    """Diagnostics published for exactly this version of `uri` (waits for them)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        for params in reversed(published(client)):
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"no diagnostics for {uri} version {version}")
        await asyncio.sleep(0.01)


async def wait_for_graph_change(client: LanguageClient, uri: str, version: int) -> None:
    """Until the server has said `eventsmith/graphChanged` for this version of `uri`."""

    async def seen() -> None:
        while not any(
            as_dict(change) == {"uri": uri, "version": version}
            for change in client.graph_changes  # type: ignore[attr-defined]
        ):
            await asyncio.sleep(0.01)

    await asyncio.wait_for(seen(), 10)


def published(client: LanguageClient) -> list[lsp.PublishDiagnosticsParams]:
    return client.published  # type: ignore[attr-defined, no-any-return]


def open_document(
    client: LanguageClient, uri: str, text: str, language: str = "json", version: int = 1
) -> None:
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, language, version, text))
    )


def change_document(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 ranges) to `text`, last first."""
    lines = text.split("\n")

    def offset(position: lsp.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return before + index
            units += utf16(char)
        return before + len(line)

    ordered = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))
    for edit in reversed(ordered):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def as_dict(value: Any) -> Any:
    """pygls gives custom responses as namedtuples: turn them back into JSON values."""
    if hasattr(value, "_asdict"):
        return {key: as_dict(item) for key, item in value._asdict().items()}
    if isinstance(value, list | tuple):
        return [as_dict(item) for item in value]
    return value
