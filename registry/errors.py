"""The error for schema documents eventsmith cannot read, shared by every format module."""

from __future__ import annotations

from .store import RegistryError


class FormatError(RegistryError):
    """A document that is not a schema in a known format; the message says what and where."""
