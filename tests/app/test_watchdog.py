"""The window never freezes during long work: while 100,000 events are discovered, the UI
thread's event loop never pauses for more than 100 ms."""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

# The goal. Discovery runs in a child process, so nothing it does holds the window's
# GIL. With discovery on a worker thread instead (the app before 2026-11-30), the pauses were
# 101-210 ms on a quiet 2-core machine and this test failed 6 runs out of 6.
MAX_GAP_S = 0.100
# What the window does once after it opens (its first paint, loading the schema formats in the
# background) is not discovery's doing: the watch starts after it.
SETTLE_MS = 500


def _events(path: Path, count: int, source: str) -> Path:
    kinds = ("Order Placed", "Order Shipped", "Order Cancelled", "Payment Captured")
    with path.open("w") as stream:
        for number in range(count):
            event = {
                "version": "0",
                "id": f"id-{number}",
                "detail-type": kinds[number % len(kinds)],
                "source": source,
                "account": "123456789012",
                "time": f"2024-01-01T00:00:{number % 60:02d}Z",
                "region": "eu-west-1",
                "resources": [f"arn:aws:shop:eu-west-1:123456789012:order/{number}"],
                "detail": {
                    "orderId": f"o{number}",
                    "total": number * 1.5,
                    "items": [{"sku": f"sku-{number % 97}", "quantity": number % 5}],
                    "customer": {"id": number, "email": "someone@example.com"},
                },
            }
            stream.write(json.dumps(event) + "\n")
    return path


def _largest_gap(qtbot, window, events: Path) -> float:  # type: ignore[no-untyped-def]
    """Run one discovery with a 5 ms heartbeat on the UI thread; the longest pause between beats."""
    qtbot.wait(SETTLE_MS)
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    heartbeat.start()
    qtbot.wait(50)  # a few beats before the run starts
    with qtbot.waitSignal(window.runner.finished, timeout=120_000) as finished:
        assert window.discover([events])
    qtbot.wait(300)  # the refresh and the summary dialog after the run count too
    heartbeat.stop()
    summary = finished.args[0]
    assert summary.events == 100_000 and len(summary.new_schemas) == 4
    assert len(ticks) > 20
    return max(later - earlier for earlier, later in itertools.pairwise(ticks))


@pytest.mark.slow
def test_the_event_loop_never_blocks_while_discovering_100000_events(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    # CI machines are shared: another process can take the CPU for a moment. A stall our code
    # causes happens on every run; one the machine causes does not, so the best of three counts.
    gaps = []
    for attempt in range(3):
        # New schemas on every attempt, so each one pays for the whole path: storing, the
        # tree's refresh, the summary dialog.
        events = _events(tmp_path / f"orders{attempt}.jsonl", 100_000, f"shop.orders{attempt}")
        gaps.append(_largest_gap(qtbot, window, events))
        if gaps[-1] < MAX_GAP_S:
            break
    shown = ", ".join(f"{gap * 1000:.0f} ms" for gap in gaps)
    assert min(gaps) < MAX_GAP_S, f"the event loop stalled on every run: {shown}"
