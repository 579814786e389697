"""Drawing a run's path on the workflow scene: the states and transitions taken stand out, the
rest fade, and the state where the run failed is marked red.

Only pens, brushes and opacities change, and `clear_run` puts the originals back, so the
scene stays the one the preview built (selection, zoom and hit-testing are untouched).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from eventsmith.app.workflow_scene import EDGE_KEY, EdgeItem, WorkflowScene
from eventsmith.asl import END_ID, START_ID, ExecutionResult, Graph, StateStep, node_for_path

TAKEN = "#1d8102"  # the console's green for states that succeeded
FAILED = "#d13212"
CAUGHT = "#ec7211"  # failed, then caught or retried: the run went on
FAILED_FILL = "#fde3dc"
FADED = 0.3
_ORIGINAL = 1000  # QGraphicsItem.data key: (pen, brush, opacity) before the run was drawn


@dataclass(frozen=True)
class RunPath:
    """What a run took, as graph ids: `nodes` entered, `edges` (source, target) followed, and
    `failed` the node of the state where the run failed (None when it did not)."""

    nodes: frozenset[str]
    edges: frozenset[tuple[str, str]]
    failed: str | None
    caught: frozenset[str]
    propagated: frozenset[str] = frozenset()  # containers failing because a state in them did


def node_of(graph: Graph, step: StateStep) -> str | None:
    node = node_for_path(graph, step.path)
    return node.id if node is not None and node.id != START_ID else None


def run_path(graph: Graph, result: ExecutionResult, failing: StateStep | None) -> RunPath:
    """The path of `result` on `graph`; transitions are consecutive steps of one scope (a
    Parallel branch or a Map iteration is a scope of its own)."""
    by_scope: dict[tuple[str | int, ...], list[str]] = {}
    nodes: set[str] = set()
    caught: set[str] = set()
    propagated: set[str] = set()
    for step in result.steps:
        node_id = node_of(graph, step)
        if node_id is None:
            continue
        nodes.add(node_id)
        by_scope.setdefault(step.scope, []).append(node_id)
        if step.failed and step is not failing:
            same = failing is not None and step.error == failing.error
            (propagated if same and step.type in ("Parallel", "Map") else caught).add(node_id)
    edges: set[tuple[str, str]] = set()
    for sequence in by_scope.values():
        edges.update(itertools.pairwise(sequence))
    top = by_scope.get((), [])
    if top:
        nodes.add(START_ID)
        edges.add((START_ID, top[0]))
        last = [step for step in result.steps if not step.scope][-1]
        if result.succeeded or last.type == "Fail":
            nodes.add(END_ID)
            edges.add((top[-1], END_ID))
    failed = node_of(graph, failing) if failing is not None else None
    return RunPath(
        frozenset(nodes),
        frozenset(edges),
        failed,
        frozenset(caught - {failed}),
        frozenset(propagated - {failed}),
    )


def _remember(item: QGraphicsPathItem) -> None:
    if item.data(_ORIGINAL) is None:
        item.setData(_ORIGINAL, (QPen(item.pen()), QBrush(item.brush()), item.opacity()))


def draw_run(scene: WorkflowScene, path: RunPath) -> None:
    clear_run(scene)
    for node_id, item in scene.state_items.items():
        _remember(item)
        if node_id == path.failed:
            item.setPen(QPen(QColor(FAILED), 4))
            item.setBrush(QColor(FAILED_FILL))
        elif node_id in path.propagated:
            item.setPen(QPen(QColor(FAILED), 3))
        elif node_id in path.caught:
            item.setPen(QPen(QColor(CAUGHT), 3.5))
        elif node_id in path.nodes:
            item.setPen(QPen(QColor(TAKEN), 3))
        else:
            item.setOpacity(FADED)
    for edge in scene.edge_items:
        _remember(edge)
        source, target, _kind = edge.data(EDGE_KEY)
        edge.setData(_ORIGINAL + 1, edge.colour)
        if (source, target) in path.edges:
            edge.colour = QColor(TAKEN)
            edge.setPen(QPen(edge.colour, 2.6))
            edge.setZValue(2)
        else:
            edge.setOpacity(FADED)


def clear_run(scene: WorkflowScene) -> None:
    items: Sequence[QGraphicsPathItem] = [*scene.state_items.values(), *scene.edge_items]
    for item in items:
        original = item.data(_ORIGINAL)
        if original is None:
            continue
        pen, brush, opacity = original
        item.setPen(pen)
        item.setBrush(brush)
        item.setOpacity(opacity)
        item.setData(_ORIGINAL, None)
        if isinstance(item, EdgeItem):
            item.colour = item.data(_ORIGINAL + 1) or item.colour
            item.setZValue(1)
        item.update()


def taken_nodes(scene: WorkflowScene) -> set[str]:
    """The states drawn as taken (green, orange or red), read back from the scene."""
    marked = {QColor(TAKEN).name(), QColor(FAILED).name(), QColor(CAUGHT).name()}
    return {
        node_id
        for node_id, item in scene.state_items.items()
        if item.data(_ORIGINAL) is not None and item.pen().color().name() in marked
    }


def failed_nodes(scene: WorkflowScene) -> set[str]:
    """The state drawn as where the run failed (filled red)."""
    return {
        node_id
        for node_id, item in scene.state_items.items()
        if item.data(_ORIGINAL) is not None
        and item.brush().color().name() == QColor(FAILED_FILL).name()
    }
