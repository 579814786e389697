"""The graph view of the workflow preview: zoom (Ctrl+wheel, buttons), pan (drag), fit."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

MIN_SCALE = 0.05
MAX_SCALE = 4.0
STEP = 1.25


class WorkflowView(QGraphicsView):
    """A QGraphicsView that zooms around the cursor and pans by dragging the background.

    `zoomChanged` carries the scale (1.0 = one scene pixel per screen pixel).
    """

    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)

    def scale_factor(self) -> float:
        return float(self.transform().m11())

    def set_scale(self, scale: float) -> None:
        scale = min(max(scale, MIN_SCALE), MAX_SCALE)
        factor = scale / self.scale_factor()
        self.scale(factor, factor)
        self.zoomChanged.emit(self.scale_factor())

    def zoom_in(self) -> None:
        self._zoom_centred(STEP)

    def zoom_out(self) -> None:
        self._zoom_centred(1 / STEP)

    def _zoom_centred(self, factor: float) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.set_scale(self.scale_factor() * factor)
        self.setTransformationAnchor(anchor)

    def fit(self, largest: float = 1.0) -> None:
        """Show the whole graph, but never blow a small one up beyond `largest`."""
        scene = self.scene()
        if scene is None:
            return
        rect: QRectF = scene.sceneRect()
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.scale_factor() > largest:
            self.set_scale(largest)
            self.centerOn(rect.center().x(), rect.top())
        self.zoomChanged.emit(self.scale_factor())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_scale(self.scale_factor() * STEP**steps)
            event.accept()
            return
        super().wheelEvent(event)
