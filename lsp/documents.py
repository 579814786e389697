"""Which kind of document a URI holds: a workflow, a template, a pattern, sample events.

By file name (the globs in docs/lsp.md, plus `extraGlobs` from the settings), then by the
client's language id, then, for templates, by content: a YAML/JSON file is a template when it
declares a Step Functions state machine resource.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from enum import StrEnum
from urllib.parse import unquote, urlparse


class Kind(StrEnum):
    WORKFLOW = "workflow"
    PATTERN = "pattern"
    EVENTS = "events"
    OTHER = "other"


GLOBS: dict[Kind, tuple[str, ...]] = {
    Kind.WORKFLOW: (
        "*.asl.json",
        "*.asl.yaml",
        "*.asl.yml",
        "template.yaml",
        "template.yml",
        "*.template.json",
        "*.template.yaml",
        "*.template.yml",
    ),
    Kind.PATTERN: ("*.pattern.json",),
    Kind.EVENTS: ("*.event.json", "*.events.jsonl"),
}
_LANGUAGES = {
    "asl-json": Kind.WORKFLOW,
    "asl-yaml": Kind.WORKFLOW,
    "eventbridge-pattern": Kind.PATTERN,
    "eventbridge-event": Kind.EVENTS,
}
_STATE_MACHINE = re.compile(r"AWS::(?:Serverless|StepFunctions)::StateMachine")


def file_name(uri: str) -> str:
    return unquote(urlparse(uri).path).rsplit("/", 1)[-1]


def classify(
    uri: str, language_id: str | None, text: str, extra: Mapping[str, tuple[str, ...]]
) -> Kind:
    name = file_name(uri).lower()
    for kind in (Kind.WORKFLOW, Kind.PATTERN, Kind.EVENTS):
        globs = (*GLOBS[kind], *extra.get(kind.value, ()))
        if any(fnmatch.fnmatchcase(name, glob.lower()) for glob in globs):
            if name.startswith("template.") or ".template." in name:
                return kind if _STATE_MACHINE.search(text[:1_000_000]) else Kind.OTHER
            return kind
    if language_id in _LANGUAGES:
        return _LANGUAGES[language_id]
    if name.endswith((".yaml", ".yml", ".json")) and _STATE_MACHINE.search(text[:1_000_000]):
        return Kind.WORKFLOW
    return Kind.OTHER
