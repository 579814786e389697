"""The main window: registry browser and schema panel, workflow preview, pattern tester.

The window wires panels together and owns the application-level behaviour: menus and
shortcuts, drops, recent files, remembered geometry, live refresh and discovery.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QWidget,
)

from eventsmith.app.app_settings import AppSettings
from eventsmith.app.desktop import app_icon
from eventsmith.app.discovery_runner import DiscoveryRunner
from eventsmith.app.discovery_summary import DiscoverySummary
from eventsmith.app.discovery_ui import DiscoveryProgress, DiscoverySummaryDialog
from eventsmith.app.error_dialog import show_error
from eventsmith.app.file_kinds import FileKind, split_by_kind
from eventsmith.app.lazy_tab import LazyTab
from eventsmith.app.menus import build_menus
from eventsmith.app.registry_access import RegistryAccess, RegistryWatcher
from eventsmith.app.registry_browser import RegistryBrowser
from eventsmith.app.registry_tree import TreeKey
from eventsmith.app.schema_panel import SchemaPanel
from eventsmith.registry import DEFAULT_REGISTRY, RegistryChanges

REGISTRY_TAB, WORKFLOW_TAB, PATTERN_TAB = range(3)
_LOAD_FORMATS_AFTER_MS = 300


class MainWindow(QMainWindow):
    def __init__(self, registry_path: Path, settings: QSettings | None = None) -> None:
        super().__init__()
        self.registry_path = registry_path
        self.settings = AppSettings(settings)
        self.access = RegistryAccess(registry_path)
        self.setWindowTitle(f"eventsmith — {registry_path.name}")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._summary_dialog: DiscoverySummaryDialog | None = None
        self.discovery_offer: QMessageBox | None = None
        self._zoom = 0

        self.browser = RegistryBrowser(self.access)
        self.schema = SchemaPanel(self.access)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.browser)
        self.split.addWidget(self.schema)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([420, 860])
        self.workflow_tab = LazyTab(self._workflow_preview)
        self.pattern_tab = LazyTab(self._pattern_tester)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.split, "Registry")
        self.tabs.addTab(self.workflow_tab, "Workflow")
        self.tabs.addTab(self.pattern_tab, "Pattern Tester")
        self.setCentralWidget(self.tabs)

        self.progress = DiscoveryProgress()
        self.registry_label = QLabel(str(registry_path))
        self.registry_label.setToolTip("The registry file this window shows")
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.registry_label)
        self.runner = DiscoveryRunner(registry_path, self)
        self.runner.started.connect(self.progress.begin)
        self.runner.progress.connect(self.progress.advance)
        self.runner.finished.connect(self._discovery_finished)
        self.runner.failed.connect(self._discovery_failed)
        self.progress.cancelRequested.connect(self.cancel_discovery)

        self.browser.selected.connect(self._selected)
        self.schema.statusMessage.connect(self.show_status)
        self.watcher = RegistryWatcher(self.access, self)
        self.watcher.changed.connect(self.refresh)
        self.actions_by_name = build_menus(self)
        self.browser.reload()
        self._restore_window()
        self.show_status("Ready. Drop event files or folders on the window to discover schemas.")
        # After the first paint (cold start stays lean), before the user's first click.
        QTimer.singleShot(_LOAD_FORMATS_AFTER_MS, self.access.load_formats_in_background)

    def _workflow_preview(self) -> QWidget:
        from eventsmith.app.workflow_preview import WorkflowPreview

        preview = WorkflowPreview()
        preview.statusMessage.connect(self.show_status)
        return preview

    def _pattern_tester(self) -> QWidget:
        from eventsmith.app.pattern_tester import PatternTester

        tester = PatternTester(self.registry_path)
        tester.statusMessage.connect(self.show_status)
        return tester

    # -- status ----------------------------------------------------------------------------

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # -- registry --------------------------------------------------------------------------

    def _selected(self, key: TreeKey | None) -> None:
        if key is not None:
            self.schema.show_key(key)

    def find_schema(self) -> None:
        self.tabs.setCurrentIndex(REGISTRY_TAB)
        self.browser.focus_filter()

    def refresh(self, changes: RegistryChanges | None = None) -> None:
        """Re-read the registry listing; selection, expansion and scroll position stay.

        The schema panel is rebuilt only when the schema it shows is among `changes` (always
        when the changes are unknown).
        """
        key = self.schema.key
        self.browser.reload(changes)
        if self.pattern_tab.created():
            self.pattern_tab.widget().refresh_schemas()  # type: ignore[attr-defined]
        if key is None or key.name is None:
            return
        touched = changes is None or not changes.complete
        if not touched and changes is not None:
            touched = (key.registry, key.name) in changes.names()
        if touched:
            self.schema.show_key(key)

    # -- discovery -------------------------------------------------------------------------

    def discover(self, paths: Sequence[Path]) -> bool:
        if not paths:
            return False
        if not self.runner.start(list(paths)):
            self.show_status("A discovery is already running; wait for it or cancel it.")
            return False
        names = ", ".join(path.name for path in list(paths)[:3])
        more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
        self.show_status(f"Discovering schemas from {names}{more}…")
        return True

    def offer_discovery(self, paths: Sequence[Path]) -> QMessageBox:
        """Ask before discovering files given on the command line (they may be large)."""
        listing = "\n".join(f"  {path}" for path in list(paths)[:8])
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Discover schemas?",
            f"Discover event schemas from these files into {self.registry_path.name}?\n\n{listing}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.accepted.connect(lambda: self.discover(paths))
        box.open()
        self.discovery_offer = box
        return box

    def cancel_discovery(self) -> None:
        self.progress.cancelling()
        self.runner.cancel()

    def _discovery_finished(self, summary: DiscoverySummary) -> None:
        self.progress.hide()
        self.watcher.poll()  # the run committed on another connection: redraw now, not next tick
        self.show_status(summary.headline())
        if summary.cancelled:
            return
        if summary.new_schemas and self.browser.current_key() is None:
            self.browser.select(TreeKey(DEFAULT_REGISTRY, summary.new_schemas[0]))
        self._summary_dialog = DiscoverySummaryDialog(summary, self)
        self._summary_dialog.open()

    def _discovery_failed(self, message: str) -> None:
        self.progress.hide()
        show_error(self, "Discovery failed", f"Discovery stopped: {message}")

    # -- files -----------------------------------------------------------------------------

    def open_paths(self, paths: Sequence[Path], *, ask_before_discovery: bool = True) -> None:
        """Route files to their panel: workflows, patterns, and events for discovery."""
        missing = [path for path in paths if not path.exists()]
        if missing:
            show_error(self, "File not found", "\n".join(f"Not found: {p}" for p in missing))
        grouped = split_by_kind([path for path in paths if path.exists()])
        for path in grouped[FileKind.WORKFLOW]:
            self.workflow_tab.widget().open_file(path)  # type: ignore[attr-defined]
            self.tabs.setCurrentIndex(WORKFLOW_TAB)
            self._remember(path)
        for path in grouped[FileKind.PATTERN]:
            self.pattern_tab.widget().open_pattern(path)  # type: ignore[attr-defined]
            self.tabs.setCurrentIndex(PATTERN_TAB)
            self._remember(path)
        events = grouped[FileKind.EVENTS]
        if events:
            for path in events:
                self._remember(path)
            if ask_before_discovery:
                self.offer_discovery(events)
            else:
                self.tabs.setCurrentIndex(REGISTRY_TAB)
                self.discover(events)

    def _remember(self, path: Path) -> None:
        self.settings.add_recent(path)
        menus = self.actions_by_name.get("recent_menu")
        if menus is not None:
            menus.refresh()  # type: ignore[attr-defined]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths, ask_before_discovery=False)

    def save(self) -> None:
        """Ctrl+S: export the graph on the workflow tab, save bindings elsewhere."""
        if self.tabs.currentIndex() != WORKFLOW_TAB or not self.workflow_tab.created():
            self.schema.bindings.save_dialog()
            return
        name, chosen = QFileDialog.getSaveFileName(
            self, "Export Workflow Graph", "", "SVG image (*.svg);;PNG image (*.png)"
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".svg", ".png"):
            path = path.with_suffix(".png" if "PNG" in chosen else ".svg")
        preview = self.workflow_tab.widget()
        try:
            if path.suffix.lower() == ".png":
                preview.export_png(path)  # type: ignore[attr-defined]
            else:
                preview.export_svg(path)  # type: ignore[attr-defined]
        except (OSError, ValueError) as error:
            show_error(self, "Export failed", f"Could not export the graph to {path}: {error}")
            return
        self.show_status(f"Exported the graph to {path}.")

    # -- view ------------------------------------------------------------------------------

    def zoom(self, steps: int) -> None:
        """Zoom the workflow graph on its tab; elsewhere the text of the schema panel."""
        current = self.tabs.currentIndex()
        if current == WORKFLOW_TAB and self.workflow_tab.created():
            preview = self.workflow_tab.widget()
            if steps == 0:
                preview.fit()  # type: ignore[attr-defined]
            elif steps > 0:
                preview.zoom_in()  # type: ignore[attr-defined]
            else:
                preview.zoom_out()  # type: ignore[attr-defined]
            return
        level = 0 if steps == 0 else max(-4, min(8, self._zoom + steps))
        change, self._zoom = level - self._zoom, level
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() + level))
        self.schema.setFont(font)
        self.browser.tree.setFont(font)
        # Code views set their own monospaced font, which a parent's font does not reach.
        for view in self.schema.findChildren(QPlainTextEdit):
            view.zoomIn(change)

    # -- lifecycle -------------------------------------------------------------------------

    def _restore_window(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.watcher.stop()
        self.runner.wait()
        self.schema.bindings.wait()
        self.access.close()
        super().closeEvent(event)
