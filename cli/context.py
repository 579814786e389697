"""The registry a command works on, opened once per invocation."""

from __future__ import annotations

from pathlib import Path

import click

from eventsmith.registry import Registry, default_registry_path


class AppContext:
    def __init__(self, registry_path: Path | None) -> None:
        self.registry_path = registry_path or default_registry_path()
        self._registry: Registry | None = None

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = Registry(self.registry_path)
        return self._registry

    def interrupted_summary(self) -> str:
        """One line for a command stopped by Ctrl-C or SIGTERM: what reached the registry.

        Every write is one transaction, so a change is either listed here or not in the file.
        """
        changes = self._registry.committed if self._registry is not None else []
        if not changes:
            return "interrupted: nothing was stored, the registry is as it was"
        names = [
            f"{change.name} v{change.version}" if change.version else f"{change.name} (deleted)"
            for change in changes
        ]
        shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        return f"interrupted: stored {shown}; nothing after that was stored"

    def close(self) -> None:
        if self._registry is not None:
            self._registry.close()


pass_app = click.make_pass_decorator(AppContext)
