"""Self-contained SVG of a laid-out graph: no external fonts, stylesheets or scripts.

Every state is one `<g class="state ...">` with `data-node-id` (its JSON pointer) and a `<title>`
tooltip, so viewers and tests can find it. The document is built with ElementTree, which does the
XML escaping of state names and conditions.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Collection, Mapping, Sequence

from eventsmith.asl.diagram._geometry import (
    DETAIL_FONT,
    LABEL_FONT,
    LINE_HEIGHT,
    NAME_FONT,
    Box,
    Point,
    label_lines,
    name_lines,
)
from eventsmith.asl.diagram._graph import Node
from eventsmith.asl.diagram._layout import EdgeRoute, Layout
from eventsmith.asl.diagram._palette import (
    CATCH,
    EDGE,
    EDGE_LABEL,
    ERROR,
    INK,
    MUTED,
    NODE_COLOURS,
    PAPER,
)

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif"
_STYLE = NODE_COLOURS


def render_svg(
    layout: Layout,
    errors: Mapping[str, Sequence[str]] | Collection[str] = (),
    title: str | None = None,
) -> str:
    """SVG text; nodes whose id is in `errors` get a red outline, a badge and the messages.

    `title` (e.g. the state machine's name) becomes the accessible name of the picture.
    """
    messages: Mapping[str, Sequence[str]] = (
        errors if isinstance(errors, Mapping) else {node_id: () for node_id in errors}
    )
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "width": _n(layout.width),
            "height": _n(layout.height),
            "viewBox": f"0 0 {_n(layout.width)} {_n(layout.height)}",
            "font-family": FONT,
            "role": "img",
        },
    )
    if title:
        ET.SubElement(svg, "title").text = title
    _defs(svg)
    ET.SubElement(svg, "rect", width="100%", height="100%", fill=PAPER)
    containers = [node for node in layout.graph.nodes if node.kind in ("Parallel", "Map")]
    for node in containers:  # outer containers come first in graph order: drawn beneath
        _container(svg, node, layout, messages)
    for node in layout.graph.nodes:
        if node.kind not in ("Parallel", "Map"):
            _state(svg, node, layout.nodes[node.id], messages)
    for route in layout.edges:
        _edge(svg, route)
    ET.indent(svg)
    return ET.tostring(svg, encoding="unicode", xml_declaration=False) + "\n"


def _defs(svg: ET.Element) -> None:
    defs = ET.SubElement(svg, "defs")
    for marker_id, colour in (("arrow", EDGE), ("arrow-catch", CATCH)):
        marker = ET.SubElement(
            defs, "marker", id=marker_id, viewBox="0 0 10 10", refX="9", refY="5",
            markerWidth="7", markerHeight="7", orient="auto-start-reverse",
        )  # fmt: skip
        ET.SubElement(marker, "path", d="M 0 0 L 10 5 L 0 10 z", fill=colour)


def _group(svg: ET.Element, node: Node, messages: Mapping[str, Sequence[str]]) -> ET.Element:
    classes = f"state state-{node.kind.lower()}" + (" has-errors" if node.id in messages else "")
    group = ET.SubElement(svg, "g", {"class": classes, "data-node-id": node.id})
    tooltip = f"{node.name} ({node.detail or node.kind})"
    if node.id in messages:
        tooltip += "".join(f"\n• {message}" for message in messages[node.id]) or "\n• has errors"
    ET.SubElement(group, "title").text = tooltip
    return group


def _stroke(node: Node, messages: Mapping[str, Sequence[str]]) -> dict[str, str]:
    fill, stroke = _STYLE.get(node.kind, _STYLE["Unknown"])
    width = "1.5"
    if node.id in messages:
        stroke, width = ERROR, "3"
    attributes = {"fill": fill, "stroke": stroke, "stroke-width": width}
    if node.kind in ("Missing", "Unknown", "Parallel", "Map"):
        attributes["stroke-dasharray"] = "6 4"
    return attributes


def _state(svg: ET.Element, node: Node, box: Box, messages: Mapping[str, Sequence[str]]) -> None:
    group = _group(svg, node, messages)
    style = _stroke(node, messages)
    if node.kind == "Choice":
        points = [
            (box.x + 14, box.y), (box.right - 14, box.y), (box.right, box.center.y),
            (box.right - 14, box.bottom), (box.x + 14, box.bottom), (box.x, box.center.y),
        ]  # fmt: skip
        outline = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        ET.SubElement(group, "polygon", {"points": outline, **style})
    else:
        radius = box.height / 2 if node.kind in ("Start", "End") else 8.0
        ET.SubElement(group, "rect", {**_rect(box), "rx": _n(radius), **style})
    if node.kind in ("Start", "End"):
        _text(group, box.center.x, box.center.y + 4.5, node.name, 12.0, PAPER, "600")
    else:
        lines = name_lines(node)
        top = box.center.y - (len(lines) * LINE_HEIGHT + (LINE_HEIGHT if node.detail else 0)) / 2
        for number, line in enumerate(lines):
            _text(group, box.center.x, top + 12 + number * LINE_HEIGHT, line, NAME_FONT, INK, "600")
        if node.detail:
            colour = ERROR if node.kind == "Missing" else MUTED
            y = top + 12 + len(lines) * LINE_HEIGHT
            _text(group, box.center.x, y, node.detail, DETAIL_FONT, colour, "400")
    if node.id in messages:
        _badge(group, box)


def _container(
    svg: ET.Element, node: Node, layout: Layout, messages: Mapping[str, Sequence[str]]
) -> None:
    box = layout.nodes[node.id]
    group = _group(svg, node, messages)
    ET.SubElement(group, "rect", {**_rect(box), "rx": "10", **_stroke(node, messages)})
    title = ET.SubElement(group, "text", x=_n(box.x + 14), y=_n(box.y + 23), fill=INK)
    title.set("font-size", _n(NAME_FONT))
    title.set("font-weight", "600")
    title.text = node.name
    kind = ET.SubElement(title, "tspan", dx="8", fill=MUTED)
    kind.set("font-size", _n(DETAIL_FONT))
    kind.set("font-weight", "400")
    kind.text = node.detail
    for scope in layout.graph.owned_scopes(node.id):
        lane = layout.scopes[scope.id]
        ET.SubElement(
            group, "rect", {"class": "lane", "data-scope-id": scope.id}, x=_n(lane.x),
            y=_n(lane.y), width=_n(lane.width), height=_n(lane.height), rx="8", fill=PAPER,
            stroke="#e3e6e8",
        )  # fmt: skip
    if node.id in messages:
        _badge(group, box)


def _badge(group: ET.Element, box: Box) -> None:
    ET.SubElement(group, "circle", cx=_n(box.right - 2), cy=_n(box.y + 2), r="8", fill=ERROR)
    _text(group, box.right - 2, box.y + 6, "!", 12.0, PAPER, "700")


def _edge(svg: ET.Element, route: EdgeRoute) -> None:
    catch = route.edge.kind == "catch"
    group = ET.SubElement(
        svg, "g", {"class": f"edge edge-{route.edge.kind}", "data-source": route.edge.source,
                   "data-target": route.edge.target},
    )  # fmt: skip
    attributes = {
        "d": _rounded_path(route.points),
        "fill": "none",
        "stroke": CATCH if catch else EDGE,
        "stroke-width": "1.4",
        "marker-end": "url(#arrow-catch)" if catch else "url(#arrow)",
    }
    if catch:
        attributes["stroke-dasharray"] = "5 4"
    ET.SubElement(group, "path", attributes)
    if route.label is not None:
        _label(group, route.label, route.edge.label, CATCH if catch else EDGE_LABEL)


def _label(group: ET.Element, box: Box, text: str, colour: str) -> None:
    ET.SubElement(group, "title").text = text
    ET.SubElement(
        group, "rect", x=_n(box.x), y=_n(box.y), width=_n(box.width), height=_n(box.height),
        rx="4", fill=PAPER, stroke="#d5dbdb",
    )  # fmt: skip
    for number, line in enumerate(label_lines(text)):
        _text(group, box.center.x, box.y + 14 + number * 14, line, LABEL_FONT, colour, "400")


def _text(
    parent: ET.Element, x: float, y: float, content: str, size: float, colour: str, weight: str
) -> None:
    text = ET.SubElement(parent, "text", x=_n(x), y=_n(y), fill=colour)
    text.set("font-size", _n(size))
    text.set("font-weight", weight)
    text.set("text-anchor", "middle")
    text.text = content


def _rounded_path(points: Sequence[Point], radius: float = 6.0) -> str:
    """Polyline with its corners rounded by quadratic curves."""
    parts = [f"M {_n(points[0].x)} {_n(points[0].y)}"]
    for before, corner, after in zip(points, points[1:], points[2:], strict=False):
        r = min(radius, _distance(before, corner) / 2, _distance(corner, after) / 2)
        start = _toward(corner, before, r)
        end = _toward(corner, after, r)
        parts.append(f"L {_n(start.x)} {_n(start.y)} Q {_n(corner.x)} {_n(corner.y)} ")
        parts[-1] += f"{_n(end.x)} {_n(end.y)}"
    parts.append(f"L {_n(points[-1].x)} {_n(points[-1].y)}")
    return " ".join(parts)


def _distance(a: Point, b: Point) -> float:
    return math.hypot(a.x - b.x, a.y - b.y)


def _toward(origin: Point, target: Point, length: float) -> Point:
    distance = _distance(origin, target) or 1.0
    return Point(
        origin.x + (target.x - origin.x) * length / distance,
        origin.y + (target.y - origin.y) * length / distance,
    )


def _rect(box: Box) -> dict[str, str]:
    return {"x": _n(box.x), "y": _n(box.y), "width": _n(box.width), "height": _n(box.height)}


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")
