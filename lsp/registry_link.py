"""The registry as the server sees it: opened lazily, one connection per thread (the store's
thread model), and watched for writes by other processes (discovery in a terminal, the app).

`revision()` is one tiny query; callers compare it with the last one they saw and drop their
caches when it moved, so a schema discovered elsewhere is used by the next keystroke.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from eventsmith.registry import Registry, RegistryError, SchemaInfo, default_registry_path


class RegistryLink:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_registry_path()
        self._local = threading.local()
        self._lock = threading.Lock()
        self._schemas: tuple[int, dict[tuple[str, str], SchemaInfo]] | None = None
        self._content: dict[tuple[str, int], dict[str, Any]] = {}

    def connection(self) -> Registry | None:
        """This thread's connection to the registry, None while the file does not exist."""
        return self._registry()

    def _registry(self) -> Registry | None:
        registry = getattr(self._local, "registry", None)
        opened_path = getattr(self._local, "path", None)
        if registry is None or opened_path != self.path:
            if not self.path.exists():
                return None
            try:
                registry = Registry(self.path)
            except (RegistryError, OSError):
                return None
            self._local.registry, self._local.path = registry, self.path
        return registry

    def revision(self) -> int:
        registry = self._registry()
        if registry is None:
            return -1
        try:
            return registry.revision()
        except Exception:  # a file being replaced or locked: try again on the next poll
            return -1

    def schema_for(self, source: str, detail_type: str) -> tuple[str, dict[str, Any]] | None:
        """Name and latest content of the schema of events with this source and detail-type."""
        index = self._index()
        info = index.get((source, detail_type))
        if info is None or info.latest_version is None:
            return None
        return info.name, self._version_content(info.name, info.latest_version)

    def schema_named(self, name: str) -> dict[str, Any] | None:
        for info in self._index().values():
            if info.name == name and info.latest_version is not None:
                return self._version_content(info.name, info.latest_version)
        return None

    def sample_values(self, source: str, detail_type: str, path: tuple[str, ...]) -> list[str]:
        """Distinct string values the stored sample events hold at `path` (known values)."""
        info = self._index().get((source, detail_type))
        registry = self._registry()
        if info is None or registry is None:
            return []
        found: list[str] = []
        for event in registry.samples(info.name, info.registry):
            for value in _values_at(event, path):
                if isinstance(value, str) and value not in found:
                    found.append(value)
        return found

    def sources(self) -> list[str]:
        return sorted({source for source, _ in self._index()})

    def detail_types(self, source: str | None) -> list[str]:
        return sorted({kind for known, kind in self._index() if source in (None, known)})

    def _index(self) -> dict[tuple[str, str], SchemaInfo]:
        revision = self.revision()
        with self._lock:
            if self._schemas is not None and self._schemas[0] == revision:
                return self._schemas[1]
        registry = self._registry()
        index: dict[tuple[str, str], SchemaInfo] = {}
        if registry is not None:
            try:
                for info in registry.list_schemas(None):
                    if info.source is not None and info.detail_type is not None:
                        index.setdefault((info.source, info.detail_type), info)
            except Exception:
                index = {}
        with self._lock:
            self._schemas = (revision, index)
        return index

    def _version_content(self, name: str, version: int) -> dict[str, Any]:
        key = (name, version)
        if key not in self._content:
            registry = self._registry()
            assert registry is not None
            info = next(i for i in self._index().values() if i.name == name)
            self._content[key] = registry.get_version(name, version, info.registry).content
        return self._content[key]


def _values_at(node: Any, path: tuple[str, ...]) -> list[Any]:
    """Values at `path`, looking through arrays the way patterns do."""
    if isinstance(node, list):
        return [value for item in node for value in _values_at(item, path)]
    if not path:
        return [node]
    if isinstance(node, dict) and path[0] in node:
        return _values_at(node[path[0]], path[1:])
    return []
