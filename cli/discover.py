"""`eventsmith discover`: placeholder until its issue lands."""

from __future__ import annotations

import click

from .output import fail


@click.command()
def discover() -> None:
    """Not available yet."""
    fail("'eventsmith discover' is not available yet.")
