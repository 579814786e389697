"""Schemas and events: the SQLite store, discovery, formats, diffs and EventBridge patterns."""

from eventsmith.registry._diff import FieldChange, SchemaDiff, diff_schemas
from eventsmith.registry._discovery import Discovery, StoredSchema, discover, store_discovery
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
    "Discovery",
    "FieldChange",
    "FieldNode",
    "FormatError",
    "PutResult",
    "Registry",
    "RegistryError",
    "SchemaDiff",
    "SchemaInfo",
    "SchemaNotFound",
    "SchemaVersion",
    "StoredSchema",
    "VersionNotFound",
    "default_registry_path",
    "diff_schemas",
    "discover",
    "event_errors",
    "event_validator",
    "export_schema",
    "field_tree",
    "store_discovery",
]
