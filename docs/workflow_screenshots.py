"""Screenshots of the workflow preview and the pattern tester for docs/app-workflow.md.

    QT_QPA_PLATFORM=offscreen python docs/workflow_screenshots.py [OUT_DIR]   # default docs/img

Draws real files (a published AWS workflow from tests/data/asl/layout, the bundled sample patterns
and events, and a registry discovered from them in a temporary folder) with the real widgets.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from eventsmith.app.pattern_tester import PatternTester
from eventsmith.app.workflow_preview import WorkflowPreview
from eventsmith.registry import Registry, run_discovery

ROOT = Path(__file__).parents[1]
WORKFLOW = ROOT / "tests" / "data" / "asl" / "layout" / "concurrency-control-flow.asl.json"
SAMPLES = ROOT / "resources" / "samples"


def preview_shot(out: Path) -> None:
    preview = WorkflowPreview()
    preview.resize(1180, 640)
    preview.show()
    loop = QEventLoop()
    preview.loaded.connect(loop.quit)
    QTimer.singleShot(20_000, loop.quit)
    preview.open_file(WORKFLOW)
    loop.exec()
    first = preview.diagnostics.topLevelItem(0)
    if first is not None:  # the published sample's real mistake: a path ending in a dot
        preview.diagnostics.setCurrentItem(first)
        preview.diagnostics.itemClicked.emit(first, 0)
    QApplication.processEvents()
    preview.grab().save(str(out / "app-workflow-preview.png"))


def tester_shot(out: Path, scratch: Path) -> None:
    registry_path = scratch / "registry.db"
    with Registry(registry_path) as registry:
        run_discovery(registry, [SAMPLES / "events"])
    tester = PatternTester(registry_path)
    tester.resize(1180, 620)
    tester.show()
    QApplication.processEvents()
    tester.open_pattern(SAMPLES / "patterns" / "billing-or-fulfillment.json")
    tester.schema_chooser.setCurrentText("aws.partner/example.com/123@TicketCreated")
    tester.add_schema_samples()
    tester.add_event_files(sorted((SAMPLES / "events").glob("*.json")))
    missed = [tester.results.topLevelItem(i) for i in range(tester.results.topLevelItemCount())]
    tester.results.setCurrentItem(next(i for i in missed if i and i.text(0) == "No match"))
    QApplication.processEvents()
    tester.grab().save(str(out / "app-pattern-tester.png"))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as scratch:
        preview_shot(out)
        tester_shot(out, Path(scratch))
    del app


if __name__ == "__main__":
    main()
