"""`eventsmith app`: the desktop app (PySide6)."""

from __future__ import annotations

from pathlib import Path

import click

from eventsmith.cli.context import AppContext, pass_app


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@pass_app
def app(ctx: AppContext, files: tuple[Path, ...]) -> None:
    """Open the desktop app on the registry, with FILES opened.

    Workflows (ASL JSON/YAML, SAM or CloudFormation templates) open in the workflow preview,
    rule patterns in the pattern tester, and event files are offered for discovery.

    \b
    Example:
      eventsmith app resources/samples/workflows/checkout.asl.json
      eventsmith --registry team.db app resources/samples/events
    """
    from eventsmith.app.main import run

    raise SystemExit(run(ctx.registry_path, files))
