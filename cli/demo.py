"""`eventsmith demo`: the whole product once, on the samples that ship with it."""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Any

import click

from eventsmith.asl import Severity, parse_document, validate_parsed
from eventsmith.cli.context import AppContext, pass_app
from eventsmith.cli.output import emit_json, stdout, table
from eventsmith.events import EventReader
from eventsmith.patterns import PatternError, compile_matcher, parse_pattern
from eventsmith.registry import run_discovery


def samples_dir() -> Path:
    return Path(str(importlib.resources.files("eventsmith.resources") / "samples"))


def _sample_events(folder: Path) -> list[tuple[str, Any]]:
    events: list[tuple[str, Any]] = []
    for stem, batch in EventReader([folder]).batches():
        events.extend((stem, event) for event in batch)
    return events


def _patterns(folder: Path, events: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.json")):
        pattern = parse_pattern(path.read_text(encoding="utf-8"))
        if isinstance(pattern, PatternError):
            rows.append({"pattern": path.name, "error": str(pattern), "matched": []})
            continue
        matcher = compile_matcher(pattern)
        matched = [stem for stem, event in events if matcher(event)]
        rows.append({"pattern": path.name, "error": None, "matched": matched})
    return rows


def _workflows(folder: Path) -> list[dict[str, Any]]:
    rows = []
    for path in sorted(folder.iterdir()):
        parsed = parse_document(path.read_text(encoding="utf-8"), path.name)
        machines = parsed.state_machines
        diagnostics = [d for found in validate_parsed(parsed).values() for d in found]
        states = sum(len(m.definition.get("States", {})) for m in machines)
        rows.append(
            {
                "workflow": path.name,
                "states": states,
                "errors": sum(d.severity == Severity.ERROR for d in diagnostics),
                "warnings": sum(d.severity == Severity.WARNING for d in diagnostics),
            }
        )
    return rows


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_app
def demo(app: AppContext, as_json: bool) -> None:
    """Seed the registry from the bundled samples and show what eventsmith finds.

    Discovers schemas from the sample events, tests the sample rule patterns against them and
    validates the sample workflows. Running it again changes no schema version.
    """
    root = samples_dir()
    discovery = run_discovery(app.registry, [root / "events"])
    stored = discovery.schemas
    events = _sample_events(root / "events")
    patterns = _patterns(root / "patterns", events)
    workflows = _workflows(root / "workflows")

    if as_json:
        emit_json(
            {
                "registry": str(app.registry_path),
                "samples": str(root),
                "schemas": [
                    {
                        "name": s.name,
                        "events": s.events,
                        "version": s.version,
                        "new": s.created,
                        "status": s.status,
                    }
                    for s in stored
                ],
                "patterns": patterns,
                "workflows": workflows,
            }
        )
        return

    stdout.print(f"[bold]eventsmith demo[/]  registry: {app.registry_path}")
    stdout.print(f"samples: {root}\n")
    table(
        ["Schema", "Events", "Version", "Change"],
        [
            # the words `discover` uses: new schema, new version, unchanged
            (s.name, s.events, s.version, s.status.replace("_", " "))
            for s in stored
        ],
        title=f"Discovered {len(stored)} schemas from {discovery.events} sample events",
    )
    table(
        ["Pattern", "Matches", "Matching events"],
        [
            (
                row["pattern"],
                row["error"] or f"{len(row['matched'])} of {len(events)}",
                ", ".join(row["matched"]) or "-",
            )
            for row in patterns
        ],
        title="Rule patterns tested against the sample events",
    )
    table(
        ["Workflow", "States", "Errors", "Warnings"],
        [(w["workflow"], w["states"], w["errors"], w["warnings"]) for w in workflows],
        title="Workflows validated against the Amazon States Language",
    )
    first = stored[0].name if stored else "NAME"
    stdout.print("\n[bold]Next[/]")
    for line in (
        f"eventsmith schemas show {first}",
        f"eventsmith codegen {first} --lang typescript --out bindings",
        f"eventsmith asl render {root / 'workflows' / 'checkout.asl.json'} -o checkout.svg",
        f"eventsmith match --pattern {root / 'patterns' / 'ticket-resolved.json'} "
        f"--explain {root / 'events'}",
    ):
        stdout.print(f"  {line}")
