"""Event input shared by discovery, validation and matching: files, folders, JSON arrays,
JSON Lines, gzip and stdin, streamed with progress and line numbers.

`EventReader(paths)` yields documents in batches (`batches()`) or one by one with their file
and line (`located()`); what it had to skip becomes `InputProblem`s, and `on_bytes` feeds a
progress bar over `total_bytes()`; `progress()` is a `ReadProgress` snapshot of both.

Nesting: one limit, `MAX_DEPTH` (255 levels), for every command; deeper parts are cut to `{}`
or `[]` (`cut_to_depth`, `loads_deep`), and `deep_recursion` gives recursive schema code
the room a schema of 255-level events needs.
"""

from eventsmith.events._depth import (
    MAX_DEPTH,
    MAX_SCHEMA_DEPTH,
    RECURSION_LIMIT,
    cut_to_depth,
    deep_recursion,
    exceeds_depth,
    json_text_depth,
    loads_deep,
    nesting_depth,
)
from eventsmith.events._formats import DOCUMENT_SUFFIXES, LINE_SUFFIXES
from eventsmith.events._progress import ReadProgress
from eventsmith.events._reader import STDIN, EventReader, InputProblem, LocatedEvent

__all__ = [
    "DOCUMENT_SUFFIXES",
    "LINE_SUFFIXES",
    "MAX_DEPTH",
    "MAX_SCHEMA_DEPTH",
    "RECURSION_LIMIT",
    "STDIN",
    "EventReader",
    "InputProblem",
    "LocatedEvent",
    "ReadProgress",
    "cut_to_depth",
    "deep_recursion",
    "exceeds_depth",
    "json_text_depth",
    "loads_deep",
    "nesting_depth",
]
