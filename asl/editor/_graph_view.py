"""The laid-out graph of a state machine as a client previews it: JSON plus an SVG picture."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eventsmith.asl.diagram import (
    build_graph,
    graph_document,
    layout_graph,
    messages_by_node,
    render_svg,
)
from eventsmith.asl.syntax import Diagnostic, Severity, StateMachineSource


@dataclass(frozen=True)
class GraphView:
    """`document` is what `eventsmith asl graph --json` prints; `svg` what `asl render` draws."""

    document: dict[str, Any]
    svg: str


def graph_view(
    source: StateMachineSource, diagnostics: Iterable[Diagnostic], title: str | None = None
) -> GraphView:
    """Graph, layout and SVG of `source`, with its error diagnostics attached to their nodes."""
    graph = build_graph(source)
    layout = layout_graph(graph)
    errors = messages_by_node(
        graph,
        ((d.path, f"{d.code}: {d.message}") for d in diagnostics if d.severity is Severity.ERROR),
    )
    return GraphView(
        graph_document(layout, errors), render_svg(layout, errors, title or source.name)
    )
