"""Discovery speed and memory against genson, on the seeded corpus of bench/gen_events.py.

Three measurements, all in one run:

1. Library: eventsmith `discover()` (read + parse + infer, every group) against genson
   (`json.loads` + one `SchemaBuilder` per (source, detail-type)) on the same 100,000-event
   file. Each side runs `--repeat` times, alternating; the best run counts, because on a shared
   machine other load only ever makes a run slower.
2. Memory: peak RSS of discovery in a fresh process at 100,000 and at 1,000,000 events.
3. The whole command: `eventsmith discover FILE` into a fresh registry against a whole genson
   script (start, read, group, build, write the schemas) on a 300,000-event file.

    python bench/bench_discovery.py            # the full run (writes ~1 GB of corpus once)
    python bench/bench_discovery.py --quick    # 20k / 100k / 50k events, for a smoke test
    python bench/bench_discovery.py --varied   # the same on gen_events.py's varied stream
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from gen_events import write_corpus  # type: ignore[import-not-found]
from genson import SchemaBuilder

from eventsmith.registry._discovery import discover

GENSON_SCRIPT = """
import json, sys
from genson import SchemaBuilder
builders = {}
with open(sys.argv[1], "rb") as lines:
    for line in lines:
        event = json.loads(line)
        key = (event["source"], event["detail-type"])
        builder = builders.get(key)
        if builder is None:
            builder = builders[key] = SchemaBuilder()
        builder.add_object(event)
with open(sys.argv[2], "w") as out:
    json.dump({f"{s}@{d}": b.to_schema() for (s, d), b in builders.items()}, out)
"""

# VmHWM, not ru_maxrss: Linux carries ru_maxrss across fork+exec, so a child would report the
# size of this (big) benchmark process instead of its own peak.
PEAK_RSS_SCRIPT = """
import resource, sys
from eventsmith.registry._discovery import discover
result = discover([sys.argv[1]])
assert result.events == int(sys.argv[2]), result.events
try:
    status = open("/proc/self/status").read().split("VmHWM:")[1]
    print(int(status.split()[0]))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


VARIED = False  # set by --varied: the stream of gen_events.VARIED_TYPES


def corpus(workdir: Path, events: int, seed: int) -> Path:
    stream = "varied" if VARIED else "events"
    path = workdir / f"{stream}-{events}-seed{seed}.jsonl"
    if not path.exists():
        print(f"generating {path} ...", file=sys.stderr)
        write_corpus(path, events, seed, varied=VARIED)
    return path


def genson_discover(path: Path) -> int:
    builders: dict[tuple[str, str], SchemaBuilder] = {}
    count = 0
    with path.open("rb") as lines:
        for line in lines:
            event = json.loads(line)
            count += 1
            key = (event["source"], event["detail-type"])
            builder = builders.get(key)
            if builder is None:
                builder = builders[key] = SchemaBuilder()
            builder.add_object(event)
    for builder in builders.values():
        builder.to_schema()
    return count


def eventsmith_discover(path: Path) -> int:
    return discover([path]).events


def timed(action: Callable[[], int]) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    count = action()
    return time.perf_counter() - wall, time.process_time() - cpu, count


def library_speed(path: Path, repeat: int) -> dict[str, float]:
    best: dict[str, tuple[float, float]] = {}
    count = 0
    for _ in range(repeat):
        for label, action in (("eventsmith", eventsmith_discover), ("genson", genson_discover)):
            wall, cpu, count = timed(lambda action=action: action(path))
            old = best.get(label, (float("inf"), float("inf")))
            best[label] = (min(old[0], wall), min(old[1], cpu))
    ours, theirs = best["eventsmith"], best["genson"]
    return {
        "events": count,
        "eventsmith_eps": count / ours[0],
        "genson_eps": count / theirs[0],
        "ratio_wall": theirs[0] / ours[0],
        "ratio_cpu": theirs[1] / ours[1],
    }


def peak_rss_kib(path: Path, events: int) -> int:
    output = subprocess.run(
        [sys.executable, "-c", PEAK_RSS_SCRIPT, str(path), str(events)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(output.split()[-1])


def whole_command(path: Path, workdir: Path, repeat: int) -> dict[str, float]:
    script = workdir / "genson_discover.py"
    script.write_text(GENSON_SCRIPT)
    best = {"eventsmith": float("inf"), "genson": float("inf")}
    for n in range(repeat):
        registry = workdir / f"fresh-{n}-{time.time_ns()}.sqlite3"
        commands = {
            "eventsmith": [sys.executable, "-m", "eventsmith.cli.main", "--registry",
                           str(registry), "discover", str(path)],
            "genson": [sys.executable, str(script), str(path), str(workdir / "genson.json")],
        }  # fmt: skip
        for label, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            best[label] = min(best[label], time.perf_counter() - start)
        for leftover in workdir.glob(f"{registry.name}*"):
            leftover.unlink()
    return {
        "eventsmith_s": best["eventsmith"],
        "genson_s": best["genson"],
        "ratio": best["genson"] / best["eventsmith"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "es-bench")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--varied",
        action="store_true",
        help="Use the varied stream (five detail-types dense with id-keyed maps, nulls, formats).",
    )
    parser.add_argument(
        "--only", choices=("library", "memory", "command"), help="Run one measurement."
    )
    args = parser.parse_args()
    global VARIED
    VARIED = args.varied
    args.workdir.mkdir(parents=True, exist_ok=True)
    small, big, command_size = (20_000, 100_000, 50_000) if args.quick else (
        100_000, 1_000_000, 300_000)  # fmt: skip

    if args.only in (None, "library"):
        library(args, small)
    if args.only in (None, "memory"):
        memory(args, small, big)
    if args.only in (None, "command"):
        command(args, command_size)


def library(args: argparse.Namespace, small: int) -> None:
    speed = library_speed(corpus(args.workdir, small, args.seed), args.repeat)
    print(f"library, {speed['events']:,} events (best of {args.repeat}):")
    print(f"  eventsmith {speed['eventsmith_eps']:>10,.0f} events/s")
    print(f"  genson     {speed['genson_eps']:>10,.0f} events/s")
    print(f"  ratio {speed['ratio_wall']:.2f}x wall, {speed['ratio_cpu']:.2f}x cpu (goal >= 3x)")


def memory(args: argparse.Namespace, small: int, big: int) -> None:
    small_rss = peak_rss_kib(corpus(args.workdir, small, args.seed), small)
    big_rss = peak_rss_kib(corpus(args.workdir, big, args.seed), big)
    print("peak RSS of discovery in a fresh process:")
    print(f"  {small:>9,} events {small_rss / 1024:8.1f} MiB")
    print(f"  {big:>9,} events {big_rss / 1024:8.1f} MiB")
    print(f"  ratio {big_rss / small_rss:.3f} (goal <= 1.2)")


def command(args: argparse.Namespace, command_size: int) -> None:
    command = whole_command(corpus(args.workdir, command_size, args.seed), args.workdir, 2)
    print(f"whole command, {command_size:,} events (best of 2):")
    print(f"  eventsmith discover  {command['eventsmith_s']:7.2f} s")
    print(f"  genson script        {command['genson_s']:7.2f} s")
    print(f"  ratio {command['ratio']:.2f}x (goal >= 3x)")


if __name__ == "__main__":
    main()
