"""Watching a workflow's files for the preview: the file itself and a template's linked one.

QFileSystemWatcher alone is not enough for editors: many save by writing a temporary file and
renaming it over the old one, which drops the old file from the watch list, and they touch
swap and backup files in the same folder. So the folders are watched too, a burst of events is
waited out, renamed-over files are watched again, and `changed` fires only when a watched
file's modification time or size actually moved.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 150

Stamp = tuple[int, int] | None


def _stamp(file: Path) -> Stamp:
    try:
        found = file.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


class WorkflowWatch(QObject):
    """Emits `changed` after one of the watched files changed on disk (see the module doc)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._files: list[Path] = []
        self._stamps: tuple[Stamp, ...] = ()
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._touched)
        self._watcher.directoryChanged.connect(self._touched)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._settled)

    def watch(self, files: Sequence[Path]) -> None:
        """Watch these files (and their folders) from now on, as they are now."""
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._files = list(files)
        for file in self._files:
            self._watcher.addPath(str(file.parent))
            if file.exists():
                self._watcher.addPath(str(file))
        self._stamps = tuple(_stamp(file) for file in self._files)

    def _touched(self, _path: str) -> None:
        self._settle.start()  # editors write in bursts: wait for the last write

    def _settled(self) -> None:
        for file in self._files:  # a file replaced by rename is no longer watched
            if file.exists() and str(file) not in self._watcher.files():
                self._watcher.addPath(str(file))
        stamps = tuple(_stamp(file) for file in self._files)
        if stamps != self._stamps:
            self._stamps = stamps
            self.changed.emit()
