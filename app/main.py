"""Start the desktop app: `eventsmith app` and the `eventsmith-app` launcher both end here."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from eventsmith.registry import default_registry_path


def run(registry_path: Path | None, files: Sequence[Path] = ()) -> int:
    """Open the main window on `registry_path` (default: the user's registry) and `files`."""
    from PySide6.QtCore import QTimer

    from eventsmith.app.desktop import make_application
    from eventsmith.app.error_dialog import install_excepthook
    from eventsmith.app.main_window import MainWindow

    app = make_application()
    window = MainWindow(registry_path or default_registry_path())
    install_excepthook(lambda: window)
    window.show()
    if files:
        QTimer.singleShot(0, lambda: window.open_paths([Path(f) for f in files]))
    return app.exec()


def main(argv: Sequence[str] | None = None) -> None:
    """The `eventsmith-app` launcher (a GUI script: no console needed)."""
    parser = argparse.ArgumentParser(prog="eventsmith-app", description="eventsmith desktop app")
    parser.add_argument(
        "--registry",
        type=Path,
        default=os.environ.get("EVENTSMITH_REGISTRY") or None,
        help="Registry file (SQLite). Default: $EVENTSMITH_REGISTRY, else the user data dir.",
    )
    parser.add_argument("files", nargs="*", type=Path, help="workflows, patterns or events")
    options = parser.parse_args(argv)
    sys.exit(run(options.registry, options.files))
