"""Editor analysis by direct calls: completion candidates, hover, references, rename, outline."""

from __future__ import annotations

import json
from pathlib import Path

from eventsmith.asl import (
    CompletionKind,
    EditorDocument,
    Position,
    Symbol,
    TextEdit,
    document_symbols,
    folding_ranges,
    rename_state,
    state_definition,
    state_references,
    workflow_completions,
    workflow_hover,
)
from tests.asl.test_editor_cursor import at


def labels(text: str, filename: str = "f.asl.json") -> list[str]:
    clean, position = at(text)
    return [c.label for c in workflow_completions(EditorDocument(clean, filename), position)]


def apply(text: str, edits: tuple[TextEdit, ...]) -> str:
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    for edit in sorted(edits, key=lambda e: e.range.start, reverse=True):
        a = starts[edit.range.start.line] + edit.range.start.character
        b = starts[edit.range.end.line] + edit.range.end.character
        text = text[:a] + edit.new_text + text[b:]
    return text


def test_state_types() -> None:
    assert labels('{"StartAt": "A", "States": {"A": {"Type": "|"}}}') == [
        "Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"
    ]  # fmt: skip


def test_fields_follow_the_query_language() -> None:
    jsonpath = labels('{"StartAt": "A", "States": {"A": {"Type": "Pass", |}}}')
    jsonata = labels(
        '{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", |}}}'
    )
    assert "Parameters" in jsonpath and "InputPath" in jsonpath and "Output" not in jsonpath
    assert "Output" in jsonata and "Parameters" not in jsonata and "InputPath" not in jsonata
    assert "Type" not in jsonpath  # already there


def test_top_level_and_retry_fields() -> None:
    assert labels("{|}") == [
        "Comment",
        "StartAt",
        "States",
        "Version",
        "TimeoutSeconds",
        "QueryLanguage",
    ]
    retry = labels('{"StartAt": "A", "States": {"A": {"Type": "Task", "Retry": [{|}]}}}')
    assert retry == [
        "ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
        "JitterStrategy", "Comment",
    ]  # fmt: skip


def test_next_offers_only_states_of_the_same_scope() -> None:
    text = (
        '{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": ['
        '{"StartAt": "X", "States": {"X": {"Type": "Pass", "Next": "|"}, "Y": {"Type": "Succeed"}}}'
        "]}}}"
    )
    assert labels(text) == ["X", "Y"]
    assert labels('{"StartAt": "|", "States": {"A": {"Type": "Pass", "End": true}}}') == ["A"]


def test_resources_include_sync_and_task_token_variants() -> None:
    found = labels('{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "|"}}}')
    for arn in (
        "arn:aws:states:::lambda:invoke",
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "arn:aws:states:::ecs:runTask.sync",
        "arn:aws:states:::batch:submitJob.sync",
        "arn:aws:states:::glue:startJobRun.sync",
        "arn:aws:states:::sagemaker:createTrainingJob.sync",
        "arn:aws:states:::elasticmapreduce:createCluster.sync",
        "arn:aws:states:::states:startExecution.sync:2",
        "arn:aws:states:::events:putEvents",
        "arn:aws:states:::dynamodb:putItem",
        "arn:aws:states:::sns:publish",
        "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    ):
        assert arn in found


def test_yaml_resource_is_inserted_plain() -> None:
    clean, position = at("StartAt: A\nStates:\n  A:\n    Type: Task\n    Resource: |\n")
    first = workflow_completions(EditorDocument(clean, "f.asl.yaml"), position)[0]
    assert first.edit.new_text == "arn:aws:states:::lambda:invoke"
    assert first.kind is CompletionKind.RESOURCE


def test_error_names_intrinsics_jsonata_and_variables() -> None:
    errors = labels(
        '{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "x", "End": true, '
        '"Catch": [{"ErrorEquals": ["|"], "Next": "A"}]}}}'
    )
    assert errors[0] == "States.ALL" and "States.TaskFailed" in errors
    intrinsics = labels(
        '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"n": 1}, "Next": "B"}, '
        '"B": {"Type": "Pass", "End": true, "Parameters": {"x.$": "States.|"}}}}'
    )
    assert "States.Format" in intrinsics and "States.UUID" in intrinsics and "$n" in intrinsics
    jsonata = labels(
        '{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", '
        '"Assign": {"total": 1}, "Output": "{% $st| %}", "End": true}}}'
    )
    assert "$string" in jsonata and "$states.input" in jsonata and "$total" in jsonata


def test_expression_completion_replaces_only_the_word() -> None:
    clean, position = at(
        '{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", '
        '"Output": "{% $uppercase($sta|) %}", "End": true}}}'
    )
    found = workflow_completions(EditorDocument(clean, "f.asl.json"), position)
    member = next(c for c in found if c.label == "$states.input")
    assert clean[: member.edit.range.start.character].endswith("$uppercase(")
    assert member.edit.range.end.character == position.character


def test_hover_texts() -> None:
    text = (
        '{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": '
        '"arn:aws:states:::sns:publish", "Comment": "Tell them", "Next": "B"}, '
        '"B": {"Type": "Pass", "Parameters": {"id.$": "States.UUID()"}, "End": true}}}'
    )
    document = EditorDocument(text, "f.asl.json")

    def hover(needle: str, shift: int = 1) -> str:
        found = workflow_hover(document, Position(0, text.index(needle) + shift))
        assert found is not None
        return found.markdown

    assert "Name of the state that runs first" in hover('"StartAt"')
    assert hover('"A"') == (
        "**A** (Task)\n\nTell them\n\nResource: `arn:aws:states:::sns:publish` (SNS: Publish)"
        "\n\nGoes to: B"
    )
    assert "States.UUID()" in hover("States.UUID", 3)


def test_references_and_rename_in_yaml() -> None:
    text = (
        "StartAt: Start Here\n"
        "States:\n"
        "  Start Here:\n"
        "    Type: Choice\n"
        "    Choices:\n"
        "      - Variable: $.x\n"
        "        IsPresent: true\n"
        "        Next: Done\n"
        "    Default: Done\n"
        "  Done:\n"
        "    Type: Succeed\n"
    )
    document = EditorDocument(text, "f.asl.yaml")
    on_default = Position(8, 14)
    references = state_references(document, on_default)
    assert [(r.range.start.line, r.range.start.character, r.declaration) for r in references] == [
        (7, 14, False),
        (8, 13, False),
        (9, 2, True),
    ]
    assert state_definition(document, on_default) == references[-1].range
    edits = rename_state(document, on_default, "All: done")
    assert isinstance(edits, tuple)
    renamed = apply(text, edits)
    import yaml

    loaded = yaml.safe_load(renamed)
    assert loaded["States"]["Start Here"]["Default"] == "All: done"
    assert loaded["States"]["Start Here"]["Choices"][0]["Next"] == "All: done"
    assert "All: done" in loaded["States"]
    assert rename_state(document, on_default, "Start Here") == (
        "The state machine already has a state named 'Start Here'"
    )
    assert rename_state(document, Position(0, 0), "x") == "There is no state name here"


def test_outline_of_a_template_nests_machines_states_and_branches() -> None:
    text = json.dumps(
        {
            "Resources": {
                "Flow": {
                    "Type": "AWS::StepFunctions::StateMachine",
                    "Properties": {
                        "Definition": {
                            "StartAt": "P",
                            "States": {
                                "P": {
                                    "Type": "Map",
                                    "End": True,
                                    "ItemProcessor": {
                                        "StartAt": "Q",
                                        "States": {"Q": {"Type": "Pass", "End": True}},
                                    },
                                }
                            },
                        }
                    },
                }
            }
        },
        indent=2,
    )
    symbols = document_symbols(EditorDocument(text, "template.json"))

    def shape(items: tuple[object, ...]) -> list[object]:
        return [(s.name, s.detail, shape(s.children)) for s in items]  # type: ignore[attr-defined]

    assert shape(symbols) == [
        ("Flow", "state machine", [("P", "Map", [("ItemProcessor", "", [("Q", "Pass", [])])])])
    ]


def test_folding_ranges_keep_closing_brackets_visible() -> None:
    text = '{\n  "States": {\n    "A": {"Type": "Pass"}\n  }\n}\n'
    document = EditorDocument(text, "f.asl.json")
    assert folding_ranges(document.tree) == ((0, 3), (1, 2))


def test_a_sam_template_definition_gets_the_same_features() -> None:
    text = (
        "Transform: AWS::Serverless-2016-10-31\n"
        "Resources:\n"
        "  Flow:\n"
        "    Type: AWS::Serverless::StateMachine\n"
        "    Properties:\n"
        "      Definition:\n"
        "        StartAt: A\n"
        "        States:\n"
        "          A:\n"
        "            Type: Pass\n"
        "            Next: \n"
        "          B:\n"
        "            Type: Succeed\n"
    )
    document = EditorDocument(text, "template.yaml")
    assert [c.label for c in workflow_completions(document, Position(10, 18))] == ["A", "B"]
    symbols = document_symbols(document)
    assert [(s.name, [c.name for c in s.children]) for s in symbols] == [("Flow", ["A", "B"])]
    references = state_references(document, Position(8, 10))
    assert [(r.range.start.line, r.range.start.character) for r in references] == [(6, 17), (8, 10)]


def test_hover_on_choice_rule_operators() -> None:
    text = (
        '{"StartAt": "C", "States": {"C": {"Type": "Choice", "Default": "C", "Choices": '
        '[{"Variable": "$.x", "NumericGreaterThanPath": "$.y", "Next": "C"}, '
        '{"Variable": "$.s", "StringMatches": "a*", "Next": "C"}]}}}'
    )
    document = EditorDocument(text, "f.asl.json")

    def hover(word: str) -> str:
        found = workflow_hover(document, Position(0, text.index(word) + 2))
        assert found is not None
        return found.markdown

    assert hover("NumericGreaterThanPath") == (
        "**NumericGreaterThanPath**\n\nChoice rule test on the `Variable`: "
        "compares it with the value at this reference path."
    )
    assert hover("StringMatches") == (
        "**StringMatches**\n\nChoice rule test on the `Variable`: takes a string."
    )


def test_outline_selections_lie_inside_their_ranges_in_templates() -> None:
    # VS Code rejects the whole outline ("selectionRange must be contained in fullRange") when
    # one symbol breaks this; a machine's range once started at its value, after its name.
    template = Path(__file__).parents[1] / "data" / "asl" / "templates"
    text = (template / "two-machines.template.yaml").read_text(encoding="utf-8")

    def check(symbols: tuple[Symbol, ...]) -> list[str]:
        seen = []
        for symbol in symbols:
            assert symbol.range.start <= symbol.selection.start, symbol
            assert symbol.selection.end <= symbol.range.end, symbol
            for child in symbol.children:
                assert symbol.range.start <= child.range.start, (symbol, child)
                assert child.range.end <= symbol.range.end, (symbol, child)
            seen += [symbol.name, *check(symbol.children)]
        return seen

    names = check(document_symbols(EditorDocument(text, "two-machines.template.yaml")))
    assert names[:2] == ["OrderFlow", "Charge"] and "RefundFlow" in names
    machine = document_symbols(EditorDocument(text, "two-machines.template.yaml"))[1]
    # From the logical id's line (24, 0-based 23) to the last state.
    assert (machine.range.start.line, machine.selection.start.line) == (23, 23)
    assert machine.range.end.line >= 42
