"""The left side of the registry tab: a filter box over the registry tree, kept live.

A refresh (another process wrote, or a discovery finished) replaces the model's content and then
puts back what the user had: the selected row, the expanded schemas and the scroll position.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from eventsmith.app.registry_access import RegistryAccess
from eventsmith.app.registry_tree import RegistryTreeModel, TreeKey
from eventsmith.registry import RegistryChanges


class RegistryBrowser(QWidget):
    selected = Signal(object)  # TreeKey, or None when nothing is selected

    def __init__(self, access: RegistryAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self._restoring = False
        self.model = RegistryTreeModel(self)
        self.filter = QLineEdit()
        find = QKeySequence(QKeySequence.StandardKey.Find)
        native = find.toString(QKeySequence.SequenceFormat.NativeText)
        self.filter.setPlaceholderText(f"Filter schemas ({native})")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.set_filter)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        # Schema names share long source prefixes; the detail-type at the end tells them apart.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.tree.setHeaderHidden(True)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.count = QLabel()
        self.count.setObjectName("schemaCount")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count)

    # -- content ---------------------------------------------------------------------------

    def reload(self, changes: RegistryChanges | None = None) -> None:
        """Bring the tree up to date with the registry.

        With `changes` (from `changes_since`) only the schemas named are re-read and their rows
        updated in place, so selection, expansion and scroll position are untouched; without
        (or when the registry cannot say), everything is re-read and then restored.
        """
        if changes is not None and changes.complete:
            changed, removed = [], []
            for registry, name in changes.names():
                info = self._access.info(registry, name)
                if info is None:
                    removed.append((registry, name))
                else:
                    changed.append(info)
            self._restoring = True
            try:
                self.model.update_schemas(changed, removed)
                self._expand_registries()
            finally:
                self._restoring = False
            self._show_count()
            return
        current = self.current_key()
        expanded = self._expanded_schemas()
        scroll = self.tree.verticalScrollBar().value()
        self._restoring = True
        try:
            self.model.set_schemas(self._access.schemas())
            self._restore(current, expanded)
        finally:
            self._restoring = False
        QTimer.singleShot(0, lambda: self.tree.verticalScrollBar().setValue(scroll))
        self._show_count()

    def set_filter(self, text: str) -> None:
        current = self.current_key()
        self._restoring = True
        try:
            self.model.set_filter(text)
            self._restore(current, set())
        finally:
            self._restoring = False
        self._show_count()

    def _show_count(self) -> None:
        shown = self.model.schema_count()
        total = self.model.total_count()
        text = f"{shown:,} of {total:,} schemas" if shown != total else f"{total:,} schemas"
        self.count.setText(text)

    def _expanded_schemas(self) -> set[TreeKey]:
        keys = set()
        for registry_row in range(self.model.rowCount()):
            registry_index = self.model.index(registry_row, 0)
            for row in range(self.model.rowCount(registry_index)):
                index = self.model.index(row, 0, registry_index)
                if self.tree.isExpanded(index):
                    key = self.model.key(index)
                    if key is not None:
                        keys.add(key)
        return keys

    def _expand_registries(self) -> None:
        for row in range(self.model.rowCount()):
            self.tree.expand(self.model.index(row, 0))

    def _restore(self, current: TreeKey | None, expanded: set[TreeKey]) -> None:
        self._expand_registries()
        for key in expanded:
            index = self.model.index_of(key)
            if index.isValid():
                self.tree.expand(index)
        if current is None:
            return
        index = self.model.index_of(current)
        if index.isValid():
            if current.version is not None:
                self.tree.expand(index.parent())
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    # -- selection -------------------------------------------------------------------------

    def current_key(self) -> TreeKey | None:
        return self.model.key(self.tree.currentIndex())

    def select(self, key: TreeKey) -> bool:
        index = self.model.index_of(key)
        if not index.isValid():
            return False
        if key.version is not None:
            self.tree.expand(index.parent())
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._restoring:
            self.selected.emit(self.model.key(current))

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()
