"""Parallel and Map (ASL4xx): Branches, ItemProcessor versus the legacy Iterator, ItemSelector
versus the legacy Parameters, INLINE versus DISTRIBUTED fields, ProcessorConfig, ItemReader,
ItemBatcher, ResultWriter, tolerated failures and Label.
"""

from __future__ import annotations

from typing import Any

from eventsmith.asl.rules._base import WARNING, Context, did_you_mean, opaque, type_name
from eventsmith.asl.rules._fields import is_jsonata
from eventsmith.asl.syntax._document import Path
from eventsmith.asl.syntax._model import State

_DISTRIBUTED_ONLY = ("ItemReader", "ItemBatcher", "ResultWriter", "Label")
# Accepted by Step Functions on an inline Map (deployed AWS samples have them) but without
# effect there: an inline Map fails on its first failed iteration.
_IGNORED_INLINE = (
    "ToleratedFailureCount",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentage",
    "ToleratedFailurePercentagePath",
)
# Value or path, never both (AWS refuses the pair when the state machine is created).
_EXCLUSIVE = {
    "ItemBatcher": (
        ("MaxItemsPerBatch", "MaxItemsPerBatchPath"),
        ("MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"),
    ),
    "ReaderConfig": (("MaxItems", "MaxItemsPath"),),
}
_READER = {"Resource", "Parameters", "Arguments", "ReaderConfig"}
_READER_CONFIG = {
    "InputType": ("CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"),
    "CSVHeaderLocation": ("FIRST_ROW", "GIVEN"),
    "ManifestType": ("S3_INVENTORY", "ATHENA_DATA"),
    "CSVDelimiter": ("COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"),
}
_READER_CONFIG_OTHER = {"CSVHeaders", "MaxItems", "MaxItemsPath"}
_BATCHER = {
    "MaxItemsPerBatch",
    "MaxItemsPerBatchPath",
    "MaxInputBytesPerBatch",
    "MaxInputBytesPerBatchPath",
    "BatchInput",
}
_WRITER = {"Resource", "Parameters", "Arguments", "WriterConfig"}
_WRITER_CONFIG = {"OutputType": ("JSON", "JSONL"), "Transformation": ("NONE", "COMPACT", "FLATTEN")}
MAX_LABEL = 40


def check(context: Context) -> None:
    for state in context.machine.states():
        if state.type == "Parallel":
            _parallel(context, state)
        elif state.type == "Map":
            _map(context, state)


def _parallel(context: Context, state: State) -> None:
    branches = state.body.get("Branches")
    if isinstance(branches, list):
        if not branches:
            context.report("ASL401", "'Branches' needs at least one branch", state.at("Branches"))
        for index, branch in enumerate(branches):
            if not isinstance(branch, dict):
                context.report(
                    "ASL401",
                    f"A branch must be an object with StartAt and States, not {type_name(branch)}",
                    state.at("Branches", index),
                )


def _map(context: Context, state: State) -> None:
    body = state.body
    if "ItemProcessor" in body and "Iterator" in body:
        context.report(
            "ASL402",
            "Use 'ItemProcessor' or the legacy 'Iterator', not both",
            state.at("Iterator"),
            anchor="key",
            fix=context.remove_member_fix(state.at("Iterator")),
        )
    elif "ItemProcessor" not in body and "Iterator" not in body:
        context.report(
            "ASL402", f"Map state '{state.name}' needs 'ItemProcessor'", state.path, anchor="key"
        )
    if "ItemSelector" in body and "Parameters" in body:
        context.report(
            "ASL403",
            "Use 'ItemSelector' or the legacy 'Parameters', not both",
            state.at("Parameters"),
            anchor="key",
        )
    processor = body.get("ItemProcessor")
    mode = "INLINE"
    if isinstance(processor, dict):
        mode = _processor_config(context, processor, state.at("ItemProcessor"))
    if mode != "DISTRIBUTED":
        for key in _DISTRIBUTED_ONLY:
            if key in body:
                context.report(
                    "ASL405",
                    f"'{key}' needs a distributed Map (ItemProcessor.ProcessorConfig.Mode"
                    " DISTRIBUTED); this Map is inline",
                    state.at(key),
                    anchor="key",
                )
        for key in _IGNORED_INLINE:
            if key in body:
                context.report(
                    "ASL409",
                    f"'{key}' has no effect on an inline Map, which fails on its first failed"
                    " iteration; it applies to a distributed Map",
                    state.at(key),
                    anchor="key",
                    severity=WARNING,
                    fix=context.remove_member_fix(state.at(key)),
                )
    label = body.get("Label")
    if isinstance(label, str) and (
        len(label) > MAX_LABEL or any(c in label for c in ' <>{}[]?*"#%\\^|~`$&,;:/')
    ):
        context.report(
            "ASL408",
            f"'Label' must be at most {MAX_LABEL} characters without spaces or special characters",
            state.at("Label"),
        )
    _section(context, body, state, "ItemReader", _READER)
    _section(context, body, state, "ItemBatcher", _BATCHER)
    _section(context, body, state, "ResultWriter", _WRITER)
    batcher = body.get("ItemBatcher")
    if isinstance(batcher, dict):
        _limits(context, batcher, state.at("ItemBatcher"))
    reader = body.get("ItemReader")
    if isinstance(reader, dict) and isinstance(reader.get("ReaderConfig"), dict):
        _limits(context, reader["ReaderConfig"], state.at("ItemReader", "ReaderConfig"))
    if isinstance(reader, dict):
        _enum_config(
            context,
            reader,
            state.at("ItemReader"),
            "ReaderConfig",
            _READER_CONFIG,
            _READER_CONFIG_OTHER,
        )
    writer = body.get("ResultWriter")
    if isinstance(writer, dict):
        _enum_config(
            context, writer, state.at("ResultWriter"), "WriterConfig", _WRITER_CONFIG, set()
        )


def _processor_config(context: Context, processor: dict[str, Any], path: Path) -> str:
    config = processor.get("ProcessorConfig")
    where = (*path, "ProcessorConfig")
    if config is None:
        return "INLINE"
    if not isinstance(config, dict):
        context.report(
            "ASL404", f"'ProcessorConfig' must be an object, not {type_name(config)}", where
        )
        return "INLINE"
    for key in config:
        if key not in ("Mode", "ExecutionType"):
            suffix, _ = did_you_mean(key, ("Mode", "ExecutionType"))
            context.report(
                "ASL404",
                f"ProcessorConfig has no field '{key}'{suffix}",
                (*where, key),
                anchor="key",
            )
    mode = config.get("Mode", "INLINE")
    if mode not in ("INLINE", "DISTRIBUTED"):
        context.report(
            "ASL404", f"'Mode' must be 'INLINE' or 'DISTRIBUTED', not {mode!r}", (*where, "Mode")
        )
        return "INLINE"
    execution = config.get("ExecutionType")
    if mode == "DISTRIBUTED" and "ExecutionType" not in config:
        context.report(
            "ASL404", "A DISTRIBUTED Map needs 'ExecutionType' (STANDARD or EXPRESS)", where
        )
    elif mode == "INLINE" and "ExecutionType" in config:
        context.report(
            "ASL404",
            "'ExecutionType' applies only to a DISTRIBUTED Map",
            (*where, "ExecutionType"),
            anchor="key",
        )
    elif "ExecutionType" in config and execution not in ("STANDARD", "EXPRESS"):
        context.report(
            "ASL404",
            f"'ExecutionType' must be 'STANDARD' or 'EXPRESS', not {execution!r}",
            (*where, "ExecutionType"),
        )
    return str(mode)


def _section(
    context: Context, body: dict[str, Any], state: State, key: str, allowed: set[str]
) -> None:
    section = body.get(key)
    if key not in body or not isinstance(section, dict):
        return
    for field in section:
        if field not in allowed:
            suffix, _ = did_you_mean(field, allowed)
            context.report(
                "ASL406",
                f"{key} has no field '{field}'{suffix}",
                state.at(key, field),
                anchor="key",
            )
        elif field == ("Parameters" if state.jsonata else "Arguments"):
            context.report(
                "ASL202",
                f"'{field}' in {key} does not apply under {state.language}",
                state.at(key, field),
                anchor="key",
            )
    if key in ("ItemReader", "ResultWriter") and "Resource" not in section:
        context.report("ASL406", f"{key} needs 'Resource'", state.at(key), anchor="key")


_LIMITS = {
    "MaxItemsPerBatch": 100_000_000,
    "MaxInputBytesPerBatch": 262_144,
    "MaxItems": 100_000_000,
}


def _limits(context: Context, section: dict[str, Any], path: Path) -> None:
    for first, second in _EXCLUSIVE.get(str(path[-1]), ()):
        if first in section and second in section:
            context.report(
                "ASL206",
                f"'{first}' and '{second}' cannot be used together",
                (*path, second),
                anchor="key",
                fix=context.remove_member_fix((*path, second)),
            )
    for key, maximum in _LIMITS.items():
        value = section.get(key)
        if key not in section or opaque(value) or is_jsonata(value):
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= maximum:
            context.report(
                "ASL406", f"'{key}' must be an integer from 1 to {maximum:,}", (*path, key)
            )


def _enum_config(
    context: Context,
    holder: dict[str, Any],
    path: Path,
    key: str,
    enums: dict[str, tuple[str, ...]],
    others: set[str],
) -> None:
    config = holder.get(key)
    if not isinstance(config, dict):
        return
    for field, value in config.items():
        where = (*path, key, field)
        if field in enums:
            if value not in enums[field] and not opaque(value):
                context.report(
                    "ASL406", f"'{field}' must be one of {', '.join(enums[field])}", where
                )
        elif field not in others:
            suffix, _ = did_you_mean(field, [*enums, *others])
            context.report("ASL406", f"{key} has no field '{field}'{suffix}", where, anchor="key")
