"""Schemas and events: the SQLite store, discovery, formats, diffs and EventBridge patterns."""

from .errors import FormatError, RegistryError, SchemaNotFound, VersionNotFound
from .model import DEFAULT_REGISTRY, PutResult, SchemaInfo, SchemaVersion
from .paths import default_registry_path
from .store import Registry

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
