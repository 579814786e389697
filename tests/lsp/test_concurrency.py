"""Many large answers at once reach the client intact (each message framed on its own)."""

from __future__ import annotations

import asyncio
import json

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.helpers import open_document, position_of

pytestmark = pytest.mark.asyncio


async def test_concurrent_large_completions_arrive_whole(client: LanguageClient) -> None:
    names = [f"Step {index}" for index in range(300)]
    states = {name: {"Type": "Pass", "Next": names[2]} for name in names}
    text = json.dumps({"StartAt": names[0], "States": states}, indent=1)
    uri = "file:///work/many.asl.json"
    open_document(client, uri, text)
    where = position_of(text, '"Step 2"', text.index("Next"))
    params = lsp.CompletionParams(lsp.TextDocumentIdentifier(uri), where)
    results = await asyncio.gather(
        *(client.text_document_completion_async(params) for _ in range(24))
    )
    for result in results:
        assert isinstance(result, lsp.CompletionList)
        assert len(result.items) == 200
