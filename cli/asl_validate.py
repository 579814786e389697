"""`eventsmith asl validate`: check ASL workflows and the state machines in SAM/CFN templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from eventsmith.asl import Diagnostic, parse_document, validate_parsed
from eventsmith.cli.asl_inputs import load_substitutions, substitutions_option, workflow_files
from eventsmith.cli.output import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, emit_json, fail, stdout, warn


@click.command("validate")
@click.option("--json", "as_json", is_flag=True, help="Print findings as JSON (zero-based ranges).")
@substitutions_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def validate_command(
    as_json: bool, substitutions_file: Path | None, paths: tuple[Path, ...]
) -> None:
    """Validate workflows. Directories are searched for *.asl.json/*.asl.yaml/*.asl.yml and
    for JSON/YAML templates that declare a state machine resource.

    Exit status: 0 clean (warnings allowed), 1 when any error is found, 2 on a usage error.
    """
    substitutions = load_substitutions(substitutions_file)
    files = list(workflow_files(paths))
    if not files:
        warn("no workflow files found (*.asl.json, *.asl.yaml, or templates with a state machine)")
    results: dict[str, list[Diagnostic]] = {}
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            fail(f"cannot read {file}: {error}", EXIT_ERROR)
        found = validate_parsed(parse_document(text, str(file), substitutions))
        for name, diagnostics in found.items():
            results.setdefault(name or str(file), []).extend(diagnostics)
    for merged in results.values():  # a linked file can be reached from several templates
        merged.sort(key=lambda d: (d.range.start, d.range.end, d.code))
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
