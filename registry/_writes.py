"""The writes behind `Registry.update_schema`, run inside its transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from eventsmith.events import MAX_DEPTH, MAX_SCHEMA_DEPTH, exceeds_depth
from eventsmith.registry._canonical import canonical_json, content_hash
from eventsmith.registry._errors import FormatError
from eventsmith.registry._model import PutResult, SchemaVersion

MAX_SAMPLES_PER_SCHEMA = 25


def version_from_row(registry: str, name: str, row: sqlite3.Row) -> SchemaVersion:
    return SchemaVersion(
        registry=registry,
        name=name,
        version=row["version"],
        content=json.loads(row["content"]),
        content_hash=row["content_hash"],
        created=row["created"],
    )


def update_metadata(
    db: sqlite3.Connection,
    schema_id: int,
    source: str | None,
    detail_type: str | None,
    description: str | None,
    tags: dict[str, str] | None,
) -> bool:
    """Set the given columns; True when any of them held something else before."""
    updates = {
        "source": source,
        "detail_type": detail_type,
        "description": description,
        "tags": json.dumps(tags) if tags is not None else None,
    }
    current = db.execute(
        "SELECT source, detail_type, description, tags FROM schemas WHERE id = ?", (schema_id,)
    ).fetchone()
    changed = False
    for column, value in updates.items():
        if value is None:
            continue
        if column == "tags" and tags == json.loads(current["tags"]):
            continue
        if value != current[column]:
            db.execute(f"UPDATE schemas SET {column} = ? WHERE id = ?", (value, schema_id))
            changed = True
    return changed


def put_content(
    db: sqlite3.Connection,
    registry: str,
    name: str,
    schema_id: int,
    content: dict[str, Any],
    stamp: str,
) -> PutResult:
    if exceeds_depth(content, MAX_SCHEMA_DEPTH):
        raise FormatError(
            f"{name}: the schema nests deeper than {MAX_SCHEMA_DEPTH} levels, the most a"
            f" registry keeps (enough for events nested {MAX_DEPTH} levels); not stored"
        )
    digest = content_hash(content)
    existing = db.execute(
        "SELECT * FROM versions WHERE schema_id = ? AND content_hash = ?"
        " ORDER BY version DESC LIMIT 1",
        (schema_id, digest),
    ).fetchone()
    if existing is not None:
        return PutResult(version_from_row(registry, name, existing), created=False)
    number = db.execute(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM versions WHERE schema_id = ?", (schema_id,)
    ).fetchone()[0]
    db.execute(
        "INSERT INTO versions (schema_id, version, content, content_hash, created)"
        " VALUES (?, ?, ?, ?, ?)",
        (schema_id, number, canonical_json(content), digest, stamp),
    )
    version = SchemaVersion(registry, name, number, content, digest, stamp)
    return PutResult(version, created=True)


def add_samples(db: sqlite3.Connection, schema_id: int, samples: Iterable[Any], stamp: str) -> None:
    for sample in samples:
        text = canonical_json(sample)
        db.execute(
            "INSERT OR IGNORE INTO samples (schema_id, content, content_hash, seen)"
            " VALUES (?, ?, ?, ?)",
            (schema_id, text, content_hash(sample), stamp),
        )
    # Keep the newest ones: the app shows examples, and recent events are the useful ones.
    db.execute(
        "DELETE FROM samples WHERE schema_id = ? AND id NOT IN ("
        " SELECT id FROM samples WHERE schema_id = ? ORDER BY id DESC LIMIT ?)",
        (schema_id, schema_id, MAX_SAMPLES_PER_SCHEMA),
    )
