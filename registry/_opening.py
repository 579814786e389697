"""Opening a registry file: refuse what is not ours before writing a single byte to it.

A path given with `--registry` may be anything: a missing file (created), somebody else's
SQLite database, a text file, a file on a read-only disk, a registry written by a newer
eventsmith. Each case gets one sentence naming the path and the reason, and nothing but an
eventsmith registry (or an empty file) is ever written to: the checks below read only, and
WAL mode and tables are set up after they pass.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from eventsmith.registry._errors import RegistryError

REGISTRY_FORMAT = 1
"""The `format` row of the `meta` table: bumped when the tables change incompatibly. A file
with a higher number comes from a newer eventsmith and is refused rather than misread."""

_SQLITE_HEADER = b"SQLite format 3\x00"


class RegistryFileError(RegistryError):
    """The registry file cannot be used at all; the message names the path and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class RegistryReadOnly(RegistryError):
    """A write was asked of a registry opened read-only; the message says why it is."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot write to the registry: {reason}")


@dataclass(frozen=True)
class OpenedFile:
    db: sqlite3.Connection
    read_only: str | None
    """Why the file is read-only, None when it is writable."""
    has_tables: bool


def open_registry_file(path: Path, timeout: float) -> OpenedFile:
    """A connection to the registry at `path`, or `RegistryFileError` saying why not."""
    _check_bytes(path)
    read_only = _read_only_reason(path)
    db = _connect(path, "rwc", timeout) if read_only is None else _connect_read_only(path, timeout)
    try:
        has_tables = _check_tables(db, path)
    except BaseException:
        db.close()
        raise
    if read_only is not None and not has_tables:
        db.close()
        raise RegistryFileError(path, f"holds no registry yet and cannot be created ({read_only})")
    return OpenedFile(db, read_only, has_tables)


def _check_bytes(path: Path) -> None:
    if path.is_dir():
        raise RegistryFileError(path, "is a directory, not a registry file")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        _create_parent(path)
        return
    except OSError as error:
        raise RegistryFileError(path, f"cannot read: {_reason(error)}") from None
    if head and head != _SQLITE_HEADER:
        raise RegistryFileError(path, "is not a SQLite database (not an eventsmith registry)")


def _create_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RegistryFileError(path, f"cannot create: {_reason(error)}") from None


def _read_only_reason(path: Path) -> str | None:
    # SQLite needs to write the file and, for its -wal and -shm files, the folder.
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(folder, os.W_OK):
        if not path.exists():
            raise RegistryFileError(path, f"cannot create: folder {folder} is read-only")
        return f"folder {folder} is read-only"
    return None


def _connect(path: Path, mode: str, timeout: float, extra: str = "") -> sqlite3.Connection:
    uri = f"file:{quote(str(path.absolute()))}?mode={mode}{extra}"
    try:
        db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=timeout)
    except sqlite3.Error as error:
        raise RegistryFileError(path, f"cannot open: {error}") from None
    db.row_factory = sqlite3.Row
    return db


def _connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    db = _connect(path, "ro", timeout)
    try:
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        # A WAL file closed cleanly has no -shm, and a read-only folder cannot get one: read
        # it as immutable (nobody can be writing to a file nobody may write).
        db.close()
        return _connect(path, "ro", timeout, "&immutable=1")
    except sqlite3.DatabaseError:
        db.close()
        reason = "is not a SQLite database (not an eventsmith registry)"
        raise RegistryFileError(path, reason) from None


def _check_tables(db: sqlite3.Connection, path: Path) -> bool:
    """True when the file holds eventsmith's tables, False when it holds none at all."""
    try:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error) or "malformed" in str(error):
            raise RegistryFileError(path, f"is not a usable SQLite database ({error})") from None
        raise RegistryFileError(path, f"cannot read: {error}") from None
    if not tables:
        return False
    row = None
    if "meta" in tables:
        row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    if row is None or not {"schemas", "versions"} <= tables:
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise RegistryFileError(
            path,
            f"is a SQLite database but not an eventsmith registry (its tables: {shown}); "
            "left unchanged",
        )
    found = int(row[0])
    if found > REGISTRY_FORMAT:
        raise RegistryFileError(
            path,
            f"was written by a newer eventsmith (registry format {found}; this version reads "
            f"format {REGISTRY_FORMAT} and older): upgrade eventsmith to use it",
        )
    return True


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
