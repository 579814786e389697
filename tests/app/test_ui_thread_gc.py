"""Cyclic garbage is collected on the UI thread, even when a worker thread does the allocating
(a widget freed on a worker crashes Qt; see eventsmith.app.ui_thread_gc)."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from pytestqt.qtbot import QtBot

from eventsmith.app.desktop import make_application
from eventsmith.app.ui_thread_gc import UiThreadGarbageCollector


class _Marker:
    """Part of a reference cycle; notes the thread that freed it."""

    freed_on: ClassVar[list[int]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Marker.freed_on.append(threading.get_ident())


def test_the_application_collects_garbage_on_its_own_thread_only(qtbot: QtBot) -> None:
    app = make_application()
    assert app.findChild(UiThreadGarbageCollector) is not None
    assert not gc.isenabled()
    _Marker.freed_on.clear()
    for _ in range(200):
        _Marker()  # unreachable at once, but only a collection frees a cycle

    kept: list[list[int]] = []

    def allocate() -> None:  # new containers, far past generation 0's threshold
        kept.extend([index] for index in range(50_000))

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert _Marker.freed_on == []  # the worker's allocations collected nothing
    qtbot.waitUntil(lambda: len(_Marker.freed_on) == 200, timeout=5_000)
    assert set(_Marker.freed_on) == {threading.get_ident()}
    kept.clear()
