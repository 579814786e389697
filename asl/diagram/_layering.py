"""Layers for one scope: grandalf ranks and orders, our placement sets x, bands set y.

Cycles are broken by a depth-first search from the scope's start, in document order, so loops
come out as back edges. grandalf's Sugiyama layout then ranks the vertices and orders each layer
to reduce crossings; `_placement.assign_x` replaces its x coordinates (see there for why).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from grandalf.graphs import Edge as GEdge
from grandalf.graphs import Vertex, graph_core

from eventsmith.asl.diagram._geometry import Box
from eventsmith.asl.diagram._graph import Edge
from eventsmith.asl.diagram._placement import assign_x

if TYPE_CHECKING:
    from grandalf.layouts import SugiyamaLayout

X_SPACE = 28.0
Y_SPACE = 44.0
DUMMY_WIDTH = 10.0
COMPONENT_GAP = 48.0
ORDERING_ROUNDS = 3


@dataclass
class Grid:
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


def layer_scope(
    nodes: list[Vertex], chains: list[tuple[Edge, list[Vertex]]], start: Vertex | None
) -> Grid:
    """Ranks and orders from grandalf, then our own x placement, one connected part at a time."""
    # grandalf.layouts loads numpy (~50 ms): only a layout pays for it, not every importer of
    # the diagram API (`asl validate` builds graphs but never lays them out).
    from grandalf.layouts import SugiyamaLayout

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
    _invert_whole_labelled_loops(chains, back)
    grid = Grid(0.0, 0.0, {}, {}, {}, {}, {})
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


def _invert_whole_labelled_loops(
    chains: Sequence[tuple[Edge, Sequence[Vertex]]], back: set[tuple[Vertex, Vertex]]
) -> None:
    """A loop's label vertex goes between its target and its source, on the way up.

    The depth-first search inverts only the link that closes the cycle, usually label -> target,
    which ranks the label *below* its source: the route then left the source downwards through
    its own body to reach the label, and climbed back past it with the label beside the line.
    Inverting both links ranks target < label < source; still acyclic, because the reversed
    chain runs the same way as the path from the target to the source that the loop closes.
    """
    for _edge, path in chains:
        if len(path) != 3:
            continue
        first, second = (path[0], path[1]), (path[1], path[2])
        if first in back or second in back:
            back.update((first, second))


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
    grid: Grid,
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
