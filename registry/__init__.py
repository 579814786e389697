"""Schemas: the SQLite store, discovery, formats, diffs, validation and search.

Thread model: a `Registry` is one SQLite connection owned by the thread that opened it; open
one per thread (cheap) or use `Registry.for_current_thread()`. Other processes may open the
same file at the same time. `DiscoveryJob.run()` opens its own connection on its thread.
"""

from eventsmith.registry._changes import ChangedSchema, RegistryChanges
from eventsmith.registry._diff import FieldChange, SchemaDiff, diff_schemas
from eventsmith.registry._discovery import StoredSchema
from eventsmith.registry._discovery_job import (
    DiscoveryJob,
    DiscoveryProgress,
    DiscoveryReport,
    run_discovery,
)
from eventsmith.registry._errors import FormatError, RegistryError, SchemaNotFound, VersionNotFound
from eventsmith.registry._field_tree import FieldNode, field_tree
from eventsmith.registry._formats import EXPORT_FORMATS, export_schema
from eventsmith.registry._model import DEFAULT_REGISTRY, PutResult, SchemaInfo, SchemaVersion
from eventsmith.registry._paths import default_registry_path
from eventsmith.registry._store import Registry
from eventsmith.registry._validation import event_errors, event_validator

__all__ = [
    "DEFAULT_REGISTRY",
    "EXPORT_FORMATS",
    "ChangedSchema",
    "DiscoveryJob",
    "DiscoveryProgress",
    "DiscoveryReport",
    "FieldChange",
    "FieldNode",
    "FormatError",
    "PutResult",
    "Registry",
    "RegistryChanges",
    "RegistryError",
    "SchemaDiff",
    "SchemaInfo",
    "SchemaNotFound",
    "SchemaVersion",
    "StoredSchema",
    "VersionNotFound",
    "default_registry_path",
    "diff_schemas",
    "event_errors",
    "event_validator",
    "export_schema",
    "field_tree",
    "run_discovery",
]
