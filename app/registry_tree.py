"""The registry browser's Qt model: registries -> schemas -> versions, filtered as the user types.

The model holds the schema list the registry handed out (`SchemaInfo` records) and nothing else:
version rows are numbers derived from `latest_version`, so nothing is read from the database
while the view scrolls or expands. Filtering keeps one lower-cased search text per schema and
rebuilds the visible lists with a list comprehension, which stays well under a frame for 10,000
schemas; the view is reset, not asked to diff, because a reset of a uniform-height tree is the
cheapest thing Qt can redraw.

Internal ids encode the parent chain so `parent()` needs no lookup table:
0 for a registry, `registry_row + 1` for a schema, `(schema_row + 1) << 20 | registry_row + 1`
for a version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from eventsmith.registry import SchemaInfo

_SHIFT = 20
_LOW = (1 << _SHIFT) - 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 1

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


def _search_text(info: SchemaInfo) -> str:
    return " ".join(filter(None, (info.name, info.source, info.detail_type))).lower()


class RegistryTreeModel(QAbstractItemModel):
    """Registries, their schemas, and each schema's versions (newest first)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: dict[str, list[tuple[str, SchemaInfo]]] = {}
        self._visible: list[tuple[str, list[SchemaInfo]]] = []
        self._rows: dict[tuple[str, str], int] = {}
        self._filter: list[str] = []
        style = QApplication.style()
        self._registry_icon = style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        self._schema_icon = style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        self._version_icon = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    # -- content ---------------------------------------------------------------------------

    def set_schemas(self, schemas: list[SchemaInfo]) -> None:
        """Replace the content (a refresh); call `index_of` afterwards to restore a selection."""
        grouped: dict[str, list[tuple[str, SchemaInfo]]] = {}
        for info in schemas:
            grouped.setdefault(info.registry, []).append((_search_text(info), info))
        self._all = dict(sorted(grouped.items()))
        self._rebuild()

    def set_filter(self, text: str) -> None:
        self._filter = text.lower().split()
        self._rebuild()

    def schema_count(self) -> int:
        """Schemas shown (after the filter)."""
        return sum(len(infos) for _, infos in self._visible)

    def total_count(self) -> int:
        return sum(len(entries) for entries in self._all.values())

    def _rebuild(self) -> None:
        self.beginResetModel()
        terms = self._filter
        visible = []
        for registry, entries in self._all.items():
            if terms:
                infos = [info for text, info in entries if all(t in text for t in terms)]
                if not infos:
                    continue
            else:
                infos = [info for _, info in entries]
            visible.append((registry, infos))
        self._visible = visible
        self._rows = {
            (registry, info.name): row
            for registry, infos in visible
            for row, info in enumerate(infos)
        }
        self.endResetModel()

    # -- lookups ---------------------------------------------------------------------------

    def info(self, key: TreeKey) -> SchemaInfo | None:
        if key.name is None:
            return None
        for registry, infos in self._visible:
            if registry == key.registry:
                row = self._rows.get((registry, key.name))
                return infos[row] if row is not None else None
        return None

    def key(self, index: _Index) -> TreeKey | None:
        if not index.isValid():
            return None
        ident, row = index.internalId(), index.row()
        if ident == 0:
            return TreeKey(self._visible[row][0])
        if ident <= _LOW:
            registry, infos = self._visible[ident - 1]
            return TreeKey(registry, infos[row].name)
        registry, infos = self._visible[(ident & _LOW) - 1]
        info = infos[(ident >> _SHIFT) - 1]
        return TreeKey(registry, info.name, (info.latest_version or 0) - row)

    def index_of(self, key: TreeKey) -> QModelIndex:
        """The row for `key` in the current (filtered) content; invalid when it is hidden."""
        registry_row = next(
            (row for row, (name, _) in enumerate(self._visible) if name == key.registry), None
        )
        if registry_row is None:
            return QModelIndex()
        if key.name is None:
            return self.createIndex(registry_row, 0, 0)
        schema_row = self._rows.get((key.registry, key.name))
        if schema_row is None:
            return QModelIndex()
        if key.version is None:
            return self.createIndex(schema_row, 0, registry_row + 1)
        latest = self._visible[registry_row][1][schema_row].latest_version or 0
        row = latest - key.version
        if not 0 <= row < latest:
            return QModelIndex()
        return self.createIndex(row, 0, ((schema_row + 1) << _SHIFT) | (registry_row + 1))

    # -- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        ident = parent.internalId()
        if ident == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return self.createIndex(row, column, ((parent.row() + 1) << _SHIFT) | ident)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        ident = index.internalId()
        if ident == 0:
            return QModelIndex()
        if ident <= _LOW:
            return self.createIndex(ident - 1, 0, 0)
        return self.createIndex((ident >> _SHIFT) - 1, 0, ident & _LOW)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self._visible)
        ident = parent.internalId()
        if ident == 0:
            return len(self._visible[parent.row()][1])
        if ident <= _LOW:
            info = self._visible[ident - 1][1][parent.row()]
            return info.latest_version or 0
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Name", "Versions")[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        key = self.key(index)
        if key is None:
            return None
        if role == KEY_ROLE:
            return key
        column = index.column()
        if key.name is None:
            return self._registry_data(key, column, role)
        info = self.info(key)
        if info is None:
            return None
        if key.version is None:
            return self._schema_data(info, column, role)
        return self._version_data(info, key.version, column, role)

    def _registry_data(self, key: TreeKey, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return key.registry
            count = next(len(infos) for name, infos in self._visible if name == key.registry)
            return f"{count} schema{'s' if count != 1 else ''}"
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._registry_icon
        return None

    def _schema_data(self, info: SchemaInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return info.name if column == 0 else str(info.version_count)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._schema_icon
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [info.name]
            if info.source:
                lines.append(f"source: {info.source}")
            if info.detail_type:
                lines.append(f"detail-type: {info.detail_type}")
            lines.append(f"{info.samples_seen} events seen, updated {info.updated}")
            return "\n".join(lines)
        return None

    def _version_data(self, info: SchemaInfo, version: int, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"version {version}"
            return "latest" if version == info.latest_version else ""
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._version_icon
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
