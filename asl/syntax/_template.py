"""State machines inside SAM and CloudFormation templates.

Found: `AWS::StepFunctions::StateMachine` (`Definition`, `DefinitionString`, `DefinitionS3Location`)
and `AWS::Serverless::StateMachine` (`Definition`, `DefinitionUri`). Intrinsic functions
(`{"Ref": ...}`, `{"Fn::GetAtt": ...}`, `!Sub`, ...) inside a definition become opaque `${...}`
strings, like DefinitionSubstitutions placeholders. Literal values of the resource's
`DefinitionSubstitutions` are filled in; the caller's substitutions win over them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path as FilePath
from pathlib import PurePath
from typing import Any

from eventsmith.asl.syntax._document import Diagnostic, Path, Position, Range, Severity
from eventsmith.asl.syntax._json_reader import MISSING, JsonResult
from eventsmith.asl.syntax._locations import LineIndex, Locations, Span
from eventsmith.asl.syntax._source import (
    MAX_DEFINITION_BYTES,
    ParsedFile,
    StateMachineSource,
    Syntax,
    detect_syntax,
    read_text,
    substitute,
    syntax_diagnostics,
)
from eventsmith.asl.syntax._substitutions import substitution_text

STATE_MACHINE_TYPES = ("AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine")

# (path of the linked file, substitutions) -> its parse, or why it could not be read. Passed in
# by the parser so that this module does not import it back.
LinkedParser = Callable[[str, Mapping[str, str]], ParsedFile | str]


def is_template(value: object) -> bool:
    if not isinstance(value, dict):
        return False
    resources = value.get("Resources")
    return isinstance(resources, dict) and ("States" not in value or "StartAt" not in value)


def template_state_machines(
    result: JsonResult,
    text: str,
    lines: LineIndex,
    filename: str | None,
    syntax: Syntax,
    substitutions: Mapping[str, str],
    parse_linked: LinkedParser,
) -> tuple[list[StateMachineSource], list[Diagnostic]]:
    machines: list[StateMachineSource] = []
    diagnostics: list[Diagnostic] = []
    file_locations = Locations(lines.range, result.values, result.keys)
    for logical_id, resource in result.value["Resources"].items():
        if not isinstance(resource, dict) or resource.get("Type") not in STATE_MACHINE_TYPES:
            continue
        properties = resource.get("Properties")
        properties = properties if isinstance(properties, dict) else {}
        props_path: Path = ("Resources", logical_id, "Properties")
        known = {**_literal_substitutions(properties), **substitutions}
        context = _Context(
            logical_id, filename, syntax, text, file_locations, known, diagnostics, parse_linked
        )
        machine = context.machine(properties, props_path)
        if machine is not None:
            machines.append(machine)
    return machines, diagnostics


def _literal_substitutions(properties: Mapping[str, Any]) -> dict[str, str]:
    values = properties.get("DefinitionSubstitutions")
    if not isinstance(values, dict):
        return {}
    return {
        str(name): substitution_text(value)
        for name, value in values.items()
        if isinstance(value, str | int | float) and "${" not in str(value)
    }


class _Context:
    def __init__(
        self,
        logical_id: str,
        filename: str | None,
        syntax: Syntax,
        text: str,
        locations: Locations,
        substitutions: Mapping[str, str],
        diagnostics: list[Diagnostic],
        parse_linked: LinkedParser,
    ) -> None:
        self.parse_linked = parse_linked
        self.logical_id = logical_id
        self.filename = filename
        self.syntax = syntax
        self.text = text
        self.locations = locations
        self.substitutions = substitutions
        self.diagnostics = diagnostics

    def note(self, code: str, severity: Severity, message: str, path: Path) -> None:
        self.diagnostics.append(
            Diagnostic(
                code, severity, f"{self.logical_id}: {message}", self.locations.key_range(path)
            )
        )

    def machine(self, properties: dict[str, Any], props_path: Path) -> StateMachineSource | None:
        if isinstance(properties.get("Definition"), dict):
            return self.inline(properties["Definition"], (*props_path, "Definition"))
        if "DefinitionString" in properties:
            return self.embedded(properties["DefinitionString"], (*props_path, "DefinitionString"))
        uri = properties.get("DefinitionUri")
        if isinstance(uri, str) and "${" not in uri:
            return self.linked(uri, (*props_path, "DefinitionUri"))
        for key in ("DefinitionUri", "DefinitionS3Location"):
            if key in properties:
                self.note(
                    "ASL005",
                    Severity.INFORMATION,
                    f"the definition is in Amazon S3 ({key}) and is not checked offline",
                    (*props_path, key),
                )
                return None
        self.note(
            "ASL004",
            Severity.ERROR,
            "a state machine resource needs Definition, DefinitionString or DefinitionUri",
            props_path if props_path in self.locations.keys else props_path[:2],
        )
        return None

    def inline(self, definition: dict[str, Any], path: Path) -> StateMachineSource:
        value = substitute(_fold_intrinsics(definition), self.substitutions)
        size = len(self.text) if len(self.text) * 4 <= MAX_DEFINITION_BYTES else _json_size(value)
        return StateMachineSource(
            self.logical_id,
            value,
            path,
            self.filename,
            self.syntax,
            self.locations.relative_to(path),
            size,
            self.text,
        )

    def embedded(self, raw: Any, path: Path) -> StateMachineSource | None:
        """A JSON definition inside a string (`DefinitionString`, often under `!Sub`)."""
        string = _fold_intrinsics(raw)
        string_path = path  # where the string itself sits, for exact positions
        if isinstance(raw, dict) and "Fn::Join" in raw:
            string = _joined(raw["Fn::Join"])
        elif isinstance(raw, dict) and "Fn::Sub" in raw:
            sub = raw["Fn::Sub"]
            string = sub[0] if isinstance(sub, list) and sub else sub
            string_path = (*path, "Fn::Sub", 0) if isinstance(sub, list) else (*path, "Fn::Sub")
        if not isinstance(string, str):
            self.note("ASL004", Severity.ERROR, "DefinitionString must be a string", path)
            return None
        inner_syntax = detect_syntax(string, None)
        result = read_text(string, inner_syntax, self.substitutions)
        to_range, exact = self.embedded_mapper(string, string_path)
        self.diagnostics.extend(syntax_diagnostics(result, to_range))
        definition = {} if result.value is MISSING else result.value
        locations = Locations(to_range, result.values, result.keys, exact)
        return StateMachineSource(
            self.logical_id,
            substitute(_fold_intrinsics(definition), self.substitutions),
            path,
            self.filename,
            inner_syntax,
            locations,
            len(string.encode("utf-8")),
            self.text,
        )

    def embedded_mapper(self, string: str, path: Path) -> tuple[Any, bool]:
        """Map spans in the string to the file: exact for a YAML literal block, else coarse."""
        outer = self.locations.value_range(path)
        inner_lines = LineIndex(string)
        start_offset = LineIndex(self.text).offset(outer.start)
        line_end = self.text.find("\n", start_offset)
        header = self.text[start_offset : len(self.text) if line_end < 0 else line_end].strip()
        header = header.removeprefix("!Sub").strip()
        if self.syntax == "yaml" and header.startswith("|"):
            first_line = outer.start.line + 1
            indent = _block_indent(self.text, LineIndex(self.text), first_line)

            def literal(span: Span) -> Range:
                start, end = inner_lines.position(span[0]), inner_lines.position(span[1])
                return Range(
                    Position(first_line + start.line, indent + start.character),
                    Position(first_line + end.line, indent + end.character),
                )

            return literal, True
        return (lambda _span: outer), False

    def linked(self, uri: str, path: Path) -> StateMachineSource | None:
        """`DefinitionUri` naming a local file, read relative to the template."""
        base = PurePath(self.filename).parent if self.filename else FilePath.cwd()
        target = str(base / uri)
        parsed = self.parse_linked(target, self.substitutions)
        if isinstance(parsed, str):
            self.note("ASL004", Severity.ERROR, f"cannot read DefinitionUri {uri}: {parsed}", path)
            return None
        self.diagnostics.extend(
            Diagnostic(
                d.code, d.severity, f"{target}: {d.message}", self.locations.value_range(path)
            )
            for d in parsed.diagnostics
        )
        if not parsed.state_machines:
            return None
        machine = parsed.state_machines[0]
        return StateMachineSource(
            self.logical_id,
            machine.definition,
            (),
            target,
            machine.syntax,
            machine.locations,
            machine.size,
            machine.text,
        )


def _block_indent(text: str, lines: LineIndex, line: int) -> int:
    start = lines.line_start(line)
    end = text.find("\n", start)
    content = text[start : len(text) if end < 0 else end]
    return len(content) - len(content.lstrip(" "))


def _joined(join: Any) -> Any:
    if not (isinstance(join, list) and len(join) == 2 and isinstance(join[1], list)):
        return None
    separator = join[0] if isinstance(join[0], str) else ""
    return separator.join(str(_fold_intrinsics(part)) for part in join[1])


def _fold_intrinsics(value: Any) -> Any:
    """CloudFormation intrinsic objects become opaque `${...}` strings."""
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, argument),) = value.items()
            if key == "Ref" and isinstance(argument, str):
                return "${" + argument + "}"
            if key == "Fn::GetAtt":
                parts = argument if isinstance(argument, list) else [argument]
                return "${" + ".".join(str(part) for part in parts) + "}"
            if key == "Fn::Sub":
                first = argument[0] if isinstance(argument, list) and argument else argument
                return first if isinstance(first, str) else "${Fn::Sub}"
            if key.startswith("Fn::"):
                return "${" + key + "}"
        return {key: _fold_intrinsics(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_fold_intrinsics(item) for item in value]
    return value


def _json_size(value: Any) -> int:
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
