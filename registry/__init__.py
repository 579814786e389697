"""Schemas and events: the SQLite store, discovery, formats, diffs and EventBridge patterns."""

from eventsmith.registry._errors import FormatError, RegistryError, SchemaNotFound, VersionNotFound
from eventsmith.registry._model import DEFAULT_REGISTRY, PutResult, SchemaInfo, SchemaVersion
from eventsmith.registry._paths import default_registry_path
from eventsmith.registry._store import Registry

__all__ = [
    "DEFAULT_REGISTRY",
    "FormatError",
    "PutResult",
    "Registry",
    "RegistryError",
    "SchemaInfo",
    "SchemaNotFound",
    "SchemaVersion",
    "VersionNotFound",
    "default_registry_path",
]
