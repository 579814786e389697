"""The SQLite registry file shared by the CLI, the desktop app and the language server.

Several processes open the same file at once, so every write runs in one `BEGIN IMMEDIATE`
transaction (the write lock is taken up front, which rules out the lock-upgrade deadlock that
turns into "database is locked"), WAL lets readers go on while somebody writes, and a revision
counter in `meta` goes up with every write that changes a schema (`_changes`), so other
processes notice changes cheaply and learn which schemas changed.

Thread model: a `Registry` is one SQLite connection and belongs to the thread that opened it
(using it from another thread raises `sqlite3.ProgrammingError`). Open one per thread (opening
is cheap), or let `for_current_thread()` hand a worker thread a connection of its own.
"""

from __future__ import annotations

import difflib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventsmith.events import deep_recursion
from eventsmith.registry._changes import CHANGES_SQL, ChangedSchema, RegistryChanges
from eventsmith.registry._changes import read_changes as _read_changes
from eventsmith.registry._changes import record as _record_changes
from eventsmith.registry._errors import SchemaNotFound, VersionNotFound
from eventsmith.registry._model import DEFAULT_REGISTRY, PutResult, SchemaInfo, SchemaVersion
from eventsmith.registry._opening import RegistryReadOnly, open_registry_file
from eventsmith.registry._paths import default_registry_path
from eventsmith.registry._tables import TABLES_SQL, is_locked, now_iso
from eventsmith.registry._writes import (
    add_samples,
    put_content,
    update_metadata,
    version_from_row,
)

_BUSY_TIMEOUT_MS = 60_000
_LOCK_RETRY_SECONDS = 120.0


class Registry:
    """One open registry file: one SQLite connection, used by the thread that opened it.

    Cheap to open. Other threads open their own (`for_current_thread()`); other processes may
    open the same file at the same time.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_registry_path()
        self._thread = threading.get_ident()
        self._pending: list[ChangedSchema] | None = None
        self.committed: list[ChangedSchema] = []
        """Every schema change this connection has committed, oldest first (for the one-line
        account of what was stored when a command is interrupted)."""
        opened = open_registry_file(self.path, _BUSY_TIMEOUT_MS / 1000)
        self._db = opened.db
        self.read_only = opened.read_only
        """Why the file cannot be written (None when it can); reads work, writes refuse."""
        self._db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        self._db.execute("PRAGMA foreign_keys = ON")
        if self.read_only is not None:
            return
        self._retry_locked(lambda: self._db.execute("PRAGMA journal_mode = WAL"))
        if not opened.has_tables or not self._has_tables():
            # Only a new (or older) file takes the write lock at open; readers of an up-to-date
            # file never wait.
            with self._write():
                for statement in filter(str.strip, (TABLES_SQL + CHANGES_SQL).split(";")):
                    self._db.execute(statement)

    def _has_tables(self) -> bool:
        row = self._db.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'changes'"
        ).fetchone()
        return bool(row[0])

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def for_current_thread(self) -> Iterator[Registry]:
        """This registry on the thread that opened it; on any other thread, a connection of
        that thread's own to the same file, closed when the block ends."""
        if threading.get_ident() == self._thread:
            yield self
            return
        with Registry(self.path) as own:
            yield own

    # -- transactions ----------------------------------------------------------------------

    def _retry_locked(self, action: Callable[[], Any]) -> Any:
        # busy_timeout covers most waits; WAL checkpoints and schema creation can still report
        # SQLITE_BUSY immediately, so those get a bounded retry instead of reaching the user.
        deadline = time.monotonic() + _LOCK_RETRY_SECONDS
        delay = 0.01
        while True:
            try:
                return action()
            except sqlite3.OperationalError as error:
                if not is_locked(error) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Writes inside the block commit together, as one revision, or not at all (an
        exception rolls all of them back). Holds the file's write lock until the block ends."""
        with self._write():
            yield

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self._pending is not None:  # nested: the outer transaction commits
            yield self._db
            return
        if self.read_only is not None:
            raise RegistryReadOnly(self.path, self.read_only)
        self._retry_locked(lambda: self._db.execute("BEGIN IMMEDIATE"))
        pending: list[ChangedSchema] = []
        self._pending = pending
        committing = False
        try:
            yield self._db
            _record_changes(self._db, pending)
            committing = True
            self._db.execute("COMMIT")
        except BaseException:
            # Ctrl-C may land after COMMIT finished (or before BEGIN took effect): only an
            # open transaction can be rolled back, and a finished COMMIT did store `pending`.
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            elif committing:
                self.committed.extend(pending)
            raise
        else:
            self.committed.extend(pending)
        finally:
            self._pending = None

    def _changed(self, registry: str, name: str, version: int | None) -> None:
        assert self._pending is not None, "changes are noted inside a write"
        self._pending.append(ChangedSchema(registry, name, version))

    # -- change detection ------------------------------------------------------------------

    def revision(self) -> int:
        """Goes up by one with every committed write that changed a schema, by any process.

        New schemas, new versions, changed metadata and deletions count; a write that only
        counts more samples of an unchanged schema does not (`data_version` sees those too).
        """
        row = self._db.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return int(row[0])

    def changes_since(self, revision: int) -> RegistryChanges:
        """Which schemas and versions changed after `revision`, and the revision now."""
        return _read_changes(self._db, revision)

    def data_version(self) -> int:
        """SQLite's own counter: changes when another connection commits. Costs no I/O."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    # -- registries ------------------------------------------------------------------------

    def _registry_id(self, db: sqlite3.Connection, registry: str, create: bool) -> int | None:
        row = db.execute("SELECT id FROM registries WHERE name = ?", (registry,)).fetchone()
        if row is not None:
            return int(row["id"])
        if not create:
            return None
        cursor = db.execute(
            "INSERT INTO registries (name, created) VALUES (?, ?)", (registry, now_iso())
        )
        return int(cursor.lastrowid or 0)

    # -- reading schemas -------------------------------------------------------------------

    _INFO_SQL = """
        SELECT r.name AS registry, s.*,
               (SELECT MAX(version) FROM versions v WHERE v.schema_id = s.id) AS latest_version,
               (SELECT COUNT(*) FROM versions v WHERE v.schema_id = s.id) AS version_count
        FROM schemas s JOIN registries r ON r.id = s.registry_id
    """

    @staticmethod
    def _info(row: sqlite3.Row) -> SchemaInfo:
        return SchemaInfo(
            registry=row["registry"],
            name=row["name"],
            source=row["source"],
            detail_type=row["detail_type"],
            description=row["description"],
            tags=json.loads(row["tags"]),
            created=row["created"],
            updated=row["updated"],
            samples_seen=row["samples_seen"],
            last_seen=row["last_seen"],
            latest_version=row["latest_version"],
            version_count=row["version_count"],
        )

    def list_schemas(self, registry: str | None = DEFAULT_REGISTRY) -> list[SchemaInfo]:
        """All schemas of one registry (or of every registry when `registry` is None)."""
        if registry is None:
            rows = self._db.execute(self._INFO_SQL + " ORDER BY r.name, s.name")
        else:
            rows = self._db.execute(
                self._INFO_SQL + " WHERE r.name = ? ORDER BY s.name", (registry,)
            )
        return [self._info(row) for row in rows]

    def latest_versions(
        self, registry: str | None = DEFAULT_REGISTRY
    ) -> list[tuple[SchemaInfo, SchemaVersion]]:
        """Every schema that has a version, with its latest one, in one query (for indexes)."""
        where, args = (" WHERE r.name = ?", (registry,)) if registry is not None else ("", ())
        rows = self._db.execute(
            "SELECT info.*, v.version, v.content, v.content_hash, v.created AS version_created"
            f" FROM ({self._INFO_SQL}{where}) info JOIN versions v"
            " ON v.schema_id = info.id AND v.version = info.latest_version"
            " ORDER BY info.registry, info.name",
            args,
        )
        return [
            (
                self._info(row),
                SchemaVersion(
                    registry=row["registry"],
                    name=row["name"],
                    version=row["version"],
                    content=json.loads(row["content"]),
                    content_hash=row["content_hash"],
                    created=row["version_created"],
                ),
            )
            for row in rows
        ]

    def find_schema(self, name: str, registry: str = DEFAULT_REGISTRY) -> SchemaInfo | None:
        row = self._db.execute(
            self._INFO_SQL + " WHERE r.name = ? AND s.name = ?", (registry, name)
        ).fetchone()
        return self._info(row) if row is not None else None

    def get_schema(self, name: str, registry: str = DEFAULT_REGISTRY) -> SchemaInfo:
        info = self.find_schema(name, registry)
        if info is None:
            raise SchemaNotFound(name, self.suggest(name, registry))
        return info

    def suggest(self, name: str, registry: str = DEFAULT_REGISTRY) -> list[str]:
        names = [info.name for info in self.list_schemas(registry)]
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
        lowered = name.lower()
        contains = [n for n in names if lowered in n.lower() and n not in close]
        return (close + contains)[:3]

    def _schema_id(self, name: str, registry: str) -> int:
        row = self._db.execute(
            "SELECT s.id FROM schemas s JOIN registries r ON r.id = s.registry_id "
            "WHERE r.name = ? AND s.name = ?",
            (registry, name),
        ).fetchone()
        if row is None:
            raise SchemaNotFound(name, self.suggest(name, registry))
        return int(row["id"])

    def versions(self, name: str, registry: str = DEFAULT_REGISTRY) -> list[SchemaVersion]:
        schema_id = self._schema_id(name, registry)
        rows = self._db.execute(
            "SELECT * FROM versions WHERE schema_id = ? ORDER BY version", (schema_id,)
        )
        return [version_from_row(registry, name, row) for row in rows]

    def get_version(
        self, name: str, version: int | None = None, registry: str = DEFAULT_REGISTRY
    ) -> SchemaVersion:
        """One version of a schema; the latest when `version` is None."""
        schema_id = self._schema_id(name, registry)
        if version is None:
            row = self._db.execute(
                "SELECT * FROM versions WHERE schema_id = ? ORDER BY version DESC LIMIT 1",
                (schema_id,),
            ).fetchone()
        else:
            row = self._db.execute(
                "SELECT * FROM versions WHERE schema_id = ? AND version = ?", (schema_id, version)
            ).fetchone()
        if row is None:
            available = [v.version for v in self.versions(name, registry)]
            raise VersionNotFound(name, version if version is not None else 0, available)
        return version_from_row(registry, name, row)

    def resolve(self, ref: str, registry: str = DEFAULT_REGISTRY) -> SchemaVersion:
        """`NAME` (latest) or `NAME@VERSION`.

        Names themselves contain `@` (`aws.ec2@EC2InstanceStateChangeNotification`), so only a
        trailing `@<digits>` is read as a version, and an existing schema of the full name wins.
        """
        head, _, tail = ref.rpartition("@")
        if head and tail.isdigit() and self.find_schema(ref, registry) is None:
            return self.get_version(head, int(tail), registry)
        return self.get_version(ref, None, registry)

    def samples(self, name: str, registry: str = DEFAULT_REGISTRY) -> list[Any]:
        """The bounded set of example events kept for a schema, oldest first."""
        schema_id = self._schema_id(name, registry)
        rows = self._db.execute(
            "SELECT content FROM samples WHERE schema_id = ? ORDER BY id", (schema_id,)
        )
        return [json.loads(row["content"]) for row in rows]

    # -- writing ---------------------------------------------------------------------------

    @deep_recursion
    def update_schema(
        self,
        name: str,
        build: Callable[[dict[str, Any] | None], dict[str, Any]],
        *,
        registry: str = DEFAULT_REGISTRY,
        source: str | None = None,
        detail_type: str | None = None,
        description: str | None = None,
        tags: dict[str, str] | None = None,
        samples: Iterable[Any] = (),
        samples_seen: int = 0,
        last_seen: str | None = None,
    ) -> PutResult:
        """Read-modify-write of a schema's latest version, atomically across processes.

        `build` receives the latest content (None for a new schema) and returns the content the
        schema should have. A new version is stored only when its canonical hash differs from
        every existing version's, so running the same discovery twice stores nothing new.
        """
        with self._write() as db:
            stamp = now_iso()
            registry_id = self._registry_id(db, registry, create=True)
            row = db.execute(
                "SELECT id FROM schemas WHERE registry_id = ? AND name = ?", (registry_id, name)
            ).fetchone()
            metadata_changed = False
            if row is None:
                cursor = db.execute(
                    "INSERT INTO schemas (registry_id, name, source, detail_type, description,"
                    " tags, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        registry_id,
                        name,
                        source,
                        detail_type,
                        description or "",
                        json.dumps(tags or {}),
                        stamp,
                        stamp,
                    ),
                )
                schema_id = int(cursor.lastrowid or 0)
            else:
                schema_id = int(row["id"])
                metadata_changed = update_metadata(
                    db, schema_id, source, detail_type, description, tags
                )
            latest = db.execute(
                "SELECT * FROM versions WHERE schema_id = ? ORDER BY version DESC LIMIT 1",
                (schema_id,),
            ).fetchone()
            content = build(json.loads(latest["content"]) if latest is not None else None)
            result = put_content(db, registry, name, schema_id, content, stamp)
            if result.created:
                db.execute("UPDATE schemas SET updated = ? WHERE id = ?", (stamp, schema_id))
            if result.created or metadata_changed or row is None:
                self._changed(registry, name, result.version.version)
            add_samples(db, schema_id, samples, stamp)
            if samples_seen:
                db.execute(
                    "UPDATE schemas SET samples_seen = samples_seen + ?,"
                    " last_seen = MAX(COALESCE(last_seen, ''), ?) WHERE id = ?",
                    (samples_seen, last_seen or stamp, schema_id),
                )
            return result

    def put_version(
        self,
        name: str,
        content: dict[str, Any],
        *,
        registry: str = DEFAULT_REGISTRY,
        source: str | None = None,
        detail_type: str | None = None,
        description: str | None = None,
        tags: dict[str, str] | None = None,
    ) -> PutResult:
        """Store `content` as the next version unless a version with that content exists."""
        return self.update_schema(
            name,
            lambda _latest: content,
            registry=registry,
            source=source,
            detail_type=detail_type,
            description=description,
            tags=tags,
        )

    def delete_schema(self, name: str, registry: str = DEFAULT_REGISTRY) -> None:
        """Remove a schema with all its versions and samples (an explicit user request)."""
        with self._write() as db:
            schema_id = self._schema_id(name, registry)
            db.execute("DELETE FROM schemas WHERE id = ?", (schema_id,))
            self._changed(registry, name, None)
