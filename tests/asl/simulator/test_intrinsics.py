"""Every `States.*` intrinsic, on the worked examples of the AWS developer guide, "Intrinsic
functions for JSONPath states" (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html;
the archived source is awsdocs/aws-step-functions-developer-guide,
doc_source/amazon-states-language-intrinsic-functions.md). Each runs in a real Pass state."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import pytest

from tests.asl.simulator.helpers import pass_parameters, run, single

EXAMPLES = [
    # (input, Parameters, expected output), each from the guide's section of that function
    (
        {"name": "Arnav", "template": "Hello, my name is {}."},
        {
            "a.$": "States.Format('Hello, my name is {}.', $.name)",
            "b.$": "States.Format($.template, $.name)",
        },
        {"a": "Hello, my name is Arnav.", "b": "Hello, my name is Arnav."},
    ),
    (
        {"name": "Foo", "zebra": "stripe"},
        {"foo.$": "States.Format('Your name is {}, we are in the year {}', $.name, 2020)"},
        {"foo": "Your name is Foo, we are in the year 2020"},
    ),
    (
        {"someString": '{"number": 20}', "zebra": "stripe"},
        {"foo.$": "States.StringToJson($.someString)"},
        {"foo": {"number": 20}},
    ),
    (
        {"someJson": {"name": "Foo", "year": 2020}, "zebra": "stripe"},
        {"foo.$": "States.JsonToString($.someJson)"},
        {"foo": '{"name":"Foo","year":2020}'},
    ),
    (
        {"someJson": {"random": "abcdefg"}, "zebra": "stripe"},
        {"foo.$": "States.Array('Foo', 2020, $.someJson, null)"},
        {"foo": ["Foo", 2020, {"random": "abcdefg"}, None]},
    ),
    ({"Id": 123456}, {"BuildId.$": "States.Array($.Id)"}, {"BuildId": [123456]}),
    (
        {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9]},
        {"inputArray.$": "States.ArrayPartition($.inputArray,4)"},
        {"inputArray": [[1, 2, 3, 4], [5, 6, 7, 8], [9]]},
    ),
    (
        {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "lookingFor": 5},
        {"contains.$": "States.ArrayContains($.inputArray, $.lookingFor)"},
        {"contains": True},
    ),
    ({}, {"array.$": "States.ArrayRange(1, 9, 2)"}, {"array": [1, 3, 5, 7, 9]}),
    (
        {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "index": 5},
        {"item.$": "States.ArrayGetItem($.inputArray, $.index)"},
        {"item": 6},
    ),
    (
        {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9]},
        {"length.$": "States.ArrayLength($.inputArray)"},
        {"length": 9},
    ),
    (
        {"inputArray": [1, 2, 3, 3, 3, 3, 3, 3, 4]},
        {"array.$": "States.ArrayUnique($.inputArray)"},
        {"array": [1, 2, 3, 4]},
    ),
    (
        {"input": "Data to encode"},
        {"base64.$": "States.Base64Encode($.input)"},
        {"base64": "RGF0YSB0byBlbmNvZGU="},
    ),
    (
        {"json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}},
        {"output.$": "States.JsonMerge($.json1, $.json2, false)"},
        {"output": {"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3}},
    ),
    (
        {"value1": 111, "step": -1},
        {"value1.$": "States.MathAdd($.value1, $.step)"},
        {"value1": 110},
    ),
    (
        {"inputString": "1,2,3,4,5", "splitter": ","},
        {"array.$": "States.StringSplit($.inputString, $.splitter)"},
        {"array": ["1", "2", "3", "4", "5"]},
    ),
    (
        {"inputString": "This.is+a,test=string", "splitter": ".+,=", "extra": 1},
        {"myStringArray.$": "States.StringSplit($.inputString, $.splitter)"},
        {"myStringArray": ["This", "is", "a", "test", "string"]},
    ),
]


@pytest.mark.parametrize(("value", "parameters", "expected"), EXAMPLES)
def test_guide_example(value: Any, parameters: dict[str, Any], expected: Any) -> None:
    assert pass_parameters(parameters, value) == expected


def test_base64_decode_round_trips_the_guide_example() -> None:
    # The guide decodes "RGF0YSB0byBlbmNvZGU=" and prints "Decoded data", a typo: those bytes
    # are "Data to encode" (its own Base64Encode example), which is what we check.
    assert base64.b64decode("RGF0YSB0byBlbmNvZGU=") == b"Data to encode"
    out = pass_parameters(
        {"data.$": "States.Base64Decode($.base64)"}, {"base64": "RGF0YSB0byBlbmNvZGU="}
    )
    assert out == {"data": "Data to encode"}


def test_hash_of_the_guide_example() -> None:
    # The guide prints 39 hex digits for SHA-1("input data") (one dropped); hashlib gives the 40.
    expected = hashlib.sha1(b"input data").hexdigest()
    assert expected.startswith("aaff4a450a104cd177d28d18d74")
    out = pass_parameters(
        {"output.$": "States.Hash($.Data, $.Algorithm)"},
        {"Data": "input data", "Algorithm": "SHA-1"},
    )
    assert out == {"output": expected}


def test_math_random_stays_in_range_and_is_repeatable_with_a_seed() -> None:
    params = {"r.$": "States.MathRandom($.start, $.end)", "s.$": "States.MathRandom(1, 999, 7)"}
    first = pass_parameters(params, {"start": 1, "end": 999})
    second = pass_parameters(params, {"start": 1, "end": 999})
    assert 1 <= first["r"] < 999 and first["s"] == second["s"]


def test_uuid_is_version_4() -> None:
    out = pass_parameters({"uuid.$": "States.UUID()"}, {})
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", out["uuid"]
    )


def test_nine_nested_calls_from_the_guide() -> None:
    arn = "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/recipe-name/1.2.3"
    inner = (
        "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
        "States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), {})"
    )
    value = {"ImageRecipe": {"Arn": arn}}
    two = f"States.Format('{{}}.{{}}', {inner.format(0)}, {inner.format(1)})"
    assert pass_parameters({"myArn.$": two}, value) == {"myArn": "1.2"}
    # As printed, the guide's template has three {} for two arguments, which States.Format
    # refuses ("There must be as many remaining arguments ... as there are occurrences of {}").
    three = f"States.Format('{{}}.{{}}.{{}}', {inner.format(0)}, {inner.format(1)})"
    result = run(single({"Type": "Pass", "Parameters": {"myArn.$": three}}), value)
    assert (result.status, result.error) == ("FAILED", "States.IntrinsicFailure")


@pytest.mark.parametrize(
    ("call", "value"),
    [
        ("States.ArrayGetItem($.a, 5)", {"a": [1]}),
        ("States.ArrayPartition($.a, 0)", {"a": [1]}),
        ("States.ArrayRange(1, 5000, 1)", {}),
        ("States.JsonMerge($.a, $.a, true)", {"a": {}}),
        ("States.StringToJson($.s)", {"s": "{not json"}),
        ("States.Format('{}', $.o)", {"o": {"x": 1}}),
        ("States.MathAdd($.s, 1)", {"s": "one"}),
        ("States.Hash($.s, 'CRC32')", {"s": "x"}),
        ("States.Nope($.s)", {"s": "x"}),
        ("States.ArrayLength($.missing)", {}),
    ],
)
def test_invalid_arguments_are_an_intrinsic_failure(call: str, value: Any) -> None:
    result = run(single({"Type": "Pass", "Parameters": {"x.$": call}}), value)
    assert (result.status, result.error) == ("FAILED", "States.IntrinsicFailure")
    assert "An error occurred while executing the state 'S'" in (result.cause or "")


def test_escaped_characters_in_string_literals() -> None:
    # "Reserved characters in intrinsic functions": \\' \\{ \\} \\\\ stand for ' { } \\.
    out = pass_parameters({"x.$": "States.Format('It\\'s \\{\\} \\\\ {}', $.v)"}, {"v": "ok"})
    assert out == {"x": "It's {} \\ ok"}
