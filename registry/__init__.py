"""Schemas and events: the SQLite store, discovery, formats, diffs and EventBridge patterns."""

from .model import DEFAULT_REGISTRY, PutResult, SchemaInfo, SchemaVersion
from .paths import default_registry_path
from .store import Registry, RegistryError, SchemaNotFound, VersionNotFound

__all__ = [
    "DEFAULT_REGISTRY",
    "PutResult",
    "Registry",
    "RegistryError",
    "SchemaInfo",
    "SchemaNotFound",
    "SchemaVersion",
    "VersionNotFound",
    "default_registry_path",
]
