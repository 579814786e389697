"""Orthogonal edge routes through the layers of a scope.

Edges run vertically through the layer of each vertex on their path (source, label vertex,
grandalf's dummy vertices, target) and horizontally only in the empty gaps between layers, so an
edge never crosses a state's box. Back edges leave the top of their source and enter the bottom
of their target; a self loop goes round the state's right side.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from grandalf.graphs import Vertex

from .geometry import Box, Point, label_size
from .graph import Edge
from .layering import Grid

LOOP_REACH = 18.0
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


def route(
    grid: Grid, edge: Edge, path: Sequence[Vertex], boxes: Mapping[str, Box],
    fan: tuple[Counter[str], Counter[str]],
) -> EdgeRoute:  # fmt: skip
    """The orthogonal polyline of `edge` through its label vertex and dummy vertices."""
    chain = [path[0]]
    for tail, head in itertools.pairwise(path):
        chain.extend(grid.dummies.get((tail, head), []))
        chain.append(head)
    back = grid.rank[chain[-1]] < grid.rank[chain[0]]
    source, target = boxes[edge.source], boxes[edge.target]
    xs = [grid.center[vertex][0] for vertex in chain]
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
    component = grid.component[chain[0]]
    for i in range(len(chain) - 1):
        upper_rank = min(grid.rank[chain[i]], grid.rank[chain[i + 1]])
        gap_top = grid.band[(component, upper_rank)][1]
        gap_bottom = grid.band[(component, upper_rank + 1)][0]
        middle = (gap_top + gap_bottom) / 2
        points += [Point(xs[i], middle), Point(xs[i + 1], middle)]
    points.append(Point(xs[-1], target.bottom if back else target.y))
    label = None
    if edge.label and len(path) == 3:
        label = grid.box(path[1])
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


def loop_reach(edge: Edge) -> float:
    return LOOP_REACH + 6 + (label_size(edge.label)[0] if edge.label else 0.0)


def self_loop(edge: Edge, box: Box) -> EdgeRoute:
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


def moved_route(route: EdgeRoute, dx: float, dy: float) -> EdgeRoute:
    points = tuple(Point(point.x + dx, point.y + dy) for point in route.points)
    label = route.label.moved(dx, dy) if route.label else None
    return replace(route, points=points, label=label)
