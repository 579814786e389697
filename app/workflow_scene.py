"""A laid-out workflow as a QGraphicsScene: one item per state, containers, edges and labels.

The geometry is the core's `Layout`, measured with `qt_text_measure()` so that Qt's text fits
the boxes; the colours are the core's palette (`NODE_COLOURS`, `COLOURS`), the shapes those of
the SVG renderer. Items are nested the way the states are: a state in a Parallel branch or a Map
processor is a child of its lane, and the lane a child of its container, so the scene's item
tree is the workflow's scope tree. All items keep scene coordinates (positions stay at 0, 0).
"""

from __future__ import annotations

import functools
import math
import threading
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from eventsmith.asl import (
    COLOURS,
    DETAIL_FONT,
    LABEL_FONT,
    LINE_HEIGHT,
    NAME_FONT,
    NODE_COLOURS,
    Box,
    EdgeRoute,
    Layout,
    Node,
    Point,
    TextMeasure,
)

NODE_ID = 0  # QGraphicsItem.data key: the node id (JSON pointer) of a state or container
SCOPE_ID = 1  # ... the scope id of a lane
EDGE_KEY = 2  # ... (source, target, kind) of an edge
SELECTION = "#0972d3"
FONT_FAMILIES = ["Helvetica", "Arial", "Liberation Sans", "DejaVu Sans"]
CONTAINERS = ("Parallel", "Map")
MIN_TEXT_SCALE = 0.3  # 13 px names are under 4 px on screen below this zoom


def diagram_font(size: float, bold: bool = False) -> QFont:
    """The font the scene draws with: the SVG's family list, sized in pixels like the layout."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(1, round(size)))
    font.setWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
    return font


@functools.cache
def _painting_font(size: float, bold: bool = False) -> tuple[QFont, QFontMetricsF]:
    """The scene's fonts and their metrics, made once: painting happens on the GUI thread only
    (the worker thread's measure makes its own)."""
    font = diagram_font(size, bold)
    return font, QFontMetricsF(font)


def _text_visible(painter: QPainter, option: QStyleOptionGraphicsItem) -> bool:
    """Whether text is big enough to read at this zoom; below that, boxes and lines only."""
    return option.levelOfDetailFromTransform(painter.worldTransform()) >= MIN_TEXT_SCALE


# Qt's font objects belong to the thread that made them, and using or freeing one on another
# thread is not safe. A layout made on the loader's thread keeps its measure and is drawn (and
# freed) on the UI thread, so the measure holds no Qt object: each thread measures with
# metrics of its own.
_per_thread = threading.local()


def _font_metrics(size: float) -> QFontMetricsF:
    metrics: dict[float, QFontMetricsF] | None = getattr(_per_thread, "metrics", None)
    if metrics is None:
        metrics = _per_thread.metrics = {}
    found = metrics.get(size)
    if found is None:
        found = metrics[size] = QFontMetricsF(diagram_font(size, bold=size == NAME_FONT))
    return found


def qt_text_measure() -> TextMeasure:
    """A `TextMeasure` from Qt's font metrics; names (drawn semi-bold) are measured semi-bold.

    Widths are cached per measure (plain floats, safe to hand from a worker to the UI thread);
    the metrics behind them are the calling thread's own.
    """
    cache: dict[tuple[str, float], float] = {}

    def measure(text: str, size: float) -> float:
        width = cache.get((text, size))
        if width is None:
            width = cache[(text, size)] = _font_metrics(size).horizontalAdvance(text)
        return width

    return measure


def _rect(box: Box) -> QRectF:
    return QRectF(box.x, box.y, box.width, box.height)


def _colour(name: str) -> QColor:
    return QColor(COLOURS[name])


def state_path(node: Node, box: Box) -> QPainterPath:
    """The outline the SVG renderer draws: hexagon for Choice, pill for Start/End, else a card."""
    path = QPainterPath()
    if node.kind == "Choice":
        corners = [
            (box.x + 14, box.y), (box.right - 14, box.y), (box.right, box.center.y),
            (box.right - 14, box.bottom), (box.x + 14, box.bottom), (box.x, box.center.y),
        ]  # fmt: skip
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in corners]))
        path.closeSubpath()
    else:
        radius = box.height / 2 if node.kind in ("Start", "End") else 8.0
        path.addRoundedRect(_rect(box), radius, radius)
    return path


def _draw_lines(
    painter: QPainter,
    box: Box,
    lines: Sequence[tuple[str, tuple[QFont, QFontMetricsF], QColor]],
    top: float,
) -> None:
    for number, (text, (font, metrics), colour) in enumerate(lines):
        painter.setFont(font)
        painter.setPen(colour)
        room = box.width - 8
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
        line = QRectF(box.x + 4, top + number * LINE_HEIGHT, room, LINE_HEIGHT)
        painter.drawText(line, Qt.AlignmentFlag.AlignCenter, shown)


class _Selectable(QGraphicsPathItem):
    """Draws its own selection (a thick outline) instead of Qt's dashed bounding box."""

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        plain = QStyleOptionGraphicsItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, widget)
        if self.isSelected():
            painter.setPen(QPen(QColor(SELECTION), 4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.path())


def _pen(node: Node, errors: Mapping[str, Sequence[str]]) -> QPen:
    colour = NODE_COLOURS.get(node.kind, NODE_COLOURS["Unknown"])[1]
    pen = QPen(QColor(colour), 1.5)
    if node.id in errors:
        pen = QPen(_colour("error"), 3)
    if node.kind in ("Missing", "Unknown", *CONTAINERS):
        pen.setDashPattern([4, 2.7])
    return pen


def _tooltip(node: Node, errors: Mapping[str, Sequence[str]]) -> str:
    text = f"{node.name} ({node.detail or node.kind})"
    return text + "".join(f"\n• {message}" for message in errors.get(node.id, ()))


class StateItem(_Selectable):
    """A simple state (or Start/End/Missing marker): its outline, name lines and subtitle."""

    def __init__(
        self, node: Node, box: Box, name_lines: list[str], errors: Mapping[str, Sequence[str]]
    ) -> None:
        super().__init__(state_path(node, box))
        self.node, self.box, self.name_lines = node, box, name_lines
        fill = NODE_COLOURS.get(node.kind, NODE_COLOURS["Unknown"])[0]
        self.setBrush(QBrush(QColor(fill)))
        self.setPen(_pen(node, errors))
        self.has_errors = node.id in errors
        self.setData(NODE_ID, node.id)
        self.setToolTip(_tooltip(node, errors))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        super().paint(painter, option, widget)
        if _text_visible(painter, option):
            self._paint_text(painter)
        if self.has_errors:  # kept when zoomed far out: it shows where the errors are
            _badge(painter, self.box)

    def _paint_text(self, painter: QPainter) -> None:
        node, box = self.node, self.box
        if node.kind in ("Start", "End"):
            white = QColor(COLOURS["paper"])
            _draw_lines(painter, box, [(node.name, _painting_font(12, True), white)],
                        box.center.y - LINE_HEIGHT / 2)  # fmt: skip
            return
        name_font = _painting_font(NAME_FONT, True)
        lines = [(line, name_font, _colour("ink")) for line in self.name_lines]
        if node.detail:
            colour = _colour("error") if node.kind == "Missing" else _colour("muted")
            lines.append((node.detail, _painting_font(DETAIL_FONT), colour))
        _draw_lines(painter, box, lines, box.center.y - len(lines) * LINE_HEIGHT / 2)


def _badge(painter: QPainter, box: Box) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_colour("error"))
    painter.drawEllipse(QPointF(box.right - 2, box.y + 2), 8, 8)
    painter.setPen(QColor(COLOURS["paper"]))
    painter.setFont(_painting_font(12, True)[0])
    painter.drawText(QRectF(box.right - 10, box.y - 6, 16, 16), Qt.AlignmentFlag.AlignCenter, "!")


class ContainerItem(_Selectable):
    """A Parallel or Map: dashed card with a title; its lanes are child items.

    Only the title band is clickable, so a drag on a lane's empty space pans the view.
    """

    def __init__(self, node: Node, box: Box, errors: Mapping[str, Sequence[str]]) -> None:
        path = QPainterPath()
        path.addRoundedRect(_rect(box), 10, 10)
        super().__init__(path)
        self.node, self.box = node, box
        self.setBrush(QBrush(QColor(NODE_COLOURS[node.kind][0])))
        self.setPen(_pen(node, errors))
        self.has_errors = node.id in errors
        self.setData(NODE_ID, node.id)
        self.setToolTip(_tooltip(node, errors))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)

    def shape(self) -> QPainterPath:
        band = QPainterPath()
        band.addRect(QRectF(self.box.x, self.box.y, self.box.width, 34))
        return band

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        super().paint(painter, option, widget)
        if self.has_errors:
            _badge(painter, self.box)
        if not _text_visible(painter, option):
            return
        name_font, name_metrics = _painting_font(NAME_FONT, True)
        painter.setFont(name_font)
        painter.setPen(_colour("ink"))
        title = QRectF(self.box.x + 14, self.box.y + 8, self.box.width - 28, 20)
        painter.drawText(title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.node.name)  # fmt: skip
        name_width = name_metrics.horizontalAdvance(self.node.name)
        painter.setFont(_painting_font(DETAIL_FONT)[0])
        painter.setPen(_colour("muted"))
        painter.drawText(title.adjusted(name_width + 8, 0, 0, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.node.detail)  # fmt: skip


def rounded_polyline(points: Sequence[Point], radius: float = 6.0) -> QPainterPath:
    """The edge's orthogonal polyline with its corners rounded, as the SVG draws it."""
    path = QPainterPath(QPointF(points[0].x, points[0].y))
    for before, corner, after in zip(points, points[1:], points[2:], strict=False):
        r = min(radius, math.dist((before.x, before.y), (corner.x, corner.y)) / 2,
                math.dist((corner.x, corner.y), (after.x, after.y)) / 2)  # fmt: skip
        path.lineTo(_toward(corner, before, r))
        path.quadTo(QPointF(corner.x, corner.y), _toward(corner, after, r))
    path.lineTo(QPointF(points[-1].x, points[-1].y))
    return path


def _toward(origin: Point, target: Point, length: float) -> QPointF:
    distance = math.dist((origin.x, origin.y), (target.x, target.y)) or 1.0
    return QPointF(origin.x + (target.x - origin.x) * length / distance,
                   origin.y + (target.y - origin.y) * length / distance)  # fmt: skip


def arrow_head(points: Sequence[Point], size: float = 8.0) -> QPolygonF:
    tip, before = points[-1], points[-2]
    angle = math.atan2(tip.y - before.y, tip.x - before.x)
    left = angle + math.radians(150)
    right = angle - math.radians(150)
    return QPolygonF([
        QPointF(tip.x, tip.y),
        QPointF(tip.x + size * math.cos(left), tip.y + size * math.sin(left)),
        QPointF(tip.x + size * math.cos(right), tip.y + size * math.sin(right)),
    ])  # fmt: skip


class EdgeItem(QGraphicsPathItem):
    """A transition: its route (dashed and red for Catch), arrow head and label."""

    def __init__(self, route: EdgeRoute, label_lines: list[str]) -> None:
        super().__init__(rounded_polyline(route.points))
        self.route, self.label_lines = route, label_lines
        catch = route.edge.kind == "catch"
        self.colour = _colour("catch") if catch else _colour("edge")
        pen = QPen(self.colour, 1.4)
        if catch:
            pen.setDashPattern([3.5, 2.8])
        self.setPen(pen)
        self.arrow = arrow_head(route.points)
        self.setData(EDGE_KEY, (route.edge.source, route.edge.target, route.edge.kind))
        if route.edge.label:
            self.setToolTip(route.edge.label)

    def boundingRect(self) -> QRectF:
        rect = super().boundingRect().united(self.arrow.boundingRect())
        return rect.united(_rect(self.route.label)) if self.route.label else rect

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(6)
        return stroker.createStroke(self.path())

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        super().paint(painter, option, widget)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        painter.drawPolygon(self.arrow)
        label = self.route.label
        if label is None or not _text_visible(painter, option):
            return
        painter.setPen(QPen(QColor("#d5dbdb"), 1))
        painter.setBrush(QColor(COLOURS["paper"]))
        painter.drawRoundedRect(_rect(label), 4, 4)
        catch = self.route.edge.kind == "catch"
        colour = _colour("catch") if catch else _colour("edgeLabel")
        font = _painting_font(LABEL_FONT)
        lines = [(line, font, colour) for line in self.label_lines]
        _draw_lines(painter, label, lines, label.y + 3)


class WorkflowScene(QGraphicsScene):
    """The scene of one layout; `errors` maps node ids to the messages that mark them red."""

    def __init__(self, layout: Layout, errors: Mapping[str, Sequence[str]]) -> None:
        super().__init__()
        self.layout = layout
        self.setBackgroundBrush(QColor(COLOURS["paper"]))
        self.state_items: dict[str, QGraphicsPathItem] = {}
        self.lane_items: dict[str, QGraphicsRectItem] = {}
        self.edge_items: list[EdgeItem] = []
        graph = layout.graph
        for node in graph.nodes:  # document order: a container comes before its contents
            parent = self.lane_items.get(node.scope)
            box = layout.nodes[node.id]
            item: QGraphicsPathItem
            if node.kind in CONTAINERS:
                item = ContainerItem(node, box, errors)
            else:
                item = StateItem(node, box, layout.name_lines(node), errors)
            self._place(item, parent)
            self.state_items[node.id] = item
            for scope in graph.owned_scopes(node.id):
                lane = QGraphicsRectItem(_rect(layout.scopes[scope.id]), item)
                lane.setPen(QPen(QColor("#e3e6e8"), 1))
                lane.setBrush(QColor(COLOURS["paper"]))
                lane.setData(SCOPE_ID, scope.id)
                self.lane_items[scope.id] = lane
        scope_of = {node.id: node.scope for node in graph.nodes}
        for route in layout.edges:
            edge = EdgeItem(route, layout.label_lines(route.edge.label) if route.label else [])
            edge.setZValue(1)  # above the states of its scope: arrow heads end on their borders
            self._place(edge, self.lane_items.get(scope_of.get(route.edge.source, "")))
            self.edge_items.append(edge)
        margin = 24.0
        self.setSceneRect(QRectF(-margin, -margin, layout.width + 2 * margin,
                                 layout.height + 2 * margin))  # fmt: skip

    def _place(self, item: QGraphicsItem, parent: QGraphicsItem | None) -> None:
        if parent is None:
            self.addItem(item)
        else:
            item.setParentItem(parent)

    def node_at(self, item: QGraphicsItem | None) -> str | None:
        """The node id of a clicked item (or of the state/container it belongs to)."""
        while item is not None:
            node_id = item.data(NODE_ID)
            if node_id is not None:
                return str(node_id)
            item = item.parentItem()
        return None
