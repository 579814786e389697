"""Entry point: global options, then one subcommand per area."""

from __future__ import annotations

from pathlib import Path

import click

from eventsmith.registry import RegistryError

from . import asl, codegen, demo, discover, match, schemas, validate
from .context import AppContext
from .output import EXIT_ERROR, fail


class _Group(click.Group):
    """Turns registry lookup failures into a one-line error instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except RegistryError as error:
            fail(str(error), EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--registry",
    "registry_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="EVENTSMITH_REGISTRY",
    help="Registry file (SQLite). Default: $EVENTSMITH_REGISTRY, else the user data dir.",
)
@click.version_option(package_name="eventsmith")
@click.pass_context
def cli(ctx: click.Context, registry_path: Path | None) -> None:
    """eventsmith: schemas, code bindings, workflows and rule patterns for EventBridge, offline."""
    app = AppContext(registry_path)
    ctx.obj = app
    ctx.call_on_close(app.close)


for command in (
    demo.demo,
    discover.discover,
    schemas.schemas,
    validate.validate,
    match.match,
    codegen.codegen,
    asl.asl,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="eventsmith")


if __name__ == "__main__":
    main()
