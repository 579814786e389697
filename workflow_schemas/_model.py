"""Frozen values handed out by the workflow-schema analysis."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from eventsmith.asl import Diagnostic, Range

Origin = Literal["comment", "template", "setting"]

UNKNOWN_FIELD = "WFS001"
UNKNOWN_SCHEMA = "WFS002"
NO_MATCHING_SCHEMA = "WFS003"


@dataclass(frozen=True)
class InputSchema:
    """The schema of the event that starts a workflow.

    `names` holds one schema name, or several when a rule pattern lists more than one
    `detail-type`: the input is then any of them, and `content` is their `anyOf`. `origin`
    says how it was found; `origin_range` is where (the Comment, the rule's pattern), for
    hovers and for diagnostics about the choice itself.
    """

    names: tuple[str, ...]
    versions: tuple[int, ...]
    registry: str
    content: dict[str, Any] = field(hash=False, compare=False)
    origin: Origin
    origin_range: Range | None = None

    @property
    def name(self) -> str:
        return " | ".join(self.names)


@dataclass(frozen=True)
class SchemaLookup:
    """The outcome of looking for a workflow's input schema, with findings about the lookup
    (a Comment naming a schema the registry lacks, a rule pattern that matches none)."""

    schema: InputSchema | None
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class FieldCompletion:
    """One field that can follow the typed path.

    `label` is the field name, `insert_text` what to insert (JSONata needs backticks around
    names such as `detail-type`), `replace` the part of the last segment already typed (the
    client replaces it), `path` the full field path from the event root.
    """

    label: str
    insert_text: str
    replace: str
    path: tuple[str, ...]
    type: str
    format: str | None = None
    description: str | None = None
    examples: tuple[Any, ...] = ()
    enum: tuple[Any, ...] = ()
    required: bool = False
