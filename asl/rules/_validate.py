"""Validate state machines: run every rule family over a parsed definition.

Rule families live in the `_*.py` modules beside this one, one per part of the language, each
with stable codes (see `CATALOGUE` and docs/asl.md). `validate` never raises on user content.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

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
from eventsmith.asl.rules._settings import without_silenced
from eventsmith.asl.syntax._document import Diagnostic, Severity
from eventsmith.asl.syntax._model import Machine, build_machine
from eventsmith.asl.syntax._parse import parse_document
from eventsmith.asl.syntax._source import MAX_DEFINITION_BYTES, ParsedFile, StateMachineSource

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


def validate(source: StateMachineSource, machine: Machine | None = None) -> list[Diagnostic]:
    """All findings about one state machine, sorted by position.

    `machine` is `build_machine(source.definition)` when the caller has it already (an editor
    building its navigation model of the same version): the rules only read it.
    """
    definition = source.definition
    if not isinstance(definition, dict):
        kind = "an array" if isinstance(definition, list) else "not an object"
        message = f"A state machine definition must be a JSON object ({kind} given)"
        return [Diagnostic("ASL100", Severity.ERROR, message, source.value_range(()))]
    context = Context(source, machine if machine is not None else build_machine(definition))
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
    comments = {state.path: state.body.get("Comment") for state in context.machine.states()}
    comments[()] = definition.get("Comment")
    return sorted(without_silenced(context.diagnostics, comments), key=_order)


def validate_parsed(parsed: ParsedFile) -> dict[str | None, list[Diagnostic]]:
    """Every finding about a parsed file, by the file it is in, each list sorted by position.

    The file itself comes first (its syntax findings and its own state machines); a state
    machine read from a `DefinitionUri` file is reported under that file's name.
    """
    found: dict[str | None, list[Diagnostic]] = {parsed.filename: list(parsed.diagnostics)}
    for machine in parsed.state_machines:
        found.setdefault(machine.filename or parsed.filename, []).extend(validate(machine))
    return {name: sorted(diagnostics, key=_order) for name, diagnostics in found.items()}


def check_text(
    text: str,
    filename: str | None = None,
    substitutions: Mapping[str, str] | None = None,
    *,
    read_file: Callable[[str], str | None] | None = None,
) -> list[Diagnostic]:
    """Parse `text` and validate every state machine in it, syntax findings included.

    Findings in files a template links with `DefinitionUri` are left out: they belong to those
    files (`validate_parsed` gives them).
    """
    parsed = parse_document(text, filename, substitutions, read_file=read_file)
    return validate_parsed(parsed)[filename]


def _order(diagnostic: Diagnostic) -> tuple[object, ...]:
    return (diagnostic.range.start, diagnostic.range.end, diagnostic.code)
