"""`eventsmith codegen`: placeholder until its issue lands."""

from __future__ import annotations

import click

from .output import fail


@click.command()
def codegen() -> None:
    """Not available yet."""
    fail("'eventsmith codegen' is not available yet.")
