"""`eventsmith validate` against ajv-cli and a plain python-jsonschema loop, in one run.

All three check the same 150,000 "Order Placed" events from bench/gen_events.py (one in a
hundred broken on purpose: a required field missing, a wrong type, a bad ipv4 or email) against
the schema `eventsmith discover` learns from the clean events, and must agree on how many events
are invalid. Each is timed as a whole command, start to exit:

- `eventsmith --registry R validate --schema NAME FILE.jsonl --json`;
- `ajv validate --spec=draft2020 -c ajv-formats --all-errors` (ajv-cli 5 from bench/package.json,
  `npm ci` in bench/) on the same events as one JSON array, with the schema as `items` of an
  array schema, since ajv-cli reads whole JSON documents, not JSON Lines;
- a Python script looping `Draft202012Validator(schema, format_checker=FormatChecker())
  .iter_errors(event)` over the lines: the engine `eventsmith validate` used alone until now.

Wall seconds are the best of `--repeat` runs (a shared machine only ever makes a run slower); CPU
seconds (user + system of the child) are printed beside them because they are less noisy.

    cd bench && npm ci && cd .. && python bench/bench_validate.py
    python bench/bench_validate.py --events 20000 --repeat 1    # a quick smoke run
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from gen_events import write_corpus  # type: ignore[import-not-found]

from eventsmith.registry import Registry

BENCH = Path(__file__).resolve().parent
AJV = BENCH / "node_modules" / ".bin" / "ajv"
SCHEMA_NAME = "com.example.orders@OrderPlaced"

JSONSCHEMA_LOOP = """
import json, sys
from jsonschema import Draft202012Validator, FormatChecker
schema = json.load(open(sys.argv[1]))
validator = Draft202012Validator(schema, format_checker=FormatChecker())
invalid = 0
with open(sys.argv[2], "rb") as lines:
    for line in lines:
        if any(True for _ in validator.iter_errors(json.loads(line))):
            invalid += 1
print(invalid)
"""


def _break(event: dict[str, Any], which: int) -> None:
    detail = event["detail"]
    if which == 0:
        del detail["orderId"]
    elif which == 1:
        next(iter(detail["lines"].values()))["quantity"] = "three"
    elif which == 2:
        detail["ip"] = "300.1.2.3"
    else:
        detail["customer"]["email"] = "nobody.example.com"


def corpora(workdir: Path, events: int) -> tuple[Path, Path, Path]:
    """The clean events (to learn the schema from), the same with 1% broken, and the broken
    ones as a JSON array for ajv."""
    clean = workdir / f"orders-{events}.jsonl"
    mixed = workdir / f"orders-{events}-1pc-invalid.jsonl"
    array = workdir / f"orders-{events}-1pc-invalid.json"
    if not clean.exists():
        print(f"generating {clean} ...", file=sys.stderr)
        write_corpus(clean, events, 7, ["Order Placed"])
    if not array.exists():
        with clean.open("rb") as lines, mixed.open("wb") as out, array.open("wb") as out_array:
            out_array.write(b"[")
            for number, line in enumerate(lines):
                if number % 100 == 99:
                    event = json.loads(line)
                    _break(event, number // 100 % 4)
                    line = json.dumps(event, separators=(",", ":")).encode() + b"\n"
                out.write(line)
                out_array.write((b"," if number else b"") + line.rstrip(b"\n"))
            out_array.write(b"]")
    return clean, mixed, array


def learn_schema(clean: Path, workdir: Path) -> tuple[Path, Path, Path]:
    """A registry holding the schema, the schema itself, and ajv's array-of-events wrapper."""
    registry = workdir / "registry.sqlite3"
    registry.unlink(missing_ok=True)
    subprocess.run(
        ["eventsmith", "--registry", str(registry), "discover", str(clean)],
        check=True,
        capture_output=True,
    )
    schema = Registry(registry).resolve(SCHEMA_NAME).content
    schema_file = workdir / "schema.json"
    schema_file.write_text(json.dumps(schema))
    items = {k: v for k, v in schema.items() if k not in ("$schema", "$defs")}
    wrapper: dict[str, Any] = {"$schema": schema["$schema"], "type": "array", "items": items}
    if "$defs" in schema:  # "#/$defs/..." references resolve from the wrapper's root
        wrapper["$defs"] = schema["$defs"]
    ajv_schema = workdir / "ajv-schema.json"
    ajv_schema.write_text(json.dumps(wrapper))
    return registry, schema_file, ajv_schema


def run(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall and CPU seconds of one whole command, and its result."""
    # Output goes to files: node cuts a piped stderr short when it exits, files it writes whole.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        code = subprocess.run(command, stdout=out, stderr=err).returncode
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(command, code, out.read(), err.read())
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result


def eventsmith_invalid(result: subprocess.CompletedProcess[str]) -> int:
    return int(json.loads(result.stdout)["invalid_events"])


def ajv_invalid(result: subprocess.CompletedProcess[str]) -> int:
    # ajv prints "FILE invalid" and then the errors as a JSON array on stderr.
    text = result.stderr
    errors = json.loads(text[text.index("\n[") :]) if "\n[" in text else []
    return len({error["instancePath"].split("/")[1] for error in errors})


def best(command: list[str], repeat: int, count: Any) -> tuple[float, float, int]:
    runs = []
    for _ in range(repeat):
        wall, cpu, result = run(command)
        runs.append((wall, cpu, count(result)))
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=150_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/eventsmith-bench-validate"))
    args = parser.parse_args()
    if not AJV.exists():
        raise SystemExit(f"{AJV} is missing: run `npm ci` in {BENCH}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    clean, mixed, array = corpora(args.workdir, args.events)
    registry, schema_file, ajv_schema = learn_schema(clean, args.workdir)
    eventsmith = shutil.which("eventsmith") or "eventsmith"
    es_command = [eventsmith, "--registry", str(registry), "validate", "--schema", SCHEMA_NAME]
    es_command += [str(mixed), "--json"]
    ajv_command = [str(AJV), "validate", "--spec=draft2020", "-c", "ajv-formats"]
    ajv_command += ["--strict=false", "--all-errors", "--errors=json"]
    ajv_command += ["-s", str(ajv_schema), "-d", str(array)]
    loop_command = [sys.executable, "-c", JSONSCHEMA_LOOP, str(schema_file), str(mixed)]

    print(f"{args.events} events, {args.events // 100} broken; best of {args.repeat}", flush=True)
    results: dict[str, tuple[float, float, int]] = {}
    for name, command, count in (
        ("eventsmith validate", es_command, eventsmith_invalid),
        ("ajv-cli", ajv_command, ajv_invalid),
    ):
        results[name] = best(command, args.repeat, count)
    results["python-jsonschema loop"] = best(loop_command, 1, lambda r: int(r.stdout))
    for name, (wall, cpu, invalid) in results.items():
        rate = args.events / wall
        print(
            f"{name:24} {wall:7.2f} s wall {cpu:7.2f} s CPU {rate:9,.0f} events/s"
            f"  {invalid} invalid"
        )
    ours = results["eventsmith validate"]
    for peer in ("ajv-cli", "python-jsonschema loop"):
        wall_ratio, cpu_ratio = results[peer][0] / ours[0], results[peer][1] / ours[1]
        print(f"eventsmith vs {peer}: {wall_ratio:.2f}x wall, {cpu_ratio:.2f}x CPU")
    counts = {invalid for _, _, invalid in results.values()}
    if counts != {args.events // 100}:
        raise SystemExit(f"the tools disagree on the invalid events: {results}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
