"""Any sequence of edits leaves the server alive, and its diagnostics for the final text equal
those of a fresh open of that text; huge documents and YAML bombs get a diagnostic quickly.

Hypothesis drives one real server (stdio) kept for the whole module on a loop in a thread,
so each example costs a few messages, not a process start.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import threading
import time
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

T = TypeVar("T")
BASE = json.dumps(
    {
        "StartAt": "Prüfen",
        "States": {
            "Prüfen": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.x", "IsPresent": True, "Next": "Fertig 🚀"}],
                "Default": "Fertig 🚀",
            },
            "Fertig 🚀": {"Type": "Succeed"},
        },
    },
    ensure_ascii=False,
    indent=1,
)
BASE_YAML = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n  B:\n    Type: Succeed\n"
_ALPHABET = st.sampled_from([*'{}[]":, \n\tabAB$.%ü🚀-#&*|', "Next", "End: true", "- "])


class Driver:
    """A client on its own event loop thread; tests call it synchronously."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.client = LanguageClient("robustness", "1")
        self.published: dict[str, dict[int | None, list[lsp.Diagnostic]]] = {}
        self.uris = itertools.count()

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(ls: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, {})[params.version] = list(params.diagnostics)

        self.run(self._start())

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    async def _start(self) -> None:
        await self.client.start_io(sys.executable, "-m", "eventsmith.cli.main", "lsp")
        await self.client.initialize_async(
            lsp.InitializeParams(
                capabilities=lsp.ClientCapabilities(),
                initialization_options={"eventsmith": {"debounceMs": 5}},
            )
        )
        self.client.initialized(lsp.InitializedParams())

    async def diagnostics(
        self, uri: str, version: int, timeout: float = 20
    ) -> list[lsp.Diagnostic]:
        deadline = time.monotonic() + timeout
        while version not in self.published.get(uri, {}):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no diagnostics for {uri}@{version}")
            await asyncio.sleep(0.005)
        return self.published[uri][version]

    def uri(self, suffix: str) -> str:
        return f"file:///robust/{next(self.uris)}{suffix}"

    def close(self) -> None:
        async def stop() -> None:
            await self.client.shutdown_async(None)
            self.client.exit(None)
            await self.client.stop()

        self.run(stop())
        self.loop.call_soon_threadsafe(self.loop.stop)


@pytest.fixture(scope="module")
def driver() -> Iterator[Driver]:
    running = Driver()
    yield running
    running.close()


def utf16_position(text: str, offset: int) -> lsp.Position:
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return lsp.Position(line, len(text[start:offset].encode("utf-16-le")) // 2)


@st.composite
def edit_sequences(draw: st.DrawFn, base: str) -> list[tuple[int, int, str]]:
    """(start, end, new text) in code points of the text each edit applies to."""
    text, edits = base, []
    for _ in range(draw(st.integers(1, 12))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 8)))
        new = "".join(draw(st.lists(_ALPHABET, max_size=3)))
        edits.append((start, end, new))
        text = text[:start] + new + text[end:]
    return edits


def shape(diagnostics: list[lsp.Diagnostic]) -> list[tuple[Any, ...]]:
    return sorted(
        (d.code, d.message, d.severity, d.range.start.line, d.range.start.character,
         d.range.end.line, d.range.end.character)
        for d in diagnostics
    )  # fmt: skip


Edits = list[tuple[int, int, str]]


def edit_and_compare(driver: Driver, base: str, suffix: str, edits: Edits) -> None:
    uri = driver.uri(suffix)
    driver.client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "json", 1, base))
    )
    text, version = base, 1
    for start, end, new in edits:
        version += 1
        change = lsp.TextDocumentContentChangePartial(
            range=lsp.Range(utf16_position(text, start), utf16_position(text, end)), text=new
        )
        driver.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version=version, uri=uri), [change]
            )
        )
        text = text[:start] + new + text[end:]
    edited = driver.run(driver.diagnostics(uri, version))
    fresh_uri = driver.uri(suffix)
    driver.client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(fresh_uri, "json", 1, text))
    )
    fresh = driver.run(driver.diagnostics(fresh_uri, 1))
    assert shape(edited) == shape(fresh)
    # No version before the last one may be published after it was superseded by the last.
    assert max(driver.published[uri]) == version


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(edits=edit_sequences(BASE))
def test_json_edits_converge_to_a_fresh_open(driver: Driver, edits: Edits) -> None:
    edit_and_compare(driver, BASE, ".asl.json", edits)


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(edits=edit_sequences(BASE_YAML))
def test_yaml_edits_converge_to_a_fresh_open(driver: Driver, edits: Edits) -> None:
    edit_and_compare(driver, BASE_YAML, ".asl.yaml", edits)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}, "Comment": "'
            + "x" * 5_000_000
            + '"}',
            "too large to analyse",
            id="5 MB",
        ),
        pytest.param(
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
                for i in range(9)
            )
            + "StartAt: A\nStates: *j\n",
            "Aliases expand to too many values",
            id="YAML bomb",
        ),
    ],
)
def test_huge_or_exploding_documents_get_a_diagnostic_quickly(
    driver: Driver, text: str, expected: str
) -> None:
    suffix = ".asl.yaml" if text.startswith("a:") else ".asl.json"
    uri = driver.uri(suffix)
    started = time.monotonic()
    driver.client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "json", 1, text))
    )
    found = driver.run(driver.diagnostics(uri, 1, timeout=20))
    assert any(expected in d.message for d in found), found
    assert time.monotonic() - started < 10
    # ... and the server still answers.
    symbols = driver.run(
        driver.client.text_document_document_symbol_async(
            lsp.DocumentSymbolParams(lsp.TextDocumentIdentifier(uri))
        )
    )
    assert symbols is not None
