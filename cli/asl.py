"""`eventsmith asl ...`: validate, render and lay out Amazon States Language workflows."""

from __future__ import annotations

import click


@click.group()
def asl() -> None:
    """Amazon States Language workflows: validate, render, graph."""


# Each command lives in its own module and registers itself on the group above.
from eventsmith.cli import asl_graph, asl_validate  # noqa: E402, F401
