"""References to the input event checked against its schema: which are checked, the warning's
range on the offending name, and the did-you-mean fix."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventsmith.asl import Diagnostic, Severity
from eventsmith.registry import Registry
from eventsmith.workflow_schemas import UNKNOWN_FIELD, check_input_paths, input_schema_for
from tests.workflow_schemas.conftest import parse, parse_file, span_of

ORDER_PLACED = "eventsmith:input=com.example.shop@OrderPlaced"


def findings(registry: Registry, definition: dict[str, Any]) -> list[Diagnostic]:
    text = json.dumps({"Comment": ORDER_PLACED, **definition}, indent=2)
    parsed, machine = parse(text, "flow.asl.json")
    schema = input_schema_for(parsed, machine, registry)
    assert schema is not None
    return list(check_input_paths(machine, schema))


def names(found: list[Diagnostic]) -> list[str]:
    return [d.message.split("'")[1] for d in found]


def test_sam_template_unknown_fields_warn_on_the_name_with_a_fix(registry: Registry) -> None:
    text, parsed, machine = parse_file("template.yaml")
    schema = input_schema_for(parsed, machine, registry)
    assert schema is not None
    found = check_input_paths(machine, schema)
    expected = [
        ("email.$:", "custmer", "customer"),
        ("amount.$:", "totl", "total"),
        ("$.detail.reason", "reason", None),
    ]
    assert len(found) == len(expected)
    for diagnostic, (marker, word, suggestion) in zip(found, expected, strict=True):
        line, start, end = span_of(text, marker, word)
        assert diagnostic.code == UNKNOWN_FIELD
        assert diagnostic.severity is Severity.WARNING
        assert (diagnostic.range.start.line, diagnostic.range.start.character) == (line, start)
        assert (diagnostic.range.end.line, diagnostic.range.end.character) == (line, end)
        assert "com.example.shop@OrderPlaced" in diagnostic.message
        if suggestion is None:
            assert diagnostic.fix is None
            assert "did you mean" not in diagnostic.message
        else:
            assert diagnostic.fix is not None
            [edit] = diagnostic.fix.edits
            assert (edit.range, edit.new_text) == (diagnostic.range, suggestion)
            assert f"did you mean '{suggestion}'?" in diagnostic.message
            fixed = text.splitlines()[line][:start] + suggestion + text.splitlines()[line][end:]
            assert suggestion in fixed
    assert found[0].path == ("States", "Charge", "Parameters", "Payload", "email.$")


def test_jsonata_references_in_a_cloudformation_template(registry: Registry) -> None:
    text, parsed, machine = parse_file("rule.template.json")
    schema = input_schema_for(parsed, machine, registry)
    assert schema is not None
    [found] = check_input_paths(machine, schema)
    line, start, end = span_of(text, '"Output"', "amont")
    assert (found.range.start.line, found.range.start.character) == (line, start)
    assert found.range.end.character == end
    assert found.fix is not None and found.fix.edits[0].new_text == "amount"


def test_a_task_result_hides_the_event_but_execution_input_still_reaches_it(
    registry: Registry,
) -> None:
    text, parsed, machine = parse_file("cancel.asl.json")
    schema = input_schema_for(parsed, machine, registry)
    assert schema is not None
    found = check_input_paths(machine, schema)
    # `$states.input.anything` in Notify reads Refund's result, not the event: not checked;
    # `$states.context.Execution.Input.detail.order.id` there is checked and is fine.
    assert names(list(found)) == ["reasn"]
    broken = text.replace("Execution.Input.detail.order.id", "Execution.Input.detail.ordr.id")
    parsed, machine = parse(broken, "cancel.asl.json")
    assert names(list(check_input_paths(machine, schema))) == ["reasn", "ordr"]


def test_result_paths_beside_the_event_keep_it_and_their_own_field_is_not_checked(
    registry: Registry,
) -> None:
    found = findings(
        registry,
        {
            "StartAt": "Lookup",
            "States": {
                "Lookup": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "ResultPath": "$.lookup",
                    "Next": "Wait",
                },
                "Wait": {"Type": "Wait", "Seconds": 1, "Next": "Branch"},
                "Branch": {
                    "Type": "Choice",
                    "Choices": [
                        {
                            "And": [
                                {"Variable": "$.lookup.found", "BooleanEquals": True},
                                {"Variable": "$.detail.order.tier", "IsPresent": True},
                            ],
                            "Next": "Both",
                        }
                    ],
                    "Default": "Replace",
                },
                "Both": {
                    "Type": "Parallel",
                    "Branches": [
                        {
                            "StartAt": "Inner",
                            "States": {
                                "Inner": {
                                    "Type": "Pass",
                                    "Parameters": {"x.$": "$.detail.order.idd"},
                                    "End": True,
                                }
                            },
                        }
                    ],
                    "Next": "Replace",
                },
                "Replace": {
                    "Type": "Pass",
                    "Parameters": {"sku.$": "$.detail.order.items[0].skew"},
                    "Next": "After",
                },
                "After": {
                    "Type": "Pass",
                    "Parameters": {"anything.$": "$.detail.not.checked"},
                    "End": True,
                },
            },
        },
    )
    # Both reaches Replace with its branch results (a list), Branch with the event: Replace's
    # input is unknown, so only the Choice and the branch are checked.
    assert names(found) == ["tier", "idd"]


def test_intrinsics_quoted_text_and_context_paths(registry: Registry) -> None:
    found = findings(
        registry,
        {
            "StartAt": "Fmt",
            "States": {
                "Fmt": {
                    "Type": "Pass",
                    "Parameters": {
                        "text.$": "States.Format('cost $.detail.nothing {}', $.detail.order.totl)",
                        "bracket.$": "$['detail']['ordr']",
                        "deep.$": "$..whatever",
                        "filter.$": "$.detail.order.items[?(@.sku == 'x')].nope",
                        "exec.$": "$$.Execution.Input.detail.order.customer.mail",
                        "map.$": "$$.Map.Item.Value.notchecked",
                    },
                    "End": True,
                }
            },
        },
    )
    assert sorted(names(found)) == ["mail", "ordr", "totl"]


def test_refs_and_nested_components_of_an_imported_openapi_schema(registry: Registry) -> None:
    text = json.dumps(
        {
            "Comment": "eventsmith:input=order@NewOrder",
            "StartAt": "A",
            "States": {
                "A": {
                    "Type": "Pass",
                    "Parameters": {
                        "city.$": "$.detail.customer.city",
                        "zip.$": "$.detail.customer.zipp",
                    },
                    "End": True,
                }
            },
        }
    )
    parsed, machine = parse(text, "ref.asl.json")
    schema = input_schema_for(parsed, machine, registry)
    assert schema is not None
    [found] = check_input_paths(machine, schema)
    assert "'zipp' is not a field of detail.customer" in found.message
    assert "did you mean 'zip'?" in found.message


def test_a_field_below_a_string_is_reported_with_the_type(registry: Registry) -> None:
    found = findings(
        registry,
        {
            "StartAt": "A",
            "States": {
                "A": {"Type": "Pass", "Parameters": {"x.$": "$.detail.order.id.first"}, "End": True}
            },
        },
    )
    [diagnostic] = found
    assert diagnostic.message.startswith("'first' is not a field of detail.order.id (string)")


@pytest.mark.parametrize(
    "start",
    [
        "$.detail",
        "$.detail.order",
        "$.detail.order.items[0].sku",
        "$$.Execution.Input.source",
        "$.source",
    ],
)
def test_known_paths_are_clean(registry: Registry, start: str) -> None:
    found = findings(
        registry,
        {
            "StartAt": "A",
            "States": {"A": {"Type": "Pass", "Parameters": {"x.$": start}, "End": True}},
        },
    )
    assert found == []


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(alphabet="$.[]'\"{}%@ detailordr`*?()", max_size=30),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "StartAt",
                    "States",
                    "Type",
                    "Next",
                    "A",
                    "B",
                    "Parameters",
                    "x.$",
                    "ResultPath",
                    "Output",
                    "QueryLanguage",
                    "Choices",
                    "Variable",
                    "Branches",
                    "Catch",
                    "Default",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(definition=json_values)
def test_any_definition_is_checked_without_raising(definition: object, registry_path: Any) -> None:
    text = json.dumps(definition)
    parsed = parse_document_safe(text)
    with Registry(registry_path) as registry:
        for machine in parsed.state_machines:
            schema = input_schema_for(
                parsed, machine, registry, schema_name="com.example.shop@OrderPlaced"
            )
            assert schema is not None
            for diagnostic in check_input_paths(machine, schema):
                assert diagnostic.code == UNKNOWN_FIELD


def parse_document_safe(text: str) -> Any:
    from eventsmith.asl import parse_document

    return parse_document(text, "random.asl.json")


@pytest.mark.parametrize(("added", "checked"), [(5, True), (40, False)])
def test_past_32_added_fields_the_input_is_no_longer_followed(
    registry: Registry, added: int, checked: bool
) -> None:
    states: dict[str, Any] = {
        f"Add {index}": {
            "Type": "Pass",
            "Result": index,
            "ResultPath": f"$.added{index}",
            "Next": f"Add {index + 1}" if index + 1 < added else "Read",
        }
        for index in range(added)
    }
    states["Read"] = {"Type": "Pass", "Parameters": {"x.$": "$.detail.nope"}, "End": True}
    found = findings(registry, {"StartAt": "Add 0", "States": states})
    assert names(found) == (["nope"] if checked else [])
