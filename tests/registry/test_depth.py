"""One nesting limit, 255 levels, the same way everywhere: read, discover, store, merge, export,
re-import, validate, generate code, explain a pattern miss and parse a workflow, at 300, 1,100
and 100,000 levels, never a RecursionError.

The deep documents are generated here: objects nested in objects (`{"a": {"a": ...}}`) and
arrays alternating with objects, the two shapes recursive code handles differently.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventsmith.asl import build_graph, layout_graph, parse_document, render_svg, validate_parsed
from eventsmith.codegen import SchemaInput, generate_bindings
from eventsmith.events import (
    MAX_DEPTH,
    MAX_SCHEMA_DEPTH,
    EventReader,
    cut_to_depth,
    deep_recursion,
    json_text_depth,
    loads_deep,
    nesting_depth,
)
from eventsmith.patterns import explain, parse_pattern
from eventsmith.registry import (
    EXPORT_FORMATS,
    FormatError,
    Registry,
    diff_schemas,
    export_schema,
    import_schema_file,
    run_discovery,
    same_structure,
    validate_events,
)
from eventsmith.registry._infer import MAX_DEPTH as INFERENCE_DEPTH

DEPTHS = [300, 1100, 100_000]


def objects_text(levels: int) -> str:
    return '{"a":' * (levels - 1) + '{"leaf":1' + "}" * levels


def mixed_text(levels: int) -> str:
    """Objects and arrays alternating, `levels` containers deep."""
    opening = "".join('{"b":' if level % 2 == 0 else "[" for level in range(levels))
    closing = "".join("}" if level % 2 == 0 else "]" for level in reversed(range(levels)))
    return opening + '"x"' + closing


def envelope(detail: str, detail_type: str) -> str:
    return f'{{"source":"deep","detail-type":"{detail_type}","detail":{detail}}}'


def deep_value(levels: int) -> Any:
    value: Any = {"leaf": 1}
    for _ in range(levels - 1):
        value = {"a": value}
    return value


def test_one_limit() -> None:
    assert MAX_DEPTH == INFERENCE_DEPTH == 255
    assert MAX_SCHEMA_DEPTH >= 4 * MAX_DEPTH


@pytest.mark.parametrize("levels", DEPTHS)
def test_deep_text_is_cut_at_the_limit_like_a_parsed_value(levels: int) -> None:
    for text in (objects_text(levels), mixed_text(levels)):
        assert json_text_depth(text) == levels
        cut = loads_deep(text)
        assert nesting_depth(cut, MAX_DEPTH + 5) == MAX_DEPTH + 1  # the cut leaves {} or []
        if levels < 1000:  # the standard library parses these: the two cuts agree
            assert cut == cut_to_depth(json.loads(text))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**60), 2**60) | st.text(alphabet='ab"\\[]{}'),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner),
    max_leaves=30,
)


@given(json_values, st.integers(min_value=1, max_value=6))
def test_cutting_text_and_cutting_values_agree(value: Any, limit: int) -> None:
    text = orjson.dumps(value)
    expected = cut_to_depth(value, limit)
    assert orjson.loads(_cut(text, limit)) == expected
    assert nesting_depth(expected, limit + 5) <= limit + 1  # at most an empty container below
    assert cut_to_depth(expected, limit) == expected


def _cut(text: bytes, limit: int) -> bytes:
    from eventsmith.events._depth import cut_json_text

    return cut_json_text(text, limit)


@pytest.mark.parametrize("levels", DEPTHS)
def test_every_input_form_reads_a_deep_document(tmp_path: Path, levels: int) -> None:
    line = envelope(objects_text(levels), "Objects")
    (tmp_path / "one.json").write_text(line)
    (tmp_path / "lines.jsonl").write_text(line + "\n" + line + "\n")
    (tmp_path / "array.json").write_text(f"[{line},{line}]")
    reader = EventReader([tmp_path])
    documents = [document for _stem, batch in reader.batches() for document in batch]
    assert reader.problems == []
    assert len(documents) == 5
    for document in documents:
        assert document["source"] == "deep"
        # orjson reads up to 1,024 levels as they are; deeper documents are cut on input
        depth = nesting_depth(document["detail"], 2000)
        assert depth == (levels if levels < 1000 else MAX_DEPTH)  # detail starts at level 2


@pytest.mark.slow
@pytest.mark.parametrize("levels", DEPTHS)
def test_discover_store_export_reimport_validate_generate(tmp_path: Path, levels: int) -> None:
    events = tmp_path / "events.jsonl"
    lines = [envelope(objects_text(levels), "Objects"), envelope(mixed_text(levels), "Mixed")]
    events.write_text("\n".join(lines * 2) + "\n")
    registry_path = tmp_path / "registry.sqlite3"
    first = run_discovery(registry_path, [events])
    assert {item.status for item in first.schemas} == {"new_schema"}
    assert any("nesting deeper than 255 levels" in p.message for p in first.problems)
    again = run_discovery(registry_path, [events])  # merge into the stored version
    assert {item.status for item in again.schemas} == {"unchanged"}

    with Registry(registry_path) as registry:
        for info in registry.list_schemas():
            version = registry.get_version(info.name)
            assert nesting_depth(version.content, 5000) <= MAX_SCHEMA_DEPTH
            for sample in registry.samples(info.name):
                assert nesting_depth(sample, 2000) <= MAX_DEPTH + 1  # cut to {} below
            for fmt in EXPORT_FORMATS:
                exported = tmp_path / f"{info.name}.{fmt}.json"
                exported.write_text(json.dumps(export_schema(version.content, fmt)))
                imported = import_schema_file(exported)
                # what `schemas import` asks before storing a version
                assert same_structure(version.content, imported.content), fmt
            assert diff_schemas(version.content, version.content).changes == ()
            mine = [
                (str(events), None, document)
                for _stem, batch in EventReader([events]).batches()
                for document in batch
                if document["detail-type"] == info.detail_type
            ]
            report = deep_recursion(validate_events)(version.content, mine)
            assert report.events == 2 and report.ok, report.errors
            for language in ("python", "typescript"):
                bindings = generate_bindings([SchemaInput(info.name, version.content, 1)], language)
                assert bindings.files and not bindings.problems, bindings.problems


def test_a_schema_deeper_than_the_limit_is_refused_with_a_message(tmp_path: Path) -> None:
    deep_schema: dict[str, Any] = {"type": "integer"}
    for _ in range(MAX_SCHEMA_DEPTH):
        deep_schema = {"type": "array", "items": deep_schema}
    with Registry(tmp_path / "registry.sqlite3") as registry:
        with pytest.raises(FormatError, match=f"deeper than {MAX_SCHEMA_DEPTH} levels"):
            registry.put_version("too-deep", deep_schema)
        assert registry.list_schemas() == []
    for levels in DEPTHS[1:]:
        path = tmp_path / f"schema{levels}.json"
        path.write_text('{"type":"array","items":' * levels + "{}" + "}" * levels)
        with pytest.raises(FormatError, match=f"nests {levels + 1} levels"):
            import_schema_file(path)


@pytest.mark.parametrize("levels", DEPTHS)
def test_explaining_a_miss_on_a_deep_event(levels: int) -> None:
    event = {"source": "deep", "detail": cut_to_depth(deep_value(levels), 1024)}
    pattern = parse_pattern('{"source": ["other"], "detail": {"a": {"a": [1]}}}')
    reasons = explain(pattern, event)
    assert [reason.path for reason in reasons] == ["source", "detail.a.a"]
    assert all(len(reason.text) < 400 for reason in reasons)


@pytest.mark.parametrize("levels", [*DEPTHS, 10_000])
def test_a_workflow_with_a_deep_result_parses_and_keeps_the_rest(levels: int) -> None:
    result = '{"a":' * levels + "1" + "}" * levels
    text = '{"StartAt":"P","States":{"P":{"Type":"Pass","Result":' + result + ',"End":true}}}'
    parsed = parse_document(text, "deep.asl.json")
    findings = [d for found in validate_parsed(parsed).values() for d in found]
    assert findings == []  # End: true after the deep Result is read, nothing is reported
    state = parsed.state_machines[0].definition["States"]["P"]
    assert state["End"] is True
    # Read whole while the standard parser can (how deep depends on the recursion limit in
    # force); deeper, the Result (level 4 of the document) is cut below level 255.
    depth = nesting_depth(state["Result"], 200_000)
    assert depth in (levels, MAX_DEPTH - 3 + 1)
    if levels >= 10_000:
        assert depth == MAX_DEPTH - 3 + 1
    svg = render_svg(layout_graph(build_graph(parsed.state_machines[0])))
    assert svg.startswith("<svg")


@pytest.mark.parametrize("levels", [*DEPTHS, 10_000])
def test_a_yaml_workflow_nested_too_deep_is_one_clear_finding(levels: int) -> None:
    text = "StartAt: P\nStates:\n  P:\n    Type: Pass\n    End: true\n    Result: "
    parsed = parse_document(text + "[" * levels + "]" * levels + "\n", "deep.asl.yaml")
    messages = [d.message for d in parsed.diagnostics]
    assert any(f"Nesting deeper than {MAX_DEPTH} levels is not read" in m for m in messages)
