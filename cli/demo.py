"""`eventsmith demo`: placeholder until its issue lands."""

from __future__ import annotations

import click

from .output import fail


@click.command()
def demo() -> None:
    """Not available yet."""
    fail("'eventsmith demo' is not available yet.")
