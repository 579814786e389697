"""Benchmark: the desktop app, each measure beside a peer in the same run.

- Cold start to the first painted main window (a fresh process each time, registry of the
  bundled samples) beside a bare PySide6 window (QApplication + an empty QMainWindow): the
  floor any Qt for Python app pays.
- Filtering the registry tree on 10,000 schemas, per keystroke (model rebuild, view reset,
  selection restore and a synchronous repaint), beside Qt's stock QSortFilterProxyModel with
  recursive filtering over a QStandardItemModel of the same tree.
- Opening and drawing a 1,000-state workflow in app-workflow's preview (core layout measured
  with Qt fonts, scene built, view painted) beside Graphviz `dot -Tsvg` on our DOT export of
  the same machine.

Goals: start < 1.5 s, filter < 50 ms per keystroke, 1,000-state workflow drawn < 1 s.

    QT_QPA_PLATFORM=offscreen python bench/bench_app.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

_FIRST_PAINT = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(time.time(), flush=True)
            QTimer.singleShot(0, lambda: sys.exit(0))
        return False
"""

_EVENTSMITH = (
    _FIRST_PAINT
    + """
from pathlib import Path
from eventsmith.app.desktop import make_application
from eventsmith.app.main_window import MainWindow
app = make_application()
window = MainWindow(Path(sys.argv[1]))
spy = FirstPaint(); window.installEventFilter(spy)
window.show()
app.exec()
"""
)

_BARE_QT = (
    _FIRST_PAINT
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow(); window.resize(1280, 800)
spy = FirstPaint(); window.installEventFilter(spy)
window.show()
app.exec()
"""
)


def cold_start(script: str, registry: Path, repeat: int) -> list[float]:
    times = []
    env = {**os.environ, "EVENTSMITH_THEME": "light"}
    with tempfile.TemporaryDirectory() as home:
        env["XDG_CONFIG_HOME"] = home  # no remembered geometry from a real user's settings
        for _ in range(repeat):
            started = time.time()
            out = subprocess.run(
                [sys.executable, "-c", script, str(registry)],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            ).stdout
            times.append(float(out.split()[0]) - started)
    return times


def ten_thousand_schemas(path: Path, scratch: Path) -> None:
    from eventsmith.registry import Registry, run_discovery

    events = scratch / "types.jsonl"
    with events.open("w") as stream:
        for number in range(10_000):
            event = {
                "version": "0",
                "id": str(number),
                "detail-type": f"Entity {number} Changed",
                "source": f"com.example.service{number % 50}",
                "account": "123456789012",
                "time": "2024-01-01T00:00:00Z",
                "region": "eu-west-1",
                "resources": [],
                "detail": {"id": number, "state": "active"},
            }
            stream.write(json.dumps(event) + "\n")
    with Registry(path) as registry:
        run_discovery(registry, [events])


KEYSTROKES = [*"service7", *"@entity12"]


def filter_ours(registry: Path) -> list[float]:
    from PySide6.QtCore import QSettings

    from eventsmith.app.app_settings import AppSettings  # noqa: F401 - loaded before timing
    from eventsmith.app.desktop import make_application
    from eventsmith.app.main_window import MainWindow
    from eventsmith.app.registry_tree import TreeKey
    from eventsmith.registry import DEFAULT_REGISTRY

    app = make_application()
    scratch = Path(tempfile.mkdtemp())
    window = MainWindow(registry, QSettings(str(scratch / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.browser.select(TreeKey(DEFAULT_REGISTRY, "com.example.service7@Entity12157Changed"))
    app.processEvents()
    times = []
    typed = ""
    for key in [*KEYSTROKES, None]:
        typed = typed + key if key is not None else ""  # the last one clears the filter
        started = time.perf_counter()
        window.browser.filter.setText(typed)
        window.browser.tree.viewport().repaint()
        times.append(time.perf_counter() - started)
        app.processEvents()
    assert window.browser.model.schema_count() == 10_000
    window.close()
    return times


def filter_proxy(registry: Path) -> list[float]:
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTreeView

    from eventsmith.registry import Registry

    with Registry(registry) as store:
        infos = store.list_schemas(None)
    model = QStandardItemModel()
    root = QStandardItem("discovered-schemas")
    for info in infos:
        schema = QStandardItem(info.name)
        schema.appendRow(QStandardItem("version 1"))
        root.appendRow(schema)
    model.appendRow(root)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTreeView()
    view.setUniformRowHeights(True)
    view.setModel(proxy)
    view.resize(420, 700)
    view.show()
    view.expand(proxy.index(0, 0))
    times = []
    typed = ""
    for key in [*KEYSTROKES, None]:
        typed = typed + key if key is not None else ""
        started = time.perf_counter()
        proxy.setFilterFixedString(typed)
        view.expand(proxy.index(0, 0))
        view.viewport().repaint()
        times.append(time.perf_counter() - started)
    return times


def workflow_ours(text: str, path: Path) -> float:
    from eventsmith.app.desktop import make_application
    from eventsmith.app.workflow_preview import WorkflowPreview

    app = make_application()
    preview = WorkflowPreview()
    preview.resize(1280, 800)
    preview.show()
    app.processEvents()
    started = time.perf_counter()
    preview.show_text(text, path)
    preview.fit()
    preview.repaint()
    elapsed = time.perf_counter() - started
    assert preview.graph_scene is not None and len(preview.graph_scene.state_items) >= 1000
    preview.close()
    return elapsed


def workflow_dot(text: str) -> float | None:
    from eventsmith.asl import build_graph, parse_document, render_dot

    dot = shutil.which("dot")
    if dot is None:
        return None
    parsed = parse_document(text, "bench.asl.json")
    source = render_dot(build_graph(parsed.state_machines[0]))
    started = time.perf_counter()
    subprocess.run([dot, "-Tsvg"], input=source, capture_output=True, text=True, check=True)
    return time.perf_counter() - started


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _line(name: str, ours: float, peer_name: str, peer: float | None, goal: str) -> None:
    ratio = f"{ours / peer:.2f}x" if peer else "n/a"
    peer_text = _ms(peer) if peer is not None else "not installed"
    print(
        f"{name:<34} {_ms(ours):>9}   {peer_name:<28} {peer_text:>13}   ratio {ratio:>6}   {goal}"
    )


def best(action: Callable[[], float], repeat: int) -> float:
    return min(action() for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="eventsmith-bench-app-"))

    samples = scratch / "samples.db"
    from eventsmith.registry import Registry, run_discovery

    with Registry(samples) as registry:
        run_discovery(registry, [ROOT / "resources" / "samples" / "events"])
    ours = cold_start(_EVENTSMITH, samples, options.repeat)
    bare = cold_start(_BARE_QT, samples, options.repeat)
    print(f"cold start, {options.repeat} runs each: eventsmith {[round(t, 2) for t in ours]}, "
          f"bare Qt {[round(t, 2) for t in bare]}")  # fmt: skip
    _line("cold start to first paint (median)", statistics.median(ours), "bare PySide6 window",
          statistics.median(bare), "goal < 1.5 s")  # fmt: skip

    big = scratch / "ten-thousand.db"
    started = time.perf_counter()
    ten_thousand_schemas(big, scratch)
    print(f"(10,000-schema registry built in {time.perf_counter() - started:.1f} s)")
    ours_filter = filter_ours(big)
    proxy_filter = filter_proxy(big)
    print(f"per keystroke (ms), ours:  {[round(t * 1000, 1) for t in ours_filter]}")
    print(f"per keystroke (ms), proxy: {[round(t * 1000, 1) for t in proxy_filter]}")
    _line("filter 10,000 schemas, worst key", max(ours_filter), "QSortFilterProxyModel worst",
          max(proxy_filter), "goal < 50 ms")  # fmt: skip
    _line("filter 10,000 schemas, median key", statistics.median(ours_filter),
          "QSortFilterProxyModel median", statistics.median(proxy_filter), "")  # fmt: skip

    from bench_asl import count_states, state_machine

    machine = state_machine(50)
    text = json.dumps(machine, indent=2)
    states = count_states(machine)
    drawn = best(lambda: workflow_ours(text, scratch / "bench.asl.json"), options.repeat)
    dot = workflow_dot(text)
    _line(f"open + draw {states:,}-state workflow", drawn, "dot -Tsvg (same graph)", dot,
          "goal < 1 s")  # fmt: skip


if __name__ == "__main__":
    main()
