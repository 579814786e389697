"""ASL diagrams: the graph of a workflow, its layout, and SVG/DOT/Mermaid renderers.

    graph = build_graph(machine)                  # Graph: nodes, edges, nested scopes
    layout = layout_graph(graph, measure=None)    # Layout: boxes and edge routes, in px
    render_svg(layout), render_dot(graph), render_mermaid(graph)
    graph_document(layout, errors)                # the JSON of `eventsmith asl graph --json`

Importing this is cheap; the layout engine's numpy is loaded by the first `layout_graph` call.
"""

from eventsmith.asl.diagram._dot import render_dot
from eventsmith.asl.diagram._export import graph_document, messages_by_node
from eventsmith.asl.diagram._geometry import (
    DETAIL_FONT,
    LABEL_FONT,
    LINE_HEIGHT,
    NAME_FONT,
    Box,
    Point,
    TextMeasure,
    text_width,
)
from eventsmith.asl.diagram._graph import (
    END_ID,
    START_ID,
    TOP_SCOPE,
    Edge,
    EdgeKind,
    Graph,
    Node,
    NodeKind,
    Scope,
    build_graph,
    describe_resource,
    node_for_path,
    pointer,
)
from eventsmith.asl.diagram._layout import Layout, layout_graph
from eventsmith.asl.diagram._mermaid import render_mermaid
from eventsmith.asl.diagram._palette import COLOURS, NODE_COLOURS
from eventsmith.asl.diagram._routing import EdgeRoute
from eventsmith.asl.diagram._svg import render_svg

__all__ = [
    "COLOURS",
    "DETAIL_FONT",
    "END_ID",
    "LABEL_FONT",
    "LINE_HEIGHT",
    "NAME_FONT",
    "NODE_COLOURS",
    "START_ID",
    "TOP_SCOPE",
    "Box",
    "Edge",
    "EdgeKind",
    "EdgeRoute",
    "Graph",
    "Layout",
    "Node",
    "NodeKind",
    "Point",
    "Scope",
    "TextMeasure",
    "build_graph",
    "describe_resource",
    "graph_document",
    "layout_graph",
    "messages_by_node",
    "node_for_path",
    "pointer",
    "render_dot",
    "render_mermaid",
    "render_svg",
    "text_width",
]
