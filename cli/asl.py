"""`eventsmith asl`: placeholder until its issue lands."""

from __future__ import annotations

import click

from .output import fail


@click.command()
def asl() -> None:
    """Not available yet."""
    fail("'eventsmith asl' is not available yet.")
