"""Schemas: the SQLite store, discovery, formats, diffs, validation and search.

Thread model: a `Registry` is one SQLite connection owned by the thread that opened it; open
one per thread (cheap) or use `Registry.for_current_thread()`. Other processes may open the
same file at the same time. `DiscoveryJob.run()` opens its own connection on its thread.
"""

from eventsmith.registry._changes import ChangedSchema, RegistryChanges
from eventsmith.registry._discovery import StoredSchema
from eventsmith.registry._discovery_job import (
    DiscoveryJob,
    DiscoveryProgress,
    DiscoveryReport,
    run_discovery,
)
from eventsmith.registry._errors import FormatError, RegistryError, SchemaNotFound, VersionNotFound
from eventsmith.registry._model import DEFAULT_REGISTRY, PutResult, SchemaInfo, SchemaVersion
from eventsmith.registry._paths import default_registry_path
from eventsmith.registry._search import Match, SearchHit
from eventsmith.registry._search_index import SchemaIndex, search
from eventsmith.registry._store import Registry
from eventsmith.registry._writes import MAX_SAMPLES_PER_SCHEMA

__all__ = [
    "DEFAULT_REGISTRY",
    "MAX_SAMPLES_PER_SCHEMA",
    "ChangedSchema",
    "DiscoveryJob",
    "DiscoveryProgress",
    "DiscoveryReport",
    "FormatError",
    "Match",
    "PutResult",
    "Registry",
    "RegistryChanges",
    "RegistryError",
    "SchemaIndex",
    "SchemaInfo",
    "SchemaNotFound",
    "SchemaVersion",
    "SearchHit",
    "StoredSchema",
    "VersionNotFound",
    "default_registry_path",
    "run_discovery",
    "search",
]
