"""Discovery: sample events in, one inferred schema per event type out, stored as versions.

EventBridge envelopes (objects with `detail-type`, `source` and `detail`) are grouped the way
EventBridge groups them, by (source, detail-type), and named `<source>@<DetailTypePascal>`.
Any other JSON document belongs to the schema named by the caller (default: the file's stem).
`discover` reads and infers; `store_discovery` folds the result into the registry, merging into
each schema's latest version so a version is added only when the structure actually moved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from eventsmith.events import EventReader, InputProblem, cut_to_depth, deep_recursion
from eventsmith.registry._eventbridge import (
    DETAIL_TYPE_KEY,
    JSONSCHEMA_2020_12,
    SOURCE_KEY,
    pascal_case,
    schema_name,
)
from eventsmith.registry._infer import MAX_DEPTH, Shape, exceeds_max_depth, too_deep_count
from eventsmith.registry._model import DEFAULT_REGISTRY
from eventsmith.registry._schema_form import Schema
from eventsmith.registry._schema_merge import inline_refs, merge_schemas
from eventsmith.registry._store import Registry
from eventsmith.registry._writes import MAX_SAMPLES_PER_SCHEMA

_TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels: deeper parts accept anything"


@dataclass(frozen=True)
class DiscoveredSchema:
    """The schema inferred for one event type, with what is needed to store it."""

    name: str
    source: str | None
    detail_type: str | None
    events: int
    schema: Schema = field(compare=False, hash=False)
    samples: tuple[Any, ...] = field(compare=False, hash=False)
    last_seen: str | None


@dataclass(frozen=True)
class Discovery:
    """Everything one discovery run found, and what it had to skip."""

    schemas: tuple[DiscoveredSchema, ...]
    events: int
    files_read: int
    files_failed: int
    skipped_lines: int
    problems: tuple[InputProblem, ...]
    problem_count: int
    bytes_read: int


@dataclass(frozen=True)
class StoredSchema:
    """What storing one discovered schema did to the registry."""

    name: str
    events: int
    version: int
    created: bool
    new_schema: bool

    @property
    def status(self) -> str:
        """`new_schema`, `new_version` or `unchanged`."""
        if self.new_schema:
            return "new_schema"
        return "new_version" if self.created else "unchanged"


class DiscoveryCancelled(Exception):
    """Raised out of `discover` / `store_discovery` when their `cancelled()` says so."""


class _Group:
    __slots__ = (
        "count",
        "detail_type",
        "latest",
        "latest_utc",
        "name",
        "samples",
        "shape",
        "source",
    )

    def __init__(self, name: str, source: str | None, detail_type: str | None) -> None:
        self.name = name
        self.source = source
        self.detail_type = detail_type
        self.shape = Shape()
        self.count = 0
        self.samples: list[Any] = []
        self.latest: datetime | None = None
        # EventBridge writes `time` as YYYY-MM-DDTHH:MM:SSZ; those compare correctly as text,
        # so only other spellings pay for a datetime parse.
        self.latest_utc = ""

    def saw_time(self, value: str) -> None:
        if len(value) == 20 and value[19] == "Z" and value[10] == "T":
            if value > self.latest_utc:
                self.latest_utc = value
            return
        self._parse_time(value)

    def _parse_time(self, value: str) -> None:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if self.latest is None or moment > self.latest:
            self.latest = moment

    def result(self, enums: bool) -> DiscoveredSchema:
        header: Schema = {"$schema": JSONSCHEMA_2020_12}
        if self.source is not None and self.detail_type is not None:
            header["title"] = pascal_case(self.detail_type) or "Event"
            header[SOURCE_KEY] = self.source
            header[DETAIL_TYPE_KEY] = self.detail_type
        else:
            header["title"] = pascal_case(self.name) or "Event"
        if self.latest_utc:
            self._parse_time(self.latest_utc)
        last_seen = None
        if self.latest is not None:
            last_seen = self.latest.astimezone(UTC).isoformat(timespec="milliseconds")
            last_seen = last_seen.replace("+00:00", "Z")
        return DiscoveredSchema(
            name=self.name,
            source=self.source,
            detail_type=self.detail_type,
            events=self.count,
            schema={**header, **self.shape.to_schema(enums)},
            # Samples are stored and shown as JSON: parts below MAX_DEPTH are cut, like the schema.
            samples=tuple(cut_to_depth(sample) for sample in self.samples),
            last_seen=last_seen,
        )


def discover(
    paths: Sequence[str | Path],
    *,
    name: str | None = None,
    enums: bool = False,
    on_bytes: Callable[[int], None] | None = None,
    stdin: IO[bytes] | None = None,
    reader: EventReader | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Discovery:
    """Read every document under `paths` and infer one schema per event type.

    Pass your own `reader` to learn `total_bytes()` before reading (for a progress bar).
    `cancelled` is asked between batches of events; when it says yes, `DiscoveryCancelled`.
    """
    reader = reader or EventReader(paths, on_bytes=on_bytes, stdin=stdin)
    envelopes: dict[tuple[str, str], _Group] = {}
    same_name: dict[str, _Group] = {}
    named: dict[str, _Group] = {}
    events = 0
    for stem, batch in reader.batches():
        if cancelled is not None and cancelled():
            raise DiscoveryCancelled
        events += len(batch)
        fallback = name or stem
        cut_before = too_deep_count()
        for document in batch:
            group = None
            if type(document) is dict:
                detail_type = document.get("detail-type")
                source = document.get("source")
                if type(detail_type) is str and type(source) is str and "detail" in document:
                    group = envelopes.get((source, detail_type))
                    if group is None:
                        # Detail-types that differ only in case or separators ("Order Placed",
                        # "order-placed") name one schema: one group, or each would overwrite
                        # the other's header and every run would store a new version.
                        schema = schema_name(source, detail_type)
                        group = same_name.get(schema)
                        if group is None:
                            group = same_name[schema] = _Group(schema, source, detail_type)
                        envelopes[(source, detail_type)] = group
                    moment = document.get("time")
                    # Text order is time order only for the fixed UTC form (see _Group).
                    if type(moment) is str and (len(moment) != 20 or moment > group.latest_utc):
                        group.saw_time(moment)
            if group is None:
                group = named.get(fallback)
                if group is None:
                    group = named[fallback] = _Group(fallback, None, None)
            # Inlined (not a method) because this runs once per event.
            if group.count < MAX_SAMPLES_PER_SCHEMA:
                group.samples.append(document)
            group.count += 1
            group.shape.add(document, 1)
        if too_deep_count() != cut_before:
            # Rare: find which documents of the batch were cut, to report them by line.
            for document in batch:
                if exceeds_max_depth(document):
                    reader.report(batch, document, _TOO_DEEP)
    groups = sorted([*same_name.values(), *named.values()], key=lambda group: group.name)
    return Discovery(
        schemas=tuple(group.result(enums) for group in groups),
        events=events,
        files_read=reader.files_read,
        files_failed=reader.files_failed,
        skipped_lines=reader.malformed,
        problems=tuple(reader.problems),
        problem_count=reader.problem_count,
        bytes_read=reader.bytes_read,
    )


_HEADER_KEYS = ("$schema", "title", SOURCE_KEY, DETAIL_TYPE_KEY)


@deep_recursion
def merge_into_latest(latest: Schema | None, inferred: Schema) -> Schema:
    """The next content of a schema: its latest version widened to accept the new samples.

    A field seen before stays (optional when the new samples lack it), types only widen. The
    EventBridge header comes from the discovery; a title or detail-type already stored is kept
    (a detail-type written another way, "order placed" for "Order Placed", names the same
    schema and is no change to it).
    """
    if latest is None:
        return inferred
    merged = merge_schemas(inline_refs(latest), inferred)
    for key in _HEADER_KEYS:
        if key in inferred and not (key in ("title", DETAIL_TYPE_KEY) and key in latest):
            merged[key] = inferred[key]
    return merged


def store_discovery(
    registry: Registry,
    discovery: Discovery,
    *,
    registry_name: str = DEFAULT_REGISTRY,
    cancelled: Callable[[], bool] | None = None,
    on_stored: Callable[[int], None] | None = None,
) -> tuple[StoredSchema, ...]:
    """Fold each discovered schema into the registry, all in one transaction (one revision).

    Readers never see half a discovery. `cancelled` is asked before each schema; when it says
    yes, everything is rolled back and `DiscoveryCancelled` raised. `on_stored(n)` is told how
    many schemas are done.
    """
    with registry.transaction():
        return _store_each(registry, discovery, registry_name, cancelled, on_stored)


def _store_each(
    registry: Registry,
    discovery: Discovery,
    registry_name: str,
    cancelled: Callable[[], bool] | None,
    on_stored: Callable[[int], None] | None,
) -> tuple[StoredSchema, ...]:
    stored = []
    for found in discovery.schemas:
        if cancelled is not None and cancelled():
            raise DiscoveryCancelled

        def build(latest: Schema | None, found: DiscoveredSchema = found) -> Schema:
            return merge_into_latest(latest, found.schema)

        result = registry.update_schema(
            found.name,
            build,
            registry=registry_name,
            source=found.source,
            detail_type=found.detail_type,
            samples=found.samples,
            samples_seen=found.events,
            last_seen=found.last_seen,
        )
        stored.append(
            StoredSchema(
                name=found.name,
                events=found.events,
                version=result.version.version,
                created=result.created,
                # A freshly created version 1 means the schema had none before; asking the
                # registry first would cost a query and could race another writer.
                new_schema=result.created and result.version.version == 1,
            )
        )
        if on_stored is not None:
            on_stored(len(stored))
    return tuple(stored)
