"""Bindings for 100 schemas in Python and TypeScript, beside the per-schema peer commands.

eventsmith generates both languages for all schemas in one process (one batched
datamodel-code-generator call for Python, our emitter for TypeScript) and writes the files.
The peers are what a user would otherwise run: the `datamodel-codegen` command once per schema,
and `quicktype` (npm, installed from bench/package.json) once per schema for TypeScript.

    python bench/bench_codegen.py                 # all 100 schemas for every tool
    python bench/bench_codegen.py --peer-count 20 # peers on 20 schemas, scaled to 100

Peers that are not installed are reported as skipped, never silently left out.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from eventsmith.codegen import SchemaInput, SourceCache, generate_bindings, write_bindings
from eventsmith.codegen._generate import type_model_of
from eventsmith.codegen._workers import fork_slots

BENCH = Path(__file__).parent
WORDS = ["order", "customer", "item", "price", "status", "region", "account", "payment", "parcel"]
FORMATS = [None, None, "date-time", "uuid", "email"]


def _leaf(rng: random.Random) -> dict[str, Any]:
    kinds = ["string"] * 10 + ["integer"] * 3 + ["number", "boolean", "nullable", "enum"]
    kind = rng.choice(kinds)
    if kind == "enum":
        return {"type": "string", "enum": sorted(rng.sample(["NEW", "OPEN", "DONE", "LOST"], 3))}
    if kind == "nullable":
        return {"type": ["string", "null"]}
    if kind == "string" and (fmt := rng.choice(FORMATS)):
        return {"type": "string", "format": fmt}
    return {"type": kind}


def _object(rng: random.Random, depth: int) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for index in range(rng.randint(4, 12)):
        key = f"{rng.choice(WORDS)}{rng.choice(['Id', 'Name', 'Count', 'At', ''])}{index}"
        roll = rng.random()
        if depth < 2 and roll < 0.12:
            properties[key] = _object(rng, depth + 1)
        elif depth < 2 and roll < 0.17:
            properties[key] = {"type": "array", "items": _object(rng, depth + 1)}
        elif roll < 0.35:
            properties[key] = {"type": "object", "additionalProperties": {"type": "string"}}
        elif roll < 0.4:
            properties[key] = {"type": "array", "items": _leaf(rng)}
        else:
            properties[key] = _leaf(rng)
    required = sorted(rng.sample(sorted(properties), len(properties) // 2))
    return {"type": "object", "properties": properties, "required": required}


def make_schema(index: int) -> SchemaInput:
    """A discovered-style EventBridge schema: the envelope with a nested, varied detail.

    The mix (about 5 classes and enums, 40 properties per schema) is in the range of AWS's own
    events: EC2 state changes have 2 classes, S3 object events 5, CodePipeline events 4.
    """
    rng = random.Random(index)
    source = f"com.example.{rng.choice(WORDS)}{index}"
    detail_type = f"{rng.choice(WORDS).title()} {rng.choice(['Created', 'Updated', 'Deleted'])}"
    envelope = {k: {"type": "string"} for k in ("account", "detail-type", "id", "region")}
    envelope |= {"source": {"type": "string"}, "version": {"type": "string"}}
    envelope |= {"time": {"type": "string", "format": "date-time"}}
    envelope |= {"resources": {"type": "array", "items": {"type": "string"}}}
    envelope["detail"] = _object(rng, 0)
    content = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": detail_type.replace(" ", ""),
        "type": "object",
        "x-amazon-events-source": source,
        "x-amazon-events-detail-type": detail_type,
        "properties": envelope,
        "required": sorted(envelope),
    }
    name = f"{source}@{detail_type.replace(' ', '')}"
    return SchemaInput(name, content, 1, source, detail_type)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the codegen workers)."""
    return sum(os.times()[:4])


def run_eventsmith(
    schemas: list[SchemaInput], out: Path, cache: SourceCache | None = None
) -> tuple[float, dict[str, float], int, float]:
    """Both languages, files written; returns seconds, seconds per language, files, CPU seconds."""
    seconds: dict[str, float] = {}
    files = 0
    cpu = cpu_seconds()
    for language in ("python", "typescript"):
        started = time.perf_counter()
        bindings = generate_bindings(schemas, language, cache=cache)
        assert not bindings.problems, bindings.problems
        files += len(write_bindings(out / language, bindings))
        seconds[language] = time.perf_counter() - started
    return sum(seconds.values()), seconds, files, cpu_seconds() - cpu


def run_per_schema(command: list[str], schemas: list[SchemaInput], work: Path, ext: str) -> float:
    started = time.perf_counter()
    for index, schema in enumerate(schemas):
        source = work / f"schema{index}.json"
        source.write_text(json.dumps(schema.content))
        target = work / f"schema{index}.{ext}"
        args = [part.format(input=source, output=target) for part in command]
        result = subprocess.run(args, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed on schema {index}: {result.stderr[-500:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--peer-count", type=int, default=None, help="schemas given to peers")
    args = parser.parse_args()
    schemas = [make_schema(index) for index in range(args.count)]
    peer_schemas = schemas[: args.peer_count or args.count]
    scale = len(schemas) / len(peer_schemas)

    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        models = [type_model_of(schema) for schema in schemas]
        classes = sum(len(model.definitions) for model in models)
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"{len(schemas)} schemas, {classes} classes and enums; load average {load};"
              f" {fork_slots()} CPUs for codegen workers")  # fmt: skip
        ours, split, files, cpu = run_eventsmith(schemas, work / "cold")
        parts = ", ".join(f"{language} {value:.2f} s" for language, value in split.items())
        print(f"eventsmith, cold (first run in the process, no cache): {ours:.2f} s ({parts}),"
              f" {files} files; CPU {cpu:.2f} s (workers included)")  # fmt: skip
        again = min(run_eventsmith(schemas, work / f"again{n}")[0] for n in range(2))
        print(f"eventsmith, no cache, library already loaded (best of 2): {again:.2f} s")
        cache = SourceCache(work / "cache")
        run_eventsmith(schemas, work / "fill", cache)
        warm, split, _, _ = run_eventsmith(schemas, work / "warm", cache)
        parts = ", ".join(f"{language} {value:.2f} s" for language, value in split.items())
        print(f"eventsmith, warm (Python modules cached on disk): {warm:.2f} s ({parts})")
        peers = {
            "datamodel-codegen (Python)": (
                [shutil.which("datamodel-codegen") or "datamodel-codegen", "--input", "{input}",
                 "--input-file-type", "jsonschema", "--output-model-type",
                 "pydantic_v2.BaseModel", "--output", "{output}"],
                "py",
            ),
            "quicktype (TypeScript)": (
                [str(BENCH / "node_modules" / ".bin" / "quicktype"), "--src-lang", "schema",
                 "--lang", "typescript", "--out", "{output}", "{input}"],
                "ts",
            ),
        }  # fmt: skip
        total_peers = 0.0
        for label, (command, ext) in peers.items():
            if not Path(command[0]).exists() and shutil.which(command[0]) is None:
                print(f"{label}: skipped, not installed (cd bench && npm ci)")
                continue
            peer_dir = work / ext
            peer_dir.mkdir()
            seconds = run_per_schema(command, peer_schemas, peer_dir, ext) * scale
            total_peers += seconds
            note = f" (measured on {len(peer_schemas)}, scaled)" if scale != 1 else ""
            print(f"{label}, once per schema: {seconds:.2f} s{note}")
        if total_peers:
            cold_ratio, warm_ratio = total_peers / ours, total_peers / warm
            print(f"ratio peers / eventsmith: {cold_ratio:.1f}x cold, {warm_ratio:.1f}x warm")
        for label, seconds in (("cold", ours), ("warm", warm)):
            verdict = "met" if seconds < 2 else "MISSED"
            print(f"goal < 2 s for {len(schemas)} schemas in both languages, {label}: {verdict}")


if __name__ == "__main__":
    sys.exit(main())
