"""Two versions of a schema side by side: the field changes with the core's compatibility
verdict, and the two JSON Schema texts with changed lines marked."""

from __future__ import annotations

import difflib

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from eventsmith.app.desktop import is_dark
from eventsmith.app.highlight import code_view
from eventsmith.app.registry_access import RegistryAccess
from eventsmith.registry import SchemaDiff, SchemaVersion

VERDICTS = {
    "full": ("Fully compatible", "#2e7d32", "old and new consumers read both versions"),
    "backward": ("Backward compatible", "#1565c0", "code for the old version reads new events"),
    "forward": ("Forward compatible", "#ef6c00", "code for the new version reads old events"),
    "breaking": ("Breaking", "#c62828", "neither version's code reads the other's events"),
}
CHANGE_COLUMNS = ("Field", "Change", "Old", "New", "Compatibility", "Why")


class VersionDiffView(QWidget):
    def __init__(self, access: RegistryAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self._versions: list[SchemaVersion] = []
        self.old_box, self.new_box = QComboBox(), QComboBox()
        self.verdict = QLabel()
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.changes = QTableWidget(0, len(CHANGE_COLUMNS))
        self.changes.setHorizontalHeaderLabels(list(CHANGE_COLUMNS))
        self.changes.verticalHeader().setVisible(False)
        self.changes.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.changes.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.changes.horizontalHeader().setStretchLastSection(True)
        self.changes.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.old_text, self.new_text = code_view("json"), code_view("json")
        self.old_text.verticalScrollBar().valueChanged.connect(
            self.new_text.verticalScrollBar().setValue
        )
        self.new_text.verticalScrollBar().valueChanged.connect(
            self.old_text.verticalScrollBar().setValue
        )

        pickers = QHBoxLayout()
        pickers.addWidget(QLabel("Compare"))
        pickers.addWidget(self.old_box)
        pickers.addWidget(QLabel("with"))
        pickers.addWidget(self.new_box)
        pickers.addSpacing(12)
        pickers.addWidget(self.verdict, 1)
        texts = QSplitter(Qt.Orientation.Horizontal)
        texts.addWidget(self.old_text)
        texts.addWidget(self.new_text)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.changes)
        split.addWidget(texts)
        split.setSizes([180, 320])
        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addWidget(split, 1)
        self.old_box.currentIndexChanged.connect(self._compare)
        self.new_box.currentIndexChanged.connect(self._compare)

    def show_versions(self, versions: list[SchemaVersion], selected: int | None) -> None:
        """List `versions`; compare `selected` (default: the latest) with the one before."""
        self._versions = versions
        numbers = [f"version {v.version}" for v in versions]
        for box in (self.old_box, self.new_box):
            box.blockSignals(True)
            box.clear()
            box.addItems(numbers)
            box.blockSignals(False)
        if not versions:
            return
        new_row = next(
            (row for row, v in enumerate(versions) if v.version == selected), len(versions) - 1
        )
        self.new_box.setCurrentIndex(new_row)
        self.old_box.setCurrentIndex(max(new_row - 1, 0))
        self._compare()

    def _compare(self) -> None:
        old_row, new_row = self.old_box.currentIndex(), self.new_box.currentIndex()
        if not (0 <= old_row < len(self._versions) and 0 <= new_row < len(self._versions)):
            return
        old, new = self._versions[old_row], self._versions[new_row]
        self._show_diff(self._access.diff(old, new), old, new)
        old_text = self._access.schema_text(old, "jsonschema")
        new_text = self._access.schema_text(new, "jsonschema")
        self.old_text.setPlainText(old_text)
        self.new_text.setPlainText(new_text)
        self._mark_lines(old_text.splitlines(), new_text.splitlines())

    def _show_diff(self, diff: SchemaDiff, old: SchemaVersion, new: SchemaVersion) -> None:
        if old.version == new.version:
            self.verdict.setText("<i>Pick two different versions to compare.</i>")
        elif not diff.changes:
            self.verdict.setText("<b>No field changes</b>")
        else:
            title, colour, meaning = VERDICTS[diff.verdict]
            self.verdict.setText(
                f"<span style='color:{colour}; font-weight:600'>{title}</span> "
                f"— {meaning} ({len(diff.changes)} change{'s' if len(diff.changes) != 1 else ''})"
            )
        self.changes.setRowCount(len(diff.changes))
        for row, change in enumerate(diff.changes):
            cells = (
                change.path or "(event)",
                change.kind,
                change.old or "",
                change.new or "",
                VERDICTS[change.compatibility][0],
                change.reason,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 4:
                    item.setForeground(QColor(VERDICTS[change.compatibility][1]))
                self.changes.setItem(row, column, item)
        self.changes.resizeColumnsToContents()
        for column in range(len(CHANGE_COLUMNS) - 1):
            self.changes.setColumnWidth(column, min(self.changes.columnWidth(column), 260))

    def _mark_lines(self, old_lines: list[str], new_lines: list[str]) -> None:
        dark = is_dark(self.palette())
        removed = QColor("#5c2326" if dark else "#ffe3e3")
        added = QColor("#1f4d2c" if dark else "#ddf6df")
        old_rows: list[int] = []
        new_rows: list[int] = []
        matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            if tag != "equal":
                old_rows.extend(range(a1, a2))
                new_rows.extend(range(b1, b2))
        _highlight_rows(self.old_text, old_rows, removed)
        _highlight_rows(self.new_text, new_rows, added)


def _highlight_rows(view: QPlainTextEdit, rows: list[int], colour: QColor) -> None:
    selections = []
    document = view.document()
    for row in rows:
        block = document.findBlockByNumber(row)
        if not block.isValid():
            continue
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(colour)
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        cursor = QTextCursor(block)
        selection.cursor = cursor
        selections.append(selection)
    view.setExtraSelections(selections)
