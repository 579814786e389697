"""The header of a Map/Parallel container ("<name>  Map (distributed)") fits inside its border
(issue 13: a long title plus "(distributed)" ran past the container's right edge in the SVG)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from eventsmith.asl import build_graph, layout_graph, parse_document, render_svg

# The renderer draws the name at x + 14, then the detail 8 px further, and keeps 14 px clear
# on the right (see asl/diagram/_svg.py `_container`).
_LEFT, _GAP, _RIGHT = 14.0, 8.0, 14.0


def monospace(text: str, size: float) -> float:
    return len(text) * size * 0.62


def machine(name: str, distributed: bool) -> str:
    processor = {
        "StartAt": "Work",
        "States": {"Work": {"Type": "Pass", "End": True}},
    }
    if distributed:
        processor["ProcessorConfig"] = {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}
    return json.dumps(
        {
            "StartAt": name,
            "States": {name: {"Type": "Map", "ItemProcessor": processor, "End": True}},
        }
    )


@pytest.mark.parametrize("distributed", [True, False])
@pytest.mark.parametrize("length", [3, 40, 90])
def test_the_container_header_fits_inside_its_border(distributed: bool, length: int) -> None:
    name = "Process every incoming order item"[:length].ljust(length, "x")
    parsed = parse_document(machine(name, distributed), "map.asl.json")
    graph = build_graph(parsed.state_machines[0])
    layout = layout_graph(graph, monospace)
    container = next(node for node in graph.nodes if node.kind == "Map")
    assert ("distributed" in container.detail) is distributed
    box = layout.nodes[container.id]
    header = (
        _LEFT
        + monospace(container.name, 13.0)
        + _GAP
        + monospace(container.detail or container.kind, 11.0)
        + _RIGHT
    )
    assert header <= box.width + 0.01

    svg = ET.fromstring(render_svg(layout))
    texts = [t for t in svg.iter("{http://www.w3.org/2000/svg}text") if t.text == container.name]
    assert texts and float(texts[0].get("x", "0")) == pytest.approx(box.x + _LEFT)
