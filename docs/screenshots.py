"""Screenshots of each main view of the desktop app, light and dark, for the README and docs.

Run under a virtual X server (a real display works too):

    xvfb-run -a -s "-screen 0 1600x1000x24" python docs/screenshots.py

Each theme runs in its own process (the palette is chosen when the application starts). The
registry is a fresh file seeded from `resources/samples`, plus a second version of one schema
so the version diff has something to show. Images go to docs/img/app-<view>-<theme>.png.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"
OUT = ROOT / "docs" / "img"
SIZE = (1280, 800)
SCHEMA = "aws.partner/example.com/123@TicketResolved"


def _seed(registry_path: Path, scratch: Path) -> None:
    from eventsmith.registry import Registry, run_discovery

    event = json.loads((SAMPLES / "events" / "ticket-resolved.json").read_text())
    event["detail"]["priority"] = "high"
    event["detail"]["resolution"]["code"] = "R-3"
    changed = scratch / "ticket-resolved-v2.json"
    changed.write_text(json.dumps(event))
    with Registry(registry_path) as registry:
        run_discovery(registry, [SAMPLES / "events" / "ticket-created.json"])
        run_discovery(registry, [SAMPLES / "events" / "ticket-resolved.json"])
        run_discovery(registry, [changed])


def _shoot(theme: str) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from eventsmith.app.desktop import make_application
    from eventsmith.app.main_window import MainWindow
    from eventsmith.app.registry_tree import TreeKey
    from eventsmith.registry import DEFAULT_REGISTRY

    app = make_application()
    scratch = Path(tempfile.mkdtemp(prefix="eventsmith-shots-"))
    registry_path = scratch / "registry.db"
    _seed(registry_path, scratch)
    settings = QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(registry_path, settings)
    window.resize(*SIZE)
    window.show()

    def settle(ms: int = 150) -> None:
        end = ms / 1000
        import time

        deadline = time.monotonic() + end
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)

    def save(widget: QWidget, view: str) -> None:
        settle()
        path = OUT / f"app-{view}-{theme}.png"
        widget.grab().save(str(path))
        print(f"wrote {path.relative_to(ROOT)}")

    browser, panel = window.browser, window.schema
    browser.select(TreeKey(DEFAULT_REGISTRY, SCHEMA))
    settle(300)
    panel.show_tab("Fields")
    save(window, "fields")
    panel.show_tab("OpenAPI")
    save(window, "openapi")
    panel.show_tab("Versions")
    save(window, "versions")
    panel.show_tab("Validate")
    event = json.loads((SAMPLES / "events" / "ticket-resolved.json").read_text())
    event["time"] = "yesterday"
    del event["detail"]["ticketId"]
    panel.check.set_event_text(event)
    panel.check.check()
    save(window, "validate")
    panel.show_tab("Bindings")
    panel.bindings.wait()
    settle(300)
    save(window, "bindings")
    browser.filter.setText("ticket")
    panel.show_tab("Fields")
    save(window, "filter")
    browser.filter.clear()

    window.tabs.setCurrentIndex(1)
    preview = window.workflow_tab.widget()
    window.open_paths([SAMPLES / "workflows" / "checkout.asl.json"])
    for _ in range(200):
        settle(50)
        if getattr(preview, "graph_scene", None) is not None:
            break
    settle(300)
    save(window, "workflow")

    if _has_pattern_tester():
        window.open_paths([SAMPLES / "patterns" / "ticket-resolved.json"])
        tester = window.pattern_tab.widget()
        add = getattr(tester, "add_event_files", None)
        if add is not None:
            add(sorted((SAMPLES / "events").glob("*.json")))
        settle(600)
        save(window, "patterns")

    window.tabs.setCurrentIndex(0)
    fresh = scratch / "fresh.db"
    from eventsmith.registry import Registry

    Registry(fresh).close()
    window.close()
    discovering = MainWindow(fresh, settings)
    discovering.resize(*SIZE)
    discovering.show()
    done: list[object] = []
    discovering.runner.finished.connect(done.append)
    discovering.discover([SAMPLES / "events"])
    while not done:
        settle(50)
    settle(300)
    dialog = discovering._summary_dialog
    if dialog is not None:
        save(dialog, "discovery")
    discovering.close()
    QApplication.processEvents()


def _has_pattern_tester() -> bool:
    import importlib.util

    return importlib.util.find_spec("eventsmith.app.pattern_tester") is not None


def main() -> None:
    theme = os.environ.get("EVENTSMITH_THEME")
    if theme:
        _shoot(theme)
        return
    OUT.mkdir(parents=True, exist_ok=True)
    for each in ("light", "dark"):
        env = {**os.environ, "EVENTSMITH_THEME": each}
        subprocess.run([sys.executable, __file__], env=env, check=True)


if __name__ == "__main__":
    main()
