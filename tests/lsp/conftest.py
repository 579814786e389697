"""A real `eventsmith lsp` over stdio per test, with its own registry file."""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

# The server reads $EVENTSMITH_REGISTRY; each test module's client gets a fresh file below.
_COUNTER = itertools.count()
REGISTRY = Path(os.environ.get("PYTEST_LSP_TMP", "/tmp")) / f"eventsmith-lsp-{os.getpid()}.db"


def server_command() -> list[str]:
    return [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(REGISTRY), "lsp"]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=server_command()))
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    record(lsp_client)
    # A registry file of its own per test: what one test discovers, the next does not see.
    path = REGISTRY.with_name(f"eventsmith-lsp-{os.getpid()}-{next(_COUNTER)}.db")
    lsp_client.registry_path = path  # type: ignore[attr-defined]
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
            initialization_options={"eventsmith": {"debounceMs": 20, "registry": str(path)}},
        )
    )
    yield
    await lsp_client.shutdown_session()
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()


def record(client: LanguageClient) -> None:
    """Keep every diagnostics notification with its version, and every graphChanged."""
    features = client.protocol.fm.features
    original = features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]
    client.published = []  # type: ignore[attr-defined]
    client.graph_changes = []  # type: ignore[attr-defined]

    def publish(params: lsp.PublishDiagnosticsParams) -> None:
        client.published.append(params)  # type: ignore[attr-defined]
        original(params)

    features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish

    @client.feature("eventsmith/graphChanged")
    def graph_changed(ls: LanguageClient, params: object) -> None:
        client.graph_changes.append(params)  # type: ignore[attr-defined]
