"""The run's timeline in Chrome trace-event JSON (opens in Perfetto or chrome://tracing).

One complete event ("ph": "X") per state visit, on one track per scope (the top level, each
Parallel branch, each Map iteration), so branches and iterations that ran side by side on the
virtual clock show side by side. Format: the Trace Event Format document
(https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU).
"""

from __future__ import annotations

from typing import Any

from eventsmith.asl.simulator._result import ExecutionResult

_MICROS = 1_000_000


def chrome_trace(result: ExecutionResult, name: str = "execution") -> dict[str, Any]:
    tracks: dict[tuple[str | int, ...], int] = {(): 1}
    events: list[dict[str, Any]] = [
        _thread_name(1, name),
        {
            "name": f"{name} ({result.status})",
            "cat": "Execution",
            "ph": "X",
            "ts": 0,
            "dur": _micros(result.duration),
            "pid": 1,
            "tid": 1,
            "args": {"status": result.status, "error": result.error, "cause": result.cause},
        },
    ]
    for step in result.steps:
        track = tracks.get(step.scope)
        if track is None:
            track = tracks[step.scope] = len(tracks) + 1
            events.append(_thread_name(track, _scope_label(step.scope)))
        args: dict[str, Any] = {"input": step.input}
        if step.error is not None:
            args.update(error=step.error, cause=step.cause)
        else:
            args["output"] = step.output
        if step.retries:
            args["retries"] = step.retries
        events.append(
            {
                "name": step.name,
                "cat": step.type,
                "ph": "X",
                "ts": _micros(step.entered),
                "dur": _micros(step.exited - step.entered),
                "pid": 1,
                "tid": track,
                "args": args,
            }
        )
    return {"traceEvents": events, "displayTimeUnit": "ms"}


def _micros(seconds: float) -> int:
    return round(seconds * _MICROS)


def _thread_name(track: int, label: str) -> dict[str, Any]:
    return {"name": "thread_name", "ph": "M", "pid": 1, "tid": track, "args": {"name": label}}


def _scope_label(scope: tuple[str | int, ...]) -> str:
    parts = [f"{scope[i]} [{scope[i + 1]}]" for i in range(0, len(scope) - 1, 2)]
    return " / ".join(parts)
