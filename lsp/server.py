"""The one module that registers LSP methods. Each handler fetches the document's analysis,
calls a core (through `features`), and converts the result with `convert`."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer

from eventsmith.lsp import features, test_runs, workflow_inputs
from eventsmith.lsp.diagnostics import DiagnosticsScheduler
from eventsmith.lsp.documents import Kind
from eventsmith.lsp.session import Session
from eventsmith.lsp.settings import Settings

T = TypeVar("T")
GRAPH = "eventsmith/graph"
REGISTRY_POLL_SECONDS = 0.4
log = logging.getLogger(__name__)


class EventsmithServer(LanguageServer):
    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__("eventsmith", _version())
        self.session = Session(settings)
        self.scheduler = DiagnosticsScheduler(self)
        self.poller: asyncio.Task[None] | None = None
        self.requests = ThreadPoolExecutor(max_workers=2, thread_name_prefix="eventsmith-request")

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or "utf-16")

    def reanalyse(self, uris: list[str] | None = None) -> None:
        """Publish diagnostics again for `uris` (default: every open document)."""
        for uri in list(self.workspace.text_documents) if uris is None else uris:
            self.scheduler.schedule(uri, delay=0)

    async def off_loop(self, function: Callable[..., T], *args: Any) -> T:
        """Run a request's analysis on a worker thread; the answer is sent from the loop.

        Not pygls's `@server.thread()`: its responses are written from the worker threads,
        and two large ones written at once interleave on stdout (and asyncio transports are
        not thread-safe at all).
        """
        return await asyncio.get_running_loop().run_in_executor(
            self.requests, partial(function, *args)
        )

    async def pull_settings(self) -> dict[str, Any] | None:
        """The client's `eventsmith` settings through `workspace/configuration`, when it
        supports that request (None otherwise, or when it has none)."""
        capabilities = self.client_capabilities.workspace
        if capabilities is None or not capabilities.configuration:
            return None
        try:
            values = await self.workspace_configuration_async(
                lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="eventsmith")])
            )
        except Exception:  # a client that advertises the request but fails it: keep settings
            log.warning("workspace/configuration failed", exc_info=True)
            return None
        section = values[0] if values else None
        return {"eventsmith": section} if isinstance(section, dict) and section else None

    async def watch_registry(self) -> None:
        """Re-check patterns and events when another process writes to the registry."""
        seen = self.session.registry.revision()
        while True:
            await asyncio.sleep(REGISTRY_POLL_SECONDS)
            revision = self.session.registry.revision()
            if revision != seen:
                seen = revision
                kinds = {Kind.PATTERN, Kind.EVENTS}
                if workflow_inputs.available():
                    kinds.add(Kind.WORKFLOW)
                self.reanalyse(self.session.drop_registry_results(kinds))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eventsmith")
    except PackageNotFoundError:
        return "0"


def tune_garbage_collector() -> None:
    """Fewer, later cyclic collections for a long-running server process.

    Each version of a 1,000-state workflow allocates ~100,000 containers, so with the default
    thresholds (700, 10, 10) a full collection lands inside most edits or completions and
    costs 40-50 ms: the p95 of both. Freezing what the process holds after its imports
    keeps the modules out of every scan; a larger young generation collects less often,
    while the older thresholds stay at their defaults so the previous versions' cycles (a
    state machine model links states and scopes both ways) are still freed within a few
    edits: memory stays flat.
    """
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def build_server(settings: Settings | None = None) -> EventsmithServer:
    server = EventsmithServer(settings)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: EventsmithServer, params: lsp.InitializeParams) -> None:
        ls.session.configure(params.initialization_options)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: EventsmithServer, params: lsp.InitializedParams) -> None:
        ls.poller = asyncio.get_running_loop().create_task(ls.watch_registry())
        pulled = await ls.pull_settings()
        if pulled:
            ls.session.configure(pulled)
            ls.reanalyse()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: EventsmithServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.scheduler.schedule(params.text_document.uri, delay=0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: EventsmithServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.scheduler.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: EventsmithServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.session.forget(params.text_document.uri)
        ls.scheduler.clear(params.text_document.uri)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(
        ls: EventsmithServer, params: lsp.DidChangeConfigurationParams
    ) -> None:
        # A push without the values (VS Code's pull model) means: ask for them.
        settings = params.settings or await ls.pull_settings()
        ls.session.configure(settings)
        ls.reanalyse()

    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=['"', ":", ".", "$", " "]),
    )
    async def completion(ls: EventsmithServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        return await ls.off_loop(features.completion, ls, params.text_document.uri, params.position)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: EventsmithServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return await ls.off_loop(features.hover, ls, params.text_document.uri, params.position)

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: EventsmithServer, params: lsp.DefinitionParams) -> list[lsp.Location]:
        return await ls.off_loop(features.definition, ls, params.text_document.uri, params.position)

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    async def references(ls: EventsmithServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
        include = params.context.include_declaration
        return await ls.off_loop(
            features.references, ls, params.text_document.uri, params.position, include
        )

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
    async def highlight(
        ls: EventsmithServer, params: lsp.DocumentHighlightParams
    ) -> list[lsp.DocumentHighlight]:
        return await ls.off_loop(features.highlights, ls, params.text_document.uri, params.position)

    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
    async def prepare_rename(
        ls: EventsmithServer, params: lsp.PrepareRenameParams
    ) -> lsp.Range | None:
        return await ls.off_loop(
            features.prepare_rename, ls, params.text_document.uri, params.position
        )

    @server.feature(lsp.TEXT_DOCUMENT_RENAME)
    async def rename(ls: EventsmithServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
        uri, position = params.text_document.uri, params.position
        return await ls.off_loop(features.rename, ls, uri, position, params.new_name)

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def symbols(
        ls: EventsmithServer, params: lsp.DocumentSymbolParams
    ) -> list[lsp.DocumentSymbol]:
        return await ls.off_loop(features.symbols, ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_FOLDING_RANGE)
    async def folding(
        ls: EventsmithServer, params: lsp.FoldingRangeParams
    ) -> list[lsp.FoldingRange]:
        return await ls.off_loop(features.folding, ls, params.text_document.uri)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    def code_action(ls: EventsmithServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return features.code_actions(ls, params.text_document.uri, params.context.diagnostics)

    @server.feature(GRAPH)
    async def graph(ls: EventsmithServer, params: Any) -> dict[str, Any]:
        uri, machine = _param_uri(params), _param_machine(params)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(ls.scheduler.worker, features.graph, ls, uri, machine)

    test_runs.register(server)
    return server


def _param_uri(params: Any) -> str:
    document = getattr(params, "textDocument", None) or getattr(params, "text_document", None)
    if document is None and isinstance(params, dict):
        document = params.get("textDocument")
    uri = getattr(document, "uri", None)
    if uri is None and isinstance(document, dict):
        uri = document.get("uri")
    if not isinstance(uri, str):
        raise ValueError("eventsmith/graph needs params {textDocument: {uri}}")
    return uri


def _param_machine(params: Any) -> str | None:
    """The optional `stateMachine` name of `eventsmith/graph` (None: the first machine)."""
    name = params.get("stateMachine") if isinstance(params, dict) else None
    name = getattr(params, "stateMachine", name)
    if name is not None and not isinstance(name, str):
        raise JsonRpcInvalidParams("eventsmith/graph: stateMachine must be a string")
    return name
