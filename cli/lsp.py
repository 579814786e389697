"""`eventsmith lsp`: the language server, over stdio (editors) or TCP (debugging)."""

from __future__ import annotations

import logging

import click

from eventsmith.cli.context import AppContext, pass_app


@click.command()
@click.option(
    "--tcp",
    "address",
    metavar="HOST:PORT",
    help="Listen on a TCP socket instead of stdio (to attach a debugger or a log viewer).",
)
@click.option("--log-file", type=click.Path(dir_okay=False), help="Write the server's log here.")
@pass_app
def lsp(app: AppContext, address: str | None, log_file: str | None) -> None:
    """Run the language server for workflows, patterns and sample events (docs/lsp.md).

    The registry is the CLI's (--registry, $EVENTSMITH_REGISTRY, else the user data dir),
    unless the client sets the `registry` initialization option.
    """
    from eventsmith.lsp.server import build_server, tune_garbage_collector
    from eventsmith.lsp.settings import Settings

    if log_file:
        logging.basicConfig(filename=log_file, level=logging.INFO)
        # pygls logs every message body at INFO: megabytes per minute on a large workflow.
        logging.getLogger("pygls").setLevel(logging.WARNING)
    server = build_server(Settings(registry=str(app.registry_path)))
    tune_garbage_collector()
    if address is None:
        server.start_io()
        return
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise click.BadParameter("expected HOST:PORT, e.g. 127.0.0.1:2087", param_hint="--tcp")
    server.start_tcp(host, int(port))
