"""Type names: PascalCase, singular array items, parent prefixes before numbers, no keywords."""

from __future__ import annotations

import keyword
import re

from hypothesis import given
from hypothesis import strategies as st

from eventsmith.codegen._model import ClassDef, Named, build_type_model
from eventsmith.codegen._naming import RESERVED_TYPE_NAMES, NameTable, singular, type_name

ASCII_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def test_pascal_case_from_keys_and_titles() -> None:
    assert type_name("detail-type") == "DetailType"
    assert type_name("ticketId") == "TicketId"
    assert type_name("meta_data") == "MetaData"
    assert type_name("EC2 Instance State-change Notification") == (
        "EC2InstanceStateChangeNotification"
    )
    assert type_name("größe") == "Grosse"
    assert type_name("123abc") == "N123Abc"
    assert type_name("注文") == "Value"


def test_singular_of_array_names() -> None:
    assert singular("Items") == "Item"
    assert singular("Categories") == "Category"
    assert singular("Addresses") == "Address"
    assert singular("OrderLines") == "OrderLine"
    assert singular("Boxes") == "Box"
    # Not a recognisable plural: the element gets its own name instead of the array's.
    assert singular("Status") == "StatusItem"
    assert singular("Data") == "DataItem"


def test_name_table_prefers_the_parent_prefix_over_numbers() -> None:
    names = NameTable()
    assert names.claim("Item", "Order") == "Item"
    assert names.claim("Item", "Order") == "OrderItem"
    assert names.claim("Item", "Order") == "OrderItem2"
    assert names.claim("Error") == "ErrorType"
    assert names.claim("None") == "NoneType"


@given(st.text())
def test_any_text_gives_an_identifier_both_languages_accept(text: str) -> None:
    name = NameTable().claim(type_name(text))
    assert ASCII_IDENTIFIER.match(name)
    assert not keyword.iskeyword(name)
    assert name[0].isupper()


@given(st.lists(st.sampled_from(["Item", "Error", "None", "Detail", "Record"]), max_size=12))
def test_claimed_names_are_unique_and_never_reserved(candidates: list[str]) -> None:
    names = NameTable()
    claimed = [names.claim(candidate, "Parent") for candidate in candidates]
    assert len(set(claimed)) == len(claimed)
    assert not RESERVED_TYPE_NAMES.intersection(claimed)


def _object(**properties: object) -> dict[str, object]:
    return {"type": "object", "properties": properties}


def test_array_items_are_singular_and_clashes_take_the_parent_name() -> None:
    item = _object(sku=_object(code={"type": "string"}))
    schema = _object(
        items={"type": "array", "items": item},
        order=_object(items={"type": "array", "items": _object(other={"type": "integer"})}),
    )
    model = build_type_model({**schema, "title": "Cart"})
    names = [definition.name for definition in model.definitions]
    assert names == ["Cart", "Item", "Sku", "Order", "OrderItem"]
    cart = model.get("Cart")
    assert isinstance(cart, ClassDef)
    assert cart.fields[0].type.items == Named("Item")  # type: ignore[union-attr]


def test_identical_shapes_share_one_class() -> None:
    address = _object(street={"type": "string"})
    model = build_type_model({**_object(address=address, billing=_object(address=address))})
    assert [d.name for d in model.definitions] == ["Model", "Address", "Billing"]


def test_envelope_names_root_aws_event_and_detail_after_the_detail_type() -> None:
    schema = {
        **_object(detail=_object(a={"type": "string"}), **{"detail-type": {"type": "string"}}),
        "x-amazon-events-detail-type": "Order Created",
    }
    model = build_type_model(schema)
    assert [d.name for d in model.definitions] == ["AWSEvent", "OrderCreated"]
