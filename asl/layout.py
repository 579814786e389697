"""Layered top-to-bottom layout of a state-machine graph, the way the Step Functions console draws.

Each scope (the top level, every Parallel branch, every Map processor) is laid out on its own by
grandalf's Sugiyama layout, innermost first: a Parallel/Map node then enters its parent's layout as
one box sized from its lanes (one lane per branch, side by side). Keeping each layout small is
what keeps 1,000-state machines fast.

Labelled edges (Choice rules, Default, Catch) get a vertex of their own for the label, the way
Graphviz places edge labels, so labels never sit on nodes and a Choice's branches fan out side by
side under it. Cycles are broken by a depth-first search from the scope's start, in document
order, so loops come out as back edges. Edges are routed orthogonally: vertical runs through the
layer of each vertex on the path, horizontal runs only in the empty gaps between layers, so an
edge never crosses a node box.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from grandalf.graphs import Edge as GEdge
from grandalf.graphs import Vertex, graph_core
from grandalf.layouts import SugiyamaLayout

from .geometry import Box, Point, label_size, node_size, text_width
from .graph import END_ID, START_ID, TOP_SCOPE, Edge, Graph, Node
from .placement import assign_x

X_SPACE = 28.0
Y_SPACE = 44.0
DUMMY_WIDTH = 10.0
COMPONENT_GAP = 48.0
MARGIN = 24.0
HEADER = 36.0
LANE_PAD = 14.0
LANE_GAP = 16.0
CONTAINER_PAD = 12.0
LOOP_REACH = 18.0
ORDERING_ROUNDS = 3
PORT_MARGIN = 22.0
SMALL_JOG = 12.0


@dataclass(frozen=True)
class EdgeRoute:
    """An edge's polyline (first point on the source's border, last on the target's).

    `label` is where the edge's label box sits (None for unlabelled edges); `back` marks an edge
    that goes against the flow (a loop), drawn upwards into the bottom of its target.
    """

    edge: Edge
    points: tuple[Point, ...]
    label: Box | None
    back: bool


@dataclass(frozen=True)
class Layout:
    """Absolute coordinates for a whole graph; `scopes` holds the lane box of every scope."""

    graph: Graph
    width: float
    height: float
    nodes: Mapping[str, Box]
    scopes: Mapping[str, Box]
    edges: tuple[EdgeRoute, ...]


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
        self.edges.extend(_moved_route(route, dx, dy) for route in other.edges)


class _View:
    """What grandalf reads (w, h) and writes (xy) for a vertex."""

    def __init__(self, width: float, height: float) -> None:
        self.w = width
        self.h = height
        self.xy = (0.0, 0.0)


def layout_graph(graph: Graph) -> Layout:
    """Lay out a graph; deterministic for a given graph."""
    index = _Index(graph)
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
    )


def _snap(value: float) -> float:
    return round(value, 2)


def _snap_box(box: Box) -> Box:
    """Snap the corners (not the size) so that shared borders stay shared."""
    x, y = _snap(box.x), _snap(box.y)
    return Box(x, y, _snap(box.x + box.width) - x, _snap(box.y + box.height) - y)


class _Index:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
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
    title = text_width(node.name, 13.0) + text_width(node.kind, 11.0) + 40
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
            width, height = node_size(node)
        reach = max((_loop_reach(edge) for edge in loops if edge.source == node.id), default=0.0)
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
            label.view = _View(*label_size(edge.label))
            path.append(label)
        path.append(vertices[edge.target])
        chains.append((edge, path))
    start = index.lanes[scope_id].start if scope_id != TOP_SCOPE else START_ID
    grid = _sugiyama(list(vertices.values()), chains, vertices.get(start or ""))
    placed = _Placed(grid.width, grid.height)
    for node in nodes:
        vertex = vertices[node.id]
        reach = (vertex.view.w - widths[node.id]) / 2
        box = grid.box(vertex)
        box = Box(box.x + reach, box.y, box.width - 2 * reach, box.height)
        placed.nodes[node.id] = box
        if node.id in inner:
            placed.merge(inner[node.id], box.x, box.y)
    fan = (Counter(e.source for e, _ in chains), Counter(e.target for e, _ in chains))
    for edge, path in chains:
        placed.edges.append(grid.route(edge, path, placed.nodes, fan))
    placed.edges.extend(_self_loop(edge, placed.nodes[edge.source]) for edge in loops)
    return placed


def _loop_reach(edge: Edge) -> float:
    return LOOP_REACH + 6 + (label_size(edge.label)[0] if edge.label else 0.0)


def _self_loop(edge: Edge, box: Box) -> EdgeRoute:
    """A loop on a state itself: out of its bottom, round its right side, into its top."""
    x = box.center.x + box.width / 4
    side = box.right + LOOP_REACH
    below, above = box.bottom + 12, box.y - 12
    points = (
        Point(x, box.bottom), Point(x, below), Point(side, below),
        Point(side, above), Point(x, above), Point(x, box.y),
    )  # fmt: skip
    label = None
    if edge.label:
        width, height = label_size(edge.label)
        label = Box(side + 4, box.center.y - height / 2, width, height)
    return EdgeRoute(edge, points, label, back=True)


def _moved_route(route: EdgeRoute, dx: float, dy: float) -> EdgeRoute:
    points = tuple(Point(point.x + dx, point.y + dy) for point in route.points)
    label = route.label.moved(dx, dy) if route.label else None
    return replace(route, points=points, label=label)


@dataclass
class _Grid:
    """Vertex centres and layer bands from the Sugiyama runs of one scope, origin at (0, 0)."""

    width: float
    height: float
    center: dict[Vertex, tuple[float, float]]
    rank: dict[Vertex, int]
    band: dict[tuple[int, int], tuple[float, float]]  # (component, rank) -> (top, bottom)
    component: dict[Vertex, int]
    dummies: dict[tuple[Vertex, Vertex], list[Vertex]]

    def box(self, vertex: Vertex) -> Box:
        x, y = self.center[vertex]
        return Box(x - vertex.view.w / 2, y - vertex.view.h / 2, vertex.view.w, vertex.view.h)

    def route(
        self, edge: Edge, path: Sequence[Vertex], boxes: Mapping[str, Box],
        fan: tuple[Counter[str], Counter[str]],
    ) -> EdgeRoute:  # fmt: skip
        chain = [path[0]]
        for tail, head in itertools.pairwise(path):
            chain.extend(self.dummies.get((tail, head), []))
            chain.append(head)
        back = self.rank[chain[-1]] < self.rank[chain[0]]
        source, target = boxes[edge.source], boxes[edge.target]
        xs = [self.center[vertex][0] for vertex in chain]
        if back:
            xs[0] = source.center.x + source.width / 4
            xs[-1] = target.center.x + target.width / 4
        else:
            main = edge.kind in ("start", "next", "end")
            fans = (fan[0][edge.source], fan[1][edge.target])
            xs[0], xs[-1] = _ports(source, target, xs, *fans, main)
        for i in range(1, len(xs)):  # equal up to float noise: make runs exactly vertical
            if abs(xs[i] - xs[i - 1]) < 0.01:
                xs[i] = xs[i - 1]
        points = [Point(xs[0], source.y if back else source.bottom)]
        component = self.component[chain[0]]
        for i in range(len(chain) - 1):
            upper_rank = min(self.rank[chain[i]], self.rank[chain[i + 1]])
            gap_top = self.band[(component, upper_rank)][1]
            gap_bottom = self.band[(component, upper_rank + 1)][0]
            middle = (gap_top + gap_bottom) / 2
            points += [Point(xs[i], middle), Point(xs[i + 1], middle)]
        points.append(Point(xs[-1], target.bottom if back else target.y))
        label = None
        if edge.label and len(path) == 3:
            label = self.box(path[1])
        return EdgeRoute(edge, _simplify(points), label, back)


def _ports(
    source: Box, target: Box, xs: Sequence[float], fan_out: int, fan_in: int, main: bool
) -> tuple[float, float]:
    """Where a forward edge leaves its source and enters its target.

    Centred, except that a lone edge (or a main-path edge a few pixels off) slides sideways
    within the box when that makes its first or last run straight: slightly off-centre reads
    better than a jog. Other edges sharing a box keep the centre, so they fan out from and
    merge into one point instead of running as near-duplicate lines.
    """
    small_jog = SMALL_JOG if main else 0.0
    out_x, in_x = source.center.x, target.center.x
    if len(xs) == 2:
        low = max(source.x, target.x) + PORT_MARGIN
        high = min(source.right, target.right) - PORT_MARGIN
        tiny = abs(out_x - in_x) < small_jog
        if low <= high and (fan_out == 1 or tiny) and (fan_in == 1 or tiny):
            chosen = out_x if low <= out_x <= high else min(max(in_x, low), high)
            return chosen, chosen
        return out_x, in_x
    near_out = abs(xs[1] - out_x) <= source.width / 2 - PORT_MARGIN
    if near_out and (fan_out == 1 or abs(xs[1] - out_x) < small_jog):
        out_x = xs[1]
    near_in = abs(xs[-2] - in_x) <= target.width / 2 - PORT_MARGIN
    if near_in and (fan_in == 1 or abs(xs[-2] - in_x) < small_jog):
        in_x = xs[-2]
    return out_x, in_x


def _simplify(points: list[Point]) -> tuple[Point, ...]:
    kept: list[Point] = []
    for point in points:
        if kept and abs(kept[-1].x - point.x) < 0.01 and abs(kept[-1].y - point.y) < 0.01:
            continue
        if len(kept) >= 2 and _collinear(kept[-2], kept[-1], point):
            kept[-1] = point
        else:
            kept.append(point)
    return tuple(kept)


def _collinear(a: Point, b: Point, c: Point) -> bool:
    return (abs(a.x - b.x) < 0.01 and abs(b.x - c.x) < 0.01) or (
        abs(a.y - b.y) < 0.01 and abs(b.y - c.y) < 0.01
    )


def _back_edges(
    vertices: Sequence[Vertex], successors: Mapping[Vertex, list[Vertex]], start: Vertex | None
) -> set[tuple[Vertex, Vertex]]:
    """Edges closing a cycle in an iterative depth-first search (start first, then in order)."""
    state: dict[Vertex, int] = {}  # 1 = on the stack, 2 = done
    back: set[tuple[Vertex, Vertex]] = set()
    roots = ([start] if start is not None else []) + list(vertices)
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors.get(root, [])))]
        while stack:
            vertex, pending = stack[-1]
            advanced = False
            for successor in pending:
                seen = state.get(successor)
                if seen == 1:
                    back.add((vertex, successor))
                elif seen is None:
                    state[successor] = 1
                    stack.append((successor, iter(successors.get(successor, []))))
                    advanced = True
                    break
            if not advanced:
                state[vertex] = 2
                stack.pop()
    return back


_WEIGHTS = {"start": 8.0, "next": 8.0, "choice": 2.0, "default": 2.0, "catch": 0.2, "end": 1.0}


def _sugiyama(
    nodes: list[Vertex], chains: list[tuple[Edge, list[Vertex]]], start: Vertex | None
) -> _Grid:
    """Ranks and orders from grandalf, then our own x placement, one connected part at a time."""
    vertices = list(nodes)
    pairs: dict[tuple[Vertex, Vertex], GEdge] = {}
    weights: dict[tuple[Vertex, Vertex], float] = {}
    successors: dict[Vertex, list[Vertex]] = {}
    for edge, path in chains:
        vertices.extend(path[1:-1])
        for tail, head in itertools.pairwise(path):
            if (tail, head) not in pairs:
                pairs[(tail, head)] = GEdge(tail, head)
                successors.setdefault(tail, []).append(head)
            weights[(tail, head)] = max(weights.get((tail, head), 0.0), _WEIGHTS[edge.kind])
    back = _back_edges(vertices, successors, start)
    grid = _Grid(0.0, 0.0, {}, {}, {}, {}, {})
    x_offset = 0.0
    for number, component in enumerate(_components(vertices, list(pairs.values()))):
        sugiyama = SugiyamaLayout(component)
        sugiyama.dw, sugiyama.dh = DUMMY_WIDTH, 1.0
        inverted = [pairs[pair] for pair in pairs if pair in back and pairs[pair] in component.sE]
        sugiyama.init_all(roots=[], inverted_edges=inverted)
        for _ in range(ORDERING_ROUNDS):
            for _ in sugiyama.ordering_step():
                pass
        links: dict[Vertex, list[tuple[Vertex, float]]] = {}
        for (tail, head), gedge in pairs.items():
            if gedge not in component.sE:
                continue
            chain = [tail, *_dummies(sugiyama, gedge, tail, head), head]
            if len(chain) > 2:
                grid.dummies[(tail, head)] = chain[1:-1]
            for a, b in itertools.pairwise(chain):
                both_dummies = a not in (tail, head) and b not in (tail, head)
                weight = weights[(tail, head)] * (2.0 if both_dummies else 1.0)
                links.setdefault(a, []).append((b, weight))
                links.setdefault(b, []).append((a, weight))
        width = _place_component(sugiyama, links, grid, number, x_offset)
        x_offset += width + COMPONENT_GAP
    grid.width = max(x_offset - COMPONENT_GAP, 0.0)
    return grid


def _components(vertices: list[Vertex], edges: list[GEdge]) -> list[graph_core]:
    """Connected parts, each built in our vertex and edge order.

    grandalf's own `Graph` gathers each part's edges in a set, whose order follows object ids and
    so changes from run to run, and with it the layout; this keeps the result deterministic.
    """
    root = {vertex: vertex for vertex in vertices}

    def find(vertex: Vertex) -> Vertex:
        while root[vertex] is not vertex:
            root[vertex] = root[root[vertex]]
            vertex = root[vertex]
        return vertex

    for edge in edges:
        root[find(edge.v[0])] = find(edge.v[1])
    parts: dict[Vertex, tuple[list[Vertex], list[GEdge]]] = {}
    for vertex in vertices:
        parts.setdefault(find(vertex), ([], []))[0].append(vertex)
    for edge in edges:
        parts[find(edge.v[0])][1].append(edge)
    return [graph_core(part_vertices, part_edges) for part_vertices, part_edges in parts.values()]


def _dummies(sugiyama: SugiyamaLayout, gedge: GEdge, tail: Vertex, head: Vertex) -> list[Vertex]:
    if gedge not in sugiyama.ctrls:
        return []
    ctrl = sugiyama.ctrls[gedge]
    low, high = sugiyama.grx[tail].rank, sugiyama.grx[head].rank
    step = 1 if high > low else -1
    return [ctrl[r] for r in range(low + step, high, step)]


def _place_component(
    sugiyama: SugiyamaLayout,
    links: Mapping[Vertex, Sequence[tuple[Vertex, float]]],
    grid: _Grid,
    number: int,
    x_offset: float,
) -> float:
    layers = [list(layer) for layer in sugiyama.layers]
    rank = {vertex: r for r, layer in enumerate(layers) for vertex in layer}
    width = {vertex: float(vertex.view.w) for vertex in rank}
    xs = assign_x(layers, links, rank, width, X_SPACE)
    left = min(xs[v] - width[v] / 2 for v in rank)
    right = max(xs[v] + width[v] / 2 for v in rank)
    top = 0.0
    for r, layer in enumerate(layers):
        height = max(vertex.view.h for vertex in layer)
        grid.band[(number, r)] = (top, top + height)
        for vertex in layer:
            grid.center[vertex] = (xs[vertex] - left + x_offset, top + height / 2)
            grid.rank[vertex] = r
            grid.component[vertex] = number
        top += height + Y_SPACE
    grid.height = max(grid.height, top - Y_SPACE)
    return right - left


__all__ = ["END_ID", "START_ID", "EdgeRoute", "Layout", "layout_graph"]
