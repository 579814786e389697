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

    def close(self) -> None:
        if self._registry is not None:
            self._registry.close()


pass_app = click.make_pass_decorator(AppContext)
