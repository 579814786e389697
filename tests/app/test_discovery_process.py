"""The process the window discovers in: its JSON-lines protocol, Cancel through stdin, failures
as sentences, and how the runner handles a child that dies without a word or outlives the window."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventsmith.app import discovery_runner
from eventsmith.app.discovery_runner import DiscoveryRunner
from eventsmith.app.discovery_summary import DiscoverySummary
from eventsmith.registry import Registry

from .conftest import SAMPLES, TICKET_RESOLVED
from .test_discovery import _write_events

CHILD = [sys.executable, "-m", "eventsmith.app.discovery_process"]


def _run_child(registry: Path, inputs: Path, *, close_stdin: bool) -> tuple[int, list[Any], str]:
    """Run the child the way the window does; closing stdin at once is how a window cancels."""
    with subprocess.Popen(
        [*CHILD, str(registry), str(inputs)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdin is not None and child.stdout is not None and child.stderr is not None
        if close_stdin:
            child.stdin.close()
        stdout = child.stdout.read()  # until the child exits, with stdin still open
        stderr = child.stderr.read()
    return child.returncode, [json.loads(line) for line in stdout.splitlines()], stderr


def test_the_child_reports_progress_then_a_summary_and_stores_the_schemas(
    registry_path: Path,
) -> None:
    code, messages, stderr = _run_child(registry_path, SAMPLES / "events", close_stdin=False)
    assert code == 0, stderr
    assert [set(message) for message in messages[:-1]] == [{"progress"}] * (len(messages) - 1)
    per_mille, events = messages[-2]["progress"]
    assert per_mille == 1000 and events > 0
    summary = DiscoverySummary.from_json(messages[-1]["summary"])
    assert not summary.cancelled and TICKET_RESOLVED in summary.new_schemas
    assert summary.events == events
    with Registry(registry_path) as registry:
        assert TICKET_RESOLVED in [info.name for info in registry.list_schemas(None)]


def test_stdin_closing_cancels_the_run_and_nothing_is_stored(
    registry_path: Path, tmp_path: Path
) -> None:
    events = _write_events(tmp_path / "many.jsonl", 50_000)
    code, messages, stderr = _run_child(registry_path, events, close_stdin=True)
    assert code == 0, stderr
    summary = DiscoverySummary.from_json(messages[-1]["summary"])
    assert summary.cancelled and summary.new_schemas == ()
    with Registry(registry_path) as registry:
        assert registry.list_schemas(None) == [] and registry.revision() == 0


def test_a_registry_that_cannot_be_opened_is_a_sentence_and_exit_code_1(tmp_path: Path) -> None:
    code, messages, _stderr = _run_child(tmp_path, SAMPLES / "events", close_stdin=False)
    assert code == 1
    assert messages[-1] == {"failed": f"{tmp_path}: is a directory, not a registry file"}


def test_the_summary_survives_its_trip_through_json() -> None:
    summary = DiscoverySummary(
        cancelled=False,
        events=3,
        files_read=1,
        new_schemas=("shop@Ordered",),
        new_versions=(("shop@Shipped", 2),),
        unchanged=("shop@Paid",),
        problems=("orders.jsonl:3: not JSON",),
        problem_count=1,
    )
    assert DiscoverySummary.from_json(json.loads(json.dumps(summary.as_json()))) == summary


def test_a_child_that_dies_without_a_word_is_reported_with_its_last_error_line(  # type: ignore[no-untyped-def]
    qtbot, registry_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A module that does not exist: Python itself exits with 1 and one line on stderr.
    monkeypatch.setattr(discovery_runner, "_CHILD", "eventsmith.app.no_such_module")
    runner = DiscoveryRunner(registry_path)
    with qtbot.waitSignal(runner.failed, timeout=20_000) as failed:
        assert runner.start([SAMPLES / "events"])
    message = failed.args[0]
    assert message.startswith("The discovery process stopped unexpectedly (exit code 1): ")
    assert "No module named eventsmith.app.no_such_module" in message
    assert not runner.running()


def test_closing_the_window_mid_run_stops_the_child_and_stores_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, registry_path: Path, tmp_path: Path
) -> None:
    events = _write_events(tmp_path / "many.jsonl", 200_000)
    finished: list[object] = []
    window.runner.finished.connect(finished.append)
    window.runner.failed.connect(finished.append)
    with qtbot.waitSignal(window.runner.progress, timeout=20_000):
        assert window.discover([events])
    window.close()
    assert not window.runner.running()
    assert finished == []  # no summary or error dialog for a window that is going away
    with Registry(registry_path) as registry:
        assert registry.list_schemas(None) == [] and registry.revision() == 0
