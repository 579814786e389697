"""The sentence a user sees for an error, without Qt: the discovery process says it too."""

from __future__ import annotations

from eventsmith.registry import RegistryError


def explain(error: BaseException) -> str:
    """One or two sentences a user can act on."""
    if isinstance(error, RegistryError):
        return str(error)
    if isinstance(error, PermissionError):
        return f"Permission denied: {error.filename or error}. Check the file's permissions."
    if isinstance(error, FileNotFoundError):
        return f"File not found: {error.filename or error}."
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or error}{where}."
    if isinstance(error, MemoryError):
        return "eventsmith ran out of memory. Try a smaller input."
    text = str(error) or type(error).__name__
    return f"Something went wrong inside eventsmith: {text}."
