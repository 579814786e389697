"""Geometric invariants every layout must satisfy, shared by the layout tests."""

from __future__ import annotations

import itertools

from eventsmith.asl import TOP_SCOPE, Box, Graph, Layout, Point


def ancestors(graph: Graph, node_id: str) -> set[str]:
    owners = {scope.id: scope.owner for scope in graph.scopes}
    node = graph.node(node_id)
    found: set[str] = set()
    scope = node.scope if node else TOP_SCOPE
    while owners.get(scope) is not None:
        owner = owners[scope]
        assert owner is not None
        found.add(owner)
        parent = graph.node(owner)
        scope = parent.scope if parent else TOP_SCOPE
    return found


def on_border(point: Point, box: Box) -> bool:
    inside = (
        box.x - 0.01 <= point.x <= box.right + 0.01 and box.y - 0.01 <= point.y <= box.bottom + 0.01
    )
    edge = min(abs(point.x - box.x), abs(point.x - box.right), abs(point.y - box.y),
               abs(point.y - box.bottom))  # fmt: skip
    return inside and edge < 0.01


def crosses(a: Point, b: Point, box: Box) -> bool:
    """Does the axis-parallel segment a-b pass through the interior of `box`?"""
    inner = Box(box.x + 0.5, box.y + 0.5, box.width - 1, box.height - 1)
    segment = Box(min(a.x, b.x), min(a.y, b.y), abs(a.x - b.x), abs(a.y - b.y))
    return (
        segment.x <= inner.right
        and inner.x <= segment.right
        and segment.y <= inner.bottom
        and inner.y <= segment.bottom
    )


def check_layout(layout: Layout) -> None:
    graph = layout.graph
    ids = [node.id for node in graph.nodes]
    assert set(layout.nodes) == set(ids)
    outer = {node_id: ancestors(graph, node_id) for node_id in ids}
    for a, b in itertools.combinations(ids, 2):
        if a in outer[b] or b in outer[a]:
            continue
        assert not layout.nodes[a].overlaps(layout.nodes[b]), (a, b)
    for scope in graph.scopes:
        lane = layout.scopes[scope.id]
        if scope.owner is not None:
            assert layout.nodes[scope.owner].contains(lane), scope.id
        for node in graph.scope_children(scope.id):
            assert lane.contains(layout.nodes[node.id]), node.id
    assert len(layout.edges) == len(graph.edges)
    for route in layout.edges:
        source, target = layout.nodes[route.edge.source], layout.nodes[route.edge.target]
        assert on_border(route.points[0], source), route
        assert on_border(route.points[-1], target), route
        siblings = [n.id for n in graph.scope_children(graph.node(route.edge.source).scope)]  # type: ignore[union-attr]
        for a, b in itertools.pairwise(route.points):
            assert a.x == b.x or a.y == b.y, route  # orthogonal routing
            for other in siblings:
                if other not in (route.edge.source, route.edge.target):
                    assert not crosses(a, b, layout.nodes[other]), (route.edge, other)
        if route.label is not None:
            for other in siblings:
                assert not route.label.overlaps(layout.nodes[other]), (route.edge, other)
