"""Everything about one schema version: fields, JSON Schema and OpenAPI texts, versions and
their diff, stored samples, event checks and code bindings, one tab each."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from eventsmith.app.bindings_panel import BindingsPanel
from eventsmith.app.event_check import EventCheckView, SamplesView
from eventsmith.app.fields_view import FieldsView
from eventsmith.app.highlight import code_view
from eventsmith.app.registry_access import RegistryAccess
from eventsmith.app.registry_tree import TreeKey
from eventsmith.app.version_diff import VersionDiffView
from eventsmith.registry import RegistryError, SchemaInfo, SchemaVersion

TABS = ("Fields", "JSON Schema", "OpenAPI", "Versions", "Samples", "Validate", "Bindings")


class SchemaPanel(QWidget):
    statusMessage = Signal(str)

    def __init__(self, access: RegistryAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self.key: TreeKey | None = None
        self.version: SchemaVersion | None = None
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)
        self.fields = FieldsView()
        self.json_text = code_view("json")
        self.openapi_text = code_view("json")
        self.diff = VersionDiffView(access)
        self.samples = SamplesView()
        self.check = EventCheckView(access)
        self.bindings = BindingsPanel()
        self.bindings.statusMessage.connect(self.statusMessage)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        widgets = (
            self.fields,
            self.json_text,
            self.openapi_text,
            self.diff,
            self.samples,
            self.check,
            self.bindings,
        )
        for title, widget in zip(TABS, widgets, strict=True):
            self.tabs.addTab(widget, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        self.clear()

    def clear(self) -> None:
        self.key, self.version = None, None
        self.title.setText(
            "<h3>No schema selected</h3>Pick a schema on the left, or drop event files on the "
            "window to discover schemas from them."
        )
        self.tabs.setEnabled(False)

    def tab(self, title: str) -> QWidget:
        widget = self.tabs.widget(TABS.index(title))
        assert widget is not None
        return widget

    def show_tab(self, title: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(title))

    def show_key(self, key: TreeKey) -> None:
        """Show the version `key` names (the latest for a schema row); a registry row clears."""
        if key.name is None:
            self.clear()
            return
        try:
            info = self._access.info(key.registry, key.name)
            if info is None:
                self.clear()
                return
            version = self._access.version(key.registry, key.name, key.version)
            versions = self._access.versions(key.registry, key.name)
            samples = self._access.samples(key.registry, key.name)
        except RegistryError as error:
            self.clear()
            self.statusMessage.emit(str(error))
            return
        self.key, self.version = key, version
        self.tabs.setEnabled(True)
        self._show_header(info, version)
        self.fields.show_fields(self._access.fields(version))
        self.json_text.setPlainText(self._access.schema_text(version, "jsonschema"))
        self.openapi_text.setPlainText(self._access.schema_text(version, "openapi3"))
        self.diff.show_versions(versions, version.version)
        self.samples.show_samples(samples)
        self.check.set_version(version, samples[-1] if samples else None)
        self.bindings.show_version(version, info)

    def _show_header(self, info: SchemaInfo, version: SchemaVersion) -> None:
        latest = " (latest)" if version.version == info.latest_version else ""
        origin: list[Any] = []
        if info.source:
            origin.append(f"source <code>{_escape(info.source)}</code>")
        if info.detail_type:
            origin.append(f"detail-type <code>{_escape(info.detail_type)}</code>")
        seen = f"{info.samples_seen:,} events seen"
        if info.last_seen:
            seen += f", last at {info.last_seen}"
        self.title.setText(
            f"<h3 style='margin:0'>{_escape(info.name)}</h3>"
            f"Version {version.version}{latest} of {info.version_count}, created "
            f"{version.created} · {' · '.join([*origin, seen])}"
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
