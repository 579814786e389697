"""Layered top-to-bottom layout of a state-machine graph, the way the Step Functions console draws.

Each scope (the top level, every Parallel branch, every Map processor) is laid out on its own by
grandalf's Sugiyama layout, innermost first: a Parallel/Map node then enters its parent's layout as
one box sized from its lanes (one lane per branch, side by side). Keeping each layout small is
what keeps 1,000-state machines fast.

Labelled edges (Choice rules, Default, Catch) get a vertex of their own for the label, the way
Graphviz places edge labels, so labels never sit on nodes and a Choice's branches fan out side by
side under it. Layers come from `_layering`, edge polylines from `_routing`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from grandalf.graphs import Vertex

from eventsmith.asl.diagram._geometry import (
    Box,
    Point,
    TextMeasure,
    label_lines,
    label_size,
    name_lines,
    node_size,
    text_width,
)
from eventsmith.asl.diagram._graph import END_ID, START_ID, TOP_SCOPE, Edge, Graph, Node
from eventsmith.asl.diagram._layering import layer_scope
from eventsmith.asl.diagram._routing import (
    EdgeRoute,
    loops_reach,
    moved_route,
    route_all,
    self_loops,
)

MARGIN = 24.0
HEADER = 36.0
LANE_PAD = 14.0
LANE_GAP = 16.0
CONTAINER_PAD = 12.0


@dataclass(frozen=True)
class Layout:
    """Absolute coordinates for a whole graph; `scopes` holds the lane box of every scope.

    `measure` is the text measure the boxes were sized with; draw names and labels with the
    lines `name_lines`/`label_lines` give, so that the text fits the boxes.
    """

    graph: Graph
    width: float
    height: float
    nodes: Mapping[str, Box]
    scopes: Mapping[str, Box]
    edges: tuple[EdgeRoute, ...]
    measure: TextMeasure = field(default=text_width, repr=False, compare=False)

    def name_lines(self, node: Node) -> list[str]:
        """A node's name as wrapped (at most two lines, then an ellipsis) for its box."""
        return name_lines(node, self.measure)

    def label_lines(self, label: str) -> list[str]:
        """An edge label as wrapped for its label box."""
        return label_lines(label, self.measure)


@dataclass
class _Placed:
    width: float
    height: float
    nodes: dict[str, Box] = field(default_factory=dict)
    scopes: dict[str, Box] = field(default_factory=dict)
    edges: list[EdgeRoute] = field(default_factory=list)

    def merge(self, other: _Placed, dx: float, dy: float) -> None:
        self.nodes.update({key: box.moved(dx, dy) for key, box in other.nodes.items()})
        self.scopes.update({key: box.moved(dx, dy) for key, box in other.scopes.items()})
        self.edges.extend(moved_route(route, dx, dy) for route in other.edges)


class _View:
    """What grandalf reads (w, h) and writes (xy) for a vertex."""

    def __init__(self, width: float, height: float) -> None:
        self.w = width
        self.h = height
        self.xy = (0.0, 0.0)


def layout_graph(graph: Graph, measure: TextMeasure | None = None) -> Layout:
    """Lay out a graph; deterministic for a given graph and measure.

    `measure(text, font_size_px)` gives the width in px of one line of text (a GUI passes its
    font metrics); the default is the table the SVG renderer's font is sized by.
    """
    measure = measure or text_width
    index = _Index(graph, measure)
    placed = _layout_scope(index, TOP_SCOPE)
    result = _Placed(placed.width + 2 * MARGIN, placed.height + 2 * MARGIN)
    result.merge(placed, MARGIN, MARGIN)
    result.scopes[TOP_SCOPE] = Box(0.0, 0.0, result.width, result.height)
    # Offsets added in different orders leave 1e-12 differences; snapping to 1/100 px keeps
    # vertical runs exactly vertical and endpoints exactly on borders.
    return Layout(
        graph,
        _snap(result.width),
        _snap(result.height),
        {key: _snap_box(box) for key, box in result.nodes.items()},
        {key: _snap_box(box) for key, box in result.scopes.items()},
        tuple(
            replace(
                route,
                points=tuple(Point(_snap(p.x), _snap(p.y)) for p in route.points),
                label=_snap_box(route.label) if route.label else None,
            )
            for route in result.edges
        ),
        measure,
    )


def _snap(value: float) -> float:
    return round(value, 2)


def _snap_box(box: Box) -> Box:
    """Snap the corners (not the size) so that shared borders stay shared."""
    x, y = _snap(box.x), _snap(box.y)
    return Box(x, y, _snap(box.x + box.width) - x, _snap(box.y + box.height) - y)


class _Index:
    def __init__(self, graph: Graph, measure: TextMeasure) -> None:
        self.graph = graph
        self.measure = measure
        self.children: dict[str, list[Node]] = {}
        for node in graph.nodes:
            self.children.setdefault(node.scope, []).append(node)
        scope_of = {node.id: node.scope for node in graph.nodes}
        self.edges: dict[str, list[Edge]] = {}
        for edge in graph.edges:
            self.edges.setdefault(scope_of.get(edge.source, TOP_SCOPE), []).append(edge)
        self.lanes = {scope.id: scope for scope in graph.scopes}
        self.owned: dict[str, list[str]] = {}
        for scope in graph.scopes:
            if scope.owner is not None:
                self.owned.setdefault(scope.owner, []).append(scope.id)


def _layout_container(index: _Index, node: Node) -> _Placed:
    lanes = [_layout_scope(index, scope_id) for scope_id in index.owned.get(node.id, [])]
    lane_sizes = [
        (max(lane.width, 96.0) + 2 * LANE_PAD, max(lane.height, 24.0) + 2 * LANE_PAD)
        for lane in lanes
    ]
    lanes_width = sum(width for width, _ in lane_sizes) + LANE_GAP * max(len(lanes) - 1, 0)
    # The header reads "<name>  <detail>" (e.g. "Map (distributed)"), not just the kind.
    title = index.measure(node.name, 13.0) + index.measure(node.detail or node.kind, 11.0) + 40
    width = max(lanes_width + 2 * CONTAINER_PAD, title, 160.0)
    height = HEADER + max((height for _, height in lane_sizes), default=24.0) + CONTAINER_PAD
    placed = _Placed(width, height)
    x = (width - lanes_width) / 2
    for scope_id, lane, (lane_width, lane_height) in zip(
        index.owned.get(node.id, []), lanes, lane_sizes, strict=True
    ):
        placed.scopes[scope_id] = Box(x, HEADER, lane_width, lane_height)
        inset_x = x + (lane_width - lane.width) / 2
        placed.merge(lane, inset_x, HEADER + LANE_PAD)
        x += lane_width + LANE_GAP
    return placed


def _layout_scope(index: _Index, scope_id: str) -> _Placed:
    nodes = index.children.get(scope_id, [])
    if not nodes:
        return _Placed(0.0, 0.0)
    inner: dict[str, _Placed] = {}
    vertices: dict[str, Vertex] = {}
    widths: dict[str, float] = {}
    loops = [edge for edge in index.edges.get(scope_id, []) if edge.source == edge.target]
    for node in nodes:
        if node.id in index.owned:
            inner[node.id] = _layout_container(index, node)
            width, height = inner[node.id].width, inner[node.id].height
        else:
            width, height = node_size(node, index.measure)
        reach = loops_reach([edge for edge in loops if edge.source == node.id], index.measure)
        vertex = Vertex(node.id)
        vertex.view = _View(width + 2 * reach, height)
        widths[node.id] = width
        vertices[node.id] = vertex
    chains: list[tuple[Edge, list[Vertex]]] = []
    for edge in index.edges.get(scope_id, []):
        if edge.source == edge.target:
            continue
        path = [vertices[edge.source]]
        if edge.label:
            label = Vertex(edge)
            label.view = _View(*label_size(edge.label, index.measure))
            path.append(label)
        path.append(vertices[edge.target])
        chains.append((edge, path))
    start = index.lanes[scope_id].start if scope_id != TOP_SCOPE else START_ID
    grid = layer_scope(list(vertices.values()), chains, vertices.get(start or ""))
    placed = _Placed(grid.width, grid.height)
    for node in nodes:
        vertex = vertices[node.id]
        reach = (vertex.view.w - widths[node.id]) / 2
        box = grid.box(vertex)
        box = Box(box.x + reach, box.y, box.width - 2 * reach, box.height)
        placed.nodes[node.id] = box
        if node.id in inner:
            placed.merge(inner[node.id], box.x, box.y)
    placed.edges.extend(route_all(grid, chains, placed.nodes))
    for node in nodes:
        own = [edge for edge in loops if edge.source == node.id]
        placed.edges.extend(self_loops(own, placed.nodes[node.id], index.measure))
    return placed


__all__ = ["END_ID", "START_ID", "EdgeRoute", "Layout", "layout_graph"]
