"""Event input shared by discovery, validation and matching: files, folders, JSON arrays,
JSON Lines, gzip and stdin, streamed with progress and line numbers.

`EventReader(paths)` yields documents in batches (`batches()`) or one by one with their file
and line (`located()`); what it had to skip becomes `InputProblem`s, and `on_bytes` feeds a
progress bar over `total_bytes()`; `progress()` is a `ReadProgress` snapshot of both.
"""

from eventsmith.events._formats import DOCUMENT_SUFFIXES, LINE_SUFFIXES
from eventsmith.events._progress import ReadProgress
from eventsmith.events._reader import STDIN, EventReader, InputProblem, LocatedEvent

__all__ = [
    "DOCUMENT_SUFFIXES",
    "LINE_SUFFIXES",
    "STDIN",
    "EventReader",
    "InputProblem",
    "LocatedEvent",
    "ReadProgress",
]
