"""Completion of references to the input event, from the schema."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventsmith.registry import Registry
from eventsmith.workflow_schemas import FieldCompletion, InputSchema, complete_input_path
from tests.workflow_schemas.conftest import parse_file

ENVELOPE = ["account", "detail", "detail-type", "id", "region", "resources", "source", "time"]


def order_placed(registry: Registry) -> InputSchema:
    from eventsmith.workflow_schemas import input_schema_for

    _, parsed, machine = parse_file("template.yaml")
    schema = input_schema_for(parsed, machine, registry)
    assert schema is not None
    return schema


def labels(found: tuple[FieldCompletion, ...]) -> list[str]:
    return sorted(item.label for item in found)


def test_jsonpath_fields_below_detail(registry: Registry) -> None:
    schema = order_placed(registry)
    assert labels(complete_input_path(schema, "$.detail.")) == ["order"]
    found = complete_input_path(schema, "$.detail.order.cu")
    assert labels(found) == ["customer", "id", "items", "total"]
    customer = next(item for item in found if item.label == "customer")
    assert (customer.replace, customer.insert_text) == ("cu", "customer")
    assert customer.path == ("detail", "order", "customer")
    assert customer.type == "object"
    assert customer.required is True
    total = next(item for item in found if item.label == "total")
    assert total.type == "number"  # seen as 42.5 and 7


def test_the_envelope_and_its_formats(registry: Registry) -> None:
    found = complete_input_path(order_placed(registry), "$$.Execution.Input.")
    assert labels(found) == sorted([*ENVELOPE, "version"])
    time = next(item for item in found if item.label == "time")
    assert (time.type, time.format) == ("string", "date-time")


def test_jsonata_needs_backticks_for_names_that_are_not_identifiers(registry: Registry) -> None:
    schema = order_placed(registry)
    found = complete_input_path(schema, "{% $states.input.")
    inserts = {item.label: item.insert_text for item in found}
    assert inserts["detail-type"] == "`detail-type`"
    assert inserts["detail"] == "detail"
    typed = complete_input_path(schema, "{% $states.input.`detail-t")
    assert {item.label: item.insert_text for item in typed}["detail-type"] == "detail-type`"
    assert typed[0].replace == "detail-t"


def test_arrays_complete_their_elements_fields(registry: Registry) -> None:
    schema = order_placed(registry)
    expected = ["quantity", "sku"]
    assert labels(complete_input_path(schema, "$.detail.order.items[0].")) == expected
    assert labels(complete_input_path(schema, "{% $states.input.detail.order.items.")) == expected
    assert labels(complete_input_path(schema, "$['detail']['order']['it")) == [
        "customer",
        "id",
        "items",
        "total",
    ]


def test_only_the_reference_the_text_ends_in_is_completed(registry: Registry) -> None:
    schema = order_placed(registry)
    text = "States.Format('{} {}', $.detail.order.id, $.detail."
    assert labels(complete_input_path(schema, text)) == ["order"]
    assert complete_input_path(schema, "$.detail.order.id, 'x'") == ()
    assert complete_input_path(schema, "$.detail.nope.") == ()
    assert complete_input_path(schema, "$variable.") == ()
    assert complete_input_path(schema, "") == ()


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="$.[]'\"`{}% detailorderitems0*?@()", max_size=40))
def test_any_text_completes_without_raising(registry_path: object, text: str) -> None:
    with Registry(registry_path) as registry:  # type: ignore[arg-type]
        for item in complete_input_path(order_placed(registry), text):
            assert text.endswith(item.replace)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), language=st.sampled_from(["jsonpath", "jsonata"]))
def test_every_completion_leads_to_a_path_the_check_accepts(
    registry_path: object, data: st.DataObject, language: str
) -> None:
    import json

    from eventsmith.asl import parse_document
    from eventsmith.workflow_schemas import check_input_paths

    with Registry(registry_path) as registry:  # type: ignore[arg-type]
        schema = order_placed(registry)
        root = "$states.input." if language == "jsonata" else "$."
        typed = root
        for _ in range(data.draw(st.integers(1, 4))):
            options = complete_input_path(schema, ("{% " if language == "jsonata" else "") + typed)
            if not options:
                break
            chosen = data.draw(st.sampled_from(options))
            typed += chosen.insert_text
            reference = typed if language == "jsonpath" else "{% " + typed + " %}"
            state: dict[str, object] = {"Type": "Pass", "End": True}
            if language == "jsonpath":
                state["Parameters"] = {"x.$": reference}
            else:
                state["Output"] = reference
            definition = {
                "QueryLanguage": "JSONata" if language == "jsonata" else "JSONPath",
                "StartAt": "A",
                "States": {"A": state},
            }
            machine = parse_document(json.dumps(definition), "p.asl.json").state_machines[0]
            assert check_input_paths(machine, schema) == (), typed
            typed += "."
