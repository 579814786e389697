"""Discovery end to end in the library: reading, grouping, naming, bad input, stored versions."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from eventsmith.events import _reader as events_input
from eventsmith.registry import MAX_SAMPLES_PER_SCHEMA, Registry, pascal_case, schema_name
from eventsmith.registry._discovery import discover, merge_into_latest, store_discovery

DATA = Path(__file__).parent.parent / "data" / "discovery"
SAMPLES = Path(__file__).parents[2] / "resources" / "samples" / "events"
EC2 = "aws.ec2@EC2InstanceStateChangeNotification"


def envelope(detail: dict[str, Any], time: str = "2024-01-01T00:00:00Z", **extra: Any) -> Any:
    return {
        "version": "0",
        "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
        "detail-type": extra.get("detail_type", "Order Placed"),
        "source": extra.get("source", "com.example.orders"),
        "account": "123456789012",
        "time": time,
        "region": "eu-west-1",
        "resources": [],
        "detail": detail,
    }


def write_jsonl(path: Path, documents: list[Any]) -> Path:
    path.write_text("".join(json.dumps(document) + "\n" for document in documents))
    return path


@pytest.mark.parametrize(
    ("detail_type", "expected"),
    [
        ("EC2 Instance State-change Notification", "EC2InstanceStateChangeNotification"),
        ("Object Created", "ObjectCreated"),
        ("AWS API Call via CloudTrail", "AWSAPICallViaCloudTrail"),
        ("order_placed-v2  now", "OrderPlacedV2Now"),
        ("", "Event"),
    ],
)
def test_detail_type_pascal_case(detail_type: str, expected: str) -> None:
    assert schema_name("src", detail_type) == f"src@{expected}"
    assert pascal_case(detail_type) == (expected if detail_type else "")


def test_identifier_pascal_case_also_splits_on_punctuation() -> None:
    assert pascal_case("user.name:v2") == "User.name:v2"
    assert pascal_case("user.name:v2", identifier=True) == "UserNameV2"


def test_schema_names_follow_eventbridge() -> None:
    assert schema_name("aws.ec2", "EC2 Instance State-change Notification") == EC2


def test_bundled_samples_group_by_source_and_detail_type() -> None:
    result = discover([SAMPLES])
    names = [found.name for found in result.schemas]
    assert names == [
        "aws.partner/example.com/123@TicketCreated",
        "aws.partner/example.com/123@TicketResolved",
        "service-order-submit-dev@StateChangeNotification",
    ]
    assert (result.events, result.files_read, result.problem_count) == (3, 3, 0)
    resolved = result.schemas[1]
    assert resolved.schema["title"] == "TicketResolved"
    assert resolved.schema["x-amazon-events-source"] == "aws.partner/example.com/123"
    assert resolved.schema["x-amazon-events-detail-type"] == "Ticket Resolved"
    assert resolved.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert resolved.schema["properties"]["time"] == {"type": "string", "format": "date-time"}
    assert resolved.last_seen == "2019-06-21T09:15:42.000Z"
    for found in result.schemas:
        check = Draft202012Validator(found.schema)
        assert all(check.is_valid(sample) for sample in found.samples)


def test_folders_are_read_recursively_and_other_documents_use_the_file_stem() -> None:
    result = discover([DATA / "tree"])
    by_name = {found.name: found for found in result.schemas}
    assert set(by_name) == {EC2, "aws.s3@ObjectCreated", "orders"}
    assert by_name[EC2].events == 2
    assert result.files_read == 2  # ignored.txt is not an event file
    orders = by_name["orders"].schema
    assert orders["title"] == "Orders"
    assert "x-amazon-events-source" not in orders
    assert orders["properties"]["total"] == {"type": "number"}
    assert orders["properties"]["lines"] == {
        "type": "object",
        "additionalProperties": {"type": "integer"},
    }
    assert orders["required"] == ["lines", "orderId", "total"]


def test_hidden_files_and_folders_are_skipped(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "seen.jsonl", [{"a": 1}])
    write_jsonl(tmp_path / ".hidden.jsonl", [{"a": 1}])
    (tmp_path / ".git").mkdir()
    write_jsonl(tmp_path / ".git" / "inside.jsonl", [{"a": 1}])
    result = discover([tmp_path])
    assert [found.name for found in result.schemas] == ["seen"]


def test_name_overrides_the_stem_for_other_documents() -> None:
    result = discover([DATA / "tree"], name="shop")
    assert {found.name for found in result.schemas} == {EC2, "aws.s3@ObjectCreated", "shop"}


def test_malformed_line_is_reported_with_file_and_line_and_the_rest_is_read() -> None:
    result = discover([DATA / "malformed.jsonl"])
    assert result.events == 3
    assert result.skipped_lines == 1
    [problem] = result.problems
    assert (problem.path, problem.line) == (str(DATA / "malformed.jsonl"), 3)
    assert str(problem).startswith(f"{DATA / 'malformed.jsonl'}:3: invalid JSON")
    [tickets] = result.schemas
    assert tickets.schema["properties"]["detail"]["required"] == ["ticketId"]
    assert tickets.last_seen == "2019-06-21T09:07:06.000Z"  # the max, not the last line


def test_gzip_and_ndjson_and_json_lines_in_a_json_file(tmp_path: Path) -> None:
    lines = [envelope({"n": 1}), envelope({"n": 2})]
    text = "".join(json.dumps(line) + "\n" for line in lines)
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(text.encode()))
    (tmp_path / "b.ndjson").write_text(text)
    (tmp_path / "c.json").write_text(text)  # JSON Lines under a .json name
    (tmp_path / "d.json.gz").write_bytes(gzip.compress(json.dumps(lines).encode()))
    result = discover([tmp_path])
    assert (result.events, result.files_read, result.problem_count) == (8, 4, 0)
    assert result.bytes_read == sum(path.stat().st_size for path in tmp_path.iterdir())


def test_big_json_arrays_are_read_element_by_element(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(events_input, "STREAM_ARRAY_BYTES", 0)
    good = json.dumps([envelope({"n": 1}), envelope({"n": 2.5})], indent=2)
    (tmp_path / "a.json").write_text(good.replace('"n": 2.5', '"n": oops', 1) + "\n")
    (tmp_path / "b.json.gz").write_bytes(gzip.compress(good.encode()))
    (tmp_path / "c.json").write_text(good[:-30])  # cut off
    result = discover([tmp_path])
    assert result.events == 1 + 2 + 1
    problems = {Path(problem.path).name: problem for problem in result.problems}
    bad_line = 1 + good.splitlines().index('      "n": 2.5')
    assert (problems["a.json"].line, problems["a.json"].message) == (
        bad_line,
        "invalid JSON: Expecting value",
    )
    assert problems["c.json"].message == "invalid JSON: the array is not closed"
    [orders] = result.schemas
    assert orders.schema["properties"]["detail"]["properties"]["n"] == {"type": "number"}
    piped = discover(["-"], stdin=io.BytesIO(good.encode()))  # stdin: size unknown, streamed
    assert piped.events == 2 and piped.problem_count == 0


def test_streamed_array_and_json_lines_give_the_same_schemas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(events_input, "STREAM_ARRAY_BYTES", 0)
    events = [
        envelope(
            {"n": n * 1.5 if n % 7 else n, "tags": ["a"] * (n % 3), "day": f"2024-01-0{n % 9 + 1}"}
        )
        for n in range(40)
    ]
    lines = discover([write_jsonl(tmp_path / "e.jsonl", events)])
    (tmp_path / "e.json").write_text(json.dumps(events))
    streamed = discover([tmp_path / "e.json"])
    assert [s.schema for s in streamed.schemas] == [s.schema for s in lines.schemas]


def test_stdin_stream_is_sniffed(tmp_path: Path) -> None:
    pretty = json.dumps(envelope({"n": 1}), indent=2).encode()
    assert (
        discover(["-"], stdin=io.BytesIO(pretty)).schemas[0].name
        == "com.example.orders@OrderPlaced"
    )
    lines = b'{"a": 1}\n{"a": 2}\n'
    result = discover(["-"], stdin=io.BytesIO(lines), name="stream")
    assert (result.events, result.schemas[0].name, result.bytes_read) == (2, "stream", len(lines))


def test_stdin_json_lines_with_a_bad_first_line_keep_the_good_lines() -> None:
    lines = b'{"a": oops}\n{"a": 1}\n{"a": 2}\n'
    result = discover(["-"], stdin=io.BytesIO(lines))
    assert result.events == 2
    [problem] = result.problems
    assert (problem.path, problem.line) == ("<stdin>", 1)


def test_unreadable_inputs_are_reported_and_the_others_read(tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", [envelope({"n": 1})])
    corrupt = tmp_path / "corrupt.jsonl.gz"
    corrupt.write_bytes(b"\x1f\x8b\x08\x00garbage")
    result = discover([good, corrupt, tmp_path / "missing.jsonl"])
    assert result.events == 1
    assert result.files_failed == 2
    messages = {problem.path: problem.message for problem in result.problems}
    assert messages[str(tmp_path / "missing.jsonl")] == "no such file or directory"
    assert messages[str(corrupt)].startswith("cannot read")


def test_empty_input_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("\n\n")
    (tmp_path / "none.json").write_text("[]")
    result = discover([tmp_path / "empty.jsonl", tmp_path / "none.json"])
    assert result.events == 0 and result.schemas == ()
    assert [problem.message for problem in result.problems] == ["no events (empty input)"] * 2
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    assert "no .json" in discover([empty_dir]).problems[0].message


def test_deep_nesting_is_reported_at_its_line_and_the_rest_kept(tmp_path: Path) -> None:
    deep: Any = 1
    for _ in range(300):
        deep = {"a": deep}
    path = write_jsonl(tmp_path / "deep.jsonl", [{"x": 1}, deep, {"x": 2}])
    result = discover([path])
    assert result.events == 3
    [problem] = result.problems
    assert problem.line == 2 and "deeper than 255" in problem.message


def test_samples_are_bounded_per_schema(tmp_path: Path) -> None:
    many = [envelope({"n": n}) for n in range(MAX_SAMPLES_PER_SCHEMA + 10)]
    result = discover([write_jsonl(tmp_path / "many.jsonl", many)])
    assert len(result.schemas[0].samples) == MAX_SAMPLES_PER_SCHEMA


def discover_into(registry: Registry, path: Path, documents: list[Any]) -> list[Any]:
    return list(store_discovery(registry, discover([write_jsonl(path, documents)])))


def test_versions_move_only_when_the_structure_moves(tmp_path: Path) -> None:
    registry = Registry(tmp_path / "registry.sqlite3")
    name = "com.example.orders@OrderPlaced"
    first = [envelope({"id": "a", "qty": 1}, "2024-01-01T00:00:00Z")]

    [stored] = discover_into(registry, tmp_path / "1.jsonl", first)
    assert (stored.version, stored.created, stored.new_schema) == (1, True, True)

    [stored] = discover_into(registry, tmp_path / "2.jsonl", first)
    assert (stored.version, stored.created) == (1, False)  # same samples: nothing new

    widened = [envelope({"id": "b", "qty": 1.5}, "2024-03-01T00:00:00Z")]
    [stored] = discover_into(registry, tmp_path / "3.jsonl", widened)
    assert (stored.version, stored.created) == (2, True)
    assert registry.get_version(name).content["properties"]["detail"]["properties"]["qty"] == {
        "type": "number"
    }

    added = [envelope({"id": "c", "qty": 2, "note": "x"}, "2024-02-01T00:00:00Z")]
    [stored] = discover_into(registry, tmp_path / "4.jsonl", added)
    assert (stored.version, stored.created) == (3, True)

    lacking = [envelope({"qty": 3})]
    [stored] = discover_into(registry, tmp_path / "5.jsonl", lacking)
    detail = registry.get_version(name).content["properties"]["detail"]
    assert stored.version == 4
    assert set(detail["properties"]) == {"id", "qty", "note"}  # fields seen before stay
    assert detail["required"] == ["qty"]  # ...and become optional

    [stored] = discover_into(registry, tmp_path / "6.jsonl", first + widened + added + lacking)
    assert (stored.version, stored.created) == (4, False)

    info = registry.get_schema(name)
    assert info.samples_seen == 1 + 1 + 1 + 1 + 1 + 4
    assert info.last_seen == "2024-03-01T00:00:00.000Z"
    assert info.source == "com.example.orders" and info.detail_type == "Order Placed"
    assert [v.version for v in registry.versions(name)] == [1, 2, 3, 4]
    latest = registry.get_version(name).content
    check = Draft202012Validator(latest)
    assert all(check.is_valid(sample) for sample in registry.samples(name))


def test_merging_into_an_imported_schema_with_refs_keeps_its_fields() -> None:
    imported = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Imported",
        "type": "object",
        "properties": {"detail": {"$ref": "#/$defs/Detail"}},
        "required": ["detail"],
        "$defs": {
            "Detail": {
                "type": "object",
                "description": "kept",
                "properties": {"id": {"type": "string", "maxLength": 3}},
                "required": ["id"],
                "additionalProperties": False,
            }
        },
    }
    inferred = {"type": "object", "properties": {"detail": {"type": "object",
                "properties": {"n": {"type": "integer"}}, "required": ["n"]}},
                "required": ["detail"], "title": "New"}  # fmt: skip
    merged = merge_into_latest(imported, inferred)
    assert merged["title"] == "Imported"
    assert merged["properties"]["detail"] == {
        "description": "kept",
        "type": "object",
        "properties": {"id": {"type": "string", "maxLength": 3}, "n": {"type": "integer"}},
        "required": [],
    }
    assert Draft202012Validator(merged).is_valid({"detail": {"id": "long value", "n": 1}}) is False
