"""Finding a workflow's input schema: template rules, the Comment marker, the setting."""

from __future__ import annotations

import json

from eventsmith.asl import Severity
from eventsmith.registry import Registry
from eventsmith.workflow_schemas import (
    NO_MATCHING_SCHEMA,
    UNKNOWN_SCHEMA,
    find_input_schema,
    input_schema_for,
)
from tests.workflow_schemas.conftest import parse, parse_file, span_of


def test_a_sam_eventbridge_rule_picks_the_schema_by_source_and_detail_type(
    registry: Registry,
) -> None:
    text, parsed, machine = parse_file("template.yaml")
    schema = input_schema_for(parsed, machine, registry)
    assert schema is not None
    assert schema.names == ("com.example.shop@OrderPlaced",)
    assert schema.versions == (1,)
    assert schema.origin == "template"
    line, start, end = span_of(text, "OrderPlaced:", "OrderPlaced")
    assert schema.origin_range is not None
    assert (schema.origin_range.start.line, schema.origin_range.start.character) == (line, start)
    assert (schema.origin_range.end.line, schema.origin_range.end.character) == (line, end)
    assert schema.content["properties"]["detail"]["properties"]["order"]["type"] == "object"


def test_a_cloudformation_rule_that_targets_the_machine_picks_the_schema(
    registry: Registry,
) -> None:
    text, parsed, machine = parse_file("rule.template.json")
    schema = input_schema_for(parsed, machine, registry)
    assert schema is not None
    assert schema.names == ("com.example.payments@PaymentSettled",)
    line, start, _ = span_of(text, '"PaymentSettledRule"', '"PaymentSettledRule"')
    assert schema.origin_range is not None
    assert (schema.origin_range.start.line, schema.origin_range.start.character) == (line, start)


def test_the_comment_marker_names_the_schema_in_json_and_yaml(registry: Registry) -> None:
    for name in ("cancel.asl.json", "cancel.asl.yaml"):
        text, parsed, machine = parse_file(name)
        schema = input_schema_for(parsed, machine, registry)
        assert schema is not None, name
        assert (schema.names, schema.origin) == (("com.example.shop@OrderCancelled",), "comment")
        line, start, end = span_of(text, "eventsmith:input=", "com.example.shop@OrderCancelled")
        assert schema.origin_range is not None
        assert schema.origin_range.start.line == line
        assert schema.origin_range.start.character == start
        assert schema.origin_range.end.character == end


def test_the_comment_wins_over_the_setting_and_the_setting_is_the_fallback(
    registry: Registry,
) -> None:
    definition = {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}
    parsed, machine = parse(json.dumps(definition), "plain.asl.json")
    assert input_schema_for(parsed, machine, registry) is None
    fallback = input_schema_for(
        parsed, machine, registry, schema_name="com.example.payments@PaymentSettled"
    )
    assert fallback is not None and fallback.origin == "setting"
    definition["Comment"] = "eventsmith:input=com.example.shop@OrderPlaced@1"
    parsed, machine = parse(json.dumps(definition), "plain.asl.json")
    named = input_schema_for(
        parsed, machine, registry, schema_name="com.example.payments@PaymentSettled"
    )
    assert named is not None
    assert (named.names, named.versions) == (("com.example.shop@OrderPlaced",), (1,))


def test_a_comment_naming_a_missing_schema_is_a_warning_with_did_you_mean(
    registry: Registry,
) -> None:
    text = json.dumps(
        {
            "Comment": "eventsmith:input=com.example.shop@OrderPlacd",
            "StartAt": "A",
            "States": {"A": {"Type": "Succeed"}},
        }
    )
    parsed, machine = parse(text, "typo.asl.json")
    lookup = find_input_schema(parsed, machine, registry)
    assert lookup.schema is None
    [problem] = lookup.diagnostics
    assert problem.code == UNKNOWN_SCHEMA
    assert problem.severity is Severity.WARNING
    assert "'com.example.shop@OrderPlaced'" in problem.message
    start = text.index("com.example.shop@OrderPlacd")
    assert problem.range.start.character == start
    assert problem.range.end.character == start + len("com.example.shop@OrderPlacd")


def test_a_rule_pattern_that_matches_no_schema_is_noted(registry: Registry) -> None:
    text = TEMPLATE.replace("DETAIL_TYPES", "[Order Shipped]")
    parsed, machine = parse(text, "template.yaml")
    lookup = find_input_schema(parsed, machine, registry)
    assert lookup.schema is None
    [note] = lookup.diagnostics
    assert note.code == NO_MATCHING_SCHEMA
    assert note.severity is Severity.INFORMATION
    assert "'Placed'" in note.message
    line, start, _ = span_of(text, "Placed:", "Placed")
    assert (note.range.start.line, note.range.start.character) == (line, start)


def test_a_pattern_with_two_detail_types_accepts_fields_of_either(registry: Registry) -> None:
    text = TEMPLATE.replace("DETAIL_TYPES", "[Order Placed, Order Cancelled]")
    parsed, machine = parse(text, "template.yaml")
    schema = input_schema_for(parsed, machine, registry)
    assert schema is not None
    assert schema.names == ("com.example.shop@OrderCancelled", "com.example.shop@OrderPlaced")
    assert schema.name == "com.example.shop@OrderCancelled | com.example.shop@OrderPlaced"


def test_prefix_operators_narrow_the_choice_and_other_operators_do_not(
    registry: Registry,
) -> None:
    text = TEMPLATE.replace("source: [com.example.shop]", "source: [{prefix: com.example.pay}]")
    parsed, machine = parse(text.replace("DETAIL_TYPES", "[{anything-but: x}]"), "template.yaml")
    schema = input_schema_for(parsed, machine, registry)
    assert schema is not None
    assert schema.names == ("com.example.payments@PaymentSettled",)


TEMPLATE = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Events:
        Placed:
          Type: EventBridgeRule
          Properties:
            Pattern:
              source: [com.example.shop]
              detail-type: DETAIL_TYPES
      Definition:
        StartAt: Go
        States:
          Go:
            Type: Pass
            Parameters:
              id.$: $.detail.order.id
              reason.$: $.detail.reason
            End: true
"""


def test_an_alias_bomb_in_the_template_does_not_hang(registry: Registry) -> None:
    import time

    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 12)
    ]
    bomb = "\n".join(lines) + "\n"
    text = (
        "Metadata:\n"
        + "".join(f"  {line}\n" for line in bomb.splitlines())
        + TEMPLATE.replace("detail-type: DETAIL_TYPES", "detail-type: *a11").replace(
            "Transform: AWS::Serverless-2016-10-31\n", ""
        )
    )
    parsed, machine = parse(text, "template.yaml")
    started = time.monotonic()
    lookup = find_input_schema(parsed, machine, registry)
    assert time.monotonic() - started < 2
    assert lookup.schema is None
