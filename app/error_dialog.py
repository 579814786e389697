"""Errors as dialogs with a plain message: never a traceback in front of the user.

`install_excepthook` routes every uncaught exception (a slot that raised, a bug) to one dialog;
the traceback goes to stderr for bug reports. Dialogs open window-modal without a nested event
loop, so an error inside a long job cannot stall the job's signals.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from eventsmith.registry import RegistryError

_open_dialogs: list[QMessageBox] = []


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


def show_error(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Critical, title, message, QMessageBox.StandardButton.Ok)
    if parent is not None:
        box.setParent(parent, box.windowFlags())
    _open_dialogs.append(box)
    box.finished.connect(
        lambda _result: _open_dialogs.remove(box) if box in _open_dialogs else None
    )
    box.open()
    return box


def open_error_dialogs() -> list[QMessageBox]:
    return list(_open_dialogs)


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def install_excepthook(parent: Callable[[], QWidget | None]) -> ExceptHook:
    """Show uncaught exceptions in a dialog over `parent()`; returns the hook installed."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        traceback.print_exception(kind, error, trace, file=sys.stderr)
        show_error(parent(), "eventsmith", explain(error))

    sys.excepthook = hook
    return hook
