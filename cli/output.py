"""Terminal output shared by every command: tables for people, JSON for scripts."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

# Results go to stdout so they can be piped; diagnostics and progress go to stderr. Piped
# tables get a wide page instead of rich's 80-column fallback, so names stay on one line.
_PIPED_WIDTH = None if sys.stdout.isatty() or "COLUMNS" in os.environ else 200
stdout = Console(highlight=False, soft_wrap=True, width=_PIPED_WIDTH)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C


def emit_json(value: Any) -> None:
    """Print JSON for scripts: stable key order, UTF-8, one document."""
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> None:
    grid = Table(title=title, title_justify="left", header_style="bold")
    for column in columns:
        # Schema names are long and must stay copyable, so cells fold instead of truncating.
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*("" if cell is None else escape(str(cell)) for cell in row))
    stdout.print(grid)


def warn(message: str) -> None:
    stderr.print(f"[yellow]warning:[/] {escape(message)}", markup=True)


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    stderr.print(f"[bold red]error:[/] {escape(message)}", markup=True)
    sys.exit(code)


def print_problems(problems: Sequence[object], count: int, prefix: str = "") -> None:
    """Skipped input on stderr, one line each, then how many more were counted but not kept.

    `problems` are the kept ones (`EventReader.problems`), `count` all there were.
    """
    for problem in problems:
        stderr.print(f"{prefix}{problem}", markup=False, highlight=False)
    if count > len(problems):
        stderr.print(f"{prefix}... and {count - len(problems)} more problems", markup=False)


def _byte_columns() -> list[ProgressColumn]:
    return [
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    ]


@contextmanager
def byte_progress(total: int | None, description: str) -> Iterator[Any]:
    """A bytes-read progress bar on a terminal; a no-op callback when piped or in CI."""
    if not stderr.is_terminal:
        yield lambda _advance: None
        return
    with Progress(*_byte_columns(), console=stderr, transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda advance: progress.advance(task, advance)


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int | None], None]]:
    """Like `byte_progress`, for work that reports bytes done so far and the total, once known
    (`DiscoveryProgress`): the callback takes `(done, total)`."""
    if not stderr.is_terminal:
        yield lambda _done, _total: None
        return
    with Progress(*_byte_columns(), console=stderr, transient=True) as progress:
        task = progress.add_task(description, total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)
