"""Run a CPU-bound function over a few chunks of work at once, in forked worker processes.

Generating Python is pure-Python CPU work, so threads cannot share it out; processes can. Forked
workers start in milliseconds with everything the parent has imported, where spawned ones would
import the generator again (a third of a second each). Forking is only safe while this process
runs a single thread (a lock held by another thread stays locked forever in the child), so
`fork_slots()` is 1 whenever that is not certain, and callers then do everything in-process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class WorkerError(RuntimeError):
    """A worker ended without a result, or failed with an error that could not be sent back."""


def fork_slots() -> int:
    """How many processes may work at once: the usable CPUs, or 1 when forking is not safe."""
    if "fork" not in multiprocessing.get_all_start_methods() or not runs_one_thread():
        return 1
    if hasattr(os, "sched_getaffinity"):  # the CPUs this process may run on, not all the machine's
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def runs_one_thread() -> bool:
    """Whether this process runs a single thread, so that forking it is safe."""
    try:
        # Counts threads Python does not know about too (native libraries, Qt).
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return threading.active_count() == 1


def map_forked(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """`[function(item) for item in items]`: the first item here, every other in a forked child.

    An exception `function` raises in a child is raised here, as the same type with the same
    message; a child that dies without answering raises `WorkerError`. Results and exceptions
    travel pickled.
    """
    context = multiprocessing.get_context("fork")
    started: list[tuple[Any, Connection]] = []
    answered = False
    try:
        for item in items[1:]:
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(target=_work, args=(function, item, sender), daemon=True)
            child.start()
            sender.close()
            started.append((child, receiver))
        results = [function(items[0])] if items else []
        for child, receiver in started:
            results.append(_answer(child, receiver))
        answered = True
        return results
    finally:
        for child, receiver in started:
            receiver.close()
            if not answered:  # an error here or in another child: the rest is not wanted
                child.terminate()
            child.join()


def _work(function: Callable[[Any], Any], item: Any, sender: Connection) -> None:
    # The child makes one call and exits. A collection would write to every object it shares
    # with the parent, copying their memory pages (see the `gc.freeze` documentation).
    gc.disable()
    try:
        answer: tuple[str, Any] = ("result", function(item))
    except BaseException as error:
        answer = ("error", error)
    try:
        sender.send(answer)
    except Exception as error:  # the result or error cannot be pickled
        sender.send(("error", WorkerError(f"{type(error).__name__}: {error}")))
    sender.close()


def _answer(child: Any, receiver: Connection) -> Any:
    try:
        kind, value = receiver.recv()
    except EOFError:
        child.join()
        message = f"a worker process ended without a result (exit code {child.exitcode})"
        raise WorkerError(message) from None
    if kind == "error":
        raise value
    return value
