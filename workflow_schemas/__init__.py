"""Schema-aware workflows: the registry schema of the event that starts a state machine, the
workflow's references to that event checked against it, and completion of those references.

    lookup = find_input_schema(parsed, machine, registry)      # SchemaLookup
    check_input_paths(machine, lookup.schema)                  # WFS001 warnings
    complete_input_path(lookup.schema, "$.detail.ord")         # FieldCompletions
"""

from eventsmith.workflow_schemas._check import check_input_paths, complete_input_path
from eventsmith.workflow_schemas._lookup import MARKER, find_input_schema, input_schema_for
from eventsmith.workflow_schemas._model import (
    NO_MATCHING_SCHEMA,
    UNKNOWN_FIELD,
    UNKNOWN_SCHEMA,
    FieldCompletion,
    InputSchema,
    SchemaLookup,
)

__all__ = [
    "MARKER",
    "NO_MATCHING_SCHEMA",
    "UNKNOWN_FIELD",
    "UNKNOWN_SCHEMA",
    "FieldCompletion",
    "InputSchema",
    "SchemaLookup",
    "check_input_paths",
    "complete_input_path",
    "find_input_schema",
    "input_schema_for",
]
