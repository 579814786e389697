"""Writes by another process (the real CLI in a subprocess) show up within about a second, and
the user's selection survives the refresh."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from eventsmith.app.registry_tree import TreeKey
from eventsmith.registry import DEFAULT_REGISTRY

from .conftest import SAMPLES, TICKET_RESOLVED, seed


def _cli_discover(registry: Path, events: Path) -> float:
    """Run `eventsmith discover` in its own process; returns when it committed."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "eventsmith.cli.main",
            "--registry",
            str(registry),
            "discover",
            str(events),
        ],
        check=True,
        capture_output=True,
    )
    return time.monotonic()


def _resolved_with_priority(tmp_path: Path) -> Path:
    event = json.loads((SAMPLES / "events" / "ticket-resolved.json").read_text())
    event = event[0] if isinstance(event, list) else event
    event["detail"]["priority"] = "high"
    path = tmp_path / "resolved.json"
    path.write_text(json.dumps(event))
    return path


def test_a_new_schema_written_by_the_cli_appears_and_the_selection_stays(  # type: ignore[no-untyped-def]
    qtbot, window, registry_path: Path, tmp_path: Path
) -> None:
    seed(registry_path, SAMPLES / "events" / "ticket-resolved.json")
    window.refresh()
    selected = TreeKey(DEFAULT_REGISTRY, TICKET_RESOLVED, 1)
    assert window.browser.select(selected)
    other = TreeKey(DEFAULT_REGISTRY, "aws.partner/example.com/123@TicketCreated")
    assert not window.browser.model.index_of(other).isValid()

    written = _cli_discover(registry_path, SAMPLES / "events" / "ticket-created.json")
    qtbot.waitUntil(lambda: window.browser.model.index_of(other).isValid(), timeout=3000)
    assert time.monotonic() - written < 1.5
    assert window.browser.current_key() == selected
    assert window.schema.key == selected


def test_a_new_version_of_the_shown_schema_replaces_what_the_panel_shows(  # type: ignore[no-untyped-def]
    qtbot, window, registry_path: Path, tmp_path: Path
) -> None:
    seed(registry_path, SAMPLES / "events" / "ticket-resolved.json")
    window.refresh()
    schema_row = TreeKey(DEFAULT_REGISTRY, TICKET_RESOLVED)
    window.browser.select(schema_row)
    assert window.schema.version.version == 1

    _cli_discover(registry_path, _resolved_with_priority(tmp_path))
    qtbot.waitUntil(lambda: window.schema.version.version == 2, timeout=3000)
    assert window.browser.current_key() == schema_row
    assert window.schema.fields.item_for_path("detail.priority") is not None
    assert window.browser.model.rowCount(window.browser.model.index_of(schema_row)) == 2
