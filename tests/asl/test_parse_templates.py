"""State machines inside SAM and CloudFormation templates are found and checked like files."""

from __future__ import annotations

import json
from pathlib import Path

from eventsmith.asl import check_text, parse_document, validate

SAM = """\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ProcessFunction:
    Type: AWS::Serverless::Function
  Checkout:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions:
        QueueUrl: https://sqs.eu-central-1.amazonaws.com/123456789012/q
        FnArn: !GetAtt ProcessFunction.Arn
      Definition:
        StartAt: Process
        States:
          Process:
            Type: Task
            Resource: !GetAtt ProcessFunction.Arn
            Next: Queue
          Queue:
            Type: Task
            Resource: arn:aws:states:::sqs:sendMessage
            Parameters:
              QueueUrl: ${QueueUrl}
              MessageBody.$: States.JsonToString($)
            Next: Done
          Done:
            Type: Succed
"""


def test_sam_definition_is_found_with_template_ranges() -> None:
    parsed = parse_document(SAM, "template.yaml")
    assert parsed.is_template
    [machine] = parsed.state_machines
    assert machine.name == "Checkout"
    assert machine.base_path == ("Resources", "Checkout", "Properties", "Definition")
    states = machine.definition["States"]
    assert states["Process"]["Resource"] == "${ProcessFunction.Arn}"
    # Literal DefinitionSubstitutions of the resource are filled in.
    assert states["Queue"]["Parameters"]["QueueUrl"].startswith("https://sqs.")
    [finding] = validate(machine)
    assert finding.code == "ASL109"
    assert finding.path == ("States", "Done", "Type")
    assert (finding.range.start.line, finding.range.start.character) == (26, 18)


def test_definition_string_under_sub_maps_to_exact_lines() -> None:
    template = (
        "Resources:\n"
        "  Flow:\n"
        "    Type: AWS::StepFunctions::StateMachine\n"
        "    Properties:\n"
        "      DefinitionString: !Sub |\n"
        "        {\n"
        '          "StartAt": "A",\n'
        '          "States": {"A": {"Type": "Task", "Resource": "${Arn}", "Nxt": "B"}}\n'
        "        }\n"
    )
    findings = check_text(template, "stack.yaml")
    nxt = next(d for d in findings if d.code == "ASL201")
    line = template.splitlines()[nxt.range.start.line]
    assert line[nxt.range.start.character : nxt.range.end.character] == '"Nxt"'
    assert {d.code for d in findings} == {"ASL201", "ASL104"}


def test_json_template_with_intrinsic_objects(tmp_path: Path) -> None:
    definition = {
        "StartAt": "A",
        "States": {"A": {"Type": "Task", "Resource": {"Fn::GetAtt": ["Fn", "Arn"]}, "End": True}},
    }
    template = {
        "Resources": {
            "Flow": {
                "Type": "AWS::StepFunctions::StateMachine",
                "Properties": {"Definition": definition},
            }
        }
    }
    assert check_text(json.dumps(template, indent=2), "stack.json") == []


def test_definition_uri_reads_the_local_file(tmp_path: Path) -> None:
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "a.asl.json").write_text(
        '{"StartAt": "A", "States": {"A": {"Type": "Pass"}}}', encoding="utf-8"
    )
    template = tmp_path / "template.yaml"
    template.write_text(
        "Resources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n"
        "    Properties:\n      DefinitionUri: flows/a.asl.json\n"
        "  Remote:\n    Type: AWS::Serverless::StateMachine\n"
        "    Properties:\n      DefinitionUri: {Bucket: b, Key: k}\n",
        encoding="utf-8",
    )
    parsed = parse_document(template.read_text(encoding="utf-8"), str(template))
    [machine] = parsed.state_machines
    assert machine.filename == str(tmp_path / "flows" / "a.asl.json")
    assert [d.code for d in validate(machine)] == ["ASL104"]
    assert [d.code for d in parsed.diagnostics] == ["ASL005"]


def test_missing_definition_is_reported() -> None:
    template = (
        "Resources:\n  Flow:\n    Type: AWS::StepFunctions::StateMachine\n    Properties: {}\n"
    )
    assert [d.code for d in check_text(template, "t.yaml")] == ["ASL004"]


def test_definition_string_in_a_json_template_points_at_the_string() -> None:
    inner = json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass", "Nxt": "B"}}})
    joined = {"Fn::Join": ["", [inner[:20], inner[20:]]]}
    template = {
        "Resources": {
            "Plain": {
                "Type": "AWS::StepFunctions::StateMachine",
                "Properties": {"DefinitionString": inner},
            },
            "Joined": {
                "Type": "AWS::StepFunctions::StateMachine",
                "Properties": {"DefinitionString": joined},
            },
        }
    }
    text = json.dumps(template, indent=2)
    parsed = parse_document(text, "stack.json")
    assert [machine.name for machine in parsed.state_machines] == ["Plain", "Joined"]
    for machine in parsed.state_machines:
        findings = validate(machine)
        assert {d.code for d in findings} == {"ASL201", "ASL104"}
        # Inside an escaped JSON string, findings cover the whole DefinitionString value and
        # offer no text edits (they could not be placed exactly).
        where = machine.locations.to_range((0, 0))
        assert all(d.range == where and d.fix is None for d in findings)
        assert text.splitlines()[where.start.line].lstrip().startswith('"DefinitionString"')


def test_long_form_fn_sub_block_maps_exactly_and_bare_placeholders_take_values() -> None:
    template = (
        "Resources:\n"
        "  Flow:\n"
        "    Type: AWS::StepFunctions::StateMachine\n"
        "    Properties:\n"
        "      DefinitionSubstitutions:\n"
        "        Limit: 5\n"
        "      DefinitionString:\n"
        "        Fn::Sub: |\n"
        '          {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": ${Limit},\n'
        '            "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}},\n'
        '            "Ned": true}}}\n'
    )
    parsed = parse_document(template, "stack.yaml")
    [machine] = parsed.state_machines
    assert machine.definition["States"]["M"]["MaxConcurrency"] == 5
    findings = validate(machine)
    ned = next(d for d in findings if d.code == "ASL201")
    line = template.splitlines()[ned.range.start.line]
    assert line[ned.range.start.character : ned.range.end.character] == '"Ned"'
