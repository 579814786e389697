"""Menus, shortcuts and the About box of the main window."""

from __future__ import annotations

import platform
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from eventsmith.app.desktop import version as eventsmith_version

if TYPE_CHECKING:
    from eventsmith.app.main_window import MainWindow

OPEN_FILTER = (
    "Workflows, patterns and events (*.json *.jsonl *.ndjson *.gz *.yaml *.yml);;All files (*)"
)


class RecentMenu(QObject):
    """File → Open Recent, rebuilt from the settings whenever a file is opened."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self._window, self._menu = window, menu
        self.refresh()

    def refresh(self) -> None:
        self._menu.clear()
        recent = self._window.settings.recent_files()
        for number, path in enumerate(recent, 1):
            action = self._menu.addAction(f"&{number % 10}  {path.name}")
            action.setToolTip(str(path))
            action.setData(str(path))
            action.triggered.connect(lambda _=False, p=path: self._window.open_paths([p]))
        if recent:
            self._menu.addSeparator()
        clear = self._menu.addAction("Clear Recent Files")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self._clear)

    def _clear(self) -> None:
        self._window.settings.clear_recent()
        self.refresh()


def _action(
    window: MainWindow,
    menu: QMenu,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    menu.addAction(action)
    return action


def build_menus(window: MainWindow) -> dict[str, QObject]:
    bar = window.menuBar()
    keys = QKeySequence.StandardKey
    file_menu = bar.addMenu("&File")
    open_action = _action(window, file_menu, "&Open…", keys.Open)
    open_action.triggered.connect(lambda: _open_files(window))
    recent = RecentMenu(window, file_menu.addMenu("Open &Recent"))
    file_menu.addSeparator()
    discover = _action(window, file_menu, "&Discover from Files…", "Ctrl+D")
    discover.triggered.connect(lambda: _discover_files(window))
    discover_folder = _action(window, file_menu, "Discover from &Folder…", "Ctrl+Shift+D")
    discover_folder.triggered.connect(lambda: _discover_folder(window))
    file_menu.addSeparator()
    save = _action(window, file_menu, "&Save Bindings / Export Graph…", keys.Save)
    save.triggered.connect(window.save)
    file_menu.addSeparator()
    quit_action = _action(window, file_menu, "&Quit", keys.Quit)
    quit_action.triggered.connect(window.close)

    edit_menu = bar.addMenu("&Edit")
    find = _action(window, edit_menu, "&Find Schema…", keys.Find)
    find.triggered.connect(window.find_schema)
    copy_bindings = _action(window, edit_menu, "Copy &Bindings", "Ctrl+Shift+C")
    copy_bindings.triggered.connect(window.schema.bindings.copy)

    view_menu = bar.addMenu("&View")
    zoom_in = _action(window, view_menu, "Zoom &In", keys.ZoomIn)
    zoom_in.triggered.connect(lambda: window.zoom(1))
    zoom_out = _action(window, view_menu, "Zoom &Out", keys.ZoomOut)
    zoom_out.triggered.connect(lambda: window.zoom(-1))
    fit = _action(window, view_menu, "&Fit / Actual Size", "Ctrl+0")
    fit.triggered.connect(lambda: window.zoom(0))
    view_menu.addSeparator()
    reload = _action(window, view_menu, "&Reload Registry", keys.Refresh)
    reload.triggered.connect(lambda: window.refresh())
    for number, title in enumerate(("&Registry", "&Workflow", "&Pattern Tester"), 1):
        tab = _action(window, view_menu, title, f"Alt+{number}")
        tab.triggered.connect(lambda _=False, n=number - 1: window.tabs.setCurrentIndex(n))

    help_menu = bar.addMenu("&Help")
    about = _action(window, help_menu, "&About eventsmith")
    about.triggered.connect(lambda: show_about(window))
    about_qt = _action(window, help_menu, "About &Qt")
    about_qt.triggered.connect(QApplication.aboutQt)
    return {
        "open": open_action,
        "recent_menu": recent,
        "discover": discover,
        "discover_folder": discover_folder,
        "save": save,
        "find": find,
        "zoom_in": zoom_in,
        "zoom_out": zoom_out,
        "fit": fit,
        "reload": reload,
        "about": about,
    }


def _open_files(window: MainWindow) -> None:
    names, _ = QFileDialog.getOpenFileNames(window, "Open", "", OPEN_FILTER)
    if names:
        window.open_paths([Path(name) for name in names], ask_before_discovery=False)


def _discover_files(window: MainWindow) -> None:
    names, _ = QFileDialog.getOpenFileNames(
        window, "Discover Schemas from Event Files", "", OPEN_FILTER
    )
    if names:
        window.discover([Path(name) for name in names])


def _discover_folder(window: MainWindow) -> None:
    folder = QFileDialog.getExistingDirectory(window, "Discover Schemas from a Folder")
    if folder:
        window.discover([Path(folder)])


def about_text(window: MainWindow) -> str:
    version = eventsmith_version()
    return (
        f"<h3>eventsmith {version}</h3>"
        "<p>Schemas, code bindings, workflows and rule patterns for Amazon EventBridge and "
        "AWS Step Functions — offline, on your machine.</p>"
        f"<p>Registry: <code>{window.registry_path}</code></p>"
        f"<p><small>Qt {qVersion()} · Python {platform.python_version()} · Apache-2.0</small></p>"
    )


def show_about(window: MainWindow) -> QMessageBox:
    box = QMessageBox(window)
    box.setWindowTitle("About eventsmith")
    box.setIconPixmap(window.windowIcon().pixmap(64, 64))
    box.setText(about_text(window))
    box.open()
    return box
