"""Errors the registry raises for requests it cannot satisfy; messages are meant for people."""

from __future__ import annotations


class RegistryError(Exception):
    """A request the registry cannot satisfy; the message is meant for people."""


class SchemaNotFound(RegistryError):
    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"No schema named {name!r}.{hint}")


class VersionNotFound(RegistryError):
    def __init__(self, name: str, version: int, available: list[int]) -> None:
        self.name = name
        self.version = version
        self.available = available
        have = ", ".join(str(v) for v in available) or "none"
        super().__init__(f"Schema {name!r} has no version {version} (versions: {have}).")


class FormatError(RegistryError):
    """A document that is not a schema in a known format; the message says what and where."""
