"""Entry point: global options, then one subcommand per area."""

from __future__ import annotations

import importlib
import signal
from pathlib import Path

import click

from eventsmith.cli.context import AppContext
from eventsmith.cli.output import EXIT_ERROR, EXIT_INTERRUPTED, fail
from eventsmith.registry import RegistryError

# Subcommands are imported only when invoked: every command pays for the imports of the one
# it runs, not for the layout engine, jsonschema or datamodel-code-generator of the others.
_COMMANDS = {
    "demo": ("demo", "Seed the registry from the bundled samples and show what eventsmith finds."),
    "discover": ("discover", "Discover event schemas from sample events into the registry."),
    "schemas": ("schemas", "Schemas in the registry: list, show, versions, diff, export, ..."),
    "validate": ("validate", "Validate events against a registry schema."),
    "match": ("match", "Test EventBridge rule patterns against events."),
    "codegen": ("codegen", "Generate Python or TypeScript bindings for registry schemas."),
    "asl": ("asl", "Amazon States Language workflows: validate, render, graph."),
}


class _Group(click.Group):
    """Loads subcommands lazily and turns registry failures into a one-line error."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _COMMANDS:
            return None
        module = importlib.import_module(f"{__package__}.{_COMMANDS[cmd_name][0]}")
        command: click.Command = getattr(module, cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, _COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except RegistryError as error:
            fail(str(error), EXIT_ERROR)
        except RecursionError:
            # A safety net: every core cuts or refuses input nested deeper than its limit.
            fail("the input is nested too deeply to process (see 'Limits' in docs/registry.md)")
        except KeyboardInterrupt:
            # Click would print "Aborted!" and exit 1; say what reached the registry instead.
            app = ctx.find_object(AppContext)
            fail(app.interrupted_summary() if app else "interrupted", EXIT_INTERRUPTED)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--registry",
    "registry_path",
    type=click.Path(dir_okay=False, readable=False, path_type=Path),
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


def _terminate(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM ends a command the way Ctrl-C does: rolled back, reported


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    cli(prog_name="eventsmith")


if __name__ == "__main__":
    main()
