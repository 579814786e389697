"""`eventsmith asl validate`: check ASL workflows and the state machines in SAM/CFN templates."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import yaml

from eventsmith.asl import Diagnostic, parse_document, validate
from eventsmith.cli.asl import asl
from eventsmith.cli.output import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, emit_json, fail, stdout, warn

_WORKFLOW_SUFFIXES = (".asl.json", ".asl.yaml", ".asl.yml")
_TEMPLATE_SUFFIXES = (".json", ".yaml", ".yml", ".template")
_TEMPLATE_MARKERS = ("AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine")
_SKIPPED_DIRS = ("node_modules", "cdk.out", ".aws-sam")


@asl.command("validate")
@click.option("--json", "as_json", is_flag=True, help="Print findings as JSON (zero-based ranges).")
@click.option(
    "--substitutions",
    "substitutions_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON/YAML mapping of ${Name} DefinitionSubstitutions to fill in.",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def validate_command(
    as_json: bool, substitutions_file: Path | None, paths: tuple[Path, ...]
) -> None:
    """Validate workflows. Directories are searched for *.asl.json/*.asl.yaml/*.asl.yml and
    for JSON/YAML templates that declare a state machine resource.

    Exit status: 0 clean (warnings allowed), 1 when any error is found, 2 on a usage error.
    """
    substitutions = _load_substitutions(substitutions_file) if substitutions_file else None
    files = list(_expand(paths))
    if not files:
        warn("no workflow files found (*.asl.json, *.asl.yaml, or templates with a state machine)")
    results: dict[str, list[Diagnostic]] = {}
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            fail(f"cannot read {file}: {error}", EXIT_ERROR)
        parsed = parse_document(text, str(file), substitutions)
        results.setdefault(str(file), []).extend(parsed.diagnostics)
        for machine in parsed.state_machines:
            results.setdefault(machine.filename or str(file), []).extend(validate(machine))
    for diagnostics in results.values():
        diagnostics.sort(key=lambda d: (d.range.start, d.range.end, d.code))
    if as_json:
        emit_json(
            [
                {"file": name, "diagnostics": [_as_json(d) for d in found]}
                for name, found in results.items()
            ]
        )
    else:
        _print_human(results)
    has_error = any(d.is_error for found in results.values() for d in found)
    raise SystemExit(EXIT_FINDINGS if has_error else EXIT_OK)


def _expand(paths: tuple[Path, ...]) -> Iterator[Path]:
    for path in paths:
        if path.is_file():
            yield path
            continue
        for candidate in sorted(path.rglob("*")):
            relative = candidate.relative_to(path).parts
            if any(part.startswith(".") or part in _SKIPPED_DIRS for part in relative[:-1]):
                continue
            if candidate.is_file() and _is_workflow(candidate):
                yield candidate


def _is_workflow(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(_WORKFLOW_SUFFIXES):
        return True
    if not name.endswith(_TEMPLATE_SUFFIXES):
        return False
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(marker in text for marker in _TEMPLATE_MARKERS)


def _load_substitutions(path: Path) -> dict[str, str]:
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        fail(f"cannot read substitutions from {path}: {error}", EXIT_ERROR)
    if isinstance(data, dict) and isinstance(data.get("DefinitionSubstitutions"), dict):
        data = data["DefinitionSubstitutions"]
    if not isinstance(data, dict):
        fail(f"{path}: substitutions must be a mapping of names to values", EXIT_ERROR)
    return {
        str(name): json.dumps(value) if isinstance(value, bool) else str(value)
        for name, value in data.items()
    }


def _as_json(diagnostic: Diagnostic) -> dict[str, Any]:
    start, end = diagnostic.range.start, diagnostic.range.end
    return {
        "code": diagnostic.code,
        "severity": str(diagnostic.severity),
        "message": diagnostic.message,
        "range": {
            "start": {"line": start.line, "character": start.character},
            "end": {"line": end.line, "character": end.character},
        },
    }


def _print_human(results: dict[str, list[Diagnostic]]) -> None:
    errors = warnings = 0
    for name, found in results.items():
        for diagnostic in found:
            start = diagnostic.range.start
            stdout.print(
                f"{name}:{start.line + 1}:{start.character + 1}: {diagnostic.severity}"
                f" {diagnostic.code} {diagnostic.message}",
                markup=False,
            )
            errors += diagnostic.is_error
            warnings += diagnostic.severity == "warning"
    files = len(results)
    summary = f"{files} file(s) checked: {errors} error(s), {warnings} warning(s)"
    click.echo(summary, err=True)
