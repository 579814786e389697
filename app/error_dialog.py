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

from eventsmith.app.error_text import explain

_open_dialogs: list[QMessageBox] = []


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
