"""Fuzz discovery -> export -> import -> codegen through the real CLI: no traceback, ever, and
every export re-imports as `unchanged`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.campaign import (
    SCHEMA_NAMES,
    budget,
    envelopes,
    json_objects,
    mutations,
    real_documents,
    run,
    workdir,
)

FORMATS = ("openapi3", "jsonschema-draft4", "jsonschema")
REAL_EVENTS = real_documents("resources/samples/events", "*.json") + real_documents(
    "tests/data/schemas/events", "*.json"
)
real_events = st.sampled_from(REAL_EVENTS).flatmap(mutations)

# A line of input: an object of any shape, an EventBridge event, a mutated real event. Roots
# that are not objects have their own campaign in test_fuzz_known.py.
documents = st.one_of(json_objects, envelopes(), real_events.filter(lambda d: isinstance(d, dict)))


def write_lines(folder: Path, lines: list[Any], raw: list[bytes]) -> Path:
    path = folder / "events.jsonl"
    encoded = [json.dumps(line).encode() for line in lines] + raw
    path.write_bytes(b"\n".join(encoded) + b"\n")
    return path


def round_trip(registry: Path, folder: Path) -> None:
    """Export every schema in every format, re-import each: nothing new may be stored."""
    listed = run("--registry", str(registry), "schemas", "list", "--json")
    names = [entry["name"] for entry in json.loads(listed.stdout)] if listed.exit_code == 0 else []
    for number, name in enumerate(names):
        for form in FORMATS:
            exported = folder / f"{number}.{form}.json"
            result = run(
                "--registry", str(registry), "schemas", "export", name, "--format", form,
                "-o", str(exported),
            )  # fmt: skip
            assert result.exit_code == 0, (name, form, result.output)
            imported = run(
                "--registry", str(registry), "schemas", "import", str(exported),
                "--name", name, "--json",
            )  # fmt: skip
            assert imported.exit_code == 0, (name, form, imported.output)
            status = json.loads(imported.stdout)["status"]
            assert status == "unchanged", (name, form, status, exported.read_text())
    for language in ("python", "typescript"):
        out = folder / language
        result = run(
            "--registry", str(registry), "codegen", "--all", "--lang", language, "--out", str(out)
        )
        assert result.exit_code in (0, 1), (language, result.output)


@budget(6)
@given(
    lines=st.lists(documents, min_size=1, max_size=6),
    raw=st.lists(st.binary(max_size=30), max_size=2),
    name=st.sampled_from(SCHEMA_NAMES),
)
def test_discovery_export_import_codegen(lines: list[Any], raw: list[bytes], name: str) -> None:
    with workdir() as folder:
        registry = folder / "registry.sqlite3"
        events = write_lines(folder, lines, raw)
        run("--registry", str(registry), "discover", str(events), "--name", name, "--json")
        # A second discovery of the same input must change nothing.
        again = run("--registry", str(registry), "discover", str(events), "--name", name, "--json")
        if again.exit_code == 0:
            statuses = {entry["status"] for entry in json.loads(again.stdout)["schemas"]}
            assert statuses <= {"unchanged"}, again.stdout
        round_trip(registry, folder)


@budget(25)
@given(data=st.binary(max_size=200), suffix=st.sampled_from([".json", ".jsonl", ".json.gz"]))
def test_discovery_of_arbitrary_bytes(data: bytes, suffix: str) -> None:
    with workdir() as folder:
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        run("--registry", str(folder / "r.sqlite3"), "discover", str(path), "--json")
        run("--registry", str(folder / "r.sqlite3"), "discover", "-", stdin=data)
