"""`eventsmith discover`: infer schemas from sample events and store them as versions."""

from __future__ import annotations

import click

from eventsmith.cli.context import AppContext, pass_app
from eventsmith.cli.output import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    emit_json,
    print_problems,
    progress_bar,
    stderr,
    stdout,
    table,
)
from eventsmith.registry import DiscoveryProgress, DiscoveryReport, StoredSchema, run_discovery


def _status(stored: StoredSchema) -> str:
    return stored.status.replace("_", " ")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _summary(discovery: DiscoveryReport, stored: tuple[StoredSchema, ...]) -> str:
    changed = sum(1 for item in stored if item.created)
    parts = [
        _count(discovery.events, "event"),
        f"{_count(len(stored), 'schema')} ({_count(changed, 'new version')})",
        f"{_count(discovery.files_read, 'file')} read",
    ]
    if discovery.skipped_lines:
        parts.append(f"{_count(discovery.skipped_lines, 'line')} skipped")
    if discovery.files_failed:
        parts.append(f"{_count(discovery.files_failed, 'file')} unreadable")
    return ", ".join(parts)


def _as_json(
    app: AppContext, discovery: DiscoveryReport, stored: tuple[StoredSchema, ...]
) -> object:
    return {
        "registry": str(app.registry_path),
        "events": discovery.events,
        "files_read": discovery.files_read,
        "files_failed": discovery.files_failed,
        "skipped_lines": discovery.skipped_lines,
        "bytes_read": discovery.bytes_read,
        "schemas": [
            {
                "name": item.name,
                "events": item.events,
                "version": item.version,
                "status": item.status,
            }
            for item in stored
        ],
        "problems": [
            {"path": p.path, "line": p.line, "message": p.message} for p in discovery.problems
        ],
        "problem_count": discovery.problem_count,
    }


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--name", help="Schema name for documents that are not EventBridge envelopes.")
@click.option("--enums", is_flag=True, help="Turn low-cardinality string fields into enums.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON for scripts.")
@pass_app
def discover(
    app: AppContext, paths: tuple[str, ...], name: str | None, enums: bool, as_json: bool
) -> None:
    """Infer schemas from sample events and store them in the registry.

    PATHS are files, folders (searched recursively for .json, .jsonl, .ndjson and their .gz),
    or - for stdin. EventBridge events are grouped by source and detail-type into schemas named
    SOURCE@DetailTypePascal; other JSON documents go to --name (default: the file name without
    extension). Each schema's latest version is widened with what the new samples show; a new
    version is stored only when the structure changed.

    Malformed lines and unreadable files are reported as FILE:LINE: MESSAGE on stderr and
    skipped. Exit status: 0 when events were discovered (even if some input was skipped), 1
    when the input held no usable event, 2 when no input could be read at all.

    \b
    Example:
      eventsmith discover resources/samples/events
      zcat events.jsonl.gz | eventsmith discover - --name orders --json
    """
    with progress_bar("discovering") as show:

        def on_progress(progress: DiscoveryProgress) -> None:
            show(progress.bytes_done, progress.bytes_total)

        discovery = run_discovery(
            app.registry, paths, name=name, enums=enums, on_progress=on_progress
        )
    stored = discovery.schemas
    if as_json:
        emit_json(_as_json(app, discovery, stored))
    print_problems(discovery.problems, discovery.problem_count)
    if not discovery.events:
        nothing_read = discovery.files_read == 0
        stderr.print(
            "no input could be read" if nothing_read else "no events found in the input",
            markup=False,
        )
        raise SystemExit(EXIT_ERROR if nothing_read else EXIT_FINDINGS)
    if not as_json:
        rows = [(item.name, item.events, item.version, _status(item)) for item in stored]
        table(("schema", "events", "version", "status"), rows)
        stdout.print(_summary(discovery, stored), markup=False)
    raise SystemExit(EXIT_OK)
