"""The process the window runs discovery in: `python -m eventsmith.app.discovery_process
REGISTRY INPUT...`.

Why a process and not a thread: inferring schemas is pure Python, and a worker thread holds the
GIL for long stretches; the window's thread then waited 100-290 ms at a time for it. In its own
process the run cannot stall the window at all. This module imports no Qt, so it starts fast.

The protocol is JSON lines on stdout, one object per line:

- `{"progress": [per_mille, events]}`: per mille done (-1 while unknown), events read so far;
- `{"summary": {...}}`: the `DiscoverySummary` of a finished or cancelled run, the last line;
- `{"failed": "sentence"}`: the run could not happen (the registry cannot be opened, ...).

Any line on stdin, or stdin closing (the window went away), cancels the run, and a cancelled
run stores nothing.
"""

from __future__ import annotations

import json
import sys
import threading
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from eventsmith.app.discovery_summary import summarize
from eventsmith.app.error_text import explain
from eventsmith.registry import DiscoveryJob, DiscoveryProgress

MODULE = "eventsmith.app.discovery_process"
"""What `python -m` runs (the window starts the child with it)."""


def _send(stream: IO[str], message: dict[str, Any]) -> None:
    # ASCII only, so the parent can read the stream whatever this platform's encoding is.
    stream.write(json.dumps(message, ensure_ascii=True) + "\n")
    stream.flush()


def _cancel_on_input(job: DiscoveryJob, stdin: IO[str]) -> None:
    stdin.readline()  # a line, or "" when the parent closed the pipe or died
    job.cancel()


def run(registry: Path, inputs: Sequence[Path], stdin: IO[str], stdout: IO[str]) -> int:
    job = DiscoveryJob(registry, list(inputs))
    threading.Thread(target=_cancel_on_input, args=(job, stdin), daemon=True).start()

    def progress(now: DiscoveryProgress) -> None:
        fraction = now.fraction
        per_mille = -1 if fraction is None else round(fraction * 1000)
        _send(stdout, {"progress": [per_mille, now.events_done]})

    try:
        report = job.run(on_progress=progress)
    except Exception as error:  # the window must hear a sentence, never silence
        traceback.print_exc()  # to stderr, for bug reports
        _send(stdout, {"failed": explain(error)})
        return 1
    _send(stdout, {"summary": summarize(report).as_json()})
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2:
        print(f"usage: python -m {MODULE} REGISTRY INPUT...", file=sys.stderr)
        return 2
    return run(Path(args[0]), [Path(arg) for arg in args[1:]], sys.stdin, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
