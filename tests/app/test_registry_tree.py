"""The registry tree model: order, version rows, incremental updates and the word filter."""

from __future__ import annotations

from dataclasses import replace

from eventsmith.app.registry_tree import RegistryTreeModel, TreeKey
from eventsmith.registry import SchemaInfo


def info(registry: str, name: str, versions: int) -> SchemaInfo:
    return SchemaInfo(
        registry=registry,
        name=name,
        source=name.split("@")[0],
        detail_type=None,
        description="",
        tags={},
        created="2024-01-01T00:00:00Z",
        updated="2024-01-01T00:00:00Z",
        samples_seen=1,
        last_seen=None,
        latest_version=versions,
        version_count=versions,
    )


def texts(model: RegistryTreeModel, parent=None) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def test_registries_and_schemas_in_name_order_versions_newest_first(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = RegistryTreeModel()
    model.set_schemas(
        [info("team", "shop@OrderPlaced", 3), info("discovered", "b@B", 1), info("team", "a@A", 1)]
    )
    assert texts(model) == ["discovered  (1 schema)", "team  (2 schemas)"]
    team = model.index_of(TreeKey("team"))
    assert texts(model, team) == ["a@A", "shop@OrderPlaced"]
    order = model.index_of(TreeKey("team", "shop@OrderPlaced"))
    assert texts(model, order) == ["version 3  (latest)", "version 2", "version 1"]
    assert model.key(model.index_of(TreeKey("team", "shop@OrderPlaced", 2))) == TreeKey(
        "team", "shop@OrderPlaced", 2
    )


def test_updates_add_versions_and_schemas_in_place_and_remove(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = RegistryTreeModel()
    first = info("team", "m@M", 1)
    model.set_schemas([first, info("team", "z@Z", 1)])
    from PySide6.QtCore import QPersistentModelIndex

    kept = QPersistentModelIndex(model.index_of(TreeKey("team", "z@Z")))
    model.update_schemas(
        [replace(first, latest_version=2, version_count=2), info("team", "a@A", 1)], []
    )
    team = model.index_of(TreeKey("team"))
    assert texts(model, team) == ["a@A", "m@M", "z@Z"]
    assert texts(model, model.index_of(TreeKey("team", "m@M"))) == [
        "version 2  (latest)",
        "version 1",
    ]
    assert kept.isValid() and kept.data() == "z@Z"  # untouched rows keep their identity
    model.update_schemas([], [("team", "m@M")])
    assert texts(model, team) == ["a@A", "z@Z"]
    assert model.total_count() == 2


def test_the_filter_needs_every_word_in_any_order_and_case(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = RegistryTreeModel()
    names = [
        "aws.partner/example.com/123@TicketResolved",
        "aws.partner/example.com/123@TicketCreated",
    ]
    model.set_schemas([info("r", name, 2) for name in names] + [info("r", "shop@OrderPlaced", 1)])
    model.set_filter("RESOLVED ticket")
    assert model.schema_count() == 1
    resolved = model.index_of(TreeKey("r", names[0]))
    assert resolved.isValid()
    assert model.rowCount(resolved) == 2  # a matching schema keeps its versions
    model.set_filter("example.com")
    assert model.schema_count() == 2
    model.set_filter("nothing-like-this")
    assert model.schema_count() == 0 and model.rowCount() == 0
    model.set_filter("")
    assert model.schema_count() == 3
