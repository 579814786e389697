"""Event input shared by discovery, validation and matching: files, folders, JSON arrays,
JSON Lines, gzip and stdin, streamed with progress and line numbers."""
