"""`eventsmith asl ...`: validate, render and lay out Amazon States Language workflows.

Each command lives in its own `asl_*` module as a plain `click.command` that does not import
this one (no cycle); adding the module to the import line below is all it takes to add its
commands to the group.
"""

from __future__ import annotations

from types import ModuleType

import click

# Each `asl_*` module named here adds its commands to the group (see the end of this file).
from eventsmith.cli import asl_graph, asl_run, asl_validate  # noqa: F401


@click.group()
def asl() -> None:
    """Amazon States Language workflows: validate, render, graph."""


def _commands_of(module: ModuleType) -> list[click.Command]:
    return [
        value
        for value in vars(module).values()
        if isinstance(value, click.Command) and value.callback is not None
        and value.callback.__module__ == module.__name__
    ]  # fmt: skip


_MODULES = [
    value
    for name, value in list(globals().items())
    if name.startswith("asl_") and isinstance(value, ModuleType)
]
for _module in _MODULES:
    for _command in _commands_of(_module):
        asl.add_command(_command)
