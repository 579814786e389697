# ruff: noqa: E501 (one-line workflows read best unbroken)
"""Whole-document validation: the bundled samples are clean, fixes fix, variables flow."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventsmith.asl import Diagnostic, TextEdit, check_text

SAMPLES = sorted((Path(__file__).parents[2] / "resources" / "samples" / "workflows").glob("*"))


@pytest.mark.parametrize("sample", SAMPLES, ids=[path.name for path in SAMPLES])
def test_bundled_samples_have_no_findings(sample: Path) -> None:
    assert check_text(sample.read_text(encoding="utf-8"), sample.name) == []


def _apply(text: str, edits: tuple[TextEdit, ...]) -> str:
    lines = text.splitlines(keepends=True)

    def offset(line: int, character: int) -> int:
        return sum(len(item) for item in lines[:line]) + character

    for edit in sorted(edits, key=lambda e: e.range.start, reverse=True):
        start = offset(edit.range.start.line, edit.range.start.character)
        end = offset(edit.range.end.line, edit.range.end.character)
        text = text[:start] + edit.new_text + text[end:]
    return text


def _fixed(text: str, filename: str, code: str) -> str:
    [finding] = [d for d in check_text(text, filename) if d.code == code]
    assert isinstance(finding, Diagnostic) and finding.fix is not None
    return _apply(text, finding.fix.edits)


@pytest.mark.parametrize(
    ("text", "filename", "code"),
    [
        (
            '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Dnoe"}, "Done": {"Type": "Succeed"}}}',
            "f.json",
            "ASL103",
        ),
        ('{"StartAt": "A", "States": {"A": {"Type": "Pass"}}}', "f.json", "ASL104"),
        (
            '{\n  "StartAt": "A",\n  "States": {\n    "A": {\n      "Type": "Pass"\n    }\n  }\n}\n',
            "f.json",
            "ASL104",
        ),
        ("StartAt: A\nStates:\n  A:\n    Type: Pass\n", "f.yaml", "ASL104"),
        (
            '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Bogus": 1}}}',
            "f.json",
            "ASL201",
        ),
        ("StartAt: A\nStates:\n  A:\n    Type: Succeed\n    Next: A\n", "f.yaml", "ASL111"),
        ("StartAt: A\nStates:\n  A: {Type: Succeed, Next: A}\n", "f.yaml", "ASL111"),
        (
            '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"id": "$.id"}, "End": true}}}',
            "f.json",
            "ASL609",
        ),
        (
            "StartAt: A\nStates:\n  A: {Type: Pass, Parameters: {id: $.id}, End: true}\n",
            "f.yaml",
            "ASL609",
        ),
        (
            "StartAt: A\nStates:\n  A: {Type: Wait, Seconds: $.delay, End: true}\n",
            "f.yaml",
            "ASL204",
        ),
        ("StartAt: A\nStates:\n  A: {Type: Fail, Cause: $.why}\n", "f.yaml", "ASL610"),
        ("StartAt: A\nStates:\n  A: {Type: Pass}\n", "f.yaml", "ASL104"),
        (
            "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Assign:\n      x: 1\n",
            "f.yaml",
            "ASL104",
        ),
        (
            "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Bogus:\n      x: 1\n    End: true\n",
            "f.yaml",
            "ASL201",
        ),
        (
            '{\n  "StartAt": "A",\n  "States": {\n    "A": {\n      "Type": "Pass",\n      "End": true,\n      "Bogus": 1\n    }\n  }\n}\n',
            "f.json",
            "ASL201",
        ),
        (
            '{"StartAt": "A", "States": {"A": {"Type": "Taks", "Resource": "arn:aws:states:::sns:publish", "End": true}}}',
            "f.json",
            "ASL109",
        ),
    ],
)
def test_suggested_fixes_leave_a_clean_document(text: str, filename: str, code: str) -> None:
    fixed = _fixed(text, filename, code)
    assert check_text(fixed, filename) == [], fixed


def test_variables_assigned_on_a_loop_or_in_an_outer_scope_are_known() -> None:
    text = """\
QueryLanguage: JSONata
StartAt: Init
States:
  Init: {Type: Pass, Assign: {count: 0, limit: 3}, Next: Work}
  Work:
    Type: Parallel
    Branches:
      - StartAt: Use
        States:
          Use: {Type: Pass, Output: "{% $limit %}", End: true}
    Next: Again
  Again:
    Type: Choice
    Choices:
      - Condition: "{% $count < $limit %}"
        Assign: {count: "{% $count + 1 %}"}
        Next: Work
    Default: Done
  Done: {Type: Succeed}
"""
    assert check_text(text, "loop.asl.yaml") == []


def test_own_assign_is_not_visible_to_the_same_state() -> None:
    text = (
        '{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass",'
        ' "Assign": {"x": 1}, "Output": "{% $x %}", "End": true}}}'
    )
    assert [d.code for d in check_text(text, "f.json")] == ["ASL803"]


def test_mixed_query_languages_per_state() -> None:
    text = """\
StartAt: Old
States:
  Old: {Type: Pass, Parameters: {"id.$": "$.id"}, ResultPath: $.copy, Next: New}
  New: {Type: Pass, QueryLanguage: JSONata, Output: "{% $states.input.copy %}", End: true}
"""
    assert check_text(text, "mixed.asl.yaml") == []


def test_broken_input_never_raises() -> None:
    for text in [
        "",
        "[]",
        "null",
        "{",
        '{"States": [1, 2]}',
        "States:\n  - 1\n",
        "{{{{",
        "StartAt: [",
        '{"StartAt": 1, "States": {"A": 5, "B": {"Type": "Map", "ItemProcessor": 3}}}',
    ]:
        assert isinstance(
            check_text(text, "x.json" if text.startswith(("{", "[")) else "x.yaml"), list
        )


def test_findings_inside_a_string_point_at_the_part_that_is_wrong() -> None:
    text = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "States.Formatt($.a)"}, "End": true}}}'
    [finding] = check_text(text, "f.json")
    assert finding.code == "ASL604"
    start = text.index("States.Formatt")
    assert (finding.range.start.character, finding.range.end.character) == (start, start + 14)


def test_a_string_with_escapes_gets_the_whole_value_range() -> None:
    text = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "States.Formatt(\'\\\\n\', $.a)"}, "End": true}}}'
    [finding] = check_text(text, "f.json")
    start = text.index('"States.Formatt')
    end = text.index(")", start) + 2
    assert (finding.range.start.character, finding.range.end.character) == (start, end)


def test_state_names_that_look_like_jsonata_are_names_not_templates() -> None:
    # Found by hypothesis: Next/Default/Type are never evaluated, so "{%" there is no
    # broken template (ASL704), while the same text in Output still is.
    text = '{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Condition": "{% true %}", "Next": "{%"}], "Default": "{% B"}, "{%": {"Type": "Pass", "Next": "{% B"}, "{% B": {"Type": "Pass", "Output": "x {% 1 %}", "End": true}}}'
    assert [d.code for d in check_text(text, "names.asl.json")] == ["ASL704"]
