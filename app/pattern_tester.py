"""The pattern tester: edit an EventBridge pattern, try it on events, see which match and why not.

The pattern is checked as you type (after a short pause) with the patterns core's messages and
their places in the text, which are underlined; with a registry schema chosen, fields its
events never have are flagged too. Events come from the registry's stored samples or from
files; each gets a verdict, and each miss the core's explanation, one reason per line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontDatabase, QShowEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from eventsmith.app.pattern_events import (
    TestEvent,
    Verdict,
    read_event_files,
    registry_samples,
    schema_names,
    try_pattern,
)
from eventsmith.asl import Range
from eventsmith.patterns import PatternDiagnostic, PatternError, parse_pattern, pattern_diagnostics

CHECK_DELAY_MS = 300
NO_SCHEMA = "(no schema)"
MATCHED = QColor("#037f0c")
MISSED = QColor("#d91515")
EXAMPLE = '{\n  "source": ["com.example.checkout"],\n  "detail-type": ["OrderPlaced"]\n}\n'


def text_offset(text: str, line: int, character: int) -> int:
    """A zero-based (line, code point) position as a QTextDocument position (UTF-16 units)."""
    lines = text.split("\n")
    if line >= len(lines):
        return len(text.encode("utf-16-le")) // 2
    before = "\n".join(lines[:line]) + ("\n" if line else "")
    within = lines[line][:character]
    return (len(before.encode("utf-16-le")) + len(within.encode("utf-16-le"))) // 2


class PatternTester(QWidget):
    """See the module docstring; `checked` fires after each check of the pattern and events."""

    statusMessage = Signal(str)
    checked = Signal()

    def __init__(self, registry_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry_path = Path(registry_path)
        self.events: list[TestEvent] = []
        self.verdicts: list[Verdict] = []
        self.diagnostics: tuple[PatternDiagnostic, ...] = ()
        self._schema: dict[str, Any] | None = None
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        self._build()
        self.editor.setPlainText(EXAMPLE)

    def _build(self) -> None:
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.editor = QPlainTextEdit(self)
        self.editor.setFont(mono)
        self.editor.setTabStopDistance(4 * self.editor.fontMetrics().horizontalAdvance(" "))
        self.editor.textChanged.connect(self._timer.start)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_button = QPushButton("Open pattern…", self)
        open_button.clicked.connect(self._ask_pattern)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Event pattern", self))
        left_layout.addWidget(self.editor, 1)
        left_layout.addWidget(self.problems)
        left_layout.addWidget(open_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.schema_chooser = QComboBox(self)
        self.schema_chooser.setMinimumContentsLength(24)
        self.schema_chooser.currentIndexChanged.connect(self._schema_chosen)
        self.add_samples_button = QPushButton("Add samples", self)
        self.add_samples_button.setToolTip(
            "Add the sample events the registry keeps for this schema"
        )
        self.add_samples_button.clicked.connect(self.add_schema_samples)
        files_button = QPushButton("Add event files…", self)
        files_button.clicked.connect(self._ask_event_files)
        clear_button = QPushButton("Clear", self)
        clear_button.clicked.connect(self.clear_events)
        sources = QHBoxLayout()
        sources.addWidget(QLabel("Schema:", self))
        sources.addWidget(self.schema_chooser, 1)
        sources.addWidget(self.add_samples_button)
        sources.addWidget(files_button)
        sources.addWidget(clear_button)
        self.results = QTreeWidget(self)
        self.results.setHeaderLabels(["Verdict", "Event", "From"])
        self.results.setColumnWidth(0, 130)
        self.results.setColumnWidth(1, 300)
        self.results.currentItemChanged.connect(self._show_event)
        self.event_view = QPlainTextEdit(self)
        self.event_view.setReadOnly(True)
        self.event_view.setFont(mono)
        self.event_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.event_view.setPlaceholderText("Select an event to see it.")
        results_split = QSplitter(Qt.Orientation.Vertical, self)
        results_split.addWidget(self.results)
        results_split.addWidget(self.event_view)
        results_split.setSizes([320, 160])
        self.summary = QLabel("No events yet: add files or registry samples.", self)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(sources)
        right_layout.addWidget(results_split, 1)
        right_layout.addWidget(self.summary)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([380, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def sizeHint(self) -> QSize:
        return QSize(1100, 650)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_schemas()

    # -- public API ------------------------------------------------------------------------

    def open_pattern(self, path: Path) -> None:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            self.statusMessage.emit(f"Cannot open {path}: {error}")
            return
        self.editor.setPlainText(text)
        self.check()
        self.statusMessage.emit(f"Opened pattern {Path(path).name}")

    def add_event_files(self, paths: list[Path]) -> None:
        events, skipped = read_event_files(paths)
        self._add(events, f"{len(events)} events from {len(paths)} file(s)", skipped)

    def add_schema_samples(self) -> None:
        name = self.schema_chooser.currentText()
        if name in ("", NO_SCHEMA):
            self.statusMessage.emit("Choose a schema first")
            return
        events, self._schema = registry_samples(self.registry_path, name)
        self._add(events, f"{len(events)} samples of {name}", [])

    def clear_events(self) -> None:
        self.events = []
        self.check()

    def refresh_schemas(self) -> None:
        current = self.schema_chooser.currentText()
        names = schema_names(self.registry_path)
        self.schema_chooser.blockSignals(True)
        self.schema_chooser.clear()
        self.schema_chooser.addItems([NO_SCHEMA, *names])
        if current in names:
            self.schema_chooser.setCurrentText(current)
        self.schema_chooser.blockSignals(False)
        self.add_samples_button.setEnabled(bool(names))
        if not names:
            self.schema_chooser.setToolTip(f"No schemas in {self.registry_path} yet")

    def check(self) -> None:
        """Validate the pattern now, underline its problems, and try it on every event."""
        self._timer.stop()
        text = self.editor.toPlainText()
        self.diagnostics = pattern_diagnostics(text, self._schema)
        self._underline(text, self.diagnostics)
        self.problems.setText("\n".join(self._describe(d) for d in self.diagnostics))
        pattern = parse_pattern(text)
        invalid = isinstance(pattern, PatternError)
        self.verdicts = (
            [] if isinstance(pattern, PatternError) else try_pattern(pattern, self.events)
        )
        self._show_verdicts(invalid)
        self.checked.emit()

    # -- internals -------------------------------------------------------------------------

    def _ask_pattern(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Open pattern", "", "Patterns (*.json);;All files (*)"
        )
        if chosen:
            self.open_pattern(Path(chosen))

    def _ask_event_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self, "Add events", "", "Events (*.json *.jsonl *.gz);;All files (*)"
        )
        if chosen:
            self.add_event_files([Path(path) for path in chosen])

    def _add(self, events: list[TestEvent], what: str, skipped: Sequence[str]) -> None:
        self.events.extend(events)
        note = f"; skipped {len(skipped)}: {skipped[0]}" if skipped else ""
        self.statusMessage.emit(f"Added {what}{note}")
        self.check()

    def _show_event(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        while item is not None and item.parent() is not None:  # a reason line: its event
            item = item.parent()
        event = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if not isinstance(event, TestEvent):
            self.event_view.clear()
            return
        text = json.dumps(event.event, indent=2, ensure_ascii=False, default=str)
        self.event_view.setPlainText(f"// {event.origin}\n{text}")

    def _schema_chosen(self, _index: int) -> None:
        name = self.schema_chooser.currentText()
        chosen = name not in ("", NO_SCHEMA)
        self._schema = registry_samples(self.registry_path, name)[1] if chosen else None
        self.check()

    @staticmethod
    def _describe(diagnostic: PatternDiagnostic) -> str:
        start = diagnostic.range.start
        return f"Line {start.line + 1}, column {start.character + 1}: {diagnostic.message}"

    def _underline(self, text: str, diagnostics: Sequence[PatternDiagnostic]) -> None:
        selections = []
        for diagnostic in diagnostics:
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
            colour = MISSED if diagnostic.severity == "error" else QColor("#b7740f")
            fmt.setUnderlineColor(colour)
            fmt.setBackground(QColor(colour.red(), colour.green(), colour.blue(), 48))
            fmt.setToolTip(diagnostic.message)
            selection.format = fmt
            selection.cursor = self._cursor(text, diagnostic.range)
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    def _cursor(self, text: str, where: Range) -> QTextCursor:
        cursor = QTextCursor(self.editor.document())
        start = text_offset(text, where.start.line, where.start.character)
        end = text_offset(text, where.end.line, where.end.character)
        if end <= start:  # an empty range (end of input): mark the character before it
            start = max(0, start - 1)
            end = start + 1
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _show_verdicts(self, invalid: bool) -> None:
        self.results.clear()
        style = self.style()
        for verdict in self.verdicts:
            label = "Matched" if verdict.matched else "No match"
            icon = QStyle.StandardPixmap.SP_DialogApplyButton
            if not verdict.matched:
                icon = QStyle.StandardPixmap.SP_DialogCancelButton
            item = QTreeWidgetItem([label, verdict.event.summary, verdict.event.origin])
            item.setData(0, Qt.ItemDataRole.UserRole, verdict.event)
            item.setIcon(0, style.standardIcon(icon))
            item.setForeground(0, MATCHED if verdict.matched else MISSED)
            self.results.addTopLevelItem(item)
            lines = [verdict.note] if verdict.note else []
            for reason in verdict.reasons:
                lines.extend(reason.lines())
            for line in lines:  # the core indents $or branches; keep its indentation
                child = QTreeWidgetItem([line])
                item.addChild(child)
                child.setFirstColumnSpanned(True)  # spanning needs the item in the tree
                child.setForeground(0, MISSED)
            item.setExpanded(True)
        if invalid:  # still list the events, so the user sees what will be tried
            for event in self.events:
                item = QTreeWidgetItem(["Not tried", event.summary, event.origin])
                item.setData(0, Qt.ItemDataRole.UserRole, event)
                self.results.addTopLevelItem(item)
        matched = sum(verdict.matched for verdict in self.verdicts)
        if invalid:
            self.summary.setText("The pattern is not valid: fix it to try it on the events.")
        elif not self.events:
            self.summary.setText("No events yet: add files or registry samples.")
        else:
            self.summary.setText(f"{matched} of {len(self.events)} events match.")
