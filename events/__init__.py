"""Event input shared by discovery, validation and matching: files, folders, JSON arrays,
JSON Lines, gzip and stdin, streamed with progress and line numbers."""

from eventsmith.events._reader import EventReader, InputProblem

__all__ = ["EventReader", "InputProblem"]
