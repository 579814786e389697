"""The app's process-wide runtime fix and the drawing-time hook the app benchmark calls."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pytestqt.qtbot import QtBot

from eventsmith.app.workflow_preview import WorkflowPreview
from eventsmith.app.workflow_timing import time_workflow_drawing

CHECKOUT = Path(__file__).parents[2] / "resources" / "samples" / "workflows" / "checkout.asl.json"

MANY_VOID_CALLS = """
import eventsmith.app
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget = QWidget()
for _ in range(200_000):
    widget.setObjectName("x")  # returns None: PySide6 6.12 does not add a reference to it
print("alive")
"""


def test_the_app_survives_many_calls_of_void_qt_methods() -> None:
    # In a child process: without the fix, CPython < 3.12 aborts when None is deallocated.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", MANY_VOID_CALLS], capture_output=True, text=True, env=env,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "alive"


def test_drawing_times_cover_every_phase_of_a_real_draw(qtbot: QtBot) -> None:
    preview = WorkflowPreview()
    qtbot.addWidget(preview)
    preview.show()
    text = CHECKOUT.read_text()
    for _ in range(2):  # the second draw of the same text is timed in full too
        times = time_workflow_drawing(preview, text, CHECKOUT)
        assert times.states == 10
        assert min(times.load, times.scene, times.paint) > 0
        assert times.total == times.load + times.scene + times.paint
    assert preview.graph_scene is not None and len(preview.graph_scene.state_items) == 12
