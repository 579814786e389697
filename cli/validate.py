"""`eventsmith validate`: check event files against a stored schema version."""

from __future__ import annotations

import sys

import click

from eventsmith.cli.context import AppContext, pass_app
from eventsmith.cli.output import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    emit_json,
    print_problems,
    stderr,
    stdout,
)
from eventsmith.events import EventReader, deep_recursion
from eventsmith.registry import ValidationReport, validate_events


def _print_report(report: ValidationReport, reader: EventReader, label: str) -> None:
    for error in report.errors:
        stdout.print(str(error), markup=False, highlight=False)
    print_problems(reader.problems, reader.problem_count)
    if not report.events and not reader.malformed:
        # "all valid" would read as success; the exit status (2) says nothing was checked.
        stderr.print(f"{label}: no events found to check", markup=False)
        return
    if report.ok and not reader.malformed:
        verdict = "[green]all valid[/]"
    else:
        verdict = f"[red]{report.invalid_events} invalid, {reader.malformed} not JSON[/]"
    stderr.print(f"{label}: {report.events} events checked, {verdict}")


@click.command()
@click.option(
    "--schema",
    "ref",
    required=True,
    metavar="NAME[@VERSION]",
    help="The schema to check against (latest version unless @VERSION).",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON for scripts.")
@pass_app
def validate(app: AppContext, ref: str, files: tuple[str, ...], as_json: bool) -> None:
    """Check events in FILES (.json, .jsonl, .ndjson, .gz, folders, - for stdin) against a schema.

    Prints file:line: /json/pointer: message for each problem. Exit status: 0 all valid,
    1 some event is invalid or not JSON, 2 a file could not be read or the schema is unknown.
    """
    version = app.registry.resolve(ref)
    # Every problem is listed, as every invalid event is: no cap, unlike discovery's summary.
    reader = EventReader(files, max_problems=sys.maxsize)
    located = ((item.file, item.line, item.event) for item in reader.located())
    # jsonschema recurses several frames per schema level; discovered schemas reach ~1,000.
    report = deep_recursion(validate_events)(version.content, located)
    unreadable = reader.files_failed or not (report.events or reader.malformed)
    if as_json:
        emit_json(
            {
                "schema": version.name,
                "version": version.version,
                "events": report.events,
                "invalid_events": report.invalid_events,
                "malformed": reader.malformed,
                "errors": [
                    {"file": e.file, "line": e.line, "pointer": e.pointer, "message": e.message}
                    for e in report.errors
                ],
                "problems": [
                    {"path": p.path, "line": p.line, "message": p.message} for p in reader.problems
                ],
            }
        )
    else:
        _print_report(report, reader, f"{version.name}@{version.version}")
    if unreadable:
        raise SystemExit(EXIT_ERROR)
    if report.errors or reader.malformed:
        raise SystemExit(EXIT_FINDINGS)
