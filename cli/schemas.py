"""`eventsmith schemas ...`: look at, export, import, compare and delete stored schemas."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from .context import AppContext, pass_app
from .output import emit_json, stdout, table


@click.group()
def schemas() -> None:
    """Schemas in the registry: list, show, versions, diff, export, import, delete, search."""


@schemas.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_app
def list_schemas(app: AppContext, as_json: bool) -> None:
    """List every schema with its latest version and how many events were seen."""
    infos = app.registry.list_schemas()
    if as_json:
        emit_json([asdict(info) for info in infos])
        return
    if not infos:
        stdout.print(f"No schemas in {app.registry_path}. Try: eventsmith discover FILES...")
        return
    table(
        ["Name", "Source", "Detail type", "Latest", "Versions", "Events seen", "Last seen"],
        [
            (
                i.name,
                i.source,
                i.detail_type,
                i.latest_version,
                i.version_count,
                i.samples_seen,
                i.last_seen,
            )
            for i in infos
        ],
    )


@schemas.command("show")
@click.argument("ref", metavar="NAME[@VERSION]")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_app
def show(app: AppContext, ref: str, as_json: bool) -> None:
    """Show one schema version (the latest unless @VERSION is given)."""
    version = app.registry.resolve(ref)
    info = app.registry.get_schema(version.name)
    if as_json:
        emit_json({"schema": asdict(info), "version": asdict(version)})
        return
    stdout.print(f"[bold]{info.name}[/] version {version.version} of {info.latest_version}")
    for label, value in (
        ("source", info.source),
        ("detail-type", info.detail_type),
        ("description", info.description),
        ("events seen", info.samples_seen),
        ("last seen", info.last_seen),
        ("created", version.created),
        ("hash", version.content_hash[:16]),
    ):
        if value not in (None, ""):
            stdout.print(f"  {label:12} {value}")
    stdout.print_json(json.dumps(version.content))


@schemas.command("versions")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_app
def versions(app: AppContext, name: str, as_json: bool) -> None:
    """List the versions of a schema, oldest first."""
    found = app.registry.versions(name)
    if as_json:
        emit_json(
            [
                {"version": v.version, "created": v.created, "content_hash": v.content_hash}
                for v in found
            ]
        )
        return
    table(
        ["Version", "Created", "Content hash"],
        [(v.version, v.created, v.content_hash[:16]) for v in found],
        title=name,
    )


@schemas.command("delete")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_app
def delete(app: AppContext, name: str, yes: bool) -> None:
    """Delete a schema with all its versions and samples."""
    info = app.registry.get_schema(name)
    if not yes:
        click.confirm(f"Delete {name} and its {info.version_count} version(s)?", abort=True)
    app.registry.delete_schema(name)
    stdout.print(f"Deleted {name}.")
