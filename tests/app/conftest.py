"""Real widgets on Qt's offscreen platform, over real registry files in tmp_path."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from eventsmith.app.desktop import make_application
from eventsmith.app.main_window import MainWindow
from eventsmith.registry import Registry

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "resources" / "samples"
TICKET_RESOLVED = "aws.partner/example.com/123@TicketResolved"


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    """pytest-qt's application, set up the way `eventsmith app` sets up its own (palette,
    style, and garbage collected on the UI thread only)."""
    return make_application()


@pytest.fixture(scope="package", autouse=True)
def _automatic_gc_after_the_app_tests() -> Iterator[None]:
    """The app turns Python's automatic collection off (it collects on the UI thread's timer,
    which runs only inside an event loop); the rest of the session runs no event loop."""
    yield
    gc.enable()
    gc.collect()


@pytest.fixture
def registry_path(tmp_path: Path) -> Path:
    path = tmp_path / "registry.db"
    Registry(path).close()
    return path


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, registry_path: Path, settings: QSettings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    make_application()
    win = MainWindow(registry_path, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Finish what earlier tests left behind (widgets pytest-qt deleted later, cyclic garbage)
    before a test that times the event loop: that work is not the tested code's."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    qtbot.wait(20)


def seed(path: Path, events_dir: Path = SAMPLES / "events") -> None:
    """Discover the bundled sample events into `path` the way the CLI does."""
    from eventsmith.registry import run_discovery

    with Registry(path) as registry:
        assert run_discovery(registry, [events_dir]).schemas
