"""`eventsmith validate`: placeholder until its issue lands."""

from __future__ import annotations

import click

from .output import fail


@click.command()
def validate() -> None:
    """Not available yet."""
    fail("'eventsmith validate' is not available yet.")
