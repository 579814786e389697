"""Graphviz DOT of a state-machine graph (Graphviz lays it out itself; no coordinates here).

Parallel and Map states become clusters holding one cluster per branch/processor. Graphviz edges
need a node at each end, so a container gets two small anchor points: an entry at the top that
points at each branch's first state, and an invisible exit below its branches' last states.
Edges to and from the state are clipped at the cluster border (`compound`, `lhead`, `ltail`).
"""

from __future__ import annotations

from eventsmith.asl.diagram._graph import Edge, Graph, Node
from eventsmith.asl.diagram._palette import (
    CATCH,
    EDGE,
    EDGE_LABEL,
    ERROR,
    MUTED,
    NODE_COLOURS,
    PAPER,
)


def _shape(kind: str, fill: str, stroke: str) -> str:
    if kind == "Choice":
        return f'shape=hexagon, style=filled, fillcolor="{fill}", color="{stroke}"'
    ink = f'fontcolor="{PAPER}"' if kind in ("Start", "End") else f'color="{stroke}"'
    return f'shape=box, style="rounded,filled", fillcolor="{fill}", {ink}'


_SHAPES = {kind: _shape(kind, *colours) for kind, colours in NODE_COLOURS.items()}
_SHAPES["Unknown"] = 'shape=box, style="rounded,dashed"'
_SHAPES["Missing"] = f'shape=box, style="rounded,dashed", color="{ERROR}", fontcolor="{ERROR}"'
_EDGES = {
    "catch": f'style=dashed, color="{CATCH}", fontcolor="{CATCH}"',
    "default": f'color="{EDGE}", fontcolor="{EDGE_LABEL}"',
}


def render_dot(graph: Graph, name: str = "StateMachine") -> str:
    lines = [
        f"digraph {quote(name)} {{",
        '  graph [rankdir=TB, compound=true, fontname="Helvetica", nodesep=0.4, ranksep=0.5];',
        '  node [fontname="Helvetica", fontsize=11, penwidth=1.4];',
        f'  edge [fontname="Helvetica", fontsize=10, color="{EDGE}", arrowsize=0.7];',
    ]
    clusters: dict[str, str] = {}  # container node id -> its cluster name
    _emit_scope(graph, "", lines, clusters, indent="  ")
    for edge in graph.edges:
        lines.append("  " + _edge(edge, clusters))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _emit_scope(
    graph: Graph, scope_id: str, lines: list[str], clusters: dict[str, str], indent: str
) -> None:
    sources = {edge.source for edge in graph.edges}
    for node in graph.scope_children(scope_id):
        scopes = graph.owned_scopes(node.id)
        if node.kind not in ("Parallel", "Map"):
            lines.append(f"{indent}{_node(node)}")
            continue
        cluster = f"cluster_{len(clusters)}"
        clusters[node.id] = cluster
        lines.append(f"{indent}subgraph {cluster} {{")
        title = quote(f"{node.name} ({node.detail})")
        lines.append(f'{indent}  label={title}; style="dashed,rounded"; color="{MUTED}";')
        lines.append(f'{indent}  {quote(node.id)} [shape=point, width=0.08, label=""];')
        exit_id = quote(exit_anchor(node.id))
        lines.append(f'{indent}  {exit_id} [shape=point, style=invis, width=0.01, label=""];')
        for scope in scopes:
            lane = f"cluster_{len(clusters)}"
            clusters[scope.id] = lane
            lines.append(f"{indent}  subgraph {lane} {{")
            lines.append(
                f'{indent}    label={quote(scope.label)}; style="rounded"; color="#d5dbdb";'
            )
            _emit_scope(graph, scope.id, lines, clusters, indent + "    ")
            lines.append(f"{indent}  }}")
            if scope.start is not None:
                lines.append(f"{indent}  {quote(node.id)} -> {quote(scope.start)} [style=dotted];")
            for child in graph.scope_children(scope.id):
                if child.id not in sources:
                    tail = exit_anchor(child.id) if child.id in clusters else child.id
                    lines.append(f"{indent}  {quote(tail)} -> {exit_id} [style=invis];")
        lines.append(f"{indent}}}")


def _node(node: Node) -> str:
    label = node.name if node.kind in ("Start", "End") else f"{node.name}\n{node.detail}"
    return f"{quote(node.id)} [label={quote(label)}, {_SHAPES.get(node.kind, _SHAPES['Unknown'])}];"


def _edge(edge: Edge, clusters: dict[str, str]) -> str:
    attributes = [_EDGES[edge.kind]] if edge.kind in _EDGES else []
    if edge.label:
        attributes.append(f"label={quote(edge.label)}")
    if edge.target in clusters:
        attributes.append(f"lhead={clusters[edge.target]}")
    if edge.source in clusters:
        attributes.append(f"ltail={clusters[edge.source]}")
    suffix = f" [{', '.join(attributes)}]" if attributes else ""
    source = exit_anchor(edge.source) if edge.source in clusters else edge.source
    return f"{quote(source)} -> {quote(edge.target)}{suffix};"


def exit_anchor(node_id: str) -> str:
    return f"{node_id}#exit"


def quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as `\\n`."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{escaped}"'
