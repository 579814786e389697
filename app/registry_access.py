"""The app's adapter over `eventsmith.registry`: what the panels read, as text and plain values,
and a watcher that notices writes by other processes.

The UI thread owns one `Registry` connection (the registry's thread model: one connection per
thread); workers open their own. Reads here are single indexed queries, short enough for the
UI thread; everything that can take long (discovery, code generation) runs in a worker.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from eventsmith.registry import (
    FieldNode,
    Registry,
    RegistryChanges,
    SchemaDiff,
    SchemaInfo,
    SchemaVersion,
    diff_schemas,
    field_tree,
)

POLL_MS = 250


def pretty_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


@dataclass(frozen=True)
class EventCheck:
    """The verdict on one pasted event: a parse error, or the schema's complaints (none: valid)."""

    parse_error: str | None
    errors: tuple[tuple[str, str], ...]

    @property
    def valid(self) -> bool:
        return self.parse_error is None and not self.errors


class RegistryAccess:
    """Reads for the UI thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._registry = Registry(path)

    @property
    def registry(self) -> Registry:
        return self._registry

    def close(self) -> None:
        self._registry.close()

    def revision(self) -> int:
        return self._registry.revision()

    def data_version(self) -> int:
        return self._registry.data_version()

    def changes_since(self, revision: int) -> RegistryChanges:
        return self._registry.changes_since(revision)

    def schemas(self) -> list[SchemaInfo]:
        return self._registry.list_schemas(None)

    def info(self, registry: str, name: str) -> SchemaInfo | None:
        return self._registry.find_schema(name, registry)

    def version(self, registry: str, name: str, version: int | None = None) -> SchemaVersion:
        return self._registry.get_version(name, version, registry)

    def versions(self, registry: str, name: str) -> list[SchemaVersion]:
        return self._registry.versions(name, registry)

    def samples(self, registry: str, name: str) -> list[Any]:
        return self._registry.samples(name, registry)

    @staticmethod
    def fields(version: SchemaVersion) -> tuple[FieldNode, ...]:
        return field_tree(version.content)

    @staticmethod
    def load_formats_in_background() -> threading.Thread:
        """Import what the schema view needs (jsonschema, PyYAML: about 110 ms) on a daemon
        thread, so the first click on a schema does not pause the window for it. A thread is
        enough here: an import gives the GIL back every few milliseconds."""

        def load() -> None:
            from eventsmith.registry import event_validator, export_schema

            del event_validator, export_schema

        thread = threading.Thread(target=load, name="eventsmith-load-formats", daemon=True)
        thread.start()
        return thread

    @staticmethod
    def schema_text(version: SchemaVersion, fmt: str) -> str:
        """The version as JSON Schema (`jsonschema`, `jsonschema-draft4`) or `openapi3`."""
        # Imported here: the registry loads its formats (jsonschema, PyYAML) on first use, and
        # the window's cold start should not pay for them.
        from eventsmith.registry import export_schema

        return pretty_json(export_schema(version.content, fmt, name=version.name))

    @staticmethod
    def diff(old: SchemaVersion, new: SchemaVersion) -> SchemaDiff:
        return diff_schemas(old.content, new.content)

    @staticmethod
    def check_event(version: SchemaVersion, text: str) -> EventCheck:
        try:
            event = json.loads(text)
        except json.JSONDecodeError as error:
            where = f"line {error.lineno}, column {error.colno}"
            return EventCheck(f"Not valid JSON ({where}): {error.msg}", ())
        from eventsmith.registry import event_errors, event_validator

        errors = event_errors(event_validator(version.content), event)
        return EventCheck(None, tuple(errors))


class RegistryWatcher(QObject):
    """Polls the registry and emits `changed(RegistryChanges)` when anybody else wrote.

    `PRAGMA data_version` costs no I/O and moves only when another connection commits, so the
    poll is a few microseconds; `changes_since` then names the schemas that changed (the
    revision moves only on real changes, so sample counting alone redraws nothing).
    """

    changed = Signal(object)

    def __init__(self, access: RegistryAccess, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self._data_version = access.data_version()
        self._revision = access.revision()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()

    @property
    def revision(self) -> int:
        return self._revision

    def poll(self) -> None:
        data_version = self._access.data_version()
        if data_version == self._data_version:
            return
        self._data_version = data_version
        changes = self._access.changes_since(self._revision)
        if changes.revision != self._revision:
            self._revision = changes.revision
            self.changed.emit(changes)

    def stop(self) -> None:
        self._timer.stop()
