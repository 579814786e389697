"""Garbage collection on the UI thread only.

Python collects cyclic garbage on whichever thread happens to allocate when a threshold is
reached: with the workflow loader, the bindings generator and the simulator running on worker
threads, that is often a worker. A cycle that holds a Qt widget is then destroyed on a thread
that does not own it, and Qt crashes a little later in the UI thread's event loop (seen as a
segmentation fault in `QObject::event`, about one test run in two once a test left such a
cycle). pyqtgraph's `GarbageCollector` made the same choice for the same reason: turn automatic
collection off and collect on a UI-thread timer, with Python's own thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 100


class UiThreadGarbageCollector(QObject):
    """Collects on a timer of the thread it was made on (the UI thread), never elsewhere."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        gc.disable()
        self._timer.start()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds, as Python would."""
        counts = gc.get_count()
        if counts[0] <= self._thresholds[0]:
            return
        generation = 0
        if counts[1] > self._thresholds[1]:
            generation = 2 if counts[2] > self._thresholds[2] else 1
        gc.collect(generation)
