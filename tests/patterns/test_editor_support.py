"""What a pattern editor needs: findings placed in the text, and the fields of a schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventsmith.asl import Position, Range
from eventsmith.patterns import (
    PatternError,
    SchemaField,
    parse_pattern,
    pattern_diagnostics,
    schema_fields,
)

SCHEMAS = Path(__file__).parents[1] / "data" / "schemas"
EC2_OPENAPI = SCHEMAS / "aws.ec2@EC2InstanceStateChangeNotification.openapi3.json"
EC2_DRAFT4 = SCHEMAS / "aws.ec2@EC2InstanceStateChangeNotification.draft4.json"


def text_at(text: str, where: Range) -> str:
    lines = text.split("\n")
    assert where.start.line == where.end.line, "these findings sit on one line"
    return lines[where.start.line][where.start.character : where.end.character]


def test_a_valid_pattern_has_no_findings() -> None:
    assert pattern_diagnostics('{"source": ["aws.ec2"], "detail": {"state": ["running"]}}') == ()


def test_an_invalid_value_is_underlined_where_it_is_written() -> None:
    text = '{\n  "detail": {\n    "state": [{"prefix": 42}]\n  }\n}'
    [finding] = pattern_diagnostics(text)
    assert finding.path == ("detail", "state", 0, "prefix")
    assert finding.message == "prefix match pattern must be a string"
    assert finding.range.start.line == 2
    assert text_at(text, finding.range) == "42"
    assert finding.severity == "error"


def test_an_unknown_operator_underlines_its_name() -> None:
    text = '{"detail": {"state": [{"prefx": "run"}]}}'
    [finding] = pattern_diagnostics(text)
    assert "prefx" in finding.message
    assert text_at(text, finding.range) == '"prefx"'


def test_every_syntax_problem_of_a_half_typed_pattern_is_reported() -> None:
    text = '{"source": ["aws.ec2" "aws.s3"],\n "detail": {"state": ['
    findings = pattern_diagnostics(text)
    assert len(findings) >= 2
    assert {finding.range.start.line for finding in findings} == {0, 1}
    assert all(finding.severity == "error" for finding in findings)


def test_the_message_is_the_one_eventbridge_gives() -> None:
    text = '{"detail": {"count": [{"numeric": [">", "ten"]}]}}'
    error = parse_pattern(text)
    assert isinstance(error, PatternError)
    [finding] = pattern_diagnostics(text)
    assert (finding.message, finding.path) == (error.message, error.path)
    assert text_at(text, finding.range) == '"ten"'


def test_a_schema_adds_warnings_on_the_field_names() -> None:
    schema = json.loads(EC2_DRAFT4.read_text())
    text = '{"source": ["aws.ec2"], "detail": {"stat": ["running"]}}'
    [finding] = pattern_diagnostics(text, schema)
    assert finding.severity == "warning"
    assert finding.path == ("detail", "stat")
    assert text_at(text, finding.range) == '"stat"'
    assert "did you mean" in finding.message


@given(st.text(alphabet='{}[]",:0123456789 abcnulltrue\n', max_size=60))
def test_any_text_gives_findings_inside_the_text_and_never_raises(text: str) -> None:
    end = Position(text.count("\n"), len(text.split("\n")[-1]))
    for finding in pattern_diagnostics(text):
        assert Position(0, 0) <= finding.range.start <= finding.range.end <= end
    valid = not isinstance(parse_pattern(text), PatternError)
    assert (pattern_diagnostics(text) == ()) == valid


@pytest.mark.parametrize("path", [EC2_OPENAPI, EC2_DRAFT4], ids=["openapi3", "draft4"])
def test_schema_fields_of_a_registry_schema(path: Path) -> None:
    fields = {field.path: field for field in schema_fields(json.loads(path.read_text()))}
    assert set(fields) == {
        ("account",), ("detail",), ("detail", "instance-id"), ("detail", "state"),
        ("detail-type",), ("id",), ("region",), ("resources",), ("source",), ("time",),
        ("version",),
    }  # fmt: skip
    assert fields[("detail",)].type == "object"
    assert fields[("time",)] == SchemaField(("time",), "string", "date-time")
    assert fields[("resources",)].type == "string"  # patterns see through arrays
    # The envelope's fixed values, for completing `source` and `detail-type`.
    assert fields[("source",)].enum == ("aws.ec2",)
    assert fields[("detail-type",)].enum == ("EC2 Instance State-change Notification",)


def test_enum_examples_formats_and_descriptions_are_kept() -> None:
    schema = {
        "openapi": "3.0.0",
        "components": {
            "schemas": {
                "AWSEvent": {
                    "type": "object",
                    "properties": {"detail": {"$ref": "#/components/schemas/Order"}},
                },
                "Order": {
                    "type": "object",
                    "properties": {
                        "status": {"type": "string", "enum": ["NEW", "PAID"],
                                   "description": "Where the order is"},
                        "total": {"type": "number", "example": 12.5, "nullable": True},
                        "lines": {"type": "array", "items": {"$ref": "#/components/schemas/Line"}},
                    },
                },
                "Line": {"type": "object", "properties": {"sku": {"type": "string",
                                                                 "format": "uuid"}}},
            }
        },
    }  # fmt: skip
    fields = {field.path: field for field in schema_fields(schema)}
    assert fields[("detail", "status")] == SchemaField(
        ("detail", "status"), "string", None, ("NEW", "PAID"), (), "Where the order is"
    )
    assert fields[("detail", "total")].type == "null|number"
    assert fields[("detail", "total")].examples == (12.5,)
    assert fields[("detail", "lines", "sku")].format == "uuid"


def test_recursive_schemas_end() -> None:
    schema = {
        "type": "object",
        "properties": {"detail": {"$ref": "#/$defs/Node"}},
        "$defs": {
            "Node": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
                },
            }
        },
    }
    paths = [field.path for field in schema_fields(schema)]
    assert ("detail", "name") in paths
    assert ("detail", "children", "name") in paths
    assert ("detail", "children", "children", "name") not in paths


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(
        st.sampled_from(["type", "properties", "items", "anyOf", "$ref", "enum", "a", "openapi",
                         "components", "schemas", "AWSEvent", "nullable", "examples"]),
        inner | st.just("#/components/schemas/AWSEvent"),
        max_size=4,
    ),
    max_leaves=20,
)  # fmt: skip


@given(_JSON)
def test_any_schema_shape_gives_fields_and_never_raises(schema: object) -> None:
    if isinstance(schema, dict):
        for field in schema_fields(schema):
            assert field.path and all(isinstance(part, str) for part in field.path)
        pattern = '{"a": ["x", {"prefix": "y"}], "type": {"b": [1, {"exists": true}]}}'
        for finding in pattern_diagnostics(pattern, schema):
            assert finding.severity == "warning"
