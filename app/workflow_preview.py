"""The workflow preview: a state machine's graph beside its diagnostics and state definitions.

Open an ASL file (JSON or YAML) or a SAM/CloudFormation template; a template with several
state machines gets a chooser. Loading and layout run off the UI thread (`WorkflowLoader`);
the file is watched and reloaded when it changes on disk (`WorkflowWatch`), including when an
editor replaces it (write a temporary file, rename it over the old one). Clicking a state
shows its definition; clicking a diagnostic selects its state. Export writes the core's SVG or
a PNG of the scene.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QImage, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from eventsmith.app.workflow_loader import WorkflowDocument, WorkflowLoader, load_workflow
from eventsmith.app.workflow_run import WorkflowRunPanel
from eventsmith.app.workflow_scene import WorkflowScene, qt_text_measure
from eventsmith.app.workflow_view import WorkflowView
from eventsmith.app.workflow_watch import WorkflowWatch
from eventsmith.asl import START_ID, Severity, render_svg

PNG_SCALE = 2.0
READABLE_SCALE = 0.6  # below this, fitting a big graph would leave its names unreadable
_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
}


def _fingerprint(document: WorkflowDocument) -> tuple[object, ...]:
    """What decides whether a reload changed anything (a linked definition's text included)."""
    linked_text = document.machine.text if document.machine else ""
    return (document.path, document.index, document.text, linked_text, document.error)


class WorkflowPreview(QWidget):
    """See the module docstring. `loaded` fires after each (re)load has been drawn."""

    statusMessage = Signal(str)
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: WorkflowDocument | None = None
        self.graph_scene: WorkflowScene | None = None
        self._path: Path | None = None
        # The machine the user chose, kept while an edit on disk has it missing, so that it is
        # shown again when it comes back (the VS Code preview does the same).
        self._chosen: str | None = None
        self.loader = WorkflowLoader(qt_text_measure, self)
        self.loader.loaded.connect(self.show_document)
        self.watch = WorkflowWatch(self)
        self.watch.changed.connect(self._reload_from_disk)
        self._build()

    # -- widgets -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.addAction("Open…", self._ask_open).setToolTip(
            "Open an ASL file or a SAM/CloudFormation template"
        )
        self.machine_chooser = QComboBox(self)
        self.machine_chooser.setToolTip("State machine in this template")
        self.machine_chooser.currentIndexChanged.connect(self._choose_machine)
        self._chooser_action = self.toolbar.addWidget(self.machine_chooser)
        self._chooser_action.setVisible(False)
        # The window's View menu owns the shortcuts (Ctrl++, Ctrl+-, Ctrl+0): the same keys
        # here would make them ambiguous, and neither would fire.
        self.toolbar.addAction("Zoom in", self.zoom_in).setToolTip("Zoom in (Ctrl++, Ctrl+wheel)")
        self.toolbar.addAction("Zoom out", self.zoom_out).setToolTip("Zoom out (Ctrl+-)")
        self.toolbar.addAction("Fit", self.fit).setToolTip("Show the whole graph (Ctrl+0)")
        self.toolbar.addSeparator()
        self.toolbar.addAction("Export PNG…", self._ask_png)
        self.toolbar.addAction("Export SVG…", self._ask_svg)
        self.view = WorkflowView(self)
        self.placeholder = QLabel(
            "Open a workflow: an ASL file (.asl.json, .asl.yaml) or a SAM/CloudFormation template.",
            self,
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)
        self.diagnostics = QTreeWidget(self)
        self.diagnostics.setHeaderLabels(["", "Code", "Message", "Line"])
        self.diagnostics.setRootIsDecorated(False)
        self.diagnostics.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.diagnostics.setColumnWidth(0, 28)
        self.diagnostics.setColumnWidth(1, 64)
        header = self.diagnostics.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.diagnostics.itemClicked.connect(self._diagnostic_clicked)
        self.diagnostics.itemActivated.connect(self._diagnostic_clicked)
        self.definition = QPlainTextEdit(self)
        self.definition.setReadOnly(True)
        self.definition.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.definition.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.definition.setPlaceholderText("Click a state to see its definition.")
        self.finding = QLabel(self)  # the full text of the diagnostic clicked last
        self.finding.setWordWrap(True)
        self.finding.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.finding.setVisible(False)
        details = QWidget(self)
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.finding)
        details_layout.addWidget(self.definition, 1)
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.addWidget(self.diagnostics)
        side.addWidget(details)
        side.setSizes([220, 420])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter)
        self.run_panel = WorkflowRunPanel.attach(self)

    def sizeHint(self) -> QSize:
        return QSize(1100, 700)

    # -- public API ----------------------------------------------------------------------------

    def open_file(self, path: Path) -> None:
        """Show `path` (loading runs in the background; `loaded` fires when it is drawn)."""
        self._path = Path(path).resolve()
        self._chosen = None
        self.watch.watch(self._watched_files())
        self.statusMessage.emit(f"Loading {self._path.name}…")
        self.loader.load(self._path)

    def show_text(self, text: str, path: Path) -> None:
        """Lay out and draw `text` now, on this thread (scripts and benchmarks)."""
        self._path, self._chosen = Path(path), None
        self.show_document(load_workflow(self._path, None, qt_text_measure(), text=text))

    def clear(self) -> None:
        """Show nothing (and stop watching the file)."""
        self._path, self._chosen = None, None
        self.document = None
        self.watch.watch([])
        self.graph_scene = None
        self.view.setScene(None)
        self.diagnostics.clear()
        self.definition.clear()
        self.stack.setCurrentWidget(self.placeholder)

    def zoom_in(self) -> None:
        self.view.zoom_in()

    def zoom_out(self) -> None:
        self.view.zoom_out()

    def fit(self) -> None:
        self.view.fit()

    def select_node(self, node_id: str) -> None:
        """Select a state, scroll it into view and show its definition."""
        if self.graph_scene is None or node_id not in self.graph_scene.state_items:
            return
        item = self.graph_scene.state_items[node_id]
        self.graph_scene.clearSelection()
        item.setSelected(True)
        self.view.ensureVisible(item, 40, 40)

    def selected_node(self) -> str | None:
        if self.graph_scene is None:
            return None
        try:
            selected = self.graph_scene.selectedItems()
        except RuntimeError:  # the scene's C++ half is gone (the window is closing)
            return None
        return self.graph_scene.node_at(selected[0]) if selected else None

    def export_svg(self, path: Path) -> None:
        """The core's SVG of the shown layout, with the states in error marked."""
        if self.document is None or self.document.layout is None:
            raise ValueError("no workflow is shown")
        title = self.document.title
        svg = render_svg(self.document.layout, self.document.errors, title=title)
        Path(path).write_text(svg, encoding="utf-8")

    def export_png(self, path: Path, scale: float = PNG_SCALE) -> None:
        """The scene as drawn here (selection left out), at `scale` times its size."""
        if self.graph_scene is None:
            raise ValueError("no workflow is shown")
        selected = self.selected_node()
        self.graph_scene.clearSelection()
        source = self.graph_scene.sceneRect()
        image = QImage(round(source.width() * scale), round(source.height() * scale),
                       QImage.Format.Format_ARGB32)  # fmt: skip
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)  # fmt: skip
        self.graph_scene.render(painter, QRectF(image.rect()), source)
        painter.end()
        if selected:
            self.select_node(selected)
        if not image.save(str(path), "PNG"):  # type: ignore[call-overload]  # stubs want bytes
            raise OSError(f"cannot write {path}")

    # -- loading -------------------------------------------------------------------------------

    def _choose_machine(self, index: int) -> None:
        if self._path is not None and self.document and index not in (-1, self.document.index):
            self._chosen = self.document.machines[index]
            self.loader.load(self._path, self._chosen)

    def _watched_files(self) -> list[Path]:
        """The open file, and the definition a template links to with DefinitionUri."""
        files = [self._path] if self._path is not None else []
        linked = self.document.linked_file if self.document else None
        return files + ([linked] if linked is not None else [])

    def _reload_from_disk(self) -> None:
        if self._path is not None:
            self.loader.load(self._path, self._chosen)

    def show_document(self, document: WorkflowDocument) -> None:
        """Draw a loaded document (what the background loader delivers)."""
        previous = self.document
        if previous is not None and _fingerprint(previous) == _fingerprint(document):
            return  # touched, not changed: keep selection and zoom as they are
        self.document = document
        if document.linked_file != (previous.linked_file if previous else None):
            self.watch.watch(self._watched_files())
        keep_view = previous is not None and (previous.path, previous.title) == (
            document.path,
            document.title,
        )
        selected = self.selected_node() if keep_view else None
        self._fill_chooser(document)
        self._fill_diagnostics(document)
        if document.layout is None:
            self.graph_scene = None
            self.view.setScene(None)
            self.placeholder.setText(document.error or "Nothing to show.")
            self.stack.setCurrentWidget(self.placeholder)
            self.statusMessage.emit(f"{document.path.name}: {document.error}")
            self.loaded.emit()
            return
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        scale = self.view.scale_factor()
        old_scene = self.graph_scene
        self.graph_scene = WorkflowScene(document.layout, document.errors)
        self.graph_scene.selectionChanged.connect(self._selection_changed)
        self.view.setScene(self.graph_scene)
        if old_scene is not None:
            old_scene.selectionChanged.disconnect(self._selection_changed)
            old_scene.deleteLater()
        self.stack.setCurrentWidget(self.view)
        if keep_view:
            self.view.set_scale(scale)
            self.view.centerOn(centre)
        else:
            self._first_view()
        if selected:
            self.select_node(selected)
        else:
            self.definition.clear()
        self.statusMessage.emit(document.notice or self._summary(document))
        self.loaded.emit()

    def _first_view(self) -> None:
        """The whole graph when it can be read that way; else readable, from the Start."""
        self.view.fit()
        if self.view.scale_factor() >= READABLE_SCALE or self.graph_scene is None:
            return
        self.view.set_scale(READABLE_SCALE)
        start = self.graph_scene.state_items.get(START_ID)
        top = start.sceneBoundingRect() if start else self.graph_scene.sceneRect()
        half_height = self.view.viewport().height() / 2 / READABLE_SCALE
        self.view.centerOn(top.center().x(), top.top() - 24 + half_height)

    def _summary(self, document: WorkflowDocument) -> str:
        errors = sum(d.severity is Severity.ERROR for d in document.diagnostics)
        warnings = len(document.diagnostics) - errors
        name = document.title
        return (
            f"{name}: {document.state_count} states, {errors} errors, {warnings} other findings"
            f" (laid out in {document.seconds * 1000:.0f} ms)"
        )

    def _fill_chooser(self, document: WorkflowDocument) -> None:
        self.machine_chooser.blockSignals(True)
        self.machine_chooser.clear()
        self.machine_chooser.addItems(list(document.machines))
        self.machine_chooser.setCurrentIndex(document.index)
        self.machine_chooser.blockSignals(False)
        self._chooser_action.setVisible(len(document.machines) > 1)

    def _fill_diagnostics(self, document: WorkflowDocument) -> None:
        self.diagnostics.clear()
        style = self.style()
        found = zip(document.diagnostics, document.node_of, document.files, strict=True)
        for diagnostic, node_id, file in found:
            line = str(diagnostic.range.start.line + 1)
            if file != document.path:  # a definition linked with DefinitionUri
                line = f"{file.name}:{line}"
            item = QTreeWidgetItem(["", diagnostic.code, diagnostic.message, line])
            icon = _ICONS.get(diagnostic.severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
            item.setIcon(0, style.standardIcon(icon))
            item.setToolTip(0, diagnostic.severity.value)
            item.setToolTip(2, diagnostic.message)
            item.setData(0, Qt.ItemDataRole.UserRole, node_id)
            self.diagnostics.addTopLevelItem(item)
        if document.error and document.layout is not None:
            self.diagnostics.addTopLevelItem(QTreeWidgetItem(["", "", document.error, ""]))

    # -- interaction ---------------------------------------------------------------------------

    def _diagnostic_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        node_id = item.data(0, Qt.ItemDataRole.UserRole)
        note = f"{item.text(1)} (line {item.text(3)}): {item.text(2)}" if item.text(1) else ""
        if node_id:
            self.select_node(str(node_id))
        self._show_definition(str(node_id) if node_id else None, note)

    def _selection_changed(self) -> None:
        node_id = self.selected_node()
        if node_id is not None:
            self._show_definition(node_id)
        for row in range(self.diagnostics.topLevelItemCount()):  # the state's own findings
            item = self.diagnostics.topLevelItem(row)
            if item is not None:
                mine = item.data(0, Qt.ItemDataRole.UserRole) == node_id
                item.setSelected(node_id is not None and mine)

    def _show_definition(self, node_id: str | None, note: str = "") -> None:
        """The state's definition, under the full text of the diagnostic that led here."""
        document = self.document
        graph = document.layout.graph if document and document.layout else None
        node = graph.node(node_id) if graph and node_id else None
        self.finding.setText(note)
        self.finding.setVisible(bool(note))
        if node is None or document is None:
            self.definition.clear()
            return
        heading = f"# {node.name} ({node.kind})"
        self.definition.setPlainText(f"{heading}\n{document.definition_text(node.id)}")
        self.statusMessage.emit(f"{node.name}: {node.detail or node.kind}")

    def _ask_open(self) -> None:
        start = str(self._path.parent) if self._path else ""
        kinds = "Workflows and templates (*.json *.yaml *.yml *.asl);;All files (*)"
        chosen, _ = QFileDialog.getOpenFileName(self, "Open workflow", start, kinds)
        if chosen:
            self.open_file(Path(chosen))

    def _ask_png(self) -> None:
        self._ask_export("PNG image (*.png)", ".png", self.export_png)

    def _ask_svg(self) -> None:
        self._ask_export("SVG image (*.svg)", ".svg", self.export_svg)

    def _ask_export(self, kind: str, suffix: str, export: object) -> None:
        if self.document is None or self.document.layout is None:
            self.statusMessage.emit("Nothing to export: open a workflow first")
            return
        stem = self.document.title.split(".")[0]
        start = str(self.document.path.with_name(stem + suffix))
        chosen, _ = QFileDialog.getSaveFileName(self, "Export diagram", start, kind)
        if not chosen:
            return
        try:
            export(Path(chosen))  # type: ignore[operator]
        except OSError as error:
            self.statusMessage.emit(f"Export failed: {error}")
            return
        self.statusMessage.emit(f"Exported {chosen}")
