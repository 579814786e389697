"""The SQLite store on real files: versions, idempotence, samples, revisions, lookups."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventsmith.registry import MAX_SAMPLES_PER_SCHEMA, Registry, SchemaNotFound, VersionNotFound

OBJ = {"type": "object", "properties": {"a": {"type": "string"}}}
OBJ2 = {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}}


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    return Registry(tmp_path / "registry.sqlite3")


def test_put_is_idempotent_by_content(registry: Registry) -> None:
    first = registry.put_version("shop@OrderCreated", OBJ, source="shop", detail_type="Order")
    again = registry.put_version("shop@OrderCreated", dict(reversed(list(OBJ.items()))))
    assert first.created and not again.created
    assert again.version.version == 1
    second = registry.put_version("shop@OrderCreated", OBJ2)
    assert second.created and second.version.version == 2
    assert [v.version for v in registry.versions("shop@OrderCreated")] == [1, 2]
    assert registry.get_version("shop@OrderCreated").content == OBJ2
    assert registry.get_version("shop@OrderCreated", 1).content == OBJ


def test_versions_survive_reopen(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    with Registry(path) as registry:
        registry.put_version("a", OBJ)
        registry.put_version("a", OBJ2)
    with Registry(path) as reopened:
        assert [v.content for v in reopened.versions("a")] == [OBJ, OBJ2]
        info = reopened.get_schema("a")
        assert (info.latest_version, info.version_count) == (2, 2)


def test_revision_moves_on_real_changes_and_other_connections_see_it(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    writer, reader = Registry(path), Registry(path)
    before, data_before = reader.revision(), reader.data_version()
    writer.put_version("a", OBJ)
    assert reader.revision() == before + 1
    assert reader.data_version() != data_before
    writer.put_version("a", OBJ)  # same content, same metadata: nothing to redraw
    assert reader.revision() == before + 1
    writer.put_version("a", OBJ, description="now described")
    assert reader.revision() == before + 2


def test_resolve_reads_trailing_version_only(registry: Registry) -> None:
    registry.put_version("aws.ec2@EC2InstanceStateChangeNotification", OBJ)
    registry.put_version("aws.ec2@EC2InstanceStateChangeNotification", OBJ2)
    assert registry.resolve("aws.ec2@EC2InstanceStateChangeNotification").version == 2
    assert registry.resolve("aws.ec2@EC2InstanceStateChangeNotification@1").content == OBJ
    with pytest.raises(VersionNotFound, match=r"versions: 1, 2"):
        registry.resolve("aws.ec2@EC2InstanceStateChangeNotification@7")


def test_unknown_schema_suggests_close_names(registry: Registry) -> None:
    registry.put_version("shop@OrderCreated", OBJ)
    with pytest.raises(SchemaNotFound) as caught:
        registry.get_schema("shop@OrderCreatd")
    assert caught.value.suggestions == ["shop@OrderCreated"]
    assert "Did you mean: shop@OrderCreated?" in str(caught.value)


def test_samples_are_bounded_and_deduplicated(registry: Registry) -> None:
    events = [{"n": i} for i in range(MAX_SAMPLES_PER_SCHEMA + 10)]
    registry.update_schema("a", lambda _: OBJ, samples=events + events[:5], samples_seen=40)
    kept = registry.samples("a")
    assert len(kept) == MAX_SAMPLES_PER_SCHEMA
    assert kept[-1] == events[-1]
    assert registry.get_schema("a").samples_seen == 40


def test_update_schema_sees_latest_content(registry: Registry) -> None:
    registry.put_version("a", OBJ)
    seen: list[object] = []

    def build(latest: dict[str, object] | None) -> dict[str, object]:
        seen.append(latest)
        return OBJ2

    registry.update_schema("a", build)
    assert seen == [OBJ]


def test_delete_removes_schema(registry: Registry) -> None:
    registry.put_version("a", OBJ)
    registry.delete_schema("a")
    assert registry.list_schemas() == []
    with pytest.raises(SchemaNotFound):
        registry.versions("a")
