"""`eventsmith.runTests`: run the current workflow's test cases and show failures on it.

The asl core finds the mock files beside the document, runs their test cases on the buffer
and locates each failure on a state (`run_document_tests`); this module only converts. The
failures are published with the document's own diagnostics (source `eventsmith-test`) and
last until the next edit, which republishes the validator's alone: they describe the text
that was run. A "Run tests" code lens sits on the first line of a workflow that has cases.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp

from eventsmith.asl import cases_for_workflow, run_document_tests
from eventsmith.lsp import convert

if TYPE_CHECKING:
    from eventsmith.lsp.server import EventsmithServer

RUN_TESTS = "eventsmith.runTests"
SOURCE = "eventsmith-test"


def _path(uri: str) -> Path | None:
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def _uri_argument(args: Any) -> str:
    first = args[0] if isinstance(args, list | tuple) and args else args
    if isinstance(first, dict):
        first = first.get("uri") or (first.get("textDocument") or {}).get("uri")
    if not isinstance(first, str):
        raise ValueError(f"{RUN_TESTS} takes the document URI as its argument")
    return first


def run_tests(
    server: EventsmithServer, uri: str
) -> tuple[lsp.PublishDiagnosticsParams, dict[str, Any]]:
    """Run the tests (on the analysis worker): the document's diagnostics with the failures
    added, to publish from the event loop, and the summary to answer with."""
    path = _path(uri)
    document = server.workspace.get_text_document(uri)
    tests = run_document_tests(document.source, path) if path is not None else None
    lines = convert.Lines(document.source, server.encoding)
    session = server.session
    analysis = session.analysis(uri, document.version, document.source, document.language_id)
    found = [convert.diagnostic(lines, item) for item in session.diagnostics(analysis)]
    if tests is not None:
        found += [convert.diagnostic(lines, item, SOURCE) for item in tests.findings]
    params = lsp.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=found)
    summary = tests.summary() if tests is not None else {"total": 0, "refused": "not a file"}
    return params, {"uri": uri, **summary}


def code_lenses(uri: str) -> list[lsp.CodeLens]:
    path = _path(uri)
    cases = cases_for_workflow(path) if path is not None else ()
    if not cases:
        return []
    title = f"Run tests ({len(cases)} test case{'s' if len(cases) != 1 else ''})"
    command = lsp.Command(title=title, command=RUN_TESTS, arguments=[uri])
    return [lsp.CodeLens(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), command=command)]


def register(server: EventsmithServer) -> None:
    # pygls reads a command's annotations at run time: only names it can resolve here.
    @server.command(RUN_TESTS)
    async def execute(*args: Any) -> dict[str, Any]:
        uri = _uri_argument(list(args))
        loop = asyncio.get_running_loop()
        # On the analysis worker, after any analysis queued for this document; published
        # from the loop, as every response and notification is.
        params, summary = await loop.run_in_executor(
            server.scheduler.worker, run_tests, server, uri
        )
        server.text_document_publish_diagnostics(params)
        return summary

    @server.feature(lsp.TEXT_DOCUMENT_CODE_LENS)
    async def lenses(ls: EventsmithServer, params: lsp.CodeLensParams) -> list[lsp.CodeLens]:
        return await ls.off_loop(code_lenses, params.text_document.uri)
