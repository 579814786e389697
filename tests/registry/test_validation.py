"""Validation: each error names file, line and JSON pointer; events are read with their place."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from eventsmith.events import _reader as events_input
from eventsmith.events._json_stream import array_element_lines
from eventsmith.events._reader import EventReader
from eventsmith.registry._formats import import_schema_file
from eventsmith.registry._validation import (
    EventError,
    event_errors,
    event_validator,
    validate_events,
)

DATA = Path(__file__).parent.parent / "data" / "schemas"
ORDER = import_schema_file(DATA / "order@NewOrder.openapi3.json").content
SFN = import_schema_file(DATA / "aws.states@StepFunctionsExecutionStatusChange.openapi3.json")
SFN_EVENT = json.loads((DATA / "events" / "aws.states-execution-failed.json").read_text())


def order_event(**detail: Any) -> dict[str, Any]:
    customer = {k: "x" for k in ("city", "country", "firstName", "lastName", "street", "zip")}
    return {
        "version": "0",
        "id": "1",
        "detail-type": "NewOrder",
        "source": "order",
        "account": "123456789012",
        "time": "2019-11-22T01:38:02Z",
        "region": "us-east-1",
        "resources": [],
        "detail": {"productId": "p", "orderId": "o", "customer": customer, **detail},
    }


def errors_of(schema: dict[str, Any], event: Any) -> list[tuple[str, str]]:
    return event_errors(event_validator(schema), event)


def test_a_conforming_event_has_no_errors() -> None:
    assert errors_of(SFN.content, SFN_EVENT) == []
    assert errors_of(ORDER, order_event()) == []


def test_errors_inside_defs_components_point_at_the_value() -> None:
    event = order_event()
    del event["detail"]["customer"]["zip"]
    event["detail"]["orderId"] = 12
    assert errors_of(ORDER, event) == [
        ("/detail/customer", "'zip' is a required property"),
        ("/detail/orderId", "12 is not of type 'string'"),
    ]


def test_date_time_format_is_checked_like_rfc_3339() -> None:
    event = dict(SFN_EVENT, time="2019-02-30T19:42:21Z")  # February 30th
    assert errors_of(SFN.content, event) == [
        ("/time", "'2019-02-30T19:42:21Z' is not a 'date-time'")
    ]
    assert errors_of(SFN.content, dict(SFN_EVENT, time="2019-02-26T19:42:21.5+01:00")) == []


def test_other_formats_are_checked() -> None:
    schema = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "home": {"type": "string", "format": "uri"},
            "ip": {"type": ["string", "null"], "format": "ipv4"},
        },
    }
    good = {"id": "315c1398-40ff-a850-213b-158f73e60175", "home": "https://x.org/a", "ip": None}
    assert errors_of(schema, good) == []
    bad = {"id": "315c1398", "home": "not a uri", "ip": "300.1.1.1"}
    assert [pointer for pointer, _ in errors_of(schema, bad)] == ["/home", "/id", "/ip"]


def test_pointer_tokens_are_escaped() -> None:
    schema = {"type": "object", "properties": {"a/b~c": {"type": "integer"}}}
    assert errors_of(schema, {"a/b~c": "1"}) == [("/a~1b~0c", "'1' is not of type 'integer'")]


def test_any_of_failures_report_the_closest_branch() -> None:
    schema = {
        "type": "object",
        "properties": {
            "v": {
                "anyOf": [
                    {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]},
                    {"type": "null"},
                ]
            }
        },
    }
    [(pointer, message)] = errors_of(schema, {"v": {"n": "seven"}})
    assert (pointer, message) == ("/v/n", "'seven' is not of type 'integer'")


def test_validate_events_counts_and_locates() -> None:
    bad = dict(SFN_EVENT, region=5)
    report = validate_events(SFN.content, [("a.jsonl", 1, SFN_EVENT), ("a.jsonl", 2, bad)])
    assert (report.events, report.invalid_events, report.ok) == (2, 1, False)
    assert report.errors == (EventError("a.jsonl", 2, "/region", "5 is not of type 'string'"),)
    assert str(report.errors[0]) == "a.jsonl:2: /region: 5 is not of type 'string'"


def test_array_element_lines_by_hand() -> None:
    text = '\n[\n  {"a": "[x,\\n]"},\n\n  [1,\n   2], 3 ,\n  "s"\n]\n'
    assert array_element_lines(text) == [3, 5, 6, 7]
    assert array_element_lines("[]") == []
    assert array_element_lines('{"a": 1}') == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=6,
)


@given(st.lists(json_values, max_size=6))
def test_array_element_lines_match_where_json_dumps_puts_each_element(items: list[Any]) -> None:
    text = json.dumps(items, indent=2)
    expected, line = [], 2
    for item in items:
        expected.append(line)
        line += json.dumps(item, indent=2).count("\n") + 1
    assert array_element_lines(text) == expected


# -- reading with places ------------------------------------------------------------------


def read(paths: list[Path | str], stdin: bytes | None = None) -> tuple[list[Any], EventReader]:
    reader = EventReader(paths, stdin=io.BytesIO(stdin) if stdin is not None else None)
    return [(Path(e.file).name, e.line, e.event) for e in reader.located()], reader


def test_json_lines_keep_their_line_numbers_and_report_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text('{"n": 1}\n\n{oops\n{"n": 2}\n')
    events, reader = read([path])
    assert events == [("events.jsonl", 1, {"n": 1}), ("events.jsonl", 4, {"n": 2})]
    assert reader.malformed == 1
    assert [(p.line, p.message.split(":")[0]) for p in reader.problems] == [
        (3, "invalid JSON at column 2")
    ]


def test_json_arrays_gzip_stdin_and_single_documents(tmp_path: Path) -> None:
    (tmp_path / "array.json").write_text('[\n  {"n": 1},\n  {"n": 2}\n]\n')
    with gzip.open(tmp_path / "more.jsonl.gz", "wt") as handle:
        handle.write('{"n": 3}\n{"n": 4}\n')
    (tmp_path / "one.json").write_text('\n\n{\n  "n": 5\n}\n')
    events, reader = read(
        [tmp_path / "array.json", tmp_path / "more.jsonl.gz", tmp_path / "one.json", "-"],
        b'{"n": 6}\n',
    )
    assert events == [
        ("array.json", 2, {"n": 1}),
        ("array.json", 3, {"n": 2}),
        ("more.jsonl.gz", 1, {"n": 3}),
        ("more.jsonl.gz", 2, {"n": 4}),
        ("one.json", 3, {"n": 5}),
        ("<stdin>", 1, {"n": 6}),
    ]
    assert reader.problems == [] and reader.files_failed == 0


def test_missing_empty_and_broken_files_are_problems_not_crashes(tmp_path: Path) -> None:
    (tmp_path / "empty.json").write_text("")
    (tmp_path / "broken.json").write_text('{\n  "a": \n}\n')
    with open(tmp_path / "bad.json.gz", "wb") as handle:
        handle.write(b"not gzip at all")
    events, reader = read(
        [
            tmp_path / "empty.json",
            tmp_path / "broken.json",
            tmp_path / "bad.json.gz",
            tmp_path / "gone.json",
        ]
    )
    assert events == []
    messages = {(Path(p.path).name, p.line): p.message for p in reader.problems}
    assert messages[("gone.json", None)] == "no such file or directory"
    assert messages[("empty.json", None)] == "no events (empty input)"
    assert messages[("broken.json", 3)].startswith("invalid JSON")
    assert messages[("bad.json.gz", None)].startswith("cannot read")
    assert reader.files_failed == 2


def test_big_arrays_read_element_by_element_keep_the_same_lines(
    tmp_path: Path, monkeypatch: Any
) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"n": n, "tags": ["a", "b"]} for n in range(40)], indent=2))
    whole, _ = read([path])
    monkeypatch.setattr(events_input, "STREAM_ARRAY_BYTES", 0)
    streamed, _ = read([path])
    # json.dumps(indent=2) spends 7 lines per element ({, "n", "tags": [, "a", "b", ], }),
    # and the first starts on line 2.
    assert [line for _, line, _ in whole] == [2 + 7 * n for n in range(40)]
    assert streamed == whole


def test_blank_first_lines_do_not_decide_how_stdin_is_read() -> None:
    pretty, _ = read(["-"], b'\n\n{\n  "n": 1\n}\n')
    assert pretty == [("<stdin>", 3, {"n": 1})]
    lines, reader = read(["-"], b'\n{"n": 1}\n{"n": 2}\n')
    assert lines == [("<stdin>", 2, {"n": 1}), ("<stdin>", 3, {"n": 2})]
    assert reader.problems == []
