"""Graph structure of the bundled samples (checked by hand against the definitions) and of
broken definitions, which must still give a graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventsmith.asl import END_ID, START_ID, Graph, build_graph, node_for_path, pointer

SAMPLES = Path(__file__).parents[2] / "resources" / "samples" / "workflows"


def load(name: str) -> Any:
    return yaml.safe_load((SAMPLES / name).read_text())


def edges(graph: Graph) -> set[tuple[str, str, str, str]]:
    return {(edge.source, edge.target, edge.kind, edge.label) for edge in graph.edges}


def test_checkout_nodes_edges_and_nested_containers() -> None:
    graph = build_graph(load("checkout.asl.json"))
    fulfil = "/States/Fulfil"
    reserve = f"{fulfil}/Branches/1/States/Reserve items"
    kinds = {node.id: node.kind for node in graph.nodes}
    assert kinds == {
        START_ID: "Start",
        "/States/Validate order": "Task",
        "/States/Is valid?": "Choice",
        fulfil: "Parallel",
        f"{fulfil}/Branches/0/States/Charge payment": "Task",
        reserve: "Map",
        f"{reserve}/ItemProcessor/States/Reserve item": "Task",
        "/States/Publish order completed": "Task",
        "/States/Queue shipping": "Task",
        "/States/Notify failure": "Task",
        "/States/Failed": "Fail",
        END_ID: "End",
    }
    assert edges(graph) == {
        (START_ID, "/States/Validate order", "start", ""),
        ("/States/Validate order", "/States/Is valid?", "next", ""),
        ("/States/Validate order", "/States/Notify failure", "catch", "States.ALL"),
        (
            "/States/Is valid?",
            fulfil,
            "choice",
            "$.validation.valid == true and $.validation.total > 0",
        ),
        ("/States/Is valid?", "/States/Notify failure", "default", "Default"),
        (fulfil, "/States/Publish order completed", "next", ""),
        ("/States/Publish order completed", "/States/Queue shipping", "next", ""),
        ("/States/Queue shipping", END_ID, "end", ""),
        ("/States/Notify failure", "/States/Failed", "next", ""),
        ("/States/Failed", END_ID, "end", ""),
    }
    scopes = {scope.id: (scope.owner, scope.label, scope.start) for scope in graph.scopes}
    assert scopes == {
        "": (None, "", "/States/Validate order"),
        f"{fulfil}/Branches/0": (
            fulfil,
            "Branch 1",
            f"{fulfil}/Branches/0/States/Charge payment",
        ),
        f"{fulfil}/Branches/1": (fulfil, "Branch 2", reserve),
        f"{reserve}/ItemProcessor": (
            reserve,
            "Item processor",
            f"{reserve}/ItemProcessor/States/Reserve item",
        ),
    }
    detail = {node.name: node.detail for node in graph.nodes}
    assert detail["Reserve item"] == "DynamoDB: UpdateItem"
    assert detail["Publish order completed"] == "EventBridge: PutEvents"


def test_hello_world_map_iterator_holds_a_choice_and_a_parallel() -> None:
    graph = build_graph(load("hello-world.asl.json"))
    iterator = "/States/MapState/Iterator"
    choice = f"{iterator}/States/Hello World example?"
    assert [scope.id for scope in graph.scopes] == [
        "",
        iterator,
        f"{iterator}/States/Parallel State/Branches/0",
        f"{iterator}/States/Parallel State/Branches/1",
    ]
    assert {
        (e.target.rsplit("/", 1)[1], e.kind, e.label) for e in graph.edges if e.source == choice
    } == {
        ("Yes", "choice", "$.IsHelloWorldExample == true"),
        ("No", "choice", "$.IsHelloWorldExample == false"),
        ("Yes", "default", "Default"),
    }
    # Branch states end inside their branch: only the top-level Map is wired to End.
    assert [edge.source for edge in graph.edges if edge.target == END_ID] == ["/States/MapState"]
    assert {node.name for node in graph.scope_children(iterator)} == {
        "Hello World example?", "Yes", "No", "Wait 3 sec", "Parallel State", "Hello World",
    }  # fmt: skip


def test_ticket_triage_jsonata_conditions_and_loop() -> None:
    graph = build_graph(load("ticket-triage.asl.yaml"))
    assert ("/States/Route", "/States/Billing queue", "choice", "$department = 'billing'") in edges(
        graph
    )
    assert (
        "/States/Route",
        "/States/Fulfillment queue",
        "choice",
        "$department in ['fulfillment', 'shipping']",
    ) in edges(graph)
    assert ("/States/Escalate", "/States/Classify", "next", "") in edges(graph)


def test_node_ids_escape_slashes_and_tildes_like_rfc_6901() -> None:
    graph = build_graph({"StartAt": "a/b~c", "States": {"a/b~c": {"Type": "Succeed"}}})
    assert graph.node("/States/a~1b~0c") is not None
    assert pointer(("States", "a/b~c", 0)) == "/States/a~1b~0c/0"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("States", "Fulfil", "Branches", 0, "States", "Charge payment", "Next"),
         "/States/Fulfil/Branches/0/States/Charge payment"),
        (("States", "Fulfil", "Branches", 1, "States", "Reserve items", "ItemProcessor",
          "States", "Reserve item", "Parameters", "Key"),
         "/States/Fulfil/Branches/1/States/Reserve items/ItemProcessor/States/Reserve item"),
        (("States", "Fulfil", "Branches", 0), "/States/Fulfil"),
        (("States", "Is valid?", "Choices", 0, "And", 1), "/States/Is valid?"),
        (("StartAt",), START_ID),
        (("Comment",), None),
        ((), None),
    ],
)  # fmt: skip
def test_node_for_path_finds_the_innermost_state(
    path: tuple[str | int, ...], expected: str | None
) -> None:
    node = node_for_path(build_graph(load("checkout.asl.json")), path)
    assert (node.id if node else None) == expected


BROKEN: list[Any] = [
    None,
    [],
    "text",
    {},
    {"StartAt": 3, "States": []},
    {"StartAt": "A", "States": {"A": "not a state"}},
    {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": 7}}},
    {"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": "x", "Default": ["B"]}}},
    {"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [1, {"Next": None}, {}]}}},
    {"StartAt": "A", "States": {"A": {"Type": "Parallel", "Branches": {"x": 1}, "End": True}}},
    {"StartAt": "A", "States": {"A": {"Type": "Parallel", "Branches": [None, {"States": 1}]}}},
    {"StartAt": "A", "States": {"A": {"Type": "Map", "ItemProcessor": "x", "Catch": [None]}}},
    {"StartAt": "A", "States": {"A": {"Type": "Task", "Catch": [{"Next": "Z"}], "End": "yes"}}},
    {"StartAt": "${Start}", "States": {"${S}": {"Type": "${T}", "Next": "${Next}"}}},
]


@pytest.mark.parametrize("definition", BROKEN, ids=lambda d: json.dumps(d)[:40])
def test_broken_definitions_still_give_a_consistent_graph(definition: Any) -> None:
    graph = build_graph(definition)
    ids = [node.id for node in graph.nodes]
    assert len(ids) == len(set(ids))
    assert {START_ID, END_ID} <= set(ids)
    for edge in graph.edges:
        assert edge.source in ids and edge.target in ids


def test_missing_targets_become_one_marker_per_name_and_scope() -> None:
    graph = build_graph(
        {
            "StartAt": "Nowhere",
            "States": {
                "A": {"Type": "Task", "Next": "Gone",
                      "Catch": [{"ErrorEquals": [], "Next": "Gone"}]},
                "B": {"Type": "Parallel", "End": True, "Branches": [
                    {"StartAt": "C", "States": {"C": {"Type": "Pass", "Next": "Gone"}}}]},
            },
        }
    )  # fmt: skip
    missing = sorted(node.id for node in graph.nodes if node.kind == "Missing")
    assert missing == ["#missing/Gone", "#missing/Nowhere", "/States/B/Branches/0#missing/Gone"]
    catch = next(edge for edge in graph.edges if edge.kind == "catch")
    assert (catch.target, catch.label) == ("#missing/Gone", "Catch")


def test_placeholders_stay_opaque_names() -> None:
    graph = build_graph(
        {
            "StartAt": "Call",
            "States": {"Call": {"Type": "Task", "Resource": "${FnArn}", "End": True}},
        }
    )
    call = graph.node("/States/Call")
    assert call is not None and call.kind == "Task" and call.detail == "Task"
    assert (call.id, END_ID, "end", "") in edges(graph)


def test_distributed_map_and_legacy_iterator_scopes() -> None:
    graph = build_graph(
        {"StartAt": "M", "States": {
            "M": {"Type": "Map", "End": True, "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "X",
                "States": {"X": {"Type": "Succeed"}}}},
        }}
    )  # fmt: skip
    (processor,) = graph.owned_scopes("/States/M")
    assert (processor.id, processor.label) == (
        "/States/M/ItemProcessor",
        "Distributed item processor",
    )
    assert graph.node("/States/M").detail == "Map (distributed)"  # type: ignore[union-attr]
