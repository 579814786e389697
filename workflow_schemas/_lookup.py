"""Find the schema of the event that starts a workflow.

In this order (the most specific wins):
1. the definition names it: a top-level `"Comment"` containing `eventsmith:input=<schema>`
   (or, in a standalone YAML workflow, a `# eventsmith:input=<schema>` line comment);
2. the SAM template triggers the state machine from an `EventBridgeRule` (or `CloudWatchEvent`)
   event source, or a CloudFormation `AWS::Events::Rule` targets it: the rule's pattern picks
   the schemas by `source` and `detail-type`;
3. `schema_name`, a default the caller has (a setting, a command-line option).
`<schema>` is a registry schema name, optionally `@<version>`.
"""

from __future__ import annotations

import re
from typing import Any

from eventsmith.asl import Diagnostic, ParsedFile, Range, Severity, StateMachineSource
from eventsmith.registry import DEFAULT_REGISTRY, Registry, RegistryError, SchemaVersion
from eventsmith.workflow_schemas._model import (
    NO_MATCHING_SCHEMA,
    UNKNOWN_SCHEMA,
    InputSchema,
    Origin,
    SchemaLookup,
)
from eventsmith.workflow_schemas._template import RuleTrigger, rule_triggers

MARKER = re.compile(r"eventsmith:input=([^\s\"',;]+)")
_YAML_COMMENT = re.compile(r"^[ \t]*#.*?eventsmith:input=([^\s\"',;]+)", re.MULTILINE)


def input_schema_for(
    parsed: ParsedFile,
    machine: StateMachineSource,
    registry: Registry,
    *,
    schema_name: str | None = None,
    registry_name: str = DEFAULT_REGISTRY,
) -> InputSchema | None:
    """The input event's schema for `machine`, or None when none is named or found."""
    return find_input_schema(
        parsed, machine, registry, schema_name=schema_name, registry_name=registry_name
    ).schema


def find_input_schema(
    parsed: ParsedFile,
    machine: StateMachineSource,
    registry: Registry,
    *,
    schema_name: str | None = None,
    registry_name: str = DEFAULT_REGISTRY,
) -> SchemaLookup:
    """Like `input_schema_for`, with diagnostics about the lookup itself: WFS002 when the
    Comment names a schema the registry lacks (with did-you-mean), WFS003 (information) when a
    rule pattern matches no schema."""
    named = _named_in_definition(parsed, machine)
    if named is not None:
        name, where = named
        return _by_name(registry, registry_name, name, "comment", where)
    triggers = rule_triggers(machine.text, machine.name) if parsed.is_template else []
    if triggers:
        return _by_pattern(registry, registry_name, triggers)
    if schema_name:
        lookup = _by_name(registry, registry_name, schema_name, "setting", None)
        return SchemaLookup(lookup.schema)  # a bad setting is the caller's to report
    return SchemaLookup(None)


def _named_in_definition(
    parsed: ParsedFile, machine: StateMachineSource
) -> tuple[str, Range] | None:
    comment = machine.definition.get("Comment") if isinstance(machine.definition, dict) else None
    if isinstance(comment, str):
        match = MARKER.search(comment)
        if match is not None:
            where = machine.string_range(("Comment",), match.start(1), len(match.group(1)))
            return match.group(1), where
    if machine.syntax == "yaml" and not parsed.is_template and machine.text:
        match = _YAML_COMMENT.search(machine.text)
        if match is not None:
            line = machine.text.count("\n", 0, match.start(1))
            column = match.start(1) - (machine.text.rfind("\n", 0, match.start(1)) + 1)
            end = Range.at(line, column + len(match.group(1))).start
            return match.group(1), Range(Range.at(line, column).start, end)
    return None


def _by_name(
    registry: Registry, registry_name: str, name: str, origin: Origin, where: Range | None
) -> SchemaLookup:
    try:
        version = registry.resolve(name, registry_name)
    except RegistryError:
        close = registry.suggest(name.rpartition("@")[0] or name, registry_name)
        close = close or registry.suggest(name, registry_name)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        message = f"the input schema '{name}' is not in the registry '{registry_name}'{hint}"
        found = (
            (Diagnostic(UNKNOWN_SCHEMA, Severity.WARNING, message, where, ("Comment",)),)
            if where is not None
            else ()
        )
        return SchemaLookup(None, found)
    return SchemaLookup(_input_schema((version,), registry_name, origin, where))


def _by_pattern(
    registry: Registry, registry_name: str, triggers: list[RuleTrigger]
) -> SchemaLookup:
    versions: list[SchemaVersion] = []
    notes: list[Diagnostic] = []
    schemas = registry.list_schemas(registry_name)
    for trigger in triggers:
        matched = [
            info
            for info in schemas
            if info.latest_version is not None
            and _accepts(trigger.pattern.get("source"), info.source)
            and _accepts(trigger.pattern.get("detail-type"), info.detail_type)
        ]
        for info in matched:
            if all(v.name != info.name for v in versions):
                versions.append(registry.get_version(info.name, None, registry_name))
        if not matched:
            notes.append(
                Diagnostic(
                    NO_MATCHING_SCHEMA,
                    Severity.INFORMATION,
                    f"no schema in the registry '{registry_name}' matches the pattern of the rule "
                    f"'{trigger.name}'; run `eventsmith discover` on sample events to add one",
                    trigger.range,
                )
            )
    if not versions:
        return SchemaLookup(None, tuple(notes))
    where = triggers[0].range
    return SchemaLookup(
        _input_schema(tuple(versions), registry_name, "template", where), tuple(notes)
    )


def _accepts(condition: Any, value: str | None) -> bool:
    """Whether a pattern's `source`/`detail-type` condition lets `value` through. Only exact
    values and `prefix` narrow the choice; other operators accept (the schema may fit)."""
    if condition is None:
        return True
    if value is None:
        return False
    options = condition if isinstance(condition, list) else [condition]
    for option in options:
        if isinstance(option, str) and option == value:
            return True
        if isinstance(option, dict):
            prefix = option.get("prefix")
            if isinstance(prefix, str):
                if value.startswith(prefix):
                    return True
            else:
                return True
    return False


def _input_schema(
    versions: tuple[SchemaVersion, ...], registry_name: str, origin: Origin, where: Range | None
) -> InputSchema:
    if len(versions) == 1:
        content = versions[0].content
    else:
        members = [_rebase(v.content, f"#/anyOf/{i}") for i, v in enumerate(versions)]
        content = {"anyOf": members}
    return InputSchema(
        tuple(v.name for v in versions),
        tuple(v.version for v in versions),
        registry_name,
        content,
        origin,
        where,
    )


def _rebase(value: Any, base: str) -> Any:
    """Local `$ref`s of a schema that becomes `anyOf` member: `#/$defs/X` -> `<base>/$defs/X`."""
    if isinstance(value, dict):
        return {
            key: base + child[1:]
            if key == "$ref" and isinstance(child, str) and child.startswith("#")
            else _rebase(child, base)
            for key, child in value.items()
        }
    if isinstance(value, list):
        return [_rebase(child, base) for child in value]
    return value
