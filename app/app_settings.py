"""What the app remembers between runs (QSettings): window geometry and recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self.qsettings = settings if settings is not None else QSettings()

    def recent_files(self) -> list[Path]:
        value = self.qsettings.value("recentFiles", [])
        if isinstance(value, str):  # QSettings hands back a lone string for a one-item list
            value = [value]
        items = value if isinstance(value, list) else []
        return [Path(item) for item in items if isinstance(item, str)]

    def add_recent(self, path: Path) -> list[Path]:
        path = path.resolve()
        recent = [path] + [item for item in self.recent_files() if item != path]
        recent = recent[:MAX_RECENT]
        self.qsettings.setValue("recentFiles", [str(item) for item in recent])
        return recent

    def clear_recent(self) -> None:
        self.qsettings.setValue("recentFiles", [])

    def geometry(self) -> QByteArray | None:
        value = self.qsettings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self.qsettings.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.setValue("window/state", state)
        self.qsettings.sync()
