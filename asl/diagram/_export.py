"""A laid-out graph as plain JSON-ready data, and diagnostics attached to the nodes they concern.

This is the shape `eventsmith asl graph --json` prints and editors can draw from: coordinates
are pixels, origin top-left, y downwards; boxes are `x, y, width, height` (top-left corner).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from eventsmith.asl.diagram._geometry import Box
from eventsmith.asl.diagram._graph import Graph, node_for_path
from eventsmith.asl.diagram._layout import Layout


def messages_by_node(
    graph: Graph, findings: Iterable[tuple[Sequence[str | int], str]]
) -> dict[str, list[str]]:
    """Group (definition path, message) pairs by the node each path falls in.

    Findings outside every state (e.g. on `Comment`) are left out: there is nothing to mark.
    """
    grouped: dict[str, list[str]] = {}
    for path, message in findings:
        node = node_for_path(graph, path)
        if node is not None:
            grouped.setdefault(node.id, []).append(message)
    return grouped


def graph_document(
    layout: Layout, errors: Mapping[str, Sequence[str]] | None = None
) -> dict[str, Any]:
    errors = errors or {}
    graph = layout.graph
    return {
        "width": _n(layout.width),
        "height": _n(layout.height),
        "nodes": [
            {
                "id": node.id,
                "name": node.name,
                "type": node.kind,
                "detail": node.detail,
                "scope": node.scope,
                **_box(layout.nodes[node.id]),
                "errors": list(errors.get(node.id, ())),
            }
            for node in graph.nodes
        ],
        "containers": [
            {
                "id": scope.id,
                "node": scope.owner,
                "label": scope.label,
                "start": scope.start,
                **_box(layout.scopes[scope.id]),
            }
            for scope in graph.scopes
            if scope.owner is not None
        ],
        "edges": [
            {
                "source": route.edge.source,
                "target": route.edge.target,
                "kind": route.edge.kind,
                "label": route.edge.label,
                "back": route.back,
                "points": [[_n(point.x), _n(point.y)] for point in route.points],
                "labelBox": _box(route.label) if route.label else None,
            }
            for route in layout.edges
        ],
    }


def _box(box: Box) -> dict[str, float]:
    return {"x": _n(box.x), "y": _n(box.y), "width": _n(box.width), "height": _n(box.height)}


def _n(value: float) -> float:
    return round(value, 1)
