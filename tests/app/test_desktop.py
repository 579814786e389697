"""Desktop behaviour: errors as dialogs, remembered geometry and recent files, About, shortcuts,
and files routed to the right panel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from eventsmith.app.app_settings import AppSettings
from eventsmith.app.desktop import is_dark, make_application
from eventsmith.app.error_dialog import install_excepthook, open_error_dialogs
from eventsmith.app.file_kinds import FileKind, file_kind
from eventsmith.app.main_window import MainWindow
from eventsmith.app.menus import about_text
from eventsmith.registry import SchemaNotFound

from .conftest import SAMPLES


def test_an_uncaught_exception_shows_a_plain_dialog_not_a_traceback(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    hook = install_excepthook(lambda: window)
    try:
        raise SchemaNotFound("shop@Nope", ["shop@OrderPlaced"])
    except SchemaNotFound as error:
        hook(type(error), error, error.__traceback__)
    (box,) = open_error_dialogs()
    assert box.isVisible()
    assert "shop@Nope" in box.text()
    assert "Traceback" not in box.text() and 'File "' not in box.text()
    box.accept()
    assert open_error_dialogs() == []
    try:
        raise PermissionError(13, "Permission denied", "/root/registry.db")
    except PermissionError as error:
        hook(type(error), error, error.__traceback__)
    (box,) = open_error_dialogs()
    assert box.text() == "Permission denied: /root/registry.db. Check the file's permissions."
    box.accept()


def test_geometry_and_recent_files_are_remembered(qtbot, registry_path, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    make_application()
    first = MainWindow(registry_path, settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(701, 503)
    first.open_paths([SAMPLES / "events" / "ticket-created.json"])
    first.close()
    reopened = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert AppSettings(reopened).recent_files() == [
        (SAMPLES / "events" / "ticket-created.json").resolve()
    ]
    second = MainWindow(registry_path, reopened)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (701, 503)
    recent = second.menuBar().actions()[0].menu().actions()[1].menu().actions()
    assert recent[0].data() == str((SAMPLES / "events" / "ticket-created.json").resolve())
    second.close()


def test_events_given_on_the_command_line_are_offered_for_discovery(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_paths([SAMPLES / "events" / "ticket-resolved.json"])
    offer = window.discovery_offer
    assert offer.isVisible() and offer.windowTitle() == "Discover schemas?"
    assert "ticket-resolved.json" in offer.text()
    assert not window.runner.running()  # nothing starts before the user agrees
    with qtbot.waitSignal(window.runner.finished, timeout=20_000):
        offer.button(QMessageBox.StandardButton.Yes).click()
    assert window.browser.model.total_count() == 1


def test_a_workflow_opens_in_the_preview_tab_and_zoom_goes_to_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from eventsmith.app.workflow_preview import WorkflowPreview

    preview = window.workflow_tab.widget()
    assert isinstance(preview, WorkflowPreview)
    with qtbot.waitSignal(preview.loaded, timeout=20_000):
        window.open_paths([SAMPLES / "workflows" / "checkout.asl.json"])
    assert window.tabs.currentIndex() == 1
    assert preview.graph_scene is not None and preview.graph_scene.state_items
    before = preview.view.transform().m11()
    window.actions_by_name["zoom_in"].trigger()
    assert preview.view.transform().m11() > before


def test_a_pattern_opens_in_the_tester_tab(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from eventsmith.app.pattern_tester import PatternTester

    window.open_paths([SAMPLES / "patterns" / "ticket-resolved.json"])
    assert window.tabs.currentIndex() == 2
    tester = window.pattern_tab.widget()
    assert isinstance(tester, PatternTester)
    assert '"Ticket Resolved"' in tester.editor.toPlainText()


def test_about_names_the_version_and_the_registry(qtbot, window, registry_path) -> None:  # type: ignore[no-untyped-def]
    from importlib.metadata import version

    text = about_text(window)
    assert f"eventsmith {version('eventsmith')}" in text
    assert str(registry_path) in text
    assert window.windowTitle() == f"eventsmith — {registry_path.name}"
    assert not window.windowIcon().isNull()


def test_shortcuts_for_open_find_save_zoom_and_fit(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    actions = window.actions_by_name
    assert actions["open"].shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert actions["save"].shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert actions["fit"].shortcut() == QKeySequence("Ctrl+0")
    actions["find"].trigger()
    assert window.browser.filter.hasFocus() or QApplication.focusWidget() is window.browser.filter
    size = window.schema.font().pointSizeF()
    code = window.schema.json_text
    code_size = code.font().pointSizeF()
    actions["zoom_in"].trigger()
    actions["zoom_in"].trigger()
    assert window.schema.font().pointSizeF() == size + 2
    assert code.font().pointSizeF() == code_size + 2  # the monospaced views follow
    actions["fit"].trigger()
    assert window.schema.font().pointSizeF() == size
    assert code.font().pointSizeF() == code_size


def test_the_dark_palette_is_used_when_asked(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EVENTSMITH_THEME", "dark")
    assert is_dark(make_application().palette())
    monkeypatch.setenv("EVENTSMITH_THEME", "light")
    assert not is_dark(make_application().palette())


def test_files_are_routed_by_name_and_content(tmp_path: Path) -> None:
    assert file_kind(SAMPLES / "workflows" / "checkout.asl.json") is FileKind.WORKFLOW
    assert file_kind(SAMPLES / "workflows" / "ticket-triage.asl.yaml") is FileKind.WORKFLOW
    assert file_kind(SAMPLES / "patterns" / "ticket-resolved.json") is FileKind.PATTERN
    assert file_kind(SAMPLES / "events" / "ticket-resolved.json") is FileKind.EVENTS
    assert file_kind(SAMPLES / "events") is FileKind.EVENTS
    plain = tmp_path / "machine.json"
    plain.write_text(json.dumps({"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}))
    assert file_kind(plain) is FileKind.WORKFLOW
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    assert file_kind(broken) is FileKind.EVENTS


def test_many_pyside_calls_do_not_abort_the_interpreter() -> None:
    """PySide6 6.12 drops a reference to None per void call; on Python 3.11 the app would
    abort ("none_dealloc") after some thousands of calls without the guard in eventsmith.app."""
    script = (
        "import eventsmith.app\n"
        "from PySide6.QtWidgets import QApplication, QListWidget\n"
        "app = QApplication([])\n"
        "widget = QListWidget()\n"
        "for _ in range(300_000):\n"
        "    widget.setCurrentRow(-1)\n"
        "print('alive')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-400:]
    assert result.stdout.strip() == "alive"


def test_the_cli_lists_the_app_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "eventsmith.cli.main", "app", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Open the desktop app" in result.stdout


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_reaches_the_dialog(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    previous = sys.excepthook
    install_excepthook(lambda: window)
    try:

        def broken() -> None:
            raise FileNotFoundError(2, "No such file or directory", "/gone/orders.jsonl")

        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: bool(open_error_dialogs()), timeout=3000)
        (box,) = open_error_dialogs()
        assert box.text() == "File not found: /gone/orders.jsonl."
        box.accept()
    finally:
        sys.excepthook = previous


def test_eventsmith_app_starts_and_stays_up(tmp_path: Path) -> None:
    """`eventsmith app FILE` in its own process: the window opens and keeps running."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    command = [
        sys.executable,
        "-m",
        "eventsmith.cli.main",
        "--registry",
        str(tmp_path / "registry.db"),
        "app",
        str(SAMPLES / "workflows" / "checkout.asl.json"),
    ]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            process.wait(timeout=6)
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=10)
    assert "Traceback" not in errors
    assert (tmp_path / "registry.db").exists()
