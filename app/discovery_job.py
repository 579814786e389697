"""Discovery off the UI thread: a worker with its own registry connection, progress, and Cancel.

The worker reads and infers first and stores only at the end, so a cancelled run stores nothing.
Progress is throttled to a few signals per second: a signal per chunk would flood the UI
thread's event queue on a fast disk.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from eventsmith.events import EventReader
from eventsmith.registry import Registry, discover, store_discovery

_PROGRESS_EVERY_S = 0.05


@dataclass(frozen=True)
class DiscoverySummary:
    """What a run did, for the summary dialog and the status bar."""

    cancelled: bool
    events: int
    files_read: int
    new_schemas: tuple[str, ...]
    new_versions: tuple[tuple[str, int], ...]
    unchanged: tuple[str, ...]
    problems: tuple[str, ...]
    problem_count: int

    def headline(self) -> str:
        if self.cancelled:
            return "Discovery cancelled: nothing was stored."
        parts = [
            f"{self.events:,} event{'s' if self.events != 1 else ''} from "
            f"{self.files_read} file{'s' if self.files_read != 1 else ''}",
            f"{len(self.new_schemas)} new schema{'s' if len(self.new_schemas) != 1 else ''}",
            f"{len(self.new_versions)} new version{'s' if len(self.new_versions) != 1 else ''}",
            f"{len(self.unchanged)} unchanged",
        ]
        if self.problem_count:
            parts.append(f"{self.problem_count} skipped")
        return ", ".join(parts)


class _Cancelled(Exception):
    pass


class DiscoveryWorker(QObject):
    """Runs one discovery in the thread it was moved to."""

    progress = Signal(int, int)  # bytes done, bytes total (0: unknown)
    finished = Signal(object)  # DiscoverySummary
    failed = Signal(str)

    def __init__(self, registry_path: Path, inputs: Sequence[Path]) -> None:
        super().__init__()
        self._registry_path = registry_path
        self._inputs = [str(path) for path in inputs]
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Callable from any thread; the run stops at its next chunk of input."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        try:
            self.finished.emit(self._run())
        except _Cancelled:
            self.finished.emit(_cancelled_summary())
        except Exception as error:  # a worker must report, never die silently
            self.failed.emit(f"{type(error).__name__}: {error}")

    def _run(self) -> DiscoverySummary:
        reader = EventReader(self._inputs)
        total = reader.total_bytes() or 0
        done = 0
        last = 0.0

        def on_bytes(count: int) -> None:
            nonlocal done, last
            if self._cancel.is_set():
                raise _Cancelled
            done += count
            now = time.monotonic()
            if now - last >= _PROGRESS_EVERY_S:
                last = now
                self.progress.emit(done, total)

        reader.on_bytes = on_bytes
        discovery = discover(self._inputs, reader=reader)
        if self._cancel.is_set():
            raise _Cancelled
        self.progress.emit(total, total)
        registry = Registry(self._registry_path)
        try:
            stored = store_discovery(registry, discovery) if discovery.schemas else ()
        finally:
            registry.close()
        return DiscoverySummary(
            cancelled=False,
            events=discovery.events,
            files_read=discovery.files_read,
            new_schemas=tuple(item.name for item in stored if item.new_schema),
            new_versions=tuple(
                (item.name, item.version) for item in stored if item.created and not item.new_schema
            ),
            unchanged=tuple(item.name for item in stored if not item.created),
            problems=tuple(str(problem) for problem in discovery.problems),
            problem_count=discovery.problem_count,
        )


def _cancelled_summary() -> DiscoverySummary:
    return DiscoverySummary(True, 0, 0, (), (), (), (), 0)


class DiscoveryRunner(QObject):
    """Owns the thread of one run at a time; the window connects to its signals."""

    started = Signal()
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, registry_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._registry_path = registry_path
        self._thread: QThread | None = None
        self._worker: DiscoveryWorker | None = None

    def running(self) -> bool:
        return self._thread is not None

    def start(self, inputs: Sequence[Path]) -> bool:
        """Start a run; False when one is already going."""
        if self._thread is not None:
            return False
        thread = QThread()
        worker = DiscoveryWorker(self._registry_path, inputs)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self.progress)
        worker.finished.connect(self._done)
        worker.failed.connect(self._failed)
        self._thread, self._worker = thread, worker
        thread.start()
        self.started.emit()
        return True

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def wait(self) -> None:
        """Block until the thread ends (used at shutdown)."""
        if self._thread is not None:
            self.cancel()
            self._thread.quit()
            self._thread.wait()

    def _stop_thread(self) -> None:
        thread = self._thread
        self._thread, self._worker = None, None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()

    def _done(self, summary: DiscoverySummary) -> None:
        self._stop_thread()
        self.finished.emit(summary)

    def _failed(self, message: str) -> None:
        self._stop_thread()
        self.failed.emit(message)
