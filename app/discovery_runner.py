"""Discovery without freezing the window: the registry's `DiscoveryJob` runs in a child process
(`eventsmith.app.discovery_process`), and this runner turns what the child says into signals.

A thread was not enough: schema inference is pure Python, so a worker thread held the GIL and
the window's thread waited up to 290 ms at a time. A process shares nothing with the window.
Cancel is a line on the child's stdin; a cancelled run stores nothing, because the job writes
everything in one transaction at the end (and killing the child at shutdown cannot leave half a
transaction behind either: SQLite rolls it back).
"""

from __future__ import annotations

import json
import sys
from collections import deque
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal

from eventsmith.app.discovery_process import MODULE
from eventsmith.app.discovery_summary import DiscoverySummary

_CHILD = MODULE
_SHUTDOWN_WAIT_MS = 5_000


class DiscoveryRunner(QObject):
    """Runs one discovery process at a time; the window connects to its signals."""

    started = Signal()
    progress = Signal(int, int)  # per mille done (-1: unknown), events read so far
    finished = Signal(object)  # DiscoverySummary
    failed = Signal(str)

    def __init__(self, registry_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._registry_path = registry_path
        self._process: QProcess | None = None
        self._outcome: DiscoverySummary | str | None = None
        self._stderr_tail: deque[str] = deque(maxlen=5)
        self._cancel_requested = False

    def running(self) -> bool:
        return self._process is not None

    def start(self, inputs: Sequence[Path]) -> bool:
        """Start a run; False when one is already going."""
        if self._process is not None:
            return False
        process = QProcess(self)
        process.setProgram(sys.executable)
        process.setArguments(["-m", _CHILD, str(self._registry_path), *map(str, inputs)])
        process.readyReadStandardOutput.connect(self._read_messages)
        process.readyReadStandardError.connect(self._read_errors)
        process.finished.connect(self._ended)
        process.errorOccurred.connect(self._error)
        process.started.connect(self._send_cancel_if_requested)
        self._process, self._outcome, self._cancel_requested = process, None, False
        self._stderr_tail.clear()
        process.start()
        self.started.emit()
        return True

    def cancel(self) -> None:
        """Ask the child to stop; a Cancel clicked before it has even started counts too."""
        self._cancel_requested = True
        self._send_cancel_if_requested()

    def _send_cancel_if_requested(self) -> None:
        process = self._process
        if (
            self._cancel_requested
            and process is not None
            and process.state() == QProcess.ProcessState.Running
        ):
            process.write(b"cancel\n")

    def wait(self) -> None:
        """Cancel and wait for the child (at shutdown); kill it if it does not stop in time."""
        process = self._process
        if process is None:
            return
        self.blockSignals(True)  # the window is closing: no summary dialog, no error dialog
        self.cancel()
        if not process.waitForFinished(_SHUTDOWN_WAIT_MS):
            process.kill()
            process.waitForFinished(_SHUTDOWN_WAIT_MS)

    def _read_messages(self) -> None:
        process = self._process
        if process is None:
            return
        while process.canReadLine():
            line = bytes(process.readLine().data()).decode("ascii", errors="replace")
            try:
                message = json.loads(line)
            except json.JSONDecodeError:
                continue  # not ours (a library printed something); the protocol lines are JSON
            if not isinstance(message, dict):
                continue
            if "progress" in message:
                per_mille, events = message["progress"]
                self.progress.emit(int(per_mille), int(events))
            elif "summary" in message:
                self._outcome = DiscoverySummary.from_json(message["summary"])
            elif "failed" in message:
                self._outcome = str(message["failed"])

    def _read_errors(self) -> None:
        if self._process is None:
            return
        text = bytes(self._process.readAllStandardError().data()).decode(errors="replace")
        sys.stderr.write(text)  # tracebacks stay available for bug reports
        self._stderr_tail.extend(line for line in text.splitlines() if line.strip())

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._finish(f"The discovery process could not start ({sys.executable}).")

    def _ended(self, exit_code: int, _status: QProcess.ExitStatus) -> None:
        self._read_messages()
        self._read_errors()
        if self._outcome is None:
            why = f"The discovery process stopped unexpectedly (exit code {exit_code})"
            self._finish(f"{why}: {self._stderr_tail[-1]}" if self._stderr_tail else f"{why}.")
        else:
            self._finish(self._outcome)

    def _finish(self, outcome: DiscoverySummary | str) -> None:
        process, self._process = self._process, None
        if process is None:
            return  # FailedToStart and finished can both arrive; report once
        process.deleteLater()
        if isinstance(outcome, DiscoverySummary):
            self.finished.emit(outcome)
        else:
            self.failed.emit(outcome)
