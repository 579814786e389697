"""The application object: name, icon, style, and the light or dark palette of the system.

Qt follows the desktop's colour scheme through `QStyleHints.colorScheme()`; where the platform
does not say (offscreen, bare X servers), `EVENTSMITH_THEME=dark|light` decides, so screenshots
and tests can ask for either.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from eventsmith.app.ui_thread_gc import UiThreadGarbageCollector

ORGANIZATION = "eventsmith"
APPLICATION = "eventsmith"


def app_icon() -> QIcon:
    import eventsmith.resources

    # The package's folder: importlib.resources would cost a noticeable import at cold start.
    icons = Path(eventsmith.resources.__file__).parent / "icons"
    icon = QIcon()
    for name in ("eventsmith.svg", "eventsmith.png"):
        icon.addFile(str(icons / name))
    return icon


def wants_dark() -> bool:
    forced = os.environ.get("EVENTSMITH_THEME", "").lower()
    if forced in ("dark", "light"):
        return forced == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def _dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a",
        QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.ToolTipBase: "#303134",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2d2f33",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Light: "#3c4043",
        QPalette.ColorRole.Midlight: "#34363a",
        QPalette.ColorRole.Mid: "#2a2c2f",
        QPalette.ColorRole.Dark: "#141517",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#8a5cf0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#a98bff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f737a"))
    return palette


def _light_palette(app: QApplication) -> QPalette:
    palette = app.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#7b3fe4"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#6a2fd0"))
    return palette


def apply_palette(app: QApplication) -> None:
    app.setPalette(_dark_palette() if wants_dark() else _light_palette(app))


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, created on first call and set up for eventsmith."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QCoreApplication.setOrganizationName(ORGANIZATION)
        QCoreApplication.setApplicationName(APPLICATION)
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_palette(app))
    if app.findChild(UiThreadGarbageCollector) is None:
        UiThreadGarbageCollector(app)
    app.setApplicationDisplayName("eventsmith")
    app.setDesktopFileName("eventsmith")
    app.setWindowIcon(app_icon())
    app.setStyle("Fusion")
    apply_palette(app)
    return app


def version() -> str:
    """The installed eventsmith version (read on demand: importlib.metadata is slow to load)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eventsmith")
    except PackageNotFoundError:
        return "unknown"
