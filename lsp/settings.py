"""Server settings: initialization options and `workspace/didChangeConfiguration` (section
`eventsmith`), read leniently: an unknown or mistyped setting is ignored, never fatal."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from eventsmith.asl import (
    AslSettings,
    Diagnostic,
    apply_settings,
    load_asl_settings,
    settings_from_mapping,
)


@dataclass(frozen=True)
class Settings:
    registry: str | None = None
    extra_globs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    asl_table: Mapping[str, Any] | None = None  # the client's `asl` section, as given
    input_schema: str | None = None
    debounce_ms: int = 200

    def merged(self, options: object) -> Settings:
        """These settings updated by a client's `eventsmith` object (or its parent)."""
        if not isinstance(options, Mapping):
            return self
        section = options.get("eventsmith", options)
        if not isinstance(section, Mapping):
            return self
        changes: dict[str, Any] = {}
        if isinstance(section.get("registry"), str):
            changes["registry"] = section["registry"]
        globs = section.get("extraGlobs")
        if isinstance(globs, Mapping):
            changes["extra_globs"] = {
                str(kind): tuple(_strings(patterns)) for kind, patterns in globs.items()
            }
        asl = section.get("asl")
        if isinstance(asl, Mapping):
            changes["asl_table"] = dict(asl)
        if "inputSchema" in section:
            schema = section["inputSchema"]
            changes["input_schema"] = schema if isinstance(schema, str) and schema else None
        debounce = section.get("debounceMs")
        if isinstance(debounce, int) and 0 <= debounce <= 5000:
            changes["debounce_ms"] = debounce
        return replace(self, **changes)

    def resolve(self, file: Path | None) -> AslSettings:
        """Per-code selection and severities for `file`: the `[tool.eventsmith.asl]` table of
        the pyproject.toml nearest to it (what `asl validate` reads), with the client's `asl`
        settings on top: its select replaces, its ignore adds, its severities win."""
        project = load_asl_settings(file) if file is not None else AslSettings()
        client = settings_from_mapping(self.asl_table) if self.asl_table else None
        return _combined(project, client)

    def apply(self, diagnostics: list[Diagnostic], file: Path | None = None) -> list[Diagnostic]:
        return apply_settings(diagnostics, self.resolve(file))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def _combined(project: AslSettings, client: AslSettings | None) -> AslSettings:
    if client is None:
        return project
    return replace(
        project,
        select=client.select or project.select,
        ignore=project.ignore + client.ignore,
        severity=client.severity + project.severity,  # the first match wins
        strict=project.strict or client.strict,
        problems=project.problems + client.problems,
    )
