"""Ctrl-C and SIGTERM: exit 130, one line saying what was stored, and a consistent registry.

A real `eventsmith discover` process gets the signal at several points of its run (reading,
inferring, storing, printing); whatever the moment, the registry afterwards holds either all of
the run's schemas or none, and the last line on stderr says which.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventsmith.registry import Registry

TYPES = 300


def write_events(folder: Path) -> None:
    folder.mkdir()
    chooser = random.Random(13)
    for number in range(16):
        lines = []
        for index in range(5000):
            kind = chooser.randrange(TYPES)
            detail = {"index": index, f"field{kind}": "x", "nested": {"n": kind}}
            event = {"source": "shop", "detail-type": f"T{kind}", "detail": detail}
            lines.append(json.dumps(event))
        (folder / f"part{number}.jsonl").write_text("\n".join(lines) + "\n")


def start(registry: Path, events: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry)]
    return subprocess.Popen(
        [*command, "discover", str(events)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def started(process: subprocess.Popen[str], registry: Path) -> float:
    """When the command got going: it opens the registry first thing. (A signal during
    Python's own start-up, before eventsmith runs, gets Python's default handling.)"""
    while not registry.exists() and process.poll() is None:
        time.sleep(0.005)
    return time.monotonic()


def stored_schemas(registry: Path) -> int:
    if not registry.exists():
        return 0
    with sqlite3.connect(registry) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(db.execute("SELECT COUNT(*) FROM schemas").fetchone()[0])


@pytest.mark.slow
@pytest.mark.parametrize("which", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_mid_discovery_stores_all_or_nothing_and_says_which(
    tmp_path: Path, which: signal.Signals
) -> None:
    events = tmp_path / "events"
    write_events(events)
    full = start(tmp_path / "full.sqlite3", events)
    began = started(full, tmp_path / "full.sqlite3")
    assert full.wait(timeout=120) == 0
    whole_run = time.monotonic() - began
    assert stored_schemas(tmp_path / "full.sqlite3") == TYPES

    interrupted = 0
    for step, fraction in enumerate((0.3, 0.6, 0.85, 0.97)):
        registry = tmp_path / f"run{step}.sqlite3"
        process = start(registry, events)
        started(process, registry)
        time.sleep(whole_run * fraction)
        process.send_signal(which)
        out, err = process.communicate(timeout=120)
        assert "Traceback" not in err, err
        count = stored_schemas(registry)
        if process.returncode == 0:  # finished before the signal arrived
            assert count == TYPES
            continue
        if process.returncode == -which:
            # The signal came while Python shut down after the command had finished (Python
            # restores the default handlers then): everything was stored and reported.
            assert count == TYPES and f"{TYPES} schemas" in out, (out, err)
            continue
        interrupted += 1
        assert process.returncode == 130, err
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "interrupted:" in lines[0], err
        if count == 0:
            assert "nothing was stored" in lines[0]
        else:
            assert count == TYPES, "a run's schemas are stored together"
            assert "stored shop@T" in lines[0] and "and 290 more" in lines[0]
    assert interrupted, "no run was interrupted: the signal came too late every time"


def test_an_interrupt_inside_a_transaction_rolls_it_back(tmp_path: Path) -> None:
    with Registry(tmp_path / "registry.sqlite3") as registry:
        registry.put_version("kept", {"type": "object"})
        revision = registry.revision()
        with pytest.raises(KeyboardInterrupt), registry.transaction():
            registry.put_version("lost", {"type": "object"})
            registry.put_version("kept", {"type": "string"})
            raise KeyboardInterrupt
        assert [info.name for info in registry.list_schemas()] == ["kept"]
        assert registry.get_version("kept").content == {"type": "object"}
        assert registry.revision() == revision
        assert [change.name for change in registry.committed] == ["kept"]
        registry.put_version("after", {"type": "object"})  # the connection is usable again
        assert registry.committed[-1].name == "after"
