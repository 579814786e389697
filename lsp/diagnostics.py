"""Debounced diagnostics: analyse a document shortly after the typing stops, off the event
loop, and publish only if the document is still at the version analysed.

Each new version cancels the pending run for the same document. An analysis already running
in the worker cannot be interrupted, but its result is dropped when the text moved on, so a
stale version is never published. After a workflow's diagnostics, `eventsmith/graphChanged`
tells a previewing client to ask for the new graph.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from eventsmith.lsp import convert
from eventsmith.lsp.documents import Kind

if TYPE_CHECKING:
    from eventsmith.lsp.server import EventsmithServer

GRAPH_CHANGED = "eventsmith/graphChanged"
log = logging.getLogger(__name__)


class DiagnosticsScheduler:
    def __init__(self, server: EventsmithServer) -> None:
        self.server = server
        self.pending: dict[str, asyncio.Task[None]] = {}
        # One worker: analyses of successive versions queue instead of competing for the CPU.
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventsmith-analysis")
        # Readies what completion and hover need once diagnostics are out, off the worker so a
        # graph request right after `graphChanged` does not wait for it.
        self.warmer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventsmith-warm")

    def schedule(self, uri: str, delay: float | None = None) -> None:
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        wait = self.server.session.settings.debounce_ms / 1000 if delay is None else delay
        task = asyncio.get_running_loop().create_task(self._run(uri, wait))
        self.pending[uri] = task
        task.add_done_callback(lambda done: self._finished(uri, done))

    def _finished(self, uri: str, task: asyncio.Task[None]) -> None:
        if self.pending.get(uri) is task:
            del self.pending[uri]
        if not task.cancelled() and task.exception() is not None:
            log.error("diagnostics of %s failed", uri, exc_info=task.exception())

    def clear(self, uri: str) -> None:
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.server.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    async def _run(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        document = self.server.workspace.get_text_document(uri)
        version, text, language = document.version, document.source, document.language_id
        session = self.server.session

        def analyse() -> list[lsp.Diagnostic] | None:
            analysis = session.analysis(uri, version, text, language)
            lines = analysis.lines(self.server.encoding)
            found = session.diagnostics(analysis)
            return [convert.diagnostic(lines, item) for item in found]

        loop = asyncio.get_running_loop()
        published = await loop.run_in_executor(self.worker, analyse)
        current = self.server.workspace.get_text_document(uri)
        if published is None or current.version != version:
            return  # superseded while it ran: the newer version has its own run
        self.server.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=published)
        )
        for problem in session.new_settings_problems():
            self.server.window_show_message(
                lsp.ShowMessageParams(lsp.MessageType.Warning, f"eventsmith settings: {problem}")
            )
        analysis = session.analysis(uri, version, text, language)
        if analysis.kind is Kind.WORKFLOW:
            self.server.protocol.notify(GRAPH_CHANGED, {"uri": uri, "version": version})
        self.warmer.submit(analysis.warm)
