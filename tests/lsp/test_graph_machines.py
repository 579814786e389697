"""`eventsmith/graph` on a template with two state machines, through the real server: the
`stateMachine` choice, the names listed, the error for an unknown name, and the graph of a
chosen machine equal to `eventsmith asl graph --json --machine NAME` run as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

from tests.lsp.helpers import (
    as_dict,
    change_document,
    open_document,
    wait_for_diagnostics,
    wait_for_graph_change,
)

pytestmark = pytest.mark.asyncio
TEMPLATE = Path(__file__).parents[1] / "data" / "asl" / "templates" / "two-machines.template.yaml"
TEXT = TEMPLATE.read_text(encoding="utf-8")
URI = "file:///work/two-machines.template.yaml"
NAMES = ["OrderFlow", "RefundFlow"]  # document order; OrdersTable between them is no machine


async def request_graph(client: LanguageClient, **params: Any) -> dict[str, Any]:
    answer = await client.protocol.send_request_async(
        "eventsmith/graph", {"textDocument": {"uri": URI}, **params}
    )
    return as_dict(answer)  # type: ignore[no-any-return]


def cli_graph(path: Path, machine: str | None) -> dict[str, Any]:
    command = [sys.executable, "-m", "eventsmith.cli.main", "asl", "graph", "--json", str(path)]
    command += ["--machine", machine] if machine else []
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def state_names(graph: dict[str, Any]) -> list[str]:
    return [node["name"] for node in graph["nodes"] if node["id"].startswith("/States/")]


async def opened(client: LanguageClient) -> None:
    open_document(client, URI, TEXT, language="yaml")
    await wait_for_diagnostics(client, URI, 1)
    await wait_for_graph_change(client, URI, 1)


async def test_without_a_name_the_first_machine_is_drawn_and_all_are_listed(
    client: LanguageClient, tmp_path: Path
) -> None:
    await opened(client)
    response = await request_graph(client)
    assert response["stateMachine"] == "OrderFlow"
    assert response["stateMachines"] == NAMES
    assert state_names(response["graph"]) == ["Charge", "Ship"]
    path = tmp_path / "two-machines.template.yaml"
    path.write_text(TEXT, encoding="utf-8")
    assert response["graph"] == cli_graph(path, None)
    # An explicit null is the same as no name (a client that always sends the key).
    assert (await request_graph(client, stateMachine=None))["graph"] == response["graph"]


async def test_the_named_machine_is_drawn_as_the_cli_draws_it(
    client: LanguageClient, tmp_path: Path
) -> None:
    await opened(client)
    response = await request_graph(client, stateMachine="RefundFlow")
    assert (response["uri"], response["version"]) == (URI, 1)
    assert response["stateMachine"] == "RefundFlow"
    assert response["stateMachines"] == NAMES
    assert state_names(response["graph"]) == ["Wait a day", "Refund", "Pay back", "Done"]
    pay_back = next(n for n in response["graph"]["nodes"] if n["name"] == "Pay back")
    assert any("Doen" in message for message in pay_back["errors"])
    assert "Wait a day" in response["svg"] and "Charge" not in response["svg"]
    path = tmp_path / "two-machines.template.yaml"
    path.write_text(TEXT, encoding="utf-8")
    assert response["graph"] == cli_graph(path, "RefundFlow")
    assert response["graph"] != cli_graph(path, "OrderFlow")


async def test_an_unknown_name_is_an_error_listing_the_names(client: LanguageClient) -> None:
    await opened(client)
    with pytest.raises(JsonRpcException) as raised:
        await request_graph(client, stateMachine="ShippingFlow")
    error = raised.value
    assert error.code == -32602  # InvalidParams: the client asked for what is not there
    assert "'ShippingFlow'" in error.message and "OrderFlow, RefundFlow" in error.message
    assert as_dict(error.data) == {"stateMachines": NAMES}
    with pytest.raises(JsonRpcException) as raised:
        await request_graph(client, stateMachine=["RefundFlow"])
    assert raised.value.code == -32602 and "must be a string" in raised.value.message


async def test_the_chosen_machine_follows_edits_and_a_removed_name_is_an_error(
    client: LanguageClient,
) -> None:
    await opened(client)
    fixed = TEXT.replace("Next: Doen", "Next: Done")
    change_document(client, URI, fixed, 2)
    await wait_for_graph_change(client, URI, 2)
    second = await request_graph(client, stateMachine="RefundFlow")
    assert second["version"] == 2
    assert all(not node["errors"] for node in second["graph"]["nodes"])

    renamed = fixed.replace("RefundFlow:", "ReturnsFlow:")
    change_document(client, URI, renamed, 3)
    await wait_for_graph_change(client, URI, 3)
    with pytest.raises(JsonRpcException) as raised:
        await request_graph(client, stateMachine="RefundFlow")
    assert "OrderFlow, ReturnsFlow" in raised.value.message
    third = await request_graph(client, stateMachine="ReturnsFlow")
    assert third["stateMachines"] == ["OrderFlow", "ReturnsFlow"]
    assert third["version"] == 3 and "Wait a day" in state_names(third["graph"])


async def test_a_plain_asl_document_has_no_names_to_choose(client: LanguageClient) -> None:
    uri = "file:///work/plain.asl.json"
    text = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}'
    open_document(client, uri, text)
    await wait_for_graph_change(client, uri, 1)
    answer = as_dict(
        await client.protocol.send_request_async("eventsmith/graph", {"textDocument": {"uri": uri}})
    )
    assert (answer["stateMachine"], answer["stateMachines"]) == (None, [])
    assert state_names(answer["graph"]) == ["A"]
    with pytest.raises(JsonRpcException) as raised:
        await client.protocol.send_request_async(
            "eventsmith/graph", {"textDocument": {"uri": uri}, "stateMachine": "A"}
        )
    assert "no named state machine" in raised.value.message
