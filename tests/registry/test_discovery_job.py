"""Discovery as a job: progress, cancellation that stores nothing, threads, the report."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from eventsmith.registry import (
    DiscoveryJob,
    DiscoveryProgress,
    Registry,
    run_discovery,
)

SAMPLES = Path(__file__).parents[2] / "resources" / "samples" / "events"


def event(kind: str, n: int) -> dict[str, object]:
    return {
        "source": "shop",
        "detail-type": kind,
        "time": "2024-01-01T00:00:00Z",
        "detail": {"n": n},
    }


def write_events(path: Path, count: int, kinds: int = 1) -> Path:
    with path.open("w") as out:
        for n in range(count):
            out.write(json.dumps(event(f"Kind {n % kinds}", n)) + "\n")
    return path


def test_report_names_new_schemas_new_versions_unchanged_and_problems(tmp_path: Path) -> None:
    registry = Registry(tmp_path / "r.sqlite3")
    first = run_discovery(registry, [SAMPLES])
    names = sorted(item.name for item in first.new_schemas)
    assert len(names) == len(first.schemas) >= 3
    assert not first.new_versions and not first.unchanged and not first.cancelled

    changed = tmp_path / "changed.jsonl"
    bad = {"source": "shop", "detail-type": "Kind 0", "detail": {"n": "text now"}}
    changed.write_text(json.dumps(bad) + "\n{not json\n")
    second = run_discovery(registry, [SAMPLES, changed, tmp_path / "missing.json"])
    assert [item.name for item in second.new_schemas] == ["shop@Kind0"]
    assert sorted(item.name for item in second.unchanged) == names
    missing, malformed = second.problems
    assert str(missing) == f"{tmp_path / 'missing.json'}: no such file or directory"
    assert (malformed.path, malformed.line) == (str(changed), 2)
    assert str(malformed).startswith(f"{changed}:2: invalid JSON at column 2")
    assert second.skipped_lines == 1 and second.files_failed == 1

    third = run_discovery(registry, [changed])
    assert [(item.name, item.status) for item in third.schemas] == [("shop@Kind0", "unchanged")]
    run_discovery(registry, [write_events(tmp_path / "int.jsonl", 1)])
    widened = registry.get_version("shop@Kind0")
    assert (widened.version, registry.find_schema("shop@Kind0") is not None) == (2, True)


def test_progress_moves_forward_and_ends_done(tmp_path: Path) -> None:
    path = write_events(tmp_path / "many.jsonl", 20_000, kinds=3)
    seen: list[DiscoveryProgress] = []
    job = DiscoveryJob(tmp_path / "r.sqlite3", [path], progress_interval=0)
    report = job.run(seen.append)
    reading = [p for p in seen if p.phase == "reading"]
    assert [p.phase for p in seen][-1] == "done"
    assert {p.bytes_total for p in seen} == {path.stat().st_size}
    assert reading[0].bytes_done == 0 and reading[0].files_total == 1
    assert len(reading) > 10
    done_bytes = [p.bytes_done for p in reading]
    assert done_bytes == sorted(done_bytes)
    events = [p.events_done for p in reading]
    assert events == sorted(events) and 0 < events[-1] <= 20_000
    assert {p.path for p in reading[1:]} == {str(path)}
    storing = [p for p in seen if p.phase == "storing"]
    assert storing[0].schemas_done == 0 and storing[-1].schemas_total == 3
    assert seen[-1].fraction == 1.0 and seen[-1].events_done == report.events == 20_000
    assert 0 < (reading[len(reading) // 2].fraction or 0) < 1


def test_progress_is_throttled(tmp_path: Path) -> None:
    path = write_events(tmp_path / "many.jsonl", 20_000)
    calls: list[DiscoveryProgress] = []
    DiscoveryJob(tmp_path / "r.sqlite3", [path], progress_interval=60).run(calls.append)
    # start of reading, start of storing, done: the interval swallows everything between
    assert [p.phase for p in calls] == ["reading", "storing", "done"]


def test_cancelled_while_reading_stores_nothing(tmp_path: Path) -> None:
    path = write_events(tmp_path / "many.jsonl", 20_000, kinds=5)
    registry = Registry(tmp_path / "r.sqlite3")
    job = DiscoveryJob(registry, [path], progress_interval=0)

    def on_progress(progress: DiscoveryProgress) -> None:
        if progress.events_done > 1000:
            job.cancel()

    report = job.run(on_progress)
    assert report.cancelled and report.schemas == ()
    assert 1000 < report.events < 20_000
    assert registry.list_schemas(None) == [] and registry.revision() == 0


def test_cancelled_while_storing_rolls_every_schema_back(tmp_path: Path) -> None:
    path = write_events(tmp_path / "kinds.jsonl", 400, kinds=40)
    db = tmp_path / "r.sqlite3"
    registry = Registry(db)
    registry.put_version("existing", {"type": "object"})
    seen_by_other_process: list[str] = []
    count = [0]

    def cancelled() -> bool:
        return count[0] >= 25

    def on_progress(progress: DiscoveryProgress) -> None:
        if progress.phase == "storing":
            count[0] = progress.schemas_done
            if progress.schemas_done == 20:
                # Mid-transaction: another process must still see the registry as it was.
                seen_by_other_process.append(
                    subprocess.run(
                        [sys.executable, "-c", LIST_SCHEMAS, str(db)],
                        capture_output=True,
                        text=True,
                        check=True,
                        timeout=60,
                    ).stdout
                )

    job = DiscoveryJob(registry, [path], progress_interval=0)
    report = job.run(on_progress, cancelled)
    assert report.cancelled and report.schemas == () and report.events == 400
    assert seen_by_other_process == ["existing\n"]
    assert [info.name for info in registry.list_schemas(None)] == ["existing"]
    assert registry.revision() == report.revision == 1
    assert registry.changes_since(1).changed == ()


LIST_SCHEMAS = """
import sys
from eventsmith.registry import Registry
print("\\n".join(info.name for info in Registry(sys.argv[1]).list_schemas(None)))
"""


def test_a_gui_thread_drives_a_job_on_a_worker_thread(tmp_path: Path) -> None:
    path = write_events(tmp_path / "many.jsonl", 5_000, kinds=2)
    registry = Registry(tmp_path / "r.sqlite3")  # opened on this ("GUI") thread
    job = DiscoveryJob(registry, [path], progress_interval=0)
    progress: list[DiscoveryProgress] = []
    reports = []
    worker = threading.Thread(target=lambda: reports.append(job.run(progress.append)))
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive()
    [report] = reports
    assert len(report.new_schemas) == 2 and progress[-1].phase == "done"
    # The worker wrote through its own connection; this thread's connection sees it.
    assert registry.revision() == report.revision == 1
    assert {info.name for info in registry.list_schemas()} == {"shop@Kind0", "shop@Kind1"}


def test_cancel_from_the_gui_thread_while_the_worker_reads(tmp_path: Path) -> None:
    path = write_events(tmp_path / "many.jsonl", 20_000)
    job = DiscoveryJob(tmp_path / "r.sqlite3", [path], progress_interval=0)
    reading, cancel_sent = threading.Event(), threading.Event()

    def on_progress(progress: DiscoveryProgress) -> None:
        if progress.events_done:
            reading.set()
            cancel_sent.wait(timeout=30)  # hold the worker until the GUI thread has cancelled

    reports = []
    worker = threading.Thread(target=lambda: reports.append(job.run(on_progress)))
    worker.start()
    assert reading.wait(timeout=30)
    job.cancel()
    cancel_sent.set()
    worker.join(timeout=60)
    assert reports[0].cancelled and job.cancelled
    with Registry(tmp_path / "r.sqlite3") as registry:
        assert registry.list_schemas(None) == []


def test_a_registry_is_only_used_by_the_thread_that_opened_it(tmp_path: Path) -> None:
    registry = Registry(tmp_path / "r.sqlite3")
    registry.put_version("a", {"type": "object"})
    errors: list[BaseException] = []
    names: list[str] = []

    def work() -> None:
        try:
            registry.list_schemas()
        except Exception as error:  # the documented failure, not a silent data race
            errors.append(error)
        with registry.for_current_thread() as own:
            assert own is not registry
            names.extend(info.name for info in own.list_schemas())

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=30)
    assert len(errors) == 1 and "thread" in str(errors[0])
    assert names == ["a"]
    with registry.for_current_thread() as same:
        assert same is registry
