"""Discovery from the window: runs off the UI thread, shows what it found, Cancel stores nothing."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from eventsmith.app.discovery_summary import DiscoverySummary
from eventsmith.app.registry_tree import TreeKey
from eventsmith.registry import DEFAULT_REGISTRY, Registry

from .conftest import SAMPLES, TICKET_RESOLVED


def _names(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.browser.model
    names = []
    for registry_row in range(model.rowCount()):
        parent = model.index(registry_row, 0)
        names += [model.key(model.index(r, 0, parent)).name for r in range(model.rowCount(parent))]
    return names


def _write_events(path: Path, count: int, *, broken_line: bool = False) -> Path:
    with path.open("w") as stream:
        for number in range(count):
            event = {
                "version": "0",
                "id": f"id-{number}",
                "detail-type": "Order Placed",
                "source": "shop.orders",
                "account": "123456789012",
                "time": "2024-01-01T00:00:00Z",
                "region": "eu-west-1",
                "resources": [],
                "detail": {"orderId": f"o{number}", "total": number * 1.5},
            }
            stream.write(json.dumps(event) + "\n")
            if broken_line and number == 1:
                stream.write('{"not": "closed"\n')
    return path


def test_discovery_finishes_and_the_tree_shows_the_new_schemas(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert _names(window) == []
    with qtbot.waitSignal(window.runner.finished, timeout=20_000) as finished:
        assert window.discover([SAMPLES / "events"])
    summary: DiscoverySummary = finished.args[0]
    assert not summary.cancelled
    assert TICKET_RESOLVED in summary.new_schemas
    assert TICKET_RESOLVED in _names(window)
    # The summary dialog lists the new schemas, and the first one is selected and shown.
    dialog = window._summary_dialog
    shown = dialog.sections["New schemas"]
    assert TICKET_RESOLVED in [shown.item(row).text() for row in range(shown.count())]
    assert window.schema.version is not None
    assert not window.progress.isVisible()


def test_skipped_lines_are_listed_with_their_reason(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    events = _write_events(tmp_path / "orders.jsonl", 3, broken_line=True)
    with qtbot.waitSignal(window.runner.finished, timeout=20_000) as finished:
        window.discover([events])
    summary = finished.args[0]
    assert summary.events == 3 and summary.problem_count == 1
    assert summary.problems[0].startswith(f"{events}:3:")
    skipped = window._summary_dialog.sections["Skipped input"]
    assert skipped.item(0).text() == summary.problems[0]
    assert summary.new_schemas == ("shop.orders@OrderPlaced",)


def test_cancel_stops_the_run_and_stores_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, registry_path: Path, tmp_path: Path
) -> None:
    events = _write_events(tmp_path / "many.jsonl", 50_000)
    with qtbot.waitSignal(window.runner.finished, timeout=60_000) as finished:
        window.discover([events])
        assert window.progress.isVisible()
        qtbot.mouseClick(window.progress.cancel, Qt.MouseButton.LeftButton)
    assert finished.args[0].cancelled
    assert "cancelled" in window.statusBar().currentMessage()
    with Registry(registry_path) as registry:
        assert registry.list_schemas(None) == []
        assert registry.revision() == 0
    assert _names(window) == []
    assert not window.runner.running()


def test_dropping_a_folder_on_the_window_discovers_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(SAMPLES / "events"))])
    drop = QDropEvent(
        QPoint(200, 200),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.runner.finished, timeout=20_000):
        window.dropEvent(drop)
    assert drop.isAccepted()
    assert window.browser.model.index_of(TreeKey(DEFAULT_REGISTRY, TICKET_RESOLVED)).isValid()


def test_a_run_that_cannot_open_the_registry_reports_a_sentence(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from eventsmith.app.discovery_runner import DiscoveryRunner

    runner = DiscoveryRunner(tmp_path)  # a folder, not a registry file
    with qtbot.waitSignal(runner.failed, timeout=20_000) as failed:
        assert runner.start([SAMPLES / "events"])
    message = failed.args[0]
    assert message == f"{tmp_path}: is a directory, not a registry file"
    assert not runner.running()


def test_the_progress_group_keeps_its_natural_width_in_the_status_bar(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    # Without a size policy the status bar stretched Cancel to 170 px on a 1280 px window.
    window.resize(1280, 800)
    window.progress.begin()
    qtbot.waitUntil(lambda: window.progress.width() > 0)
    qtbot.wait(50)
    assert window.progress.width() <= window.progress.sizeHint().width()
    assert window.progress.cancel.width() <= window.progress.cancel.sizeHint().width()
