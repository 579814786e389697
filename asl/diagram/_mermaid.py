"""Mermaid flowchart of a state-machine graph, with a subgraph per Parallel/Map and per branch.

Mermaid ids are generated (`n0`, `s0`, ...) because state names may hold anything; names and
conditions go into quoted labels with `"`, `<`, `>`, `&` and `#` written as Mermaid entity codes.
Edges to a Parallel/Map state point at its subgraph.
"""

from __future__ import annotations

from eventsmith.asl.diagram._graph import Graph
from eventsmith.asl.diagram._palette import NODE_COLOURS, PAPER

_SHAPES = {
    "Start": ("([", "])"),
    "End": ("([", "])"),
    "Choice": ("{", "}"),
    "Wait": ("[/", "/]"),
    "Succeed": ("([", "])"),
    "Fail": ("([", "])"),
    "Pass": ("[", "]"),
    "Task": ("(", ")"),
}
_CLASSES = {
    kind: f"fill:{fill},color:{PAPER},stroke:{stroke}"
    if kind in ("Start", "End")
    else f"fill:{fill},stroke:{stroke}" + (",stroke-dasharray:5 4" if fill == PAPER else "")
    for kind, (fill, stroke) in NODE_COLOURS.items()
    if kind not in ("Parallel", "Map")
}
_ARROWS = {"catch": "-.->"}


def render_mermaid(graph: Graph) -> str:
    ids: dict[str, str] = {}
    for node in graph.nodes:
        container = node.kind in ("Parallel", "Map")
        ids[node.id] = f"{'s' if container else 'n'}{len(ids)}"
    for scope in graph.scopes:
        if scope.owner is not None:
            ids[scope.id] = f"s{len(ids)}"
    lines = ["flowchart TD"]
    _emit_scope(graph, "", ids, lines, "  ")
    for edge in graph.edges:
        arrow = _ARROWS.get(edge.kind, "-->")
        label = f'|"{escape(edge.label)}"|' if edge.label else ""
        lines.append(f"  {ids[edge.source]} {arrow}{label} {ids[edge.target]}")
    kinds = sorted({node.kind for node in graph.nodes if node.kind in _CLASSES})
    for kind in kinds:
        lines.append(f"  classDef asl{kind} {_CLASSES[kind]}")
        members = ",".join(ids[node.id] for node in graph.nodes if node.kind == kind)
        lines.append(f"  class {members} asl{kind}")
    return "\n".join(lines) + "\n"


def _emit_scope(
    graph: Graph, scope_id: str, ids: dict[str, str], lines: list[str], indent: str
) -> None:
    for node in graph.scope_children(scope_id):
        if node.kind in ("Parallel", "Map"):
            title = escape(f"{node.name} ({node.detail})")
            lines.append(f'{indent}subgraph {ids[node.id]}["{title}"]')
            lines.append(f"{indent}  direction TB")
            for scope in graph.owned_scopes(node.id):
                lines.append(f'{indent}  subgraph {ids[scope.id]}["{escape(scope.label)}"]')
                lines.append(f"{indent}    direction TB")
                _emit_scope(graph, scope.id, ids, lines, indent + "    ")
                lines.append(f"{indent}  end")
            lines.append(f"{indent}end")
            continue
        opening, closing = _SHAPES.get(node.kind, ("[", "]"))
        text = (
            escape(node.name)
            if node.kind in ("Start", "End")
            else (f"{escape(node.name)}<br/><small>{escape(node.detail)}</small>")
        )
        lines.append(f'{indent}{ids[node.id]}{opening}"{text}"{closing}')


def escape(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    return (
        text.replace("#", "#35;")
        .replace("&", "#amp;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
        .replace("\n", " ")
    )
