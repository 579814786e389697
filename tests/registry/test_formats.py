"""Formats: AWS-exported schemas import cleanly, exports have the EventBridge shape, and
export -> import -> export is stable for every format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from jsonschema import Draft4Validator, Draft202012Validator, FormatChecker

from eventsmith.registry import RegistryError
from eventsmith.registry._formats import (
    EXPORT_FORMATS,
    FormatError,
    export_schema,
    import_schema_file,
    same_structure,
    to_canonical,
)
from tests.registry.schema_strategies import envelope, envelopes

DATA = Path(__file__).parent.parent / "data" / "schemas"
AWS_FILES = sorted(DATA.glob("*.json"))
OPENAPI_FILES = sorted(DATA.glob("*.openapi3.json"))
ENVELOPE_KEYS = {"version", "id", "detail-type", "source", "account", "time", "region"}
ENVELOPE_KEYS |= {"resources", "detail"}


def load(name: str) -> dict[str, Any]:
    return json.loads((DATA / name).read_text())


def semantic(value: Any) -> Any:
    """Order-free form: `required` and `enum` lists are sets, as JSON Schema reads them."""
    if isinstance(value, dict):
        result = {key: semantic(item) for key, item in value.items()}
        for key in ("required", "enum"):
            if isinstance(value.get(key), list) and all(isinstance(v, str) for v in value[key]):
                result[key] = sorted(value[key])
        return result
    if isinstance(value, list):
        return [semantic(item) for item in value]
    return value


# -- AWS files ------------------------------------------------------------------------------

EXPECTED_NAMES = {
    "aws.ec2@EC2InstanceStateChangeNotification.draft4.json": (
        "aws.ec2@EC2InstanceStateChangeNotification",
        "aws.ec2",
        "EC2 Instance State-change Notification",
    ),
    "aws.ec2@EC2InstanceStateChangeNotification.openapi3.json": (
        "aws.ec2@EC2InstanceStateChangeNotification",
        "aws.ec2",
        "EC2 Instance State-change Notification",
    ),
    "export-schema-response.ec2.json": (
        "aws.ec2@EC2InstanceStateChangeNotification",
        "aws.ec2",
        "EC2 Instance State-change Notification",
    ),
    "aws.ssm@ParameterStoreChange.openapi3.json": (
        "aws.ssm@ParameterStoreChange",
        "aws.ssm",
        "Parameter Store Change",
    ),
    "describe-schema-response.ssm.json": (
        "aws.ssm@ParameterStoreChange",
        "aws.ssm",
        "Parameter Store Change",
    ),
    "aws.states@StepFunctionsExecutionStatusChange.openapi3.json": (
        "aws.states@StepFunctionsExecutionStatusChange",
        "aws.states",
        "Step Functions Execution Status Change",
    ),
    "order@NewOrder.openapi3.json": ("order@NewOrder", "order", "NewOrder"),
    "console-template.openapi3.json": ("Event", None, None),
    "get-discovered-schema-response.json": ("Event", None, None),
}


def test_every_fixture_has_an_expectation() -> None:
    assert {path.name for path in AWS_FILES} == set(EXPECTED_NAMES)


@pytest.mark.parametrize("path", AWS_FILES, ids=lambda p: p.name)
def test_aws_files_import_cleanly(path: Path) -> None:
    imported = import_schema_file(path)
    assert (imported.name, imported.source, imported.detail_type) == EXPECTED_NAMES[path.name]
    Draft202012Validator.check_schema(imported.content)
    assert imported.content["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    text = json.dumps(imported.content)
    assert "#/components/" not in text and "#/definitions/" not in text and "nullable" not in text


@pytest.mark.parametrize("path", OPENAPI_FILES, ids=lambda p: p.name)
def test_import_then_export_openapi3_reproduces_the_aws_file(path: Path) -> None:
    original = json.loads(path.read_text())
    original["info"].pop("x-amazon-schemas-generated-code-hierarchy", None)
    exported = export_schema(import_schema_file(path).content, "openapi3")
    assert semantic(exported) == semantic(original)


@pytest.mark.parametrize(
    "response", ["get-discovered-schema-response.json", "describe-schema-response.ssm.json"]
)
def test_aws_cli_responses_export_back_to_their_content(response: str) -> None:
    inner = json.loads(load(response)["Content"])
    inner["info"].pop("x-amazon-schemas-generated-code-hierarchy", None)
    exported = export_schema(import_schema_file(DATA / response).content, "openapi3")
    assert semantic(exported) == semantic(inner)


def test_import_then_export_draft4_reproduces_the_aws_file() -> None:
    original = load("aws.ec2@EC2InstanceStateChangeNotification.draft4.json")
    imported = import_schema_file(DATA / "aws.ec2@EC2InstanceStateChangeNotification.draft4.json")
    assert semantic(export_schema(imported.content, "jsonschema-draft4")) == semantic(original)


def test_the_openapi_and_draft4_exports_of_one_aws_schema_read_the_same() -> None:
    from_openapi = to_canonical(load("aws.ec2@EC2InstanceStateChangeNotification.openapi3.json"))
    from_draft4 = to_canonical(load("aws.ec2@EC2InstanceStateChangeNotification.draft4.json"))
    # AWS's draft-04 export leaves out the region enum its OpenAPI form carries.
    del from_openapi["properties"]["region"]["enum"]
    assert from_openapi == from_draft4


def test_the_event_an_aws_schema_was_discovered_from_validates_against_the_import() -> None:
    content = to_canonical(load("aws.states@StepFunctionsExecutionStatusChange.openapi3.json"))
    event = json.loads((DATA / "events" / "aws.states-execution-failed.json").read_text())
    validator = Draft202012Validator(content, format_checker=FormatChecker())
    assert list(validator.iter_errors(event)) == []
    event["detail"]["startDate"] = "yesterday"
    assert [list(e.absolute_path) for e in validator.iter_errors(event)] == [
        ["detail", "startDate"]
    ]


@pytest.mark.parametrize("path", AWS_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_import_export_is_stable_on_aws_files(path: Path, fmt: str) -> None:
    content = import_schema_file(path).content
    first = export_schema(content, fmt)
    assert export_schema(to_canonical(first), fmt) == first


# -- export shape ---------------------------------------------------------------------------

DISCOVERED = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "shop.orders@OrderPlaced",
    "x-amazon-events-source": "shop.orders",
    "x-amazon-events-detail-type": "Order Placed",
    "type": "object",
    "properties": {
        "account": {"type": "string"},
        "detail": {
            "type": "object",
            "properties": {
                "order": {
                    "type": "object",
                    "properties": {"total": {"type": "number"}, "lines": {"type": "integer"}},
                    "required": ["lines", "total"],
                },
                "items": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"sku": {"type": "string"}},
                        "required": ["sku"],
                    },
                },
                "stock": {"type": "object", "additionalProperties": {"type": "integer"}},
                "coupon": {
                    "type": ["object", "null"],
                    "properties": {"code": {"type": "string"}},
                    "required": ["code"],
                },
                "note": {"type": ["string", "null"]},
                "cancelled": {"type": "null"},
            },
            "required": ["items", "order"],
        },
        "detail-type": {"type": "string"},
        "id": {"type": "string", "format": "uuid"},
        "region": {"type": "string"},
        "resources": {"type": "array", "items": {"type": "string"}},
        "source": {"type": "string"},
        "time": {"type": "string", "format": "date-time"},
        "version": {"type": "string"},
    },
    "required": sorted(ENVELOPE_KEYS),
}


def test_openapi3_export_has_the_eventbridge_discovered_shape() -> None:
    document = export_schema(DISCOVERED, "openapi3")
    assert document["openapi"] == "3.0.0"
    assert document["info"] == {"version": "1.0.0", "title": "OrderPlaced"}
    assert document["paths"] == {}
    schemas = document["components"]["schemas"]
    assert set(schemas) == {"AWSEvent", "OrderPlaced", "Order", "ItemsItem", "Coupon"}
    event = schemas["AWSEvent"]
    assert event["type"] == "object"
    assert set(event["required"]) == ENVELOPE_KEYS
    assert event["x-amazon-events-source"] == "shop.orders"
    assert event["x-amazon-events-detail-type"] == "Order Placed"
    assert event["properties"]["detail"] == {"$ref": "#/components/schemas/OrderPlaced"}
    assert event["properties"]["time"] == {"type": "string", "format": "date-time"}
    detail = schemas["OrderPlaced"]["properties"]
    assert detail["order"] == {"$ref": "#/components/schemas/Order"}
    assert detail["items"] == {"type": "array", "items": {"$ref": "#/components/schemas/ItemsItem"}}
    assert detail["stock"] == {
        "type": "object",
        "additionalProperties": {"type": "integer", "format": "int64"},
    }
    # OpenAPI 3.0 ignores $ref siblings, so a nullable object is allOf + nullable.
    assert detail["coupon"] == {
        "allOf": [{"$ref": "#/components/schemas/Coupon"}],
        "nullable": True,
    }
    assert detail["note"] == {"type": "string", "nullable": True}
    assert detail["cancelled"] == {}
    assert schemas["Order"]["properties"]["lines"] == {"type": "integer", "format": "int64"}
    assert schemas["Order"]["properties"]["total"] == {"type": "number"}


def test_draft4_export_is_a_valid_draft4_schema_in_the_aws_layout() -> None:
    document = export_schema(DISCOVERED, "jsonschema-draft4")
    Draft4Validator.check_schema(document)
    assert document["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert document["title"] == "OrderPlaced"
    assert document["x-amazon-events-source"] == "shop.orders"
    assert document["properties"]["detail"] == {"$ref": "#/definitions/OrderPlaced"}
    assert set(document["definitions"]) == {"OrderPlaced", "Order", "ItemsItem", "Coupon"}
    assert document["definitions"]["OrderPlaced"]["properties"]["coupon"] == {
        "anyOf": [{"$ref": "#/definitions/Coupon"}, {"type": "null"}]
    }


def test_jsonschema_export_is_the_canonical_content() -> None:
    assert export_schema(DISCOVERED, "jsonschema") == DISCOVERED


def test_fields_whose_names_collide_once_pascalcased_get_distinct_components() -> None:
    record = {"type": "object", "properties": {"v": {"type": "string"}}}
    other = {"type": "object", "properties": {"w": {"type": "string"}}}
    content = {"type": "object", "title": "T", "properties": {"a-b": record, "a_b": other}}
    schemas = export_schema(content, "openapi3")["components"]["schemas"]
    assert set(schemas) == {"T", "AB", "AB2"}
    assert schemas["AB"]["properties"] == {"v": {"type": "string"}}
    assert schemas["AB2"]["properties"] == {"w": {"type": "string"}}


# OpenAPI 3.0's spellings of null that made same_structure see a different schema after an
# openapi3 round trip until it folded them: a null-only field comes back as `{}` (hypothesis's
# minimal failing example), and a union with a null branch comes back as nullable branches.
NULL_ONLY_FIELD = envelope(
    {"type": "object", "properties": {"a-b": {"type": "null"}}, "required": []}, {"a-b": None}
)
NULLABLE_UNION = envelope(
    {
        "type": "object",
        "properties": {"x": {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}},
        "required": ["x"],
    },
    {"x": None},
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(envelopes())
@example(NULL_ONLY_FIELD)
@example(NULLABLE_UNION)
def test_every_format_round_trips_stably_and_keeps_accepting_the_event(pair: Any) -> None:
    schema, event = pair
    assert Draft202012Validator(schema).is_valid(event)
    for fmt in EXPORT_FORMATS:
        first = export_schema(schema, fmt)
        imported = to_canonical(first)
        assert export_schema(imported, fmt) == first, fmt
        assert Draft202012Validator(imported).is_valid(event), fmt
        assert same_structure(imported, schema), fmt
    Draft4Validator.check_schema(export_schema(schema, "jsonschema-draft4"))


def test_a_null_only_root_survives_openapi3_while_null_only_fields_stay_empty() -> None:
    # AWS's own discovered schemas write a field seen only as null as {} (tests/data/schemas,
    # aws.states@..., "output"); a root written that way would re-import as "anything".
    root = {"type": "null"}
    document = export_schema(root, "openapi3")
    [component] = document["components"]["schemas"].values()
    assert component == {"nullable": True, "enum": [None]}
    assert same_structure(to_canonical(document), root)
    assert Draft202012Validator(to_canonical(document)).is_valid(None)
    assert not Draft202012Validator(to_canonical(document)).is_valid(0)


def test_same_structure_ignores_defs_int64_and_titles_but_not_types() -> None:
    inline = {"title": "A", "type": "object", "properties": {"n": {"type": "integer"}}}
    with_defs = {
        "title": "B",
        "type": "object",
        "properties": {"n": {"$ref": "#/$defs/N"}},
        "$defs": {"N": {"type": "integer", "format": "int64"}},
    }
    assert same_structure(inline, with_defs)
    assert not same_structure(inline, {"type": "object", "properties": {"n": {"type": "number"}}})


# -- import conversions ---------------------------------------------------------------------


def test_openapi_keywords_become_json_schema_2020_12() -> None:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Thing", "version": "1"},
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string", "nullable": True, "example": "bob"},
                        "size": {"type": "number", "minimum": 0, "exclusiveMinimum": True},
                        "part": {
                            "allOf": [{"$ref": "#/components/schemas/Part"}],
                            "nullable": True,
                        },
                        "self": {"$ref": "#/components/schemas/Thing"},
                    },
                },
                "Part": {"type": "object", "properties": {"n": {"type": "integer"}}},
            }
        },
    }
    content = to_canonical(document)
    properties = content["properties"]
    assert properties["name"] == {"type": ["string", "null"], "examples": ["bob"]}
    assert properties["size"] == {"type": "number", "exclusiveMinimum": 0}
    assert properties["part"] == {"anyOf": [{"$ref": "#/$defs/Part"}, {"type": "null"}]}
    assert properties["self"] == {"$ref": "#"}
    assert content["title"] == "Thing"
    assert Draft202012Validator(content).is_valid({"part": None, "self": {"name": None}})
    assert not Draft202012Validator(content).is_valid({"size": 0})


def test_draft4_keywords_become_json_schema_2020_12() -> None:
    document = {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "id": "http://example.com/thing",
        "type": "object",
        "definitions": {"Point": {"type": "array", "items": [{"type": "number"}]}},
        "properties": {
            "p": {"$ref": "#/definitions/Point"},
            "n": {"type": "integer", "maximum": 9, "exclusiveMaximum": True},
        },
        "dependencies": {"p": ["n"]},
    }
    content = to_canonical(document)
    assert "id" not in content and "definitions" not in content
    assert content["$defs"] == {"Point": {"type": "array", "prefixItems": [{"type": "number"}]}}
    assert content["properties"]["p"] == {"$ref": "#/$defs/Point"}
    assert content["properties"]["n"] == {"type": "integer", "exclusiveMaximum": 9}
    assert content["dependentRequired"] == {"p": ["n"]}


def test_component_names_with_spaces_and_slashes_resolve() -> None:
    document = {
        "openapi": "3.0.0",
        "info": {"title": "Root", "version": "1"},
        "components": {
            "schemas": {
                "Root": {
                    "type": "object",
                    "properties": {"x": {"$ref": "#/components/schemas/A B~1C"}},
                },
                "A B/C": {"type": "string"},
            }
        },
    }
    content = to_canonical(document)
    validator = Draft202012Validator(content)
    assert validator.is_valid({"x": "s"}) and not validator.is_valid({"x": 1})


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "must be a JSON object"),
        ({"swagger": "2.0"}, "Swagger 2.0"),
        ({"openapi": "3.0.0", "info": {}, "paths": {}}, "no components.schemas"),
        (
            {
                "openapi": "3.0.0",
                "components": {
                    "schemas": {"A": {"properties": {"b": {"$ref": "#/components/schemas/Gone"}}}}
                },
            },
            "'#/components/schemas/Gone' at /components/schemas/A/properties/b",
        ),
        ({"$schema": "http://json-schema.org/draft-03/schema#"}, "Unsupported $schema"),
        (
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "properties": {"a": {"type": 12}},
            },
            "Invalid schema at /properties/a/type",
        ),
        (
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "items": {"$ref": "#/$defs/X"},
            },
            "'#/$defs/X' at /items points to nothing",
        ),
        ({"properties": {"a": {"$ref": "other.json#/x"}}}, "points outside the document"),
        (
            json.loads((DATA / "events" / "aws.states-execution-failed.json").read_text()),
            "This is not a schema",
        ),
    ],
)
def test_broken_documents_raise_format_error_saying_where(document: Any, message: str) -> None:
    with pytest.raises(FormatError, match=None) as caught:
        to_canonical(document)
    assert message in str(caught.value)
    assert isinstance(caught.value, RegistryError)


def test_a_file_that_is_not_json_is_a_format_error_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "openapi": "3.0.0",\n  oops\n}\n')
    with pytest.raises(FormatError, match=r"broken.json:3:3: not valid JSON"):
        import_schema_file(path)


def test_yaml_openapi_files_import(tmp_path: Path) -> None:
    path = tmp_path / "ticket.yaml"
    path.write_text(
        "openapi: 3.0.0\ninfo: {title: Ticket, version: '1'}\npaths: {}\ncomponents:\n"
        "  schemas:\n    Ticket:\n      type: object\n      properties:\n"
        "        id: {type: string}\n"
    )
    imported = import_schema_file(path)
    assert imported.name == "Ticket"
    assert imported.content["properties"] == {"id": {"type": "string"}}


def test_unknown_export_format_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="openapi3, jsonschema-draft4, jsonschema"):
        export_schema(DISCOVERED, "avro")
