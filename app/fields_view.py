"""A schema version's fields as a tree table: type, format, required, allowed values, examples."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from eventsmith.registry import FieldNode

COLUMNS = ("Field", "Type", "Format", "Required", "Allowed values", "Examples", "Description")
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
_AUTO_EXPAND_DEPTH = 2


class FieldsView(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

    def show_fields(self, fields: tuple[FieldNode, ...]) -> None:
        self.clear()
        self.setUpdatesEnabled(False)
        try:
            self.addTopLevelItems([self._item(node) for node in fields])
            # Expansion only sticks once items are in the tree.
            self.expandToDepth(_AUTO_EXPAND_DEPTH - 1)
            for column, width in enumerate((220, 160, 90, 70, 160, 140)):
                self.setColumnWidth(column, width)
        finally:
            self.setUpdatesEnabled(True)

    def _item(self, node: FieldNode) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [
                node.name,
                node.type,
                node.format or "",
                "yes" if node.required else "",
                ", ".join(node.enum),
                ", ".join(node.examples),
                node.description or "",
            ]
        )
        item.setData(0, PATH_ROLE, node.path)
        item.setToolTip(0, node.path)
        for column in (4, 5, 6):
            if item.text(column):
                item.setToolTip(column, item.text(column))
        if node.required:
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        item.addChildren([self._item(child) for child in node.children])
        return item

    def item_for_path(self, path: str) -> QTreeWidgetItem | None:
        """The row of a dotted field path (as the diff names them), if shown."""
        matches = self.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
        return next((item for item in matches if item.data(0, PATH_ROLE) == path), None)
