"""Entry point: global options, then one subcommand per area."""

from __future__ import annotations

import importlib
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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
    "app": ("app", "Open the desktop app (registry browser, workflows, pattern tester)."),
    "lsp": ("lsp", "Run the language server (stdio, or --tcp HOST:PORT) for editors."),
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

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's standalone mode, but Ctrl-C and SIGTERM (wherever they land, even while the
        command unwinds) end with exit 130 and a line saying what reached the registry, where
        click would print "Aborted!" and exit 1."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.Abort:
            fail(_APP[0].interrupted_summary() if _APP else "interrupted", EXIT_INTERRUPTED)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        # Commands end by raising SystemExit or by returning None; `ctx.exit(n)` returns n.
        sys.exit(result if isinstance(result, int) else 0)


_APP: list[AppContext] = []
"""The invocation's context, for the interrupt line after click has closed it."""


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
    _APP[:] = [app]
    ctx.obj = app
    ctx.call_on_close(app.close)


def _terminate(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM ends a command the way Ctrl-C does: rolled back, reported


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli(prog_name="eventsmith")
    finally:
        # The command has finished and said what it stored; a signal while Python shuts down
        # (joining threads) must not raise into that shutdown and print a traceback.
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)


if __name__ == "__main__":
    main()
