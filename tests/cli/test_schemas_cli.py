"""`eventsmith schemas diff|export|import|search` end to end: real subprocesses, real SQLite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventsmith.registry import Registry

DATA = Path(__file__).parent.parent / "data" / "schemas"
NAME = "shop.orders@OrderPlaced"
ENVELOPE_KEYS = ("account", "detail", "detail-type", "id", "region", "resources", "source")
ENVELOPE_KEYS += ("time", "version")


def run(registry: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "250"},  # tables unwrapped, so cells can be searched
    )


def envelope(detail: dict[str, Any], required: list[str]) -> dict[str, Any]:
    string = {"type": "string"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "OrderPlaced",
        "x-amazon-events-source": "shop.orders",
        "x-amazon-events-detail-type": "Order Placed",
        "type": "object",
        "properties": {
            "account": string,
            "detail": {"type": "object", "properties": detail, "required": required},
            "detail-type": string,
            "id": string,
            "region": string,
            "resources": {"type": "array", "items": string},
            "source": string,
            "time": {"type": "string", "format": "date-time"},
            "version": string,
        },
        "required": sorted(ENVELOPE_KEYS),
    }


V1 = envelope({"orderId": {"type": "string"}, "total": {"type": "integer"}}, ["orderId", "total"])
V2 = envelope(
    {
        "orderId": {"type": "string"},
        "total": {"type": "number"},
        "note": {"type": "string"},
        "customer": {
            "type": "object",
            "properties": {"zip": {"type": "string"}},
            "required": ["zip"],
        },
    },
    ["orderId", "total"],
)


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "registry.db"
    with Registry(path) as store:
        for content in (V1, V2):
            store.put_version(NAME, content, source="shop.orders", detail_type="Order Placed")
    return path


def test_diff_prints_changes_and_a_verdict(registry: Path) -> None:
    result = run(registry, "schemas", "diff", NAME, "1", "2")
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{NAME} v1 -> v2: forward")
    for text in ("detail.total", "detail.note", "detail.customer", "integer", "number"):
        assert text in result.stdout


def test_diff_json(registry: Path) -> None:
    result = run(registry, "schemas", "diff", NAME, "1", "2", "--json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["verdict"] == "forward"
    assert [(c["path"], c["kind"], c["compatibility"]) for c in report["changes"]] == [
        ("detail.total", "type", "forward"),
        # The store keeps canonical JSON (sorted keys), so new fields come in name order.
        ("detail.customer", "added", "full"),
        ("detail.note", "added", "full"),
    ]
    same = json.loads(run(registry, "schemas", "diff", NAME, "2", "2", "--json").stdout)
    assert (same["verdict"], same["changes"]) == ("full", [])


def test_diff_of_a_missing_version_exits_2(registry: Path) -> None:
    result = run(registry, "schemas", "diff", NAME, "1", "7")
    assert result.returncode == 2
    assert "no version 7" in result.stderr


@pytest.mark.parametrize("fmt", ["openapi3", "jsonschema-draft4", "jsonschema"])
def test_export_then_import_is_unchanged(registry: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"export.{fmt}.json"
    written = run(registry, "schemas", "export", NAME, "--format", fmt, "-o", str(target))
    assert written.returncode == 0, written.stderr
    assert written.stdout == ""
    imported = run(registry, "schemas", "import", str(target), "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout) == {"name": NAME, "version": 2, "status": "unchanged"}


def test_export_openapi3_to_stdout_has_the_eventbridge_shape(registry: Path) -> None:
    document = json.loads(run(registry, "schemas", "export", f"{NAME}@2").stdout)
    assert document["info"] == {"version": "1.0.0", "title": "OrderPlaced"}
    schemas = document["components"]["schemas"]
    assert set(schemas) == {"AWSEvent", "OrderPlaced", "Customer"}
    assert schemas["AWSEvent"]["properties"]["detail"] == {
        "$ref": "#/components/schemas/OrderPlaced"
    }
    assert schemas["OrderPlaced"]["properties"]["customer"] == {
        "$ref": "#/components/schemas/Customer"
    }
    v1 = json.loads(run(registry, "schemas", "export", f"{NAME}@1").stdout)
    total = v1["components"]["schemas"]["OrderPlaced"]["properties"]["total"]
    assert total == {"type": "integer", "format": "int64"}


def test_import_aws_files_stores_then_reports_unchanged(registry: Path) -> None:
    path = DATA / "export-schema-response.ec2.json"
    first = run(registry, "schemas", "import", str(path))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "Stored aws.ec2@EC2InstanceStateChangeNotification version 1."
    again = run(
        registry,
        "schemas",
        "import",
        str(DATA / "aws.ec2@EC2InstanceStateChangeNotification.draft4.json"),
    )
    assert "unchanged: version 1" in again.stdout
    renamed = run(
        registry,
        "schemas",
        "import",
        str(DATA / "order@NewOrder.openapi3.json"),
        "--name",
        "orders",
    )
    assert renamed.stdout.strip() == "Stored orders version 1."
    listed = json.loads(run(registry, "schemas", "list", "--json").stdout)
    ec2 = next(s for s in listed if s["name"].startswith("aws.ec2@"))
    assert (ec2["source"], ec2["detail_type"]) == (
        "aws.ec2",
        "EC2 Instance State-change Notification",
    )


def test_import_of_a_broken_file_exits_2_with_the_place(registry: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text(
        '{"openapi": "3.0.0", "components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}}}}'
    )
    result = run(registry, "schemas", "import", str(path))
    assert result.returncode == 2
    assert "'#/components/schemas/B' at /components/schemas/A" in result.stderr


def test_search_table_and_json(registry: Path) -> None:
    result = run(registry, "schemas", "search", "zip")
    assert result.returncode == 0
    assert NAME in result.stdout and "detail.customer.zip" in result.stdout
    hits = json.loads(run(registry, "schemas", "search", "order placed", "--json").stdout)
    assert [hit["name"] for hit in hits] == [NAME]
    assert {"where": "detail-type", "value": "Order Placed"} in hits[0]["matches"]
    assert "No schema matches" in run(registry, "schemas", "search", "nothing").stdout


def test_a_plain_schema_exported_and_imported_comes_back_to_itself(tmp_path: Path) -> None:
    registry = tmp_path / "registry.db"
    plain = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Orders",
        "type": "object",
        "properties": {"meta": {"type": "object", "properties": {"by": {"type": "string"}}}},
    }
    with Registry(registry) as store:
        store.put_version("orders", plain)
    target = tmp_path / "orders-export.json"
    assert run(registry, "schemas", "export", "orders", "-o", str(target)).returncode == 0
    assert json.loads(target.read_text())["info"]["title"] == "Orders"
    result = run(registry, "schemas", "import", str(target))
    assert result.stdout.strip() == "orders unchanged: version 1 has the same structure."
