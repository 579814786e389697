"""Frozen records the registry hands out: schemas, versions and stored samples."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_REGISTRY = "discovered-schemas"


@dataclass(frozen=True)
class SchemaInfo:
    """One schema's metadata; its content lives in its versions."""

    registry: str
    name: str
    source: str | None
    detail_type: str | None
    description: str
    tags: dict[str, str]
    created: str
    updated: str
    samples_seen: int
    last_seen: str | None
    latest_version: int | None
    version_count: int


@dataclass(frozen=True)
class SchemaVersion:
    """An immutable version: canonical JSON Schema 2020-12 content plus its hash."""

    registry: str
    name: str
    version: int
    content: dict[str, Any] = field(hash=False, compare=False)
    content_hash: str
    created: str


@dataclass(frozen=True)
class PutResult:
    """What `put_version` did: the version now current and whether it was new."""

    version: SchemaVersion
    created: bool
