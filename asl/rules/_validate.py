"""Validate state machines: run every rule family over a parsed definition.

Rule families live in `rules_*.py`, one module per part of the language, each with stable
codes (the table is in docs/asl.md). `validate` never raises on user content.
"""

from __future__ import annotations

from collections.abc import Mapping

from eventsmith.asl.rules import _choice as rules_choice
from eventsmith.asl.rules import _fields as rules_fields
from eventsmith.asl.rules import _jsonata as rules_jsonata
from eventsmith.asl.rules import _map as rules_map
from eventsmith.asl.rules import _paths as rules_paths
from eventsmith.asl.rules import _resources as rules_resources
from eventsmith.asl.rules import _retry as rules_retry
from eventsmith.asl.rules import _structure as rules_structure
from eventsmith.asl.rules import _variables as rules_variables
from eventsmith.asl.rules._base import Context
from eventsmith.asl.syntax._document import Diagnostic, Severity
from eventsmith.asl.syntax._model import build_machine
from eventsmith.asl.syntax._parse import MAX_DEFINITION_BYTES, StateMachineSource, parse_document

# Variables come last: they read the uses the JSONPath and JSONata rules collect.
RULES = (
    rules_structure,
    rules_fields,
    rules_choice,
    rules_map,
    rules_retry,
    rules_paths,
    rules_jsonata,
    rules_resources,
    rules_variables,
)


def validate(source: StateMachineSource) -> list[Diagnostic]:
    """All findings about one state machine, sorted by position."""
    definition = source.definition
    if not isinstance(definition, dict):
        kind = "an array" if isinstance(definition, list) else "not an object"
        message = f"A state machine definition must be a JSON object ({kind} given)"
        return [Diagnostic("ASL100", Severity.ERROR, message, source.value_range(()))]
    context = Context(source, build_machine(definition))
    if source.size > MAX_DEFINITION_BYTES:
        context.report(
            "ASL003",
            f"The definition is {source.size:,} bytes; Step Functions accepts at most "
            f"{MAX_DEFINITION_BYTES:,} (1 MB)",
            (),
            anchor="key",
        )
    for rule in RULES:
        rule.check(context)
    return sorted(context.diagnostics, key=_order)


def check_text(
    text: str, filename: str | None = None, substitutions: Mapping[str, str] | None = None
) -> list[Diagnostic]:
    """Parse `text` and validate every state machine in it, syntax findings included."""
    parsed = parse_document(text, filename, substitutions)
    diagnostics = list(parsed.diagnostics)
    for machine in parsed.state_machines:
        if machine.filename == parsed.filename or machine.filename is None:
            diagnostics.extend(validate(machine))
    return sorted(diagnostics, key=_order)


def _order(diagnostic: Diagnostic) -> tuple[object, ...]:
    return (diagnostic.range.start, diagnostic.range.end, diagnostic.code)
