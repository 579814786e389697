"""Discovery off the UI thread: the registry's `DiscoveryJob` in a QThread, with progress and
Cancel. The job opens its own connection on the worker thread, and a cancelled job stores
nothing (it writes everything in one transaction at the end).
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from eventsmith.app.error_dialog import explain
from eventsmith.registry import DiscoveryJob, DiscoveryProgress, DiscoveryReport


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


def summarize(report: DiscoveryReport) -> DiscoverySummary:
    return DiscoverySummary(
        cancelled=report.cancelled,
        events=report.events,
        files_read=report.files_read,
        new_schemas=tuple(item.name for item in report.new_schemas),
        new_versions=tuple((item.name, item.version) for item in report.new_versions),
        unchanged=tuple(item.name for item in report.unchanged),
        problems=tuple(str(problem) for problem in report.problems),
        problem_count=report.problem_count,
    )


class DiscoveryWorker(QObject):
    """Runs one `DiscoveryJob` in the thread it was moved to."""

    progress = Signal(int, int)  # per mille done (-1: unknown), events read so far
    finished = Signal(object)  # DiscoverySummary
    failed = Signal(str)

    def __init__(self, registry_path: Path, inputs: Sequence[Path]) -> None:
        super().__init__()
        self._job = DiscoveryJob(registry_path, list(inputs))

    def cancel(self) -> None:
        """Callable from any thread; the run stops within one batch and stores nothing."""
        self._job.cancel()

    @Slot()
    def run(self) -> None:
        try:
            report = self._job.run(on_progress=self._progress)
        except Exception as error:  # a worker must report, never die silently
            traceback.print_exc()  # for bug reports; the user gets a sentence
            self.failed.emit(explain(error))
        else:
            self.finished.emit(summarize(report))

    def _progress(self, progress: DiscoveryProgress) -> None:
        # The job throttles its calls, so one signal per call cannot flood the UI thread.
        fraction = progress.fraction
        self.progress.emit(-1 if fraction is None else round(fraction * 1000), progress.events_done)


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
