"""Search over a real registry file: what matches, what it says matched, and the ranking."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventsmith.registry import Match, Registry, search
from eventsmith.registry._formats import import_schema_file
from eventsmith.registry._search import field_paths

DATA = Path(__file__).parent.parent / "data" / "schemas"


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    store = Registry(tmp_path / "registry.db")
    for fixture in (
        "order@NewOrder.openapi3.json",
        "aws.ec2@EC2InstanceStateChangeNotification.openapi3.json",
        "aws.states@StepFunctionsExecutionStatusChange.openapi3.json",
    ):
        imported = import_schema_file(DATA / fixture)
        store.put_version(
            imported.name,
            imported.content,
            source=imported.source,
            detail_type=imported.detail_type,
        )
    store.put_version(
        "order",
        {
            "type": "object",
            "properties": {
                "sku": {"type": "string", "description": "Stock keeping unit of the item"}
            },
        },
        description="Orders from the legacy shop",
    )
    yield store
    store.close()


def names(hits: list) -> list[str]:
    return [hit.name for hit in hits]


def test_exact_name_beats_name_contains_beats_fields(registry: Registry) -> None:
    hits = search(registry, "ORDER")
    assert names(hits) == ["order", "order@NewOrder"]
    assert hits[0].matches[0] == Match("name", "order")
    assert hits[0].score > hits[1].score


def test_source_and_detail_type(registry: Registry) -> None:
    [hit] = search(registry, "aws.ec2")
    assert hit.name == "aws.ec2@EC2InstanceStateChangeNotification"
    assert Match("source", "aws.ec2") in hit.matches
    [hit] = search(registry, "state-change notification")
    assert hit.matches == (Match("detail-type", "EC2 Instance State-change Notification"),)


def test_fields_are_found_by_their_path_in_the_event_through_defs(registry: Registry) -> None:
    [hit] = search(registry, "zip")
    assert hit.name == "order@NewOrder"
    assert hit.matches == (Match("field", "detail.customer.zip"),)
    hits = search(registry, "date")
    assert names(hits) == ["aws.states@StepFunctionsExecutionStatusChange"]
    assert set(hits[0].matches) == {
        Match("field", "detail.startDate"),
        Match("field", "detail.stopDate"),
    }


def test_descriptions_of_schemas_and_fields(registry: Registry) -> None:
    [hit] = search(registry, "legacy")
    assert hit.matches == (Match("description", "Orders from the legacy shop"),)
    [hit] = search(registry, "keeping unit")
    assert hit.matches == (Match("description", "sku: Stock keeping unit of the item"),)


def test_every_word_must_match_somewhere(registry: Registry) -> None:
    assert names(search(registry, "aws.states status")) == [
        "aws.states@StepFunctionsExecutionStatusChange"
    ]
    assert search(registry, "aws.states zip") == []
    assert search(registry, "   ") == []
    assert search(registry, "nothing-like-this") == []


def test_field_paths_name_array_items_and_map_values() -> None:
    content = {
        "type": "object",
        "properties": {
            "lines": {"type": "array", "items": {"$ref": "#/$defs/Line"}},
            "stock": {"type": "object", "additionalProperties": {"$ref": "#/$defs/Line"}},
        },
        "$defs": {
            "Line": {"type": "object", "properties": {"sku": {}, "next": {"$ref": "#/$defs/Line"}}}
        },
    }
    paths = [path for path, _key, _schema in field_paths(content)]
    assert paths == [
        "lines",
        "lines[].sku",
        "lines[].next",
        "stock",
        "stock.*.sku",
        "stock.*.next",
    ]
