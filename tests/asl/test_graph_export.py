"""Diagnostics attached to nodes, and the JSON document of a laid-out graph."""

from __future__ import annotations

import json
from pathlib import Path

from eventsmith.asl import START_ID, build_graph, graph_document, layout_graph, messages_by_node

SAMPLES = Path(__file__).parents[2] / "resources" / "samples" / "workflows"


def test_messages_land_on_the_innermost_state_and_skip_the_rest() -> None:
    graph = build_graph(json.loads((SAMPLES / "checkout.asl.json").read_text()))
    charge = ("States", "Fulfil", "Branches", 0, "States", "Charge payment")
    grouped = messages_by_node(
        graph,
        [
            ((*charge, "Resource"), "bad resource"),
            ((*charge, "Next"), "bad next"),
            (("States", "Fulfil", "ResultPath"), "bad path"),
            (("StartAt",), "bad start"),
            (("Comment",), "not in a state"),
        ],
    )
    assert grouped == {
        "/States/Fulfil/Branches/0/States/Charge payment": ["bad resource", "bad next"],
        "/States/Fulfil": ["bad path"],
        START_ID: ["bad start"],
    }


def test_graph_document_is_plain_json_with_rounded_boxes() -> None:
    graph = build_graph(json.loads((SAMPLES / "hello-world.asl.json").read_text()))
    document = graph_document(layout_graph(graph), {"/States/Pass": ["oops"]})
    assert json.loads(json.dumps(document)) == document
    assert len(document["nodes"]) == len(graph.nodes)
    assert len(document["edges"]) == len(graph.edges)
    labels = [container["label"] for container in document["containers"]]
    assert labels == ["Item processor", "Branch 1", "Branch 2"]
    pass_node = next(node for node in document["nodes"] if node["id"] == "/States/Pass")
    assert pass_node["errors"] == ["oops"]
    for node in document["nodes"]:
        for key in ("x", "y", "width", "height"):
            assert node[key] == round(node[key], 1)
