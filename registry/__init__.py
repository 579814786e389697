"""Schemas: the SQLite store, discovery, formats, diffs, validation and search.

Thread model: a `Registry` is one SQLite connection owned by the thread that opened it; open
one per thread (cheap) or use `Registry.for_current_thread()`. Other processes may open the
same file at the same time. `DiscoveryJob.run()` opens its own connection on its thread.
"""

import importlib
from typing import TYPE_CHECKING, Any

from eventsmith.registry._changes import ChangedSchema, RegistryChanges
from eventsmith.registry._diff import Compatibility, FieldChange, SchemaDiff, diff_schemas
from eventsmith.registry._discovery import DiscoveredSchema, Discovery, StoredSchema, discover
from eventsmith.registry._discovery_job import (
    DiscoveryJob,
    DiscoveryProgress,
    DiscoveryReport,
    run_discovery,
)
from eventsmith.registry._errors import FormatError, RegistryError, SchemaNotFound, VersionNotFound
from eventsmith.registry._eventbridge import (
    DETAIL_TYPE_KEY,
    ENVELOPE_KEYS,
    JSONSCHEMA_2020_12,
    SOURCE_KEY,
    is_envelope,
    pascal_case,
    schema_name,
)
from eventsmith.registry._field_tree import FieldNode, field_tree
from eventsmith.registry._infer import infer_schema
from eventsmith.registry._model import DEFAULT_REGISTRY, PutResult, SchemaInfo, SchemaVersion
from eventsmith.registry._opening import REGISTRY_FORMAT, RegistryFileError, RegistryReadOnly
from eventsmith.registry._paths import default_registry_path
from eventsmith.registry._search import Match, SearchHit
from eventsmith.registry._search_index import SchemaIndex, search
from eventsmith.registry._store import Registry
from eventsmith.registry._subschemas import escape_pointer, resolve_pointer, unescape_pointer
from eventsmith.registry._writes import MAX_SAMPLES_PER_SCHEMA

if TYPE_CHECKING:
    from eventsmith.registry._formats import (
        EXPORT_FORMATS,
        ImportedSchema,
        detect_format,
        export_schema,
        import_schema_file,
        same_structure,
        to_canonical,
    )
    from eventsmith.registry._validation import (
        EventError,
        ValidationReport,
        event_errors,
        event_validator,
        validate_events,
    )

# Formats and validation load jsonschema and PyYAML (about 6 MiB and tens of milliseconds),
# which the store and discovery never need: `eventsmith discover` and a GUI's first window stay
# lean, and the names load on first use.
_ON_FIRST_USE = {
    **dict.fromkeys(
        (
            "EXPORT_FORMATS",
            "ImportedSchema",
            "detect_format",
            "export_schema",
            "import_schema_file",
            "same_structure",
            "to_canonical",
        ),
        "_formats",
    ),
    **dict.fromkeys(
        ("EventError", "ValidationReport", "event_errors", "event_validator", "validate_events"),
        "_validation",
    ),
}


def __getattr__(name: str) -> Any:
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_REGISTRY",
    "DETAIL_TYPE_KEY",
    "ENVELOPE_KEYS",
    "EXPORT_FORMATS",
    "JSONSCHEMA_2020_12",
    "MAX_SAMPLES_PER_SCHEMA",
    "REGISTRY_FORMAT",
    "SOURCE_KEY",
    "ChangedSchema",
    "Compatibility",
    "DiscoveredSchema",
    "Discovery",
    "DiscoveryJob",
    "DiscoveryProgress",
    "DiscoveryReport",
    "EventError",
    "FieldChange",
    "FieldNode",
    "FormatError",
    "ImportedSchema",
    "Match",
    "PutResult",
    "Registry",
    "RegistryChanges",
    "RegistryError",
    "RegistryFileError",
    "RegistryReadOnly",
    "SchemaDiff",
    "SchemaIndex",
    "SchemaInfo",
    "SchemaNotFound",
    "SchemaVersion",
    "SearchHit",
    "StoredSchema",
    "ValidationReport",
    "VersionNotFound",
    "default_registry_path",
    "detect_format",
    "diff_schemas",
    "discover",
    "escape_pointer",
    "event_errors",
    "event_validator",
    "export_schema",
    "field_tree",
    "import_schema_file",
    "infer_schema",
    "is_envelope",
    "pascal_case",
    "resolve_pointer",
    "run_discovery",
    "same_structure",
    "schema_name",
    "search",
    "to_canonical",
    "unescape_pointer",
    "validate_events",
]
