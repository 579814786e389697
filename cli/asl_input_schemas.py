"""`asl validate --registry`: check each workflow's references to its input event against the
event's registry schema (eventsmith.workflow_schemas)."""

from __future__ import annotations

import click

from eventsmith.asl import Diagnostic, ParsedFile, StateMachineSource
from eventsmith.cli.context import AppContext
from eventsmith.cli.output import EXIT_ERROR, fail
from eventsmith.registry import Registry, RegistryError
from eventsmith.workflow_schemas import check_input_paths, find_input_schema


class InputSchemaCheck:
    """Opened once per command: the registry of `eventsmith --registry` / EVENTSMITH_REGISTRY."""

    def __init__(self, schema_name: str | None) -> None:
        app = click.get_current_context().find_object(AppContext)
        self.registry: Registry = (app or AppContext(None)).registry
        self.schema_name = schema_name
        if schema_name:
            try:
                self.registry.resolve(schema_name)
            except RegistryError:
                close = self.registry.suggest(schema_name)
                hint = f"; did you mean {', '.join(close)}?" if close else ""
                fail(f"--input-schema: no schema '{schema_name}' in the registry{hint}", EXIT_ERROR)

    def findings(self, parsed: ParsedFile, machine: StateMachineSource) -> list[Diagnostic]:
        lookup = find_input_schema(parsed, machine, self.registry, schema_name=self.schema_name)
        found = list(lookup.diagnostics)
        if lookup.schema is not None:
            found.extend(check_input_paths(machine, lookup.schema))
        return found
