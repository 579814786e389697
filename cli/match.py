"""`eventsmith match`: placeholder until its issue lands."""

from __future__ import annotations

import click

from .output import fail


@click.command()
def match() -> None:
    """Not available yet."""
    fail("'eventsmith match' is not available yet.")
