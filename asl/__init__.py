"""Amazon States Language workflows: parse, validate, graph, layout, render."""

from .document import Diagnostic, Fix, Position, Range, Severity, TextEdit
from .parse import ParsedFile, StateMachineSource, parse_document
from .validate import check_text, validate

__all__ = [
    "Diagnostic",
    "Fix",
    "ParsedFile",
    "Position",
    "Range",
    "Severity",
    "StateMachineSource",
    "TextEdit",
    "check_text",
    "parse_document",
    "validate",
]
