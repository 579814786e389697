"""Geometric invariants every layout must satisfy, shared by the layout tests.

`layout_problems` lists what a reader would call a broken drawing (overlapping boxes, an edge
through a state's body, its own source and target included, a label away from its edge), so a
corpus test can report every problem at once; `check_layout` asserts there are none.
"""

from __future__ import annotations

import itertools

from eventsmith.asl import TOP_SCOPE, Box, EdgeRoute, Graph, Layout, Point


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


def _siblings(graph: Graph, node_id: str) -> list[str]:
    node = graph.node(node_id)
    return [n.id for n in graph.scope_children(node.scope if node else TOP_SCOPE)]


def edge_problems(layout: Layout, route: EdgeRoute) -> list[str]:
    """Why this edge's drawing is wrong: off its ends, diagonal, through a body, label astray.

    Each segment is tested against the interior of every box in the edge's scope, including its
    own source and target: a route may touch their borders where it starts and ends, but a loop
    that leaves its source downwards and climbs back through it is as unreadable as one through
    a stranger. A label sits on its edge when some segment passes through the label's box.
    """
    graph = layout.graph
    name = f"{route.edge.kind} {route.edge.source} -> {route.edge.target}"
    problems = []
    source, target = layout.nodes[route.edge.source], layout.nodes[route.edge.target]
    if not on_border(route.points[0], source):
        problems.append(f"{name}: does not start on its source's border")
    if not on_border(route.points[-1], target):
        problems.append(f"{name}: does not end on its target's border")
    segments = list(itertools.pairwise(route.points))
    for a, b in segments:
        if not (a.x == b.x or a.y == b.y):
            problems.append(f"{name}: diagonal segment {a} -> {b}")
    for other in _siblings(graph, route.edge.source):
        box = layout.nodes[other]
        if any(crosses(a, b, box) for a, b in segments):
            problems.append(f"{name}: runs through {other}")
    if route.label is not None:
        if not any(crosses(a, b, route.label) for a, b in segments):
            problems.append(f"{name}: label {route.edge.label!r} is not on its edge")
        for other in _siblings(graph, route.edge.source):
            if route.label.overlaps(layout.nodes[other]):
                problems.append(f"{name}: label overlaps {other}")
    return problems


def layout_problems(layout: Layout) -> list[str]:
    graph = layout.graph
    ids = [node.id for node in graph.nodes]
    problems = []
    if set(layout.nodes) != set(ids):
        return [f"laid-out nodes {sorted(layout.nodes)} are not the graph's {sorted(ids)}"]
    outer = {node_id: ancestors(graph, node_id) for node_id in ids}
    for a, b in itertools.combinations(ids, 2):
        if a in outer[b] or b in outer[a]:
            continue
        if layout.nodes[a].overlaps(layout.nodes[b]):
            problems.append(f"{a} overlaps {b}")
    for scope in graph.scopes:
        lane = layout.scopes[scope.id]
        if scope.owner is not None and not layout.nodes[scope.owner].contains(lane):
            problems.append(f"lane {scope.id} sticks out of its container")
        for node in graph.scope_children(scope.id):
            if not lane.contains(layout.nodes[node.id]):
                problems.append(f"{node.id} sticks out of its lane {scope.id!r}")
    if len(layout.edges) != len(graph.edges):
        problems.append(f"{len(layout.edges)} routes for {len(graph.edges)} edges")
    for route in layout.edges:
        problems.extend(edge_problems(layout, route))
    problems.extend(label_clashes(layout))
    return problems


def label_clashes(layout: Layout) -> list[str]:
    """Labels that could be read as another edge's: crossed by it, or on top of its label."""
    problems = []
    for route in layout.edges:
        if route.label is None:
            continue
        for other in layout.edges:
            if other is route:
                continue
            name = f"label {route.edge.label!r} of {route.edge.source} -> {route.edge.target}"
            if any(crosses(a, b, route.label) for a, b in itertools.pairwise(other.points)):
                problems.append(f"{name}: crossed by {other.edge.source} -> {other.edge.target}")
            if other.label is not None and other.label.overlaps(route.label):
                problems.append(f"{name}: overlaps the label {other.edge.label!r}")
    return problems


def check_layout(layout: Layout) -> None:
    problems = layout_problems(layout)
    assert not problems, "\n".join(problems)
