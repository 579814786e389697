"""The change log behind `Registry.revision()` and `Registry.changes_since()`.

Every write transaction that really changes a schema (a new schema, a new version, changed
metadata, a deletion) commits one new revision and one log row per schema and version it
touched. Writes that change nothing a reader shows as a schema (a repeated discovery that only
counts more samples) leave the revision alone, so a front end that polls the revision redraws
only when there is something new to draw.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

CHANGES_SQL = """
CREATE TABLE IF NOT EXISTS changes (
    id INTEGER PRIMARY KEY,
    revision INTEGER NOT NULL,
    registry TEXT NOT NULL,
    name TEXT NOT NULL,
    version INTEGER
);
CREATE INDEX IF NOT EXISTS changes_by_revision ON changes (revision);
INSERT OR IGNORE INTO meta (key, value) SELECT 'log_start', value FROM meta WHERE key = 'revision'
"""
"""Files made before the log existed start it at their current revision (see `complete`)."""


@dataclass(frozen=True)
class ChangedSchema:
    """One schema that changed: `version` is the version added (or current after a metadata
    change), None when the schema was deleted."""

    registry: str
    name: str
    version: int | None


@dataclass(frozen=True)
class RegistryChanges:
    """What changed after a revision, oldest first; `revision` is the one to ask from next.

    `complete` is False when the file cannot say (the asked revision predates its change log,
    or lies ahead of the file, e.g. after it was replaced): reload everything then.
    """

    revision: int
    changed: tuple[ChangedSchema, ...]
    complete: bool = True

    def names(self) -> frozenset[tuple[str, str]]:
        """`(registry, name)` of every schema that changed."""
        return frozenset((item.registry, item.name) for item in self.changed)


def record(db: sqlite3.Connection, changes: list[ChangedSchema]) -> None:
    """Commit `changes` as the next revision (called inside the write transaction)."""
    if not changes:
        return
    db.execute("UPDATE meta SET value = value + 1 WHERE key = 'revision'")
    revision = db.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0]
    db.executemany(
        "INSERT INTO changes (revision, registry, name, version) VALUES (?, ?, ?, ?)",
        [(revision, item.registry, item.name, item.version) for item in dict.fromkeys(changes)],
    )


def read_changes(db: sqlite3.Connection, since: int) -> RegistryChanges:
    # One read transaction so the revision and the rows agree even while others write.
    own = not db.in_transaction
    if own:
        db.execute("BEGIN")
    try:
        meta = dict(
            db.execute("SELECT key, value FROM meta WHERE key IN ('revision', 'log_start')")
        )
        revision, start = int(meta["revision"]), int(meta["log_start"])
        rows = db.execute(
            "SELECT registry, name, version FROM changes WHERE revision > ? ORDER BY id", (since,)
        ).fetchall()
    finally:
        if own:
            db.execute("COMMIT")
    changed = tuple(dict.fromkeys(ChangedSchema(row[0], row[1], row[2]) for row in rows))
    return RegistryChanges(revision, changed, complete=start <= since <= revision)
