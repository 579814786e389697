"""Stored samples of a schema, and checking a pasted or dropped event against a version."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from eventsmith.app.highlight import CodeHighlighter, code_view
from eventsmith.app.registry_access import EventCheck, RegistryAccess, pretty_json
from eventsmith.registry import SchemaVersion

_MAX_DROPPED_BYTES = 1_000_000


def sample_title(number: int, sample: Any) -> str:
    if isinstance(sample, dict):
        parts = [str(sample[key]) for key in ("time", "id") if isinstance(sample.get(key), str)]
        if parts:
            return f"#{number}  " + "  ".join(parts)
    return f"#{number}"


class SamplesView(QSplitter):
    """The events kept for a schema (newest last), one of them shown as highlighted JSON."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.list = QListWidget()
        self.text = code_view("json")
        self.addWidget(self.list)
        self.addWidget(self.text)
        self.setSizes([220, 600])
        self._samples: list[Any] = []
        self.list.currentRowChanged.connect(self._show)

    def show_samples(self, samples: list[Any]) -> None:
        self._samples = samples
        self.list.clear()
        self.list.addItems([sample_title(n, s) for n, s in enumerate(samples, 1)])
        if samples:
            self.list.setCurrentRow(len(samples) - 1)
        else:
            self.text.setPlainText("No samples stored for this schema.")

    def _show(self, row: int) -> None:
        if 0 <= row < len(self._samples):
            self.text.setPlainText(pretty_json(self._samples[row]))


class _EventEditor(QPlainTextEdit):
    """A plain editor that takes a dropped file's text instead of its path."""

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        local = [url.toLocalFile() for url in source.urls() if url.isLocalFile()]
        if local:
            path = Path(local[0])
            try:
                with path.open("rb") as stream:
                    data = stream.read(_MAX_DROPPED_BYTES)
                self.setPlainText(data.decode("utf-8", errors="replace"))
            except OSError as error:
                self.setPlainText(f"// could not read {path}: {error.strerror}")
            return
        super().insertFromMimeData(source)


class EventCheckView(QWidget):
    """Paste or drop an event; it is checked against the version as you type."""

    def __init__(self, access: RegistryAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self._version: SchemaVersion | None = None
        self.editor = _EventEditor()
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setPlaceholderText("Paste an event here, or drop an event file…")
        self._highlighter = CodeHighlighter(self.editor.document(), "json")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.errors = QListWidget()
        self.use_sample = QPushButton("Start from the latest sample")
        self._sample: Any = None
        self.use_sample.clicked.connect(self._fill_sample)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.check)
        self.editor.textChanged.connect(self._debounce.start)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.editor)
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.verdict)
        results_layout.addWidget(self.errors)
        split.addWidget(results)
        split.setSizes([320, 160])
        layout = QVBoxLayout(self)
        layout.addWidget(self.use_sample, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(split, 1)

    def set_version(self, version: SchemaVersion, latest_sample: Any) -> None:
        self._version = version
        self._sample = latest_sample
        self.use_sample.setEnabled(latest_sample is not None)
        self.check()

    def _fill_sample(self) -> None:
        if self._sample is not None:
            self.editor.setPlainText(pretty_json(self._sample))

    def check(self) -> EventCheck | None:
        self.errors.clear()
        text = self.editor.toPlainText()
        if self._version is None or not text.strip():
            self.verdict.setText("Paste or drop an event to check it against this version.")
            return None
        result = self._access.check_event(self._version, text)
        name = f"{self._version.name} version {self._version.version}"
        if result.parse_error is not None:
            self.verdict.setText(f"<b>Cannot check:</b> {result.parse_error}")
        elif result.valid:
            self.verdict.setText(f"<span style='color:#2e7d32'><b>Valid</b></span> for {name}.")
        else:
            count = len(result.errors)
            self.verdict.setText(
                f"<span style='color:#c62828'><b>Invalid</b></span> for {name}: "
                f"{count} problem{'s' if count != 1 else ''}."
            )
            for pointer, message in result.errors:
                item = QListWidgetItem(f"{pointer or '/'}: {message}")
                item.setForeground(QColor("#c62828"))
                self.errors.addItem(item)
        return result

    def set_event_text(self, value: Any) -> None:
        self.editor.setPlainText(value if isinstance(value, str) else json.dumps(value, indent=2))
