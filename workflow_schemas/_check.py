"""Check the workflow's references to its input event against the event's schema, and complete
them: `$.detail.…`, `$$.Execution.Input.detail.…` (JSONPath) and `$states.input.detail.…`,
`$states.context.Execution.Input.detail.…` (JSONata)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from eventsmith.asl import Diagnostic, Fix, Severity, StateMachineSource, TextEdit
from eventsmith.workflow_schemas._fields import Schema, SchemaWalker, describe_type, first_of
from eventsmith.workflow_schemas._flow import Added, Path, event_input_states
from eventsmith.workflow_schemas._model import UNKNOWN_FIELD, FieldCompletion, InputSchema
from eventsmith.workflow_schemas._references import (
    Reference,
    Segment,
    jsonata_references,
    jsonpath_references,
    last_reference,
)

_NESTED = ("Branches", "ItemProcessor", "Iterator")
_PATH_FIELDS = (
    "InputPath",
    "ItemsPath",
    "SecondsPath",
    "TimestampPath",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
    "ErrorPath",
    "CausePath",
    "MaxConcurrencyPath",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentagePath",
)
_TEMPLATES = ("Parameters", "ItemSelector")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def check_input_paths(machine: StateMachineSource, schema: InputSchema) -> tuple[Diagnostic, ...]:
    """Warnings (WFS001) for each reference to a field the input event's schema lacks, with
    the range on the offending name and a did-you-mean fix when one is close."""
    walker = SchemaWalker(schema.content)
    found: list[Diagnostic] = []
    for state in event_input_states(machine.definition):
        strings = _jsonata_strings(state.body) if state.jsonata else _jsonpath_strings(state.body)
        for relative, text, jsonata in strings:
            path = (*state.path, *relative)
            refs = jsonata_references(text) if jsonata else jsonpath_references(text)
            for ref in refs:
                if ref.root == "state":
                    found.extend(_check(machine, schema, walker, path, ref, jsonata, state.added))
    # Only a definition that mentions the execution input needs the walk over every string.
    mentions_execution = "Execution.Input" in machine.text if machine.text else True
    for path, text, jsonata in _every_string(machine.definition, ()) if mentions_execution else ():
        refs = jsonata_references(text) if jsonata else jsonpath_references(text)
        for ref in refs:
            if ref.root == "execution":
                found.extend(_check(machine, schema, walker, path, ref, jsonata, frozenset()))
    return tuple(found)


def complete_input_path(schema: InputSchema, typed_path: str) -> tuple[FieldCompletion, ...]:
    """The fields that can follow the reference `typed_path` ends in (e.g. the text of a
    string up to the cursor: `$.detail.ord`, `{% $states.input.detail.`); empty when it does
    not end in a reference to the input or the schema knows nothing there."""
    ref = last_reference(typed_path)
    if ref is None or not ref.segments or ref.complete or ref.segments[-1].index:
        return ()
    walker = SchemaWalker(schema.content)
    node: tuple[Schema, ...] = (schema.content,)
    names: list[str] = []
    for segment in ref.segments[:-1]:
        step = walker.items(node) if segment.index else walker.child(node, segment.name)
        if not step:
            return ()
        node = step
        if not segment.index:
            names.append(segment.name)
    partial = ref.segments[-1]
    jsonata = typed_path[ref.start :].startswith("$states")
    backticked = partial.start > 0 and typed_path[partial.start - 1] == "`"
    return tuple(
        FieldCompletion(
            label=field.name,
            insert_text=_insert_text(field.name, jsonata, backticked),
            replace=partial.name,
            path=(*names, field.name),
            type=describe_type(walker, field.schemas),
            format=first_of(walker, field.schemas, "format"),
            description=first_of(walker, field.schemas, "description"),
            examples=tuple(first_of(walker, field.schemas, "examples") or ()),
            enum=tuple(first_of(walker, field.schemas, "enum") or ()),
            required=field.required,
        )
        for field in walker.fields(node)
    )


def _under_added(names: tuple[str, ...], added: Added) -> bool:
    """`names` reads a field a ResultPath added, or an object on the way to one."""
    if any(names[:length] in added for length in range(1, len(names) + 1)):
        return True
    return any(len(prefix) > len(names) and prefix[: len(names)] == names for prefix in added)


def _insert_text(name: str, jsonata: bool, backticked: bool) -> str:
    if backticked:
        return f"{name}`"
    if jsonata and not _IDENTIFIER.fullmatch(name):
        return f"`{name}`"
    return name


def _check(
    machine: StateMachineSource,
    schema: InputSchema,
    walker: SchemaWalker,
    path: Path,
    ref: Reference,
    jsonata: bool,
    added: Added,
) -> Iterator[Diagnostic]:
    names = tuple(segment.name for segment in ref.segments if not segment.index)
    if added and _under_added(names, added):
        return
    node: tuple[Schema, ...] = (schema.content,)
    walked: list[str] = []
    for segment in ref.segments:
        if segment.index:
            node = walker.items(node)
            if not node:
                return
            continue
        step = walker.child(node, segment.name)
        if step is None:
            if segment.name:
                yield _unknown(machine, schema, walker, node, path, segment, walked, jsonata)
            return
        if not step:
            return
        node = step
        walked.append(segment.name)


def _unknown(
    machine: StateMachineSource,
    schema: InputSchema,
    walker: SchemaWalker,
    parent: tuple[Schema, ...],
    path: Path,
    segment: Segment,
    walked: list[str],
    jsonata: bool,
) -> Diagnostic:
    siblings = [field.name for field in walker.fields(parent)]
    close = difflib.get_close_matches(segment.name, siblings, n=1, cutoff=0.6)
    if not close:
        lowered = {name.lower(): name for name in siblings}
        close = [lowered[segment.name.lower()]] if segment.name.lower() in lowered else []
    where = ".".join(walked) if walked else "the event"
    kind = describe_type(walker, parent)
    message = f"'{segment.name}' is not a field of {where}"
    message += f" ({kind})" if siblings == [] and kind != "any" else ""
    message += f" in the input schema {schema.name}"
    rng = machine.string_range(path, segment.start, segment.end - segment.start)
    fix = None
    if close:
        message += f"; did you mean '{close[0]}'?"
        exact = rng.start.line == rng.end.line and (
            rng.end.character - rng.start.character == segment.end - segment.start
        )
        if exact:
            text = close[0]
            if jsonata and not _IDENTIFIER.fullmatch(text) and _IDENTIFIER.fullmatch(segment.name):
                text = f"`{text}`"
            fix = Fix(f"Change to '{close[0]}'", (TextEdit(rng, text),))
    return Diagnostic(UNKNOWN_FIELD, Severity.WARNING, message, rng, path, fix)


def _jsonpath_strings(body: dict[str, Any]) -> Iterator[tuple[Path, str, bool]]:
    input_path = body.get("InputPath", "$")
    if input_path != "$":
        if isinstance(input_path, str):
            yield ("InputPath",), input_path, False
        return
    for key in _PATH_FIELDS:
        if isinstance(body.get(key), str):
            yield (key,), body[key], False
    for key in _TEMPLATES:
        if key in body:
            yield from _dollar_values(body[key], (key,))
    if body.get("Type") == "Choice":
        for index, rule in enumerate(body.get("Choices") or []):
            yield from _choice_paths(rule, ("Choices", index))


def _dollar_values(value: Any, path: Path) -> Iterator[tuple[Path, str, bool]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(key, str) and key.endswith(".$") and isinstance(child, str):
                yield (*path, key), child, False
            else:
                yield from _dollar_values(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _dollar_values(child, (*path, index))


def _choice_paths(rule: Any, path: Path) -> Iterator[tuple[Path, str, bool]]:
    if not isinstance(rule, dict):
        return
    for key, value in rule.items():
        if (key == "Variable" or key.endswith("Path")) and isinstance(value, str):
            yield (*path, key), value, False
        elif key in ("And", "Or") and isinstance(value, list):
            for index, child in enumerate(value):
                yield from _choice_paths(child, (*path, key, index))
        elif key == "Not":
            yield from _choice_paths(value, (*path, key))


def _jsonata_strings(body: dict[str, Any]) -> Iterator[tuple[Path, str, bool]]:
    for key, value in body.items():
        if key not in _NESTED:
            yield from _expressions(value, (key,))


def _expressions(value: Any, path: Path) -> Iterator[tuple[Path, str, bool]]:
    if isinstance(value, str):
        if value.startswith("{%") and value.endswith("%}"):
            yield path, value, True
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _expressions(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _expressions(child, (*path, index))


def _every_string(value: Any, path: Path, key: object = None) -> Iterator[tuple[Path, str, bool]]:
    """Every string that can hold an execution-input reference, anywhere in the definition."""
    if isinstance(value, str):
        if value.startswith("{%") and value.endswith("%}"):
            yield path, value, True
        elif "$$.Execution.Input" in value and _holds_path(key):
            yield path, value, False
    elif isinstance(value, dict):
        for child_key, child in value.items():
            yield from _every_string(child, (*path, child_key), child_key)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _every_string(child, (*path, index), key)


def _holds_path(key: object) -> bool:
    return isinstance(key, str) and (key.endswith((".$", "Path")) or key == "Variable")
