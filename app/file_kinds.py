"""Which panel a file opened or dropped on the window belongs to: workflow, pattern or events.

Names decide first (`*.asl.json`, `*.pattern.json`, SAM/CloudFormation templates: the same
conventions the language server uses); other JSON files are sniffed by their top level, read
only up to a small limit.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

_SNIFF_BYTES = 256_000


class FileKind(Enum):
    WORKFLOW = "workflow"
    PATTERN = "pattern"
    EVENTS = "events"


def _by_name(path: Path) -> FileKind | None:
    name = path.name.lower()
    if path.is_dir():
        return FileKind.EVENTS
    if name.endswith((".asl.json", ".asl.yaml", ".asl.yml")):
        return FileKind.WORKFLOW
    if name in ("template.yaml", "template.yml") or ".template." in name:
        return FileKind.WORKFLOW
    if name.endswith(".pattern.json"):
        return FileKind.PATTERN
    if name.endswith((".jsonl", ".ndjson", ".gz", ".events.json")):
        return FileKind.EVENTS
    if name.endswith((".yaml", ".yml")):
        return FileKind.WORKFLOW
    return None


def _by_content(path: Path) -> FileKind:
    try:
        with path.open("rb") as stream:
            data = stream.read(_SNIFF_BYTES)
        document = json.loads(data)
    except (OSError, ValueError):
        return FileKind.EVENTS
    if isinstance(document, dict):
        if "StartAt" in document and "States" in document:
            return FileKind.WORKFLOW
        if "Resources" in document and "AWSTemplateFormatVersion" in document:
            return FileKind.WORKFLOW
        values = list(document.values())
        # A rule pattern has only arrays and objects at its top level; an event has strings.
        if values and all(isinstance(value, (list, dict)) for value in values):
            return FileKind.PATTERN
    return FileKind.EVENTS


def file_kind(path: Path) -> FileKind:
    return _by_name(path) or _by_content(path)


def split_by_kind(paths: list[Path]) -> dict[FileKind, list[Path]]:
    grouped: dict[FileKind, list[Path]] = {kind: [] for kind in FileKind}
    for path in paths:
        grouped[file_kind(path)].append(path)
    return grouped
