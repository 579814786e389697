"""Revisions and `changes_since` on real files: what moves the revision, what the log names."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from eventsmith.registry import DEFAULT_REGISTRY, ChangedSchema, Registry, run_discovery

OBJ = {"type": "object", "properties": {"a": {"type": "string"}}}
OBJ2 = {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}}
REG = DEFAULT_REGISTRY


def test_new_schemas_versions_metadata_and_deletions_are_named(tmp_path: Path) -> None:
    registry = Registry(tmp_path / "r.sqlite3")
    assert registry.revision() == 0
    registry.put_version("a", OBJ)
    registry.put_version("b", OBJ, registry="other")
    after_creation = registry.revision()
    assert after_creation == 2
    registry.put_version("a", OBJ2)
    registry.put_version("b", OBJ, registry="other", tags={"team": "x"})
    registry.delete_schema("a")

    changes = registry.changes_since(after_creation)
    assert changes.revision == 5 and changes.complete
    assert changes.changed == (
        ChangedSchema(REG, "a", 2),
        ChangedSchema("other", "b", 1),  # metadata only: names the current version
        ChangedSchema(REG, "a", None),
    )
    assert changes.names() == {(REG, "a"), ("other", "b")}
    everything = registry.changes_since(0).changed
    assert everything[:2] == (ChangedSchema(REG, "a", 1), ChangedSchema("other", "b", 1))
    assert registry.changes_since(5).changed == ()


def test_writes_that_change_nothing_leave_the_revision(tmp_path: Path) -> None:
    registry = Registry(tmp_path / "r.sqlite3")
    registry.put_version("a", OBJ, source="shop", tags={"k": "v"})
    revision = registry.revision()
    registry.put_version("a", dict(reversed(list(OBJ.items()))), source="shop", tags={"k": "v"})
    registry.update_schema("a", lambda latest: latest or {}, samples=[{"a": "x"}], samples_seen=1)
    assert registry.revision() == revision
    assert registry.changes_since(revision).changed == ()
    assert registry.samples("a") == [{"a": "x"}]  # the sample write itself did happen


def test_a_repeated_discovery_does_not_move_the_revision(tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    event = {"source": "shop", "detail-type": "Order Placed", "detail": {"id": "1"}}
    events.write_text(json.dumps(event) + "\n")
    registry = Registry(tmp_path / "r.sqlite3")
    first = run_discovery(registry, [events])
    assert first.revision == registry.revision() == 1
    again = run_discovery(registry, [events])
    assert [item.status for item in again.schemas] == ["unchanged"]
    assert again.revision == 1
    assert registry.get_schema("shop@OrderPlaced").samples_seen == 2


def test_one_discovery_is_one_revision(tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    lines = [
        {"source": "shop", "detail-type": kind, "detail": {"n": 1}}
        for kind in ("Order Placed", "Order Shipped", "Order Lost")
    ]
    events.write_text("".join(json.dumps(line) + "\n" for line in lines))
    registry = Registry(tmp_path / "r.sqlite3")
    report = run_discovery(registry, [events])
    assert report.revision == 1
    names = {item.name for item in registry.changes_since(0).changed}
    assert names == {"shop@OrderPlaced", "shop@OrderShipped", "shop@OrderLost"}


WRITER = """
import sys
from eventsmith.registry import Registry
Registry(sys.argv[1]).put_version("from-elsewhere", {"type": "object"})
"""


def test_changes_made_by_another_process_are_seen(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    registry = Registry(path)
    registry.put_version("here", OBJ)
    seen = registry.revision()
    subprocess.run([sys.executable, "-c", WRITER, str(path)], check=True, timeout=60)
    changes = registry.changes_since(seen)
    assert changes.revision == seen + 1
    assert changes.changed == (ChangedSchema(REG, "from-elsewhere", 1),)


def test_files_from_before_the_change_log_say_what_they_cannot_tell(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    Registry(path).put_version("a", OBJ)
    # Make it look like a file written before the log existed, three writes in.
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE changes")
        db.execute("DELETE FROM meta WHERE key = 'log_start'")
        db.execute("UPDATE meta SET value = 3 WHERE key = 'revision'")
    registry = Registry(path)
    assert registry.changes_since(1).complete is False  # history from before the upgrade
    assert registry.changes_since(3).complete is True
    registry.put_version("a", OBJ2)
    changes = registry.changes_since(3)
    assert (changes.revision, changes.changed) == (4, (ChangedSchema(REG, "a", 2),))
    assert registry.changes_since(99).complete is False  # a revision this file never had
