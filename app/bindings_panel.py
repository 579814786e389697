"""Code bindings for the selected version: Python and TypeScript previews, Copy, and Save.

Generation runs on a one-thread pool: the Python generator takes a moment the first time
(datamodel-code-generator loads), and the window must not freeze meanwhile. Results that
arrive for a version the user has since left are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from eventsmith.app.highlight import code_view
from eventsmith.registry import SchemaInfo, SchemaVersion

if TYPE_CHECKING:
    from eventsmith.codegen import Bindings

LANGUAGE_TITLES = {"python": "Python (pydantic v2)", "typescript": "TypeScript"}
LAYOUT_TITLES = {"eventbridge": "EventBridge package layout", "flat": "Flat: one file per schema"}


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, ticket: int, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._ticket, self._work, self._signals = ticket, work, signals

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # reported in the panel, never a traceback
            self._signals.failed.emit(self._ticket, f"{type(error).__name__}: {error}")
        else:
            self._signals.done.emit(self._ticket, result)


def main_file_text(bindings: Bindings) -> str:
    """The module generated for the schema (package markers left out)."""
    texts = [file.content for file in bindings.files if file.schema is not None]
    problems = [f"# {problem.schema}: {problem.message}" for problem in bindings.problems]
    return "\n\n".join(texts + problems)


_FIRST_TYPE = {
    "python": re.compile(r"^class (?!EventTime\b)\w+", re.MULTILINE),
    "typescript": re.compile(r"^export (interface|type|enum) ", re.MULTILINE),
}


def first_type_line(text: str, language: str) -> int:
    """The line of the first generated type (0 when none is found)."""
    match = _FIRST_TYPE[language].search(text)
    return text.count("\n", 0, match.start()) if match else 0


class BindingsPanel(QWidget):
    """One tab per language; Copy and Save act on the tab shown."""

    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._ticket = 0
        self._version: SchemaVersion | None = None
        self._info: SchemaInfo | None = None
        self._bindings: dict[str, Bindings] = {}
        self.tabs = QTabWidget()
        self.views = {language: code_view(language) for language in LANGUAGE_TITLES}
        for language, title in LANGUAGE_TITLES.items():
            self.tabs.addTab(self.views[language], title)
        self.layout_box = QComboBox()
        for layout_name, title in LAYOUT_TITLES.items():
            self.layout_box.addItem(title, layout_name)
        self.copy_button = QPushButton("Copy")
        self.save_button = QPushButton("Save to Folder…")
        self.state = QLabel()
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.save_dialog)
        bar = QHBoxLayout()
        bar.addWidget(self.state, 1)
        bar.addWidget(QLabel("Layout"))
        bar.addWidget(self.layout_box)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self._enable(False)

    def language(self) -> str:
        return list(LANGUAGE_TITLES)[self.tabs.currentIndex()]

    def _enable(self, ready: bool) -> None:
        self.copy_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def show_version(self, version: SchemaVersion, info: SchemaInfo | None) -> None:
        if self._version is not None and (
            self._version.content_hash,
            self._version.name,
        ) == (version.content_hash, version.name):
            return
        self._version, self._info = version, info
        self._bindings = {}
        self._ticket += 1
        self._enable(False)
        self.state.setText(f"Generating bindings for version {version.version}…")
        for view in self.views.values():
            view.setPlainText("")

        def generate() -> dict[str, Bindings]:
            # Imported here, on the worker: the code generators are the heaviest imports of the
            # app and the window should not wait for them to start.
            from eventsmith.codegen import generate_bindings, input_from_version

            schema = input_from_version(version, info)
            return {language: generate_bindings([schema], language) for language in LANGUAGE_TITLES}

        self._pool.start(_Job(self._ticket, generate, self._signals))

    def _done(self, ticket: int, result: object) -> None:
        if ticket != self._ticket or not isinstance(result, dict):
            return
        self._bindings = result
        for language, bindings in result.items():
            view = self.views[language]
            text = main_file_text(bindings)
            view.setPlainText(text)
            # Open at the schema's own types, past the runtime helpers every module starts with.
            view.verticalScrollBar().setValue(first_type_line(text, language))
        version = self._version
        self.state.setText(f"{version.name} version {version.version}" if version else "")
        self._enable(True)

    def _failed(self, ticket: int, message: str) -> None:
        if ticket == self._ticket:
            self.state.setText(f"Could not generate bindings: {message}")

    def wait(self) -> bool:
        """Block until generation is done (tests, shutdown)."""
        return self._pool.waitForDone(60_000)

    def copy(self) -> None:
        text = self.views[self.language()].toPlainText()
        QApplication.clipboard().setText(text)
        self.statusMessage.emit(f"Copied the {LANGUAGE_TITLES[self.language()]} bindings.")

    def save_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Save Bindings to Folder")
        if folder:
            self.save(Path(folder))

    def save(self, folder: Path) -> list[str]:
        """Write the shown language's bindings under `folder` in the chosen layout."""
        if self._version is None:
            return []
        from eventsmith.codegen import generate_bindings, input_from_version, write_bindings

        layout = str(self.layout_box.currentData())
        schema = input_from_version(self._version, self._info)
        bindings = generate_bindings([schema], self.language(), layout)
        written = [str(path) for path in write_bindings(folder, bindings)]
        self.statusMessage.emit(f"Wrote {len(written)} file(s) to {folder}.")
        return written
