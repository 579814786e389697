"""Server settings: initialization options and `workspace/didChangeConfiguration` (section
`eventsmith`), read leniently: an unknown or mistyped setting is ignored, never fatal."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from eventsmith.asl import Diagnostic, Severity

_SEVERITIES = {s.value: s for s in Severity}


@dataclass(frozen=True)
class Settings:
    registry: str | None = None
    extra_globs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    input_schema: str | None = None
    debounce_ms: int = 200
    asl_table: Mapping[str, Any] | None = None  # the client's `asl` section, as given

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
                str(kind): tuple(g for g in _strings(patterns)) for kind, patterns in globs.items()
            }
        asl = section.get("asl")
        if isinstance(asl, Mapping):
            changes["asl_table"] = dict(asl)
            changes["select"] = tuple(_strings(asl.get("select")))
            changes["ignore"] = tuple(_strings(asl.get("ignore")))
            severity = asl.get("severity")
            if isinstance(severity, Mapping):
                changes["severity"] = {
                    str(code): _SEVERITIES[level]
                    for code, level in severity.items()
                    if level in _SEVERITIES
                }
        if "inputSchema" in section:
            schema = section["inputSchema"]
            changes["input_schema"] = schema if isinstance(schema, str) and schema else None
        debounce = section.get("debounceMs")
        if isinstance(debounce, int) and 0 <= debounce <= 5000:
            changes["debounce_ms"] = debounce
        return replace(self, **changes)

    def _apply_with_core(
        self, core: Any, diagnostics: list[Diagnostic], file: Path | None
    ) -> list[Diagnostic]:
        project = core.load_asl_settings(file) if file is not None else core.AslSettings()
        client = core.settings_from_mapping(self.asl_table) if self.asl_table else None
        result: list[Diagnostic] = core.apply_settings(diagnostics, _combined(project, client))
        return result

    def apply(self, diagnostics: list[Diagnostic], file: Path | None = None) -> list[Diagnostic]:
        """Per-code selection and severities: the `[tool.eventsmith.asl]` table of the
        pyproject.toml nearest to `file`, with the client's `asl` settings on top (its select
        replaces, its ignore adds, its severities win).

        The core's `load_asl_settings`/`apply_settings` do the work when the core has them
        (HOOK, looked up at run time); otherwise the client's settings are applied here.
        """
        core = _core_settings()
        if core is not None:
            return self._apply_with_core(core, diagnostics, file)
        kept = []
        for diagnostic in diagnostics:
            code = diagnostic.code
            if self.select and not any(code.startswith(p) for p in self.select):
                continue
            if any(code.startswith(p) for p in self.ignore):
                continue
            level = self.severity.get(code)
            kept.append(replace(diagnostic, severity=level) if level else diagnostic)
        return kept


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def _core_settings() -> Any:
    """`eventsmith.asl` when it has the per-code settings API, else None."""
    import eventsmith.asl as asl

    return asl if hasattr(asl, "settings_from_mapping") else None


def _combined(project: Any, client: Any) -> Any:
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
