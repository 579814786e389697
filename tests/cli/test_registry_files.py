"""Registry paths that are not a usable registry: one line naming the path and the reason, exit
2, and nothing written to a file that is not ours (real files, real processes).

Root ignores file permissions, so as root the commands run under `setpriv` with the two
capabilities that override them dropped: the kernel then enforces the permission bits on
root's own files, which is what a read-only disk or a colleague's file looks like to a user.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from eventsmith.registry import REGISTRY_FORMAT, Registry, RegistryFileError, RegistryReadOnly

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "resources" / "samples" / "events"
_AS_ROOT = os.geteuid() == 0
_DROP_OVERRIDES = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def eventsmith(registry: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry), *args]
    if _AS_ROOT:
        if shutil.which("setpriv") is None:
            pytest.skip("setpriv (util-linux) is needed to honour file permissions as root")
        command = [*_DROP_OVERRIDES, *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def one_error_line(result: subprocess.CompletedProcess[str], path: Path) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert str(path) in lines[0]
    return lines[0]


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seeded(path: Path) -> Path:
    result = eventsmith(path, "discover", str(SAMPLES))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(path) as db:  # fold the WAL back in so the file alone is the registry
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode = DELETE")
    return path


def test_a_text_file_is_not_a_database_and_stays_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list: eggs, milk\n")
    line = one_error_line(eventsmith(path, "schemas", "list"), path)
    assert "is not a SQLite database" in line
    assert path.read_text() == "shopping list: eggs, milk\n"


def test_a_foreign_sqlite_database_is_refused_byte_for_byte_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO people (name) VALUES ('Ada')")
    db.close()
    before = fingerprint(path)
    for args in (("schemas", "list"), ("discover", str(SAMPLES))):
        line = one_error_line(eventsmith(path, *args), path)
        assert "not an eventsmith registry" in line and "people" in line
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite3"]  # no -wal, no -shm


def test_a_registry_from_a_newer_eventsmith_is_refused_with_its_format(tmp_path: Path) -> None:
    path = seeded(tmp_path / "future.sqlite3")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'format'", (REGISTRY_FORMAT + 5,))
    db.close()
    before = fingerprint(path)
    line = one_error_line(eventsmith(path, "schemas", "list"), path)
    assert f"registry format {REGISTRY_FORMAT + 5}" in line and "newer eventsmith" in line
    assert fingerprint(path) == before


def test_an_unreadable_registry_says_so(tmp_path: Path) -> None:
    path = seeded(tmp_path / "secret.sqlite3")
    path.chmod(0o000)
    try:
        line = one_error_line(eventsmith(path, "schemas", "list"), path)
    finally:
        path.chmod(0o644)
    assert "cannot read: permission denied" in line


def test_a_read_only_registry_reads_and_refuses_writes_with_the_reason(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    path = seeded(folder / "registry.sqlite3")
    before = fingerprint(path)
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        listed = eventsmith(path, "schemas", "list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert "aws.partner/example.com/123@TicketCreated" in listed.stdout
        shown = eventsmith(path, "schemas", "show", "aws.partner/example.com/123@TicketCreated")
        assert shown.returncode == 0, shown.stderr
        line = one_error_line(eventsmith(path, "discover", str(SAMPLES)), path)
        assert "cannot write to the registry: the file is read-only" in line
        missing = folder / "new.sqlite3"
        line = one_error_line(eventsmith(missing, "schemas", "list"), missing)
        assert "cannot create" in line and "read-only" in line
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    assert fingerprint(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["registry.sqlite3"]


def test_the_python_api_raises_registry_errors(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\x00\x01 not sqlite")
    with pytest.raises(RegistryFileError, match="is not a SQLite database"):
        Registry(path)
    folder = tmp_path / "folder.sqlite3"
    folder.mkdir()
    with pytest.raises(RegistryFileError, match="is a directory"):
        Registry(folder)
    fresh = tmp_path / "fresh.sqlite3"
    with Registry(fresh) as registry:
        assert registry.read_only is None
        registry.put_version("orders", {"type": "object"})
        assert [change.name for change in registry.committed] == ["orders"]
    fresh.chmod(0o444)
    if not _AS_ROOT:  # as root the bits are not enforced in-process (see the CLI test above)
        with Registry(fresh) as registry:
            assert registry.read_only == "the file is read-only"
            assert [info.name for info in registry.list_schemas()] == ["orders"]
            with pytest.raises(RegistryReadOnly, match="cannot write"):
                registry.put_version("orders", {"type": "string"})
