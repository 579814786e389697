"""Bindings tab: the preview shows the generated classes, Save writes the chosen layout."""

from __future__ import annotations

from pathlib import Path

from eventsmith.app.registry_tree import TreeKey
from eventsmith.registry import DEFAULT_REGISTRY

from .conftest import TICKET_RESOLVED, seed


def _show(window, registry_path: Path):  # type: ignore[no-untyped-def]
    seed(registry_path)
    window.refresh()
    window.browser.select(TreeKey(DEFAULT_REGISTRY, TICKET_RESOLVED))
    bindings = window.schema.bindings
    assert bindings.wait()
    return bindings


def test_the_preview_shows_the_python_and_typescript_classes(qtbot, window, registry_path) -> None:  # type: ignore[no-untyped-def]
    bindings = _show(window, registry_path)
    qtbot.waitUntil(lambda: bindings.copy_button.isEnabled(), timeout=30_000)
    python = bindings.views["python"].toPlainText()
    typescript = bindings.views["typescript"].toPlainText()
    assert "class AWSEvent(BaseModel)" in python
    assert "class TicketResolved(BaseModel)" in python
    assert "export interface TicketResolved" in typescript
    # The preview opens at the generated types, not at the runtime helpers above them.
    python_view = bindings.views["python"]
    top = python_view.firstVisibleBlock().text()
    assert top.startswith("class ") and not top.startswith("class EventTime")
    bindings.tabs.setCurrentIndex(1)
    bindings.copy()
    from PySide6.QtWidgets import QApplication

    assert QApplication.clipboard().text() == typescript


def test_save_writes_the_eventbridge_layout_or_flat(qtbot, window, registry_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bindings = _show(window, registry_path)
    qtbot.waitUntil(lambda: bindings.save_button.isEnabled(), timeout=30_000)
    written = bindings.save(tmp_path / "eb")
    # The EventBridge layout: one package per schema under schema/, markers on the way down.
    (module,) = [path for path in written if path.endswith("ticketresolved/__init__.py")]
    assert module.startswith("schema/aws/")
    assert "class TicketResolved(BaseModel)" in (tmp_path / "eb" / module).read_text()
    assert (tmp_path / "eb" / "schema" / "__init__.py").is_file()
    bindings.layout_box.setCurrentIndex(1)
    bindings.tabs.setCurrentIndex(1)
    flat = bindings.save(tmp_path / "flat")
    assert len(flat) == 1 and "/" not in flat[0] and flat[0].endswith(".ts")
    assert "export interface TicketResolved" in (tmp_path / "flat" / flat[0]).read_text()
