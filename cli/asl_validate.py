"""`eventsmith asl validate`: check ASL workflows and the state machines in SAM/CFN templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from eventsmith.asl import (
    Diagnostic,
    apply_settings,
    load_asl_settings,
    parse_document,
    validate_parsed,
)
from eventsmith.cli.asl_input_schemas import InputSchemaCheck
from eventsmith.cli.asl_inputs import load_substitutions, substitutions_option, workflow_files
from eventsmith.cli.output import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, emit_json, fail, stdout, warn


@click.command("validate")
@click.option("--json", "as_json", is_flag=True, help="Print findings as JSON (zero-based ranges).")
@substitutions_option
@click.option("--select", multiple=True, help="Only these codes or prefixes (ASL6,ASL903).")
@click.option("--ignore", multiple=True, help="Drop these codes or prefixes (ASL107).")
@click.option("--strict", is_flag=True, help="Count warnings as errors.")
@click.option(
    "--registry",
    "use_registry",
    is_flag=True,
    help="Also check $.detail... references against the input event's registry schema "
    "(docs/workflow-schemas.md).",
)
@click.option("--input-schema", help="With --registry: the schema of workflows that name none.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def validate_command(
    as_json: bool,
    substitutions_file: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    use_registry: bool,
    input_schema: str | None,
    paths: tuple[Path, ...],
) -> None:
    """Validate workflows. Directories are searched for *.asl.json/*.asl.yaml/*.asl.yml and
    for JSON/YAML templates that declare a state machine resource.

    Exit status: 0 clean (warnings allowed), 1 when any error is found, 2 on a usage error.
    Settings come from [tool.eventsmith.asl] in the nearest pyproject.toml; the options
    override them (--select replaces, --ignore adds).
    """
    substitutions = load_substitutions(substitutions_file)
    files = list(workflow_files(paths))
    if not files:
        warn("no workflow files found (*.asl.json, *.asl.yaml, or templates with a state machine)")
    results: dict[str, list[Diagnostic]] = {}
    schemas = InputSchemaCheck(input_schema) if use_registry else None
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            fail(f"cannot read {file}: {error}", EXIT_ERROR)
        parsed = parse_document(text, str(file), substitutions)
        found = validate_parsed(parsed)
        for name, diagnostics in found.items():
            results.setdefault(name or str(file), []).extend(diagnostics)
        if schemas is not None:
            for machine in parsed.state_machines:
                name = machine.filename or str(file)
                results.setdefault(name, []).extend(schemas.findings(parsed, machine))
    problems: dict[str, None] = {}
    for name, merged in results.items():  # a linked file can be reached from several templates
        settings = load_asl_settings(name).merged(select=select, ignore=ignore, strict=strict)
        problems.update(dict.fromkeys(settings.problems))
        merged[:] = apply_settings(merged, settings)
        merged.sort(key=lambda d: (d.range.start, d.range.end, d.code))
    for problem in problems:
        warn(f"settings: {problem}")
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
