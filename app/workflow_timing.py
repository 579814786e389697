"""How long the preview takes to show a workflow, phase by phase, for bench/bench_app.py.

    from eventsmith.app.workflow_timing import time_workflow_drawing
    times = time_workflow_drawing(preview, text, Path("big.asl.json"))
    times.total  # seconds from the text to the first painted frame

The phases are the ones a user waits for after opening a file: parse + validate + graph +
layout measured with Qt's fonts (`load`, the part the preview runs on a worker thread), building
the scene (`scene`) and painting the view once (`paint`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication

from eventsmith.app.workflow_loader import load_workflow
from eventsmith.app.workflow_preview import WorkflowPreview
from eventsmith.app.workflow_scene import qt_text_measure


@dataclass(frozen=True)
class DrawingTimes:
    load: float
    scene: float
    paint: float
    states: int

    @property
    def total(self) -> float:
        return self.load + self.scene + self.paint


def time_workflow_drawing(preview: WorkflowPreview, text: str, path: Path) -> DrawingTimes:
    """Show `text` in `preview` (which should be visible) and time each phase, on this thread."""
    preview.clear()  # a full draw, even when the same text is shown again
    started = time.perf_counter()
    document = load_workflow(path, None, qt_text_measure(), text=text)
    loaded = time.perf_counter()
    preview.show_document(document)
    QApplication.processEvents()
    built = time.perf_counter()
    preview.view.viewport().repaint()
    painted = time.perf_counter()
    return DrawingTimes(loaded - started, built - loaded, painted - built, document.state_count)
