"""Parsing: values as json.loads gives them, exact ranges, partial documents, YAML specifics."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from eventsmith.asl import Position, Range, check_text, parse_document


def _one(text: str, filename: str = "flow.asl.json"):  # type: ignore[no-untyped-def]
    parsed = parse_document(text, filename)
    assert len(parsed.state_machines) == 1
    return parsed, parsed.state_machines[0]


def test_json_ranges_of_keys_and_values() -> None:
    text = '{\n  "StartAt": "A",\n  "States": {\n    "A": {"Type": "Succeed"}\n  }\n}\n'
    _, machine = _one(text)
    assert machine.value_range(("StartAt",)) == Range(Position(1, 13), Position(1, 16))
    assert machine.key_range(("States", "A")) == Range(Position(3, 4), Position(3, 7))
    assert machine.value_range(("States", "A", "Type")) == Range(Position(3, 18), Position(3, 27))


def test_ranges_count_code_points_not_bytes() -> None:
    text = '{"Comment": "héllo wörld", "StartAt": "Ä", "States": {"Ä": {"Type": "Succeed"}}}'
    _, machine = _one(text)
    start = text.index('"Ä"')
    assert machine.value_range(("StartAt",)).start == Position(0, start)


def test_partial_json_keeps_what_was_typed() -> None:
    text = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": '
    parsed, machine = _one(text)
    assert machine.definition == {"StartAt": "A", "States": {"A": {"Type": "Pass"}}}
    assert {d.code for d in parsed.diagnostics} == {"ASL001"}
    assert machine.has_key(("States", "A", "Next"))


def test_missing_comma_is_reported_and_skipped() -> None:
    text = '{"StartAt": "A" "States": {"A": {"Type": "Succeed"}}}'
    parsed, machine = _one(text)
    assert machine.definition["States"] == {"A": {"Type": "Succeed"}}
    [problem] = parsed.diagnostics
    assert problem.code == "ASL001" and problem.range.start == Position(0, 16)


def test_duplicate_keys_are_findings_and_last_wins() -> None:
    text = '{"StartAt": "A", "StartAt": "B", "States": {"B": {"Type": "Succeed"}}}'
    parsed, machine = _one(text)
    assert machine.definition["StartAt"] == "B"
    [duplicate] = parsed.diagnostics
    assert duplicate.code == "ASL002"
    assert duplicate.range == Range(Position(0, 17), Position(0, 26))


def test_yaml_anchor_aliases_and_merge_keys() -> None:
    text = (
        "StartAt: A\n"
        "States:\n"
        "  A:\n"
        "    Type: Task\n"
        "    Resource: arn:aws:states:::sqs:sendMessage\n"
        "    Retry: &retry\n"
        "      - ErrorEquals: [States.ALL]\n"
        "        MaxAttempts: 2\n"
        "    Next: B\n"
        "  B: &task\n"
        "    Type: Task\n"
        "    Resource: arn:aws:states:::sns:publish\n"
        "    Retry: *retry\n"
        "    End: true\n"
        "  C:\n"
        "    <<: *task\n"
        "    Resource: arn:aws:states:::sqs:sendMessage\n"
    )
    _, machine = _one(text, "flow.asl.yaml")
    states = machine.definition["States"]
    assert states["B"]["Retry"] == [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}]
    assert states["C"] == {
        "Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage",
        "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}],
        "End": True,
    }
    # A value reached through the alias points at the anchored text (line 7, zero-based 6).
    assert machine.value_range(("States", "B", "Retry", 0, "MaxAttempts")).start.line == 7
    assert machine.value_range(("States", "C", "Resource")).start.line == 16
    codes = [d.code for d in check_text(text, "flow.asl.yaml")]
    assert codes == ["ASL106"]  # C is unreachable; nothing else is wrong


def test_yaml_uses_yaml_12_booleans_and_keeps_timestamps_as_strings() -> None:
    text = (
        "StartAt: No\nStates:\n  No:\n    Type: Wait\n"
        "    Timestamp: 2026-01-01T00:00:00Z\n    Next: on\n  on: {Type: Succeed}\n"
    )
    _, machine = _one(text, "flow.asl.yaml")
    assert machine.definition["StartAt"] == "No"
    assert machine.definition["States"]["No"]["Timestamp"] == "2026-01-01T00:00:00Z"
    assert check_text(text, "flow.asl.yaml") == []


def test_partial_yaml_gives_a_partial_model() -> None:
    text = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: [B\n  B:\n    Type: Succeed\n"
    parsed, machine = _one(text, "flow.asl.yaml")
    assert parsed.diagnostics and parsed.diagnostics[0].code == "ASL001"
    assert machine.definition["StartAt"] == "A"
    assert machine.definition["States"]["A"]["Type"] == "Pass"


def test_bare_and_quoted_placeholders_never_break_parsing() -> None:
    text = (
        '{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${FnArn}",'
        ' "TimeoutSeconds": ${Timeout}, "End": true}}}'
    )
    assert check_text(text, "flow.asl.json") == []
    filled = parse_document(text, "f.json", {"Timeout": "30", "FnArn": "bad"}).state_machines[0]
    assert filled.definition["States"]["A"]["TimeoutSeconds"] == 30
    assert filled.definition["States"]["A"]["Resource"] == "bad"
    assert [d.code for d in check_text(text, "f.json", {"FnArn": "bad"})] == ["ASL901"]


def test_definition_over_one_megabyte_is_reported() -> None:
    padding = "x" * 1_100_000
    text = json.dumps({"Comment": padding, "StartAt": "A", "States": {"A": {"Type": "Succeed"}}})
    assert [d.code for d in check_text(text, "big.asl.json")] == ["ASL003"]


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(
    value=st.dictionaries(st.text(max_size=8), json_values, max_size=5),
    indent=st.sampled_from([None, 2]),
)
def test_json_reader_agrees_with_json_loads_and_ranges_hold_their_text(
    value: dict[str, object], indent: int | None
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    parsed = parse_document(text, "x.json")
    assert parsed.diagnostics == []
    [machine] = parsed.state_machines
    assert machine.definition == json.loads(text)
    # LSP line breaks only (str.splitlines would also split at U+0085, U+2028, ...).
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n|$)", text)
    for key in value:
        found = machine.key_range((key,))
        start = sum(len(line) for line in lines[: found.start.line]) + found.start.character
        end = sum(len(line) for line in lines[: found.end.line]) + found.end.character
        assert json.loads(text[start:end]) == key


def test_a_yaml_stream_reads_its_first_document() -> None:
    text = "StartAt: A\nStates:\n  A: {Type: Succeed}\n---\nother: document\n"
    parsed, machine = _one(text, "flow.asl.yaml")
    assert machine.definition == {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}
    [problem] = parsed.diagnostics
    assert problem.code == "ASL001" and problem.range.start == Position(3, 0)


# YAML 1.1 (PyYAML's dumper) treats NEL and the Unicode line separators as line breaks.
yaml_text = st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=8)
yaml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | yaml_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(yaml_text, children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(value=st.dictionaries(yaml_text, yaml_values, max_size=5))
def test_yaml_reader_agrees_with_the_values_yaml_wrote(value: dict[str, object]) -> None:
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True)
    parsed = parse_document(text, "x.yaml")
    assert parsed.diagnostics == []
    assert parsed.state_machines[0].definition == value
