"""Discovery as a job a GUI thread can drive: progress, cancellation, one report at the end.

A job reads and infers first (nothing is written), then stores every schema in one transaction.
Cancelling at any point before that transaction commits leaves the registry exactly as it was:
no schema, no version, no sample, no revision. Progress is reported at most every
`progress_interval` seconds (plus once when each phase starts and once at the end), so a GUI
that turns each call into a signal is not flooded by a million-event file.

Thread model: create the job anywhere, call `run()` on the worker thread, `cancel()` from any
thread. `run()` opens its own connection to the registry file on the thread it runs on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from eventsmith.events import EventReader, InputProblem
from eventsmith.registry._discovery import (
    Discovery,
    DiscoveryCancelled,
    StoredSchema,
    discover,
    store_discovery,
)
from eventsmith.registry._model import DEFAULT_REGISTRY
from eventsmith.registry._opening import RegistryReadOnly
from eventsmith.registry._store import Registry

Phase = Literal["reading", "storing", "done"]


@dataclass(frozen=True)
class DiscoveryProgress:
    """How far a discovery has got. Totals are None while unknown (stdin has no size)."""

    phase: Phase
    bytes_done: int
    bytes_total: int | None
    events_done: int
    files_done: int
    files_total: int
    schemas_done: int = 0
    schemas_total: int | None = None
    path: str | None = None
    """The file being read (`<stdin>` for stdin), None outside the reading phase."""

    @property
    def fraction(self) -> float | None:
        """0.0 to 1.0 for a progress bar, None when the total is unknown."""
        if self.phase == "done":
            return 1.0
        if self.phase == "storing" and self.schemas_total:
            return self.schemas_done / self.schemas_total
        if self.phase == "reading" and self.bytes_total:
            return min(1.0, self.bytes_done / self.bytes_total)
        return None


@dataclass(frozen=True)
class DiscoveryReport:
    """What a discovery run did. A cancelled run stored nothing: `schemas` is empty."""

    schemas: tuple[StoredSchema, ...]
    events: int
    files_read: int
    files_failed: int
    skipped_lines: int
    bytes_read: int
    problems: tuple[InputProblem, ...]
    """Skipped input with file, line (when known) and reason; the first 1000 are kept."""
    problem_count: int
    cancelled: bool
    revision: int
    """The registry's revision after the run (unchanged when nothing changed)."""

    @property
    def new_schemas(self) -> tuple[StoredSchema, ...]:
        return tuple(item for item in self.schemas if item.status == "new_schema")

    @property
    def new_versions(self) -> tuple[StoredSchema, ...]:
        return tuple(item for item in self.schemas if item.status == "new_version")

    @property
    def unchanged(self) -> tuple[StoredSchema, ...]:
        return tuple(item for item in self.schemas if item.status == "unchanged")


class DiscoveryJob:
    """One discovery run over `inputs` into `registry` (a `Registry` or a path to its file)."""

    def __init__(
        self,
        registry: Registry | Path | str,
        inputs: Sequence[str | Path],
        *,
        name: str | None = None,
        enums: bool = False,
        registry_name: str = DEFAULT_REGISTRY,
        stdin: IO[bytes] | None = None,
        progress_interval: float = 0.05,
    ) -> None:
        self._registry = registry
        self._inputs = list(inputs)
        self._name = name
        self._enums = enums
        self._registry_name = registry_name
        self._stdin = stdin
        self._interval = progress_interval
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the run to stop; safe from any thread. It stops within one batch of events."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(
        self,
        on_progress: Callable[[DiscoveryProgress], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> DiscoveryReport:
        """Read, infer and store; returns when done or cancelled. Call it on one thread once."""

        def stop() -> bool:
            if cancelled is not None and cancelled():
                self._cancel.set()
            return self._cancel.is_set()

        if isinstance(self._registry, Registry):
            with self._registry.for_current_thread() as registry:
                return self._run(registry, on_progress or _ignore, stop)
        with Registry(self._registry) as registry:
            return self._run(registry, on_progress or _ignore, stop)

    def _run(
        self,
        registry: Registry,
        report: Callable[[DiscoveryProgress], None],
        stop: Callable[[], bool],
    ) -> DiscoveryReport:
        if registry.read_only is not None:  # say so before reading gigabytes, not after
            raise RegistryReadOnly(registry.path, registry.read_only)
        reader = EventReader(self._inputs, stdin=self._stdin)
        last = 0.0

        def reading() -> DiscoveryProgress:
            now = reader.progress()
            return DiscoveryProgress(
                "reading",
                now.bytes_done,
                now.bytes_total,
                now.documents,
                now.files_done,
                now.files_total,
                path=now.path,
            )

        def on_bytes(_count: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= self._interval:
                last = now
                report(reading())

        reader.on_bytes = on_bytes
        report(reading())
        last = time.monotonic()
        discovery: Discovery | None = None
        stored: tuple[StoredSchema, ...] = ()
        was_cancelled = False
        try:
            discovery = discover(
                self._inputs, name=self._name, enums=self._enums, reader=reader, cancelled=stop
            )
            stored = self._store(registry, discovery, report, reading(), stop)
        except DiscoveryCancelled:
            was_cancelled = True
        finished = reading()
        report(
            DiscoveryProgress(
                "done",
                finished.bytes_done,
                finished.bytes_total,
                finished.events_done,
                finished.files_done,
                finished.files_total,
                len(stored),
                len(stored),
            )
        )
        return DiscoveryReport(
            schemas=stored,
            events=reader.documents_read if discovery is None else discovery.events,
            files_read=reader.files_read,
            files_failed=reader.files_failed,
            skipped_lines=reader.malformed,
            bytes_read=reader.bytes_read,
            problems=tuple(reader.problems),
            problem_count=reader.problem_count,
            cancelled=was_cancelled,
            revision=registry.revision(),
        )

    def _store(
        self,
        registry: Registry,
        discovery: Discovery,
        report: Callable[[DiscoveryProgress], None],
        read: DiscoveryProgress,
        stop: Callable[[], bool],
    ) -> tuple[StoredSchema, ...]:
        if not discovery.schemas:
            return ()
        total = len(discovery.schemas)

        def storing(done: int) -> None:
            report(
                DiscoveryProgress(
                    "storing",
                    read.bytes_done,
                    read.bytes_total,
                    read.events_done,
                    read.files_done,
                    read.files_total,
                    done,
                    total,
                )
            )

        storing(0)
        last = time.monotonic()

        def on_stored(done: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= self._interval:
                last = now
                storing(done)

        return store_discovery(
            registry,
            discovery,
            registry_name=self._registry_name,
            cancelled=stop,
            on_stored=on_stored,
        )


def _ignore(_progress: DiscoveryProgress) -> None:
    pass


def run_discovery(
    registry: Registry | Path | str,
    inputs: Sequence[str | Path],
    *,
    on_progress: Callable[[DiscoveryProgress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    name: str | None = None,
    enums: bool = False,
    registry_name: str = DEFAULT_REGISTRY,
    stdin: IO[bytes] | None = None,
) -> DiscoveryReport:
    """Discover schemas in `inputs` and store them; see `DiscoveryJob` for the details.

    `cancelled` is polled between batches of events and between schemas; once it returns True
    the run stops and stores nothing.
    """
    job = DiscoveryJob(
        registry, inputs, name=name, enums=enums, registry_name=registry_name, stdin=stdin
    )
    return job.run(on_progress, cancelled)
