"""ASL syntax: JSON/YAML/SAM/CloudFormation parsing with source ranges, and the state model.

parsed = parse_document(text, "flow.asl.yaml")      # ParsedFile; never raises
machine = parsed.state_machines[0]                  # StateMachineSource
machine.value_range(("States", "A", "Next"))        # Range of that value in the text
build_machine(machine.definition).top.states        # the scopes, states and transitions
"""

from eventsmith.asl.syntax._document import (
    Diagnostic,
    Fix,
    Path,
    PathPart,
    Position,
    Range,
    Severity,
    TextEdit,
)
from eventsmith.asl.syntax._json_reader import JsonResult, read_json
from eventsmith.asl.syntax._locations import LineIndex, Span
from eventsmith.asl.syntax._model import (
    JSONATA,
    JSONPATH,
    STATE_TYPES,
    Machine,
    Scope,
    State,
    Transition,
    TransitionKind,
    build_machine,
)
from eventsmith.asl.syntax._parse import parse_document
from eventsmith.asl.syntax._source import (
    MAX_DEFINITION_BYTES,
    ParsedFile,
    StateMachineSource,
    Syntax,
    UnknownStateMachine,
    is_placeholder,
    select_state_machine,
    state_machine_names,
)
from eventsmith.asl.syntax._substitutions import (
    SubstitutionsError,
    parse_substitutions,
    substitution_text,
)
from eventsmith.asl.syntax._template import STATE_MACHINE_TYPES

__all__ = [
    "JSONATA",
    "JSONPATH",
    "MAX_DEFINITION_BYTES",
    "STATE_MACHINE_TYPES",
    "STATE_TYPES",
    "Diagnostic",
    "Fix",
    "JsonResult",
    "LineIndex",
    "Machine",
    "ParsedFile",
    "Path",
    "PathPart",
    "Position",
    "Range",
    "Scope",
    "Severity",
    "Span",
    "State",
    "StateMachineSource",
    "SubstitutionsError",
    "Syntax",
    "TextEdit",
    "Transition",
    "TransitionKind",
    "UnknownStateMachine",
    "build_machine",
    "is_placeholder",
    "parse_document",
    "parse_substitutions",
    "read_json",
    "select_state_machine",
    "state_machine_names",
    "substitution_text",
]
