"""Amazon States Language workflows: parse, validate, graph, layout, render."""

from eventsmith.asl.rules._validate import check_text, validate
from eventsmith.asl.syntax._document import Diagnostic, Fix, Position, Range, Severity, TextEdit
from eventsmith.asl.syntax._parse import ParsedFile, StateMachineSource, parse_document

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
