"""The registry browser's Qt model: registries -> schemas -> versions, filtered as the user types.

The rows live in a `QStandardItemModel` and the filter is a `QSortFilterProxyModel`: both are
C++, so when the view lays out 10,000 rows after a keystroke it never calls back into Python
(a Python `QAbstractItemModel` answers `index`/`rowCount`/`flags` once per row per layout,
which measured 300-900 ms a keystroke on 10,000 schemas; see docs/benchmarks.md). A row holds
its text and nothing else: the filter matches every typed word against the schema's name
(which holds source and detail-type), a matching schema keeps its version rows, and the key of
a row is worked out from its place in the tree.

Refreshes are incremental: `update_schemas` touches only the schemas `changes_since` named, so
a write by another process costs a few rows, not a rebuild of 10,000.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyle

from eventsmith.registry import SchemaInfo

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TreeKey:
    """What a row stands for. `name` None: a registry row; `version` None: a schema row."""

    registry: str
    name: str | None = None
    version: int | None = None

    @property
    def schema(self) -> TreeKey:
        return TreeKey(self.registry, self.name)


def _tooltip(info: SchemaInfo) -> str:
    lines = [info.name]
    if info.source:
        lines.append(f"source: {info.source}")
    if info.detail_type:
        lines.append(f"detail-type: {info.detail_type}")
    lines.append(f"{info.samples_seen:,} events seen, updated {info.updated}")
    return "\n".join(lines)


def _plain(index: QPersistentModelIndex) -> QModelIndex:
    """A QModelIndex for the row a persistent index points at now."""
    plain: QModelIndex = QModelIndex(index)  # type: ignore[call-overload]  # not in the stubs
    return plain


class RegistryTreeModel(QSortFilterProxyModel):
    """The filtered tree the view shows; it owns the unfiltered rows (`source`).

    Rows are written through the model's index API (`insertRows`/`setData`), never through
    `QStandardItem.appendRow`/`insertRow`/`setChild`: in PySide6 6.12 each of those drops a
    reference to None, and enough calls abort the interpreter ("none_dealloc").
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        # One column: a second one nearly doubles the proxy's work per keystroke (measured).
        self.source = QStandardItemModel(0, 1, self)
        self.source.setHorizontalHeaderLabels(["Registries, schemas and versions"])
        self.setSourceModel(self.source)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self.setFilterRole(Qt.ItemDataRole.DisplayRole)
        # The search text is lower-case already, but Qt's case-insensitive substring test
        # measured 2.5x faster than its case-sensitive one on 10,000 rows.
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(0)
        self._registries: dict[str, QPersistentModelIndex] = {}
        self._schemas: dict[tuple[str, str], QPersistentModelIndex] = {}
        # Rows are kept in name order in the source (a sorting proxy would re-sort 10,000
        # rows on every keystroke); these sorted lists give each new row its place.
        self._names: dict[str, list[str]] = {}
        self._infos: dict[tuple[str, str], SchemaInfo] = {}
        self._terms: list[str] = []
        style = QApplication.style()
        self._registry_icon = style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)

    # -- content ---------------------------------------------------------------------------

    def set_schemas(self, schemas: Iterable[SchemaInfo]) -> None:
        """Replace every row (first load, or when the registry cannot say what changed)."""
        self.source.removeRows(0, self.source.rowCount())
        self._registries.clear()
        self._schemas.clear()
        self._infos.clear()
        self._names.clear()
        self.update_schemas(schemas, ())

    def update_schemas(
        self, changed: Iterable[SchemaInfo], removed: Iterable[tuple[str, str]]
    ) -> None:
        """Add or refresh the rows of `changed` schemas and drop the `removed` ones."""
        for key in removed:
            index = self._schemas.pop(key, None)
            self._infos.pop(key, None)
            if index is not None and index.isValid():
                self.source.removeRows(index.row(), 1, index.parent())
                names = self._names.get(key[0], [])
                position = bisect.bisect_left(names, key[1])
                if position < len(names) and names[position] == key[1]:
                    del names[position]
        additions: dict[str, list[SchemaInfo]] = {}
        for info in changed:
            key = (info.registry, info.name)
            self._infos[key] = info
            index = self._schemas.get(key)
            if index is None:
                additions.setdefault(info.registry, []).append(info)
            else:
                self._fill_schema(_plain(index), info)
        for registry, infos in additions.items():
            parent = self._registry_index(registry)
            names = self._names.setdefault(registry, [])
            infos.sort(key=lambda info: info.name)
            if not names:
                # A first load: one insert for all rows, already in order.
                start = self._insert(len(infos), parent)
                rows = [start + offset for offset in range(len(infos))]
                names.extend(info.name for info in infos)
            else:
                rows = []
                for info in infos:
                    position = bisect.bisect_left(names, info.name)
                    names.insert(position, info.name)
                    rows.append(self._insert(1, parent, position))
            for row, info in zip(rows, infos, strict=True):
                self._add_schema(self.source.index(row, 0, parent), info)
        for registry, registry_index in self._registries.items():
            parent = _plain(registry_index)
            count = self.source.rowCount(parent)
            self.source.setData(
                parent, f"{registry}  ({count:,} schema{'s' if count != 1 else ''})"
            )

    def _insert(self, count: int, parent: QModelIndex, row: int | None = None) -> int:
        """Insert `count` rows under `parent` at `row` (default: the end)."""
        if self.source.columnCount(parent) < 1:
            self.source.insertColumns(0, 1, parent)
        start = self.source.rowCount(parent) if row is None else row
        self.source.insertRows(start, count, parent)
        return start

    def _add_schema(self, index: QModelIndex, info: SchemaInfo) -> None:
        self._schemas[(info.registry, info.name)] = QPersistentModelIndex(index)
        # Only the name: every extra role on 10,000 rows made each keystroke's filtering
        # measurably slower (icons, keys, search texts: +40% together). Keys are derived
        # from the row's place instead (`key`).
        self.source.setData(index, info.name)
        self._fill_schema(index, info)

    def _set(self, index: QModelIndex, text: str, key: TreeKey, icon: Any) -> None:
        self.source.setData(index, text)
        self.source.setData(index, key, KEY_ROLE)
        self.source.setData(index, icon, Qt.ItemDataRole.DecorationRole)

    def _registry_index(self, registry: str) -> QModelIndex:
        known = self._registries.get(registry)
        if known is not None:
            return _plain(known)
        position = bisect.bisect_left(sorted(self._registries), registry)
        row = self._insert(1, QModelIndex(), position)
        index = self.source.index(row, 0)
        self._set(index, registry, TreeKey(registry), self._registry_icon)
        self._registries[registry] = QPersistentModelIndex(index)
        return index

    def _fill_schema(self, index: QModelIndex, info: SchemaInfo) -> None:
        self.source.setData(index, _tooltip(info), Qt.ItemDataRole.ToolTipRole)
        latest = info.latest_version or 0
        have = self.source.rowCount(index)
        if latest > have:
            # Versions are immutable: rows are only ever added, newest at the top.
            self._insert(latest - have, index, 0)
            for row, number in enumerate(range(latest, have, -1)):
                child = self.source.index(row, 0, index)
                self.source.setData(child, f"version {number}")
        for row in range(min(2, self.source.rowCount(index))):
            child = self.source.index(row, 0, index)
            number = latest - row
            self.source.setData(child, f"version {number}" + ("  (latest)" if row == 0 else ""))

    def set_filter(self, text: str) -> None:
        self._terms = text.lower().split()
        if not self._terms:
            self.setFilterRegularExpression(QRegularExpression())
            return
        if len(self._terms) == 1:
            self.setFilterFixedString(self._terms[0])  # a plain substring test is cheaper
            return
        # Every word, in any order: one lookahead per word, matched in C++ per row.
        pattern = "^" + "".join(f"(?=.*{re.escape(term)})" for term in self._terms)
        options = QRegularExpression.PatternOption.CaseInsensitiveOption
        self.setFilterRegularExpression(QRegularExpression(pattern, options))

    # -- lookups ---------------------------------------------------------------------------

    def schema_count(self) -> int:
        """Schemas shown (after the filter)."""
        return sum(self.rowCount(self.index(row, 0)) for row in range(self.rowCount()))

    def total_count(self) -> int:
        return len(self._schemas)

    def info(self, key: TreeKey) -> SchemaInfo | None:
        if key.name is None:
            return None
        return self._infos.get((key.registry, key.name))

    def key(self, index: _Index) -> TreeKey | None:
        if not index.isValid():
            return None
        plain = _plain(index) if isinstance(index, QPersistentModelIndex) else index
        source = self.mapToSource(plain)
        parent = source.parent()
        if not parent.isValid():
            key = self.source.data(source, KEY_ROLE)
            return key if isinstance(key, TreeKey) else None
        grand = parent.parent()
        if not grand.isValid():
            registry = self.source.data(parent, KEY_ROLE)
            name = self.source.data(source, Qt.ItemDataRole.DisplayRole)
            return TreeKey(registry.registry, name) if isinstance(registry, TreeKey) else None
        schema = self.key(self.mapFromSource(parent))
        info = self.info(schema) if schema is not None else None
        if schema is None or info is None:
            return None
        return TreeKey(schema.registry, schema.name, (info.latest_version or 0) - source.row())

    def index_of(self, key: TreeKey) -> QModelIndex:
        """The shown row for `key`; invalid when it does not exist or the filter hides it."""
        if key.name is None:
            known = self._registries.get(key.registry)
            return self.mapFromSource(_plain(known)) if known is not None else QModelIndex()
        schema = self._schemas.get((key.registry, key.name))
        if schema is None:
            return QModelIndex()
        index = _plain(schema)
        if key.version is not None:
            # Newest first: the latest version is row 0.
            latest = self._infos[(key.registry, key.name)].latest_version or 0
            index = self.source.index(latest - key.version, 0, index)
        return self.mapFromSource(index)
