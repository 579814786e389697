"""Horizontal placement of ordered layers: straight main paths, no overlaps.

Given the layers of a layered drawing (each already ordered to reduce crossings), every vertex
is pulled towards the weighted mean x of its neighbours in the layer above (downward sweeps) or
below (upward sweeps). Each layer is solved exactly as a weighted isotonic regression with
minimum separations (pool-adjacent-violators), so the order is kept, no two boxes ever overlap,
and a heavily weighted edge (a `Next` chain) ends up perfectly vertical where the room allows.
grandalf's own Brandes-Köpf averaging left small zigzags in the main path and could overlap
boxes of different widths; this replaces it.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

V = TypeVar("V", bound=Hashable)

SWEEPS = 6
_LONE_WEIGHT = 0.01


def assign_x(
    layers: Sequence[Sequence[V]],
    links: Mapping[V, Sequence[tuple[V, float]]],
    rank: Mapping[V, int],
    width: Mapping[V, float],
    gap: float,
) -> dict[V, float]:
    """x centre of every vertex; `links` are symmetric (neighbour, weight) lists."""
    x: dict[V, float] = {}
    for layer in layers:
        _solve(layer, {v: 0.0 for v in layer}, {v: 1.0 for v in layer}, width, gap, x)
    for _ in range(SWEEPS):
        for layer in layers[1:]:
            _pull(layer, links, rank, -1, width, gap, x)
        for layer in list(layers[:-1])[::-1]:
            _pull(layer, links, rank, +1, width, gap, x)
    for layer in layers[1:]:
        _pull(layer, links, rank, -1, width, gap, x)
    return x


def _pull(
    layer: Sequence[V],
    links: Mapping[V, Sequence[tuple[V, float]]],
    rank: Mapping[V, int],
    direction: int,
    width: Mapping[V, float],
    gap: float,
    x: dict[V, float],
) -> None:
    desired: dict[V, float] = {}
    weight: dict[V, float] = {}
    for vertex in layer:
        total = weighted = 0.0
        for neighbour, link_weight in links.get(vertex, ()):
            if rank[neighbour] == rank[vertex] + direction:
                total += link_weight
                weighted += link_weight * x[neighbour]
        desired[vertex] = weighted / total if total else x[vertex]
        weight[vertex] = total or _LONE_WEIGHT
    _solve(layer, desired, weight, width, gap, x)


def _solve(
    layer: Sequence[V],
    desired: Mapping[V, float],
    weight: Mapping[V, float],
    width: Mapping[V, float],
    gap: float,
    x: dict[V, float],
) -> None:
    """Closest placement to `desired` keeping order and `gap` between neighbouring boxes."""
    offsets: list[float] = []
    offset = 0.0
    for index, vertex in enumerate(layer):
        if index:
            offset += (width[layer[index - 1]] + width[vertex]) / 2 + gap
        offsets.append(offset)
    # blocks of (weighted sum, weight, first index, last index)
    blocks: list[tuple[float, float, int, int]] = []
    for index, vertex in enumerate(layer):
        target = desired[vertex] - offsets[index]
        blocks.append((target * weight[vertex], weight[vertex], index, index))
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, block_weight, _, last = blocks.pop()
            before = blocks[-1]
            blocks[-1] = (before[0] + total, before[1] + block_weight, before[2], last)
    for total, block_weight, first, last in blocks:
        for index in range(first, last + 1):
            x[layer[index]] = total / block_weight + offsets[index]
