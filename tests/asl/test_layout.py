"""Layout of the bundled samples: console-like placement, back edges, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventsmith.asl import END_ID, START_ID, Layout, build_graph, layout_graph
from eventsmith.asl.diagram._placement import assign_x
from tests.asl.layout_checks import check_layout

SAMPLES = Path(__file__).parents[2] / "resources" / "samples" / "workflows"
NAMES = sorted(path.name for path in SAMPLES.iterdir())


def sample_layout(name: str) -> Layout:
    return layout_graph(build_graph(yaml.safe_load((SAMPLES / name).read_text())))


@pytest.mark.parametrize("name", NAMES)
def test_samples_satisfy_the_layout_invariants(name: str) -> None:
    layout = sample_layout(name)
    check_layout(layout)
    top = [node.id for node in layout.graph.nodes if node.scope == ""]
    assert min(top, key=lambda node_id: layout.nodes[node_id].y) == START_ID
    assert max(top, key=lambda node_id: layout.nodes[node_id].bottom) == END_ID


def test_main_path_runs_straight_down() -> None:
    layout = sample_layout("checkout.asl.json")
    centre = {node_id: box.center.x for node_id, box in layout.nodes.items()}
    assert centre[START_ID] == centre["/States/Validate order"]
    assert centre["/States/Publish order completed"] == centre["/States/Queue shipping"]
    start, validate = layout.edges[0], layout.edges[1]
    assert len(start.points) == 2 and len(validate.points) == 2  # no jog


def test_choice_branches_sit_side_by_side_under_their_labels() -> None:
    layout = sample_layout("ticket-triage.asl.yaml")
    targets = ["/States/Billing queue", "/States/Fulfillment queue", "/States/Escalate"]
    boxes = [layout.nodes[target] for target in targets]
    assert len({box.y for box in boxes}) == 1
    route = layout.nodes["/States/Route"]
    labels = [r.label for r in layout.edges if r.edge.source == "/States/Route"]
    assert all(label is not None and route.bottom < label.y for label in labels)
    assert all(label.bottom < boxes[0].y for label in labels if label)


def test_loops_are_back_edges_into_the_bottom_of_their_target() -> None:
    layout = sample_layout("ticket-triage.asl.yaml")
    back = [route for route in layout.edges if route.back]
    assert [(r.edge.source, r.edge.target) for r in back] == [
        ("/States/Escalate", "/States/Classify")
    ]
    classify = layout.nodes["/States/Classify"]
    assert back[0].points[-1].y == classify.bottom
    assert back[0].points[0].y == layout.nodes["/States/Escalate"].y


def test_parallel_branches_are_lanes_side_by_side_in_branch_order() -> None:
    layout = sample_layout("checkout.asl.json")
    first = layout.scopes["/States/Fulfil/Branches/0"]
    second = layout.scopes["/States/Fulfil/Branches/1"]
    assert first.y == second.y and first.right < second.x
    map_box = layout.nodes["/States/Fulfil/Branches/1/States/Reserve items"]
    assert second.contains(map_box)
    assert map_box.contains(
        layout.scopes["/States/Fulfil/Branches/1/States/Reserve items/ItemProcessor"]
    )


def test_self_loops_go_round_the_right_side() -> None:
    definition = {
        "StartAt": "Poll",
        "States": {
            "Poll": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                     "Catch": [{"ErrorEquals": ["Busy"], "Next": "Poll"}], "End": True},
        },
    }  # fmt: skip
    layout = layout_graph(build_graph(definition))
    check_layout(layout)
    (loop,) = [route for route in layout.edges if route.edge.kind == "catch"]
    poll = layout.nodes["/States/Poll"]
    assert loop.back and max(point.x for point in loop.points) > poll.right
    assert loop.label is not None and loop.label.x > poll.right


def _layout_json(seed: str) -> Any:
    script = (
        "import json, sys, yaml\n"
        "from eventsmith.asl import build_graph, graph_document, layout_graph\n"
        "definition = yaml.safe_load(open(sys.argv[1]))\n"
        "print(json.dumps(graph_document(layout_graph(build_graph(definition)))))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-c", script, str(SAMPLES / "hello-world.asl.json")],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)


def test_layout_is_the_same_in_every_process() -> None:
    assert _layout_json("1") == _layout_json("2") == _layout_json("12345")


def test_placement_keeps_order_and_gaps_and_favours_heavy_links() -> None:
    # b (heavy link to a) and c (light link to a) both want to sit under a.
    layers = [["a"], ["b", "c"]]
    links = {"a": [("b", 8.0), ("c", 1.0)], "b": [("a", 8.0)], "c": [("a", 1.0)]}
    x = assign_x(layers, links, {"a": 0, "b": 1, "c": 1}, {"a": 100, "b": 100, "c": 60}, 20)
    assert x["c"] - x["b"] >= (100 + 60) / 2 + 20 - 1e-9
    assert abs(x["b"] - x["a"]) < abs(x["c"] - x["a"])
