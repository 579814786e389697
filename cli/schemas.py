"""`eventsmith schemas ...`: look at, export, import, compare and delete stored schemas."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click
from rich.markup import escape

from eventsmith.cli.context import AppContext, pass_app
from eventsmith.cli.output import emit_json, stderr, stdout, table
from eventsmith.registry import (
    EXPORT_FORMATS,
    diff_schemas,
    export_schema,
    import_schema_file,
    same_structure,
)
from eventsmith.registry import search as search_schemas


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
        # The name already carries source and detail-type; `show` and --json give every field.
        ["Name", "Version", "Events", "Last seen"],
        [
            (
                i.name,
                i.latest_version,
                i.samples_seen,
                (i.last_seen or "")[:16].replace("T", " "),
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


_VERDICT_STYLE = {"full": "green", "backward": "yellow", "forward": "yellow", "breaking": "red"}
_VERDICT_MEANING = {
    "full": "code generated from either version reads events of both",
    "backward": "code generated from V{old} still reads V{new} events, not the reverse",
    "forward": "code generated from V{new} reads V{old} events, not the reverse",
    "breaking": "neither version's code safely reads the other's events",
}


@schemas.command("diff")
@click.argument("name")
@click.argument("old", type=int, metavar="V1")
@click.argument("new", type=int, metavar="V2")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_app
def diff(app: AppContext, name: str, old: int, new: int, as_json: bool) -> None:
    """Compare versions V1 and V2 field by field, with a compatibility verdict for consumers.

    backward: code generated from V1 still reads V2 events. forward: code generated from V2
    reads V1 events. full: both. breaking: neither. Exit status 0 whatever the verdict.
    """
    before = app.registry.get_version(name, old)
    after = app.registry.get_version(name, new)
    result = diff_schemas(before.content, after.content)
    if as_json:
        emit_json(
            {
                "name": name,
                "old": old,
                "new": new,
                "verdict": result.verdict,
                "changes": [asdict(change) for change in result.changes],
            }
        )
        return
    style = _VERDICT_STYLE[result.verdict]
    meaning = _VERDICT_MEANING[result.verdict].format(old=old, new=new)
    stdout.print(f"{escape(name)} v{old} -> v{new}: [bold {style}]{result.verdict}[/] ({meaning})")
    if not result.changes:
        stdout.print("No structural changes.")
        return
    table(
        ["Field", "Change", f"V{old}", f"V{new}", "Compatibility", "Why"],
        [
            (c.path or "(event)", c.kind, c.old, c.new, c.compatibility, c.reason)
            for c in result.changes
        ],
    )


@schemas.command("export")
@click.argument("ref", metavar="NAME[@VERSION]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="openapi3",
    show_default=True,
    help="openapi3 and jsonschema-draft4 are EventBridge's two formats; jsonschema is 2020-12.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of stdout.",
)
@pass_app
def export(app: AppContext, ref: str, fmt: str, output: Path | None) -> None:
    """Export a schema version as OpenAPI 3 or JSON Schema, the way EventBridge writes them."""
    version = app.registry.resolve(ref)
    document = export_schema(version.content, fmt, name=version.name)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    stderr.print(f"Wrote {escape(version.name)} version {version.version} ({fmt}) to {output}")


@schemas.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", help="Store under this name (default: from the document or file name).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_app
def import_(app: AppContext, file: Path, name: str | None, as_json: bool) -> None:
    """Import a schema file: OpenAPI 3, JSON Schema draft-04..2020-12, or AWS CLI output.

    A new version is stored only when the content differs from every stored version.
    """
    imported = import_schema_file(file)
    target = name or imported.name
    if name is None and app.registry.find_schema(target) is None:
        # An export of a plain (non-EventBridge) schema names itself by its PascalCase title;
        # when it comes back unchanged, it belongs to the schema it was exported from.
        twins = [
            info.name
            for info in app.registry.list_schemas()
            if info.latest_version is not None
            and same_structure(app.registry.get_version(info.name).content, imported.content)
        ]
        if len(twins) == 1:
            target = twins[0]
    known = app.registry.versions(target) if app.registry.find_schema(target) else []
    same = [v for v in known if same_structure(v.content, imported.content)]
    if same:
        # An exported version comes back written differently ($defs, int64); not a new version.
        number, created = same[-1].version, False
    else:
        result = app.registry.put_version(
            target,
            imported.content,
            source=imported.source,
            detail_type=imported.detail_type,
            description=imported.description,
        )
        number, created = result.version.version, result.created
    if as_json:
        emit_json(
            {"name": target, "version": number, "status": "stored" if created else "unchanged"}
        )
        return
    if created:
        stdout.print(f"Stored {escape(target)} version {number}.")
    else:
        stdout.print(f"{escape(target)} unchanged: version {number} has the same structure.")


@schemas.command("search")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_app
def search(app: AppContext, text: str, as_json: bool) -> None:
    """Find schemas by name, source, detail-type, description or field name."""
    hits = search_schemas(app.registry, text)
    if as_json:
        emit_json([asdict(hit) for hit in hits])
        return
    if not hits:
        stdout.print(f"No schema matches {escape(text)!r}.")
        return
    table(
        ["Name", "Latest", "Matched"],
        [
            (
                hit.name,
                hit.latest_version,
                "; ".join(f"{m.where}: {m.value}" for m in hit.matches[:4])
                + (f" (+{len(hit.matches) - 4} more)" if len(hit.matches) > 4 else ""),
            )
            for hit in hits
        ],
    )
