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

from eventsmith.asl.diagram._geometry import Box, Point, TextMeasure, label_size, text_width
from eventsmith.asl.diagram._graph import Edge
from eventsmith.asl.diagram._layering import Grid

LOOP_REACH = 18.0
PORT_MARGIN = 22.0
SMALL_JOG = 12.0
TRACK_GAP = 6.0
SELF_LOOP_STEP = 5.0


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


@dataclass
class _Plan:
    """An edge's vertex chain and the x of each vertical run, before tracks are chosen."""

    edge: Edge
    path: Sequence[Vertex]
    chain: list[Vertex]
    xs: list[float]
    back: bool


def route_all(
    grid: Grid,
    chains: Sequence[tuple[Edge, Sequence[Vertex]]],
    boxes: Mapping[str, Box],
) -> list[EdgeRoute]:
    """Orthogonal polylines for the edges of one scope, through their label and dummy vertices.

    Horizontal runs in the same gap between layers get separate tracks (heights) when they
    overlap, unless they share an end: edges fanning out of, or merging into, the same point
    share one track, like a bus; unrelated edges never run on top of each other.
    """
    fan_out = Counter(edge.source for edge, _ in chains)
    fan_in = Counter(edge.target for edge, _ in chains)
    plans = [_plan(grid, edge, path, boxes, fan_out, fan_in) for edge, path in chains]
    tracks = _tracks(grid, plans)
    routes = []
    for number, plan in enumerate(plans):
        source, target = boxes[plan.edge.source], boxes[plan.edge.target]
        xs = plan.xs
        points = [Point(xs[0], source.y if plan.back else source.bottom)]
        for i in range(len(plan.chain) - 1):
            y = tracks[(number, i)]
            points += [Point(xs[i], y), Point(xs[i + 1], y)]
        points.append(Point(xs[-1], target.bottom if plan.back else target.y))
        label = grid.box(plan.path[1]) if plan.edge.label and len(plan.path) == 3 else None
        routes.append(EdgeRoute(plan.edge, _simplify(points), label, plan.back))
    return routes


def _plan(
    grid: Grid, edge: Edge, path: Sequence[Vertex], boxes: Mapping[str, Box],
    fan_out: Counter[str], fan_in: Counter[str],
) -> _Plan:  # fmt: skip
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
        fans = (fan_out[edge.source], fan_in[edge.target])
        xs[0], xs[-1] = _ports(source, target, xs, *fans, main)
    for i in range(1, len(xs)):  # equal up to float noise: make runs exactly vertical
        if abs(xs[i] - xs[i - 1]) < 0.01:
            xs[i] = xs[i - 1]
    return _Plan(edge, path, chain, xs, back)


def _tracks(grid: Grid, plans: Sequence[_Plan]) -> dict[tuple[int, int], float]:
    """The height of every horizontal run, keyed by (plan number, run number)."""
    gaps: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for number, plan in enumerate(plans):
        component = grid.component[plan.chain[0]]
        for i in range(len(plan.chain) - 1):
            upper = min(grid.rank[plan.chain[i]], grid.rank[plan.chain[i + 1]])
            gaps.setdefault((component, upper), []).append((number, i))
    heights: dict[tuple[int, int], float] = {}
    for (component, upper), runs in gaps.items():
        top = grid.band[(component, upper)][1]
        bottom = grid.band[(component, upper + 1)][0]
        group_of, spans = _bus_groups(plans, runs)
        track_of: dict[int, int] = {}
        track_ends: list[float] = []
        for group, (low, high) in sorted(spans.items(), key=lambda item: (item[1], item[0])):
            if high - low < 0.01:
                continue  # straight down: crosses the gap without a horizontal run
            free = next((t for t, end in enumerate(track_ends) if end + TRACK_GAP < low), None)
            if free is None:
                free = len(track_ends)
                track_ends.append(high)
            track_ends[free] = max(track_ends[free], high)
            track_of[group] = free
        step = (bottom - top) / (len(track_ends) + 1)
        middle = (top + bottom) / 2
        for run in runs:
            track = track_of.get(group_of[run])
            heights[run] = middle if track is None else top + step * (track + 1)
    return heights


def _bus_groups(
    plans: Sequence[_Plan], runs: Sequence[tuple[int, int]]
) -> tuple[dict[tuple[int, int], int], dict[int, tuple[float, float]]]:
    """Number the runs that meet at a shared end (same vertex and x), and each group's x span."""
    parent: dict[tuple[int, float], tuple[int, float]] = {}

    def find(key: tuple[int, float]) -> tuple[int, float]:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    ends: dict[tuple[int, int], tuple[tuple[int, float], tuple[int, float]]] = {}
    for run in runs:
        plan, i = plans[run[0]], run[1]
        first = (id(plan.chain[i]), round(plan.xs[i], 2))
        second = (id(plan.chain[i + 1]), round(plan.xs[i + 1], 2))
        ends[run] = (first, second)
        parent[find(first)] = find(second)
    numbers: dict[tuple[int, float], int] = {}
    group_of: dict[tuple[int, int], int] = {}
    spans: dict[int, tuple[float, float]] = {}
    for run in runs:
        group = numbers.setdefault(find(ends[run][0]), len(numbers))
        group_of[run] = group
        plan, i = plans[run[0]], run[1]
        low, high = sorted((plan.xs[i], plan.xs[i + 1]))
        old_low, old_high = spans.get(group, (low, high))
        spans[group] = (min(old_low, low), max(old_high, high))
    return group_of, spans


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


def _loop_sides(loops: Sequence[Edge], measure: TextMeasure) -> list[float]:
    """How far right of its state each self loop's vertical run goes.

    Each label is centred on its loop's run; a state's second loop goes round the first one's
    label, so loops and labels never lie on top of each other.
    """
    sides: list[float] = []
    previous_half = 0.0
    for edge in loops:
        half = label_size(edge.label, measure)[0] / 2 if edge.label else 0.0
        if not sides:
            sides.append(max(LOOP_REACH, half + 8))
        else:
            sides.append(sides[-1] + max(previous_half + half + TRACK_GAP, LOOP_REACH / 2))
        previous_half = half
    return sides


def loops_reach(loops: Sequence[Edge], measure: TextMeasure = text_width) -> float:
    """The room the self loops of one state take on its right (and, for symmetry, its left)."""
    if not loops:
        return 0.0
    last = loops[-1]
    half = label_size(last.label, measure)[0] / 2 if last.label else 0.0
    return _loop_sides(loops, measure)[-1] + half + 6


def self_loops(
    loops: Sequence[Edge], box: Box, measure: TextMeasure = text_width
) -> list[EdgeRoute]:
    """Loops on a state itself: out of its bottom, round its right side, into its top.

    Outer loops leave and come back a little further from the state, so that the runs of
    different loops do not lie on one line.
    """
    routes = []
    for number, (edge, side_offset) in enumerate(
        zip(loops, _loop_sides(loops, measure), strict=True)
    ):
        x = box.center.x + box.width / 4
        side = box.right + side_offset
        step = SELF_LOOP_STEP * min(number, 3)
        below, above = box.bottom + 12 + step, box.y - 12 - step
        points = (
            Point(x, box.bottom), Point(x, below), Point(side, below),
            Point(side, above), Point(x, above), Point(x, box.y),
        )  # fmt: skip
        label = None
        if edge.label:
            width, height = label_size(edge.label, measure)
            label = Box(side - width / 2, box.center.y - height / 2, width, height)
        routes.append(EdgeRoute(edge, points, label, back=True))
    return routes


def moved_route(route: EdgeRoute, dx: float, dy: float) -> EdgeRoute:
    points = tuple(Point(point.x + dx, point.y + dy) for point in route.points)
    label = route.label.moved(dx, dy) if route.label else None
    return replace(route, points=points, label=label)
