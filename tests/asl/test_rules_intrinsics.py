"""The intrinsic-function parser and its checks (names, arity, nesting, States.Format)."""

from __future__ import annotations

import pytest

from eventsmith.asl import check_text
from eventsmith.asl.rules._intrinsics import (
    IntrinsicSyntaxError,
    format_placeholders,
    parse_call,
    walk,
)


def _codes(expression: str) -> list[str]:
    text = (
        '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": '
        + '"'
        + expression.replace("\\", "\\\\").replace('"', '\\"')
        + '"}, "End": true}}}'
    )
    return [d.code for d in check_text(text, "f.json")]


@pytest.mark.parametrize(
    "expression",
    [
        "States.Format('Hello {}, you are {}', $.name, $.age)",
        "States.Format('literal braces \\\\{\\\\} and {}', $$.Execution.Id)",
        "States.StringToJson($.json)",
        "States.JsonToString($)",
        "States.Array(1, 'two', true, null, $.x, States.UUID())",
        "States.Array()",
        "States.ArrayPartition($.items, 4)",
        "States.ArrayContains($.items, $.needle)",
        "States.ArrayRange(1, 9, 2)",
        "States.ArrayGetItem($.items, 0)",
        "States.ArrayLength($.items)",
        "States.ArrayUnique($.items)",
        "States.Base64Encode($.raw)",
        "States.Base64Decode($.encoded)",
        "States.Hash($.data, 'SHA-384')",
        "States.JsonMerge($.a, $.b, false)",
        "States.MathRandom(1, 100)",
        "States.MathRandom(1, 100, 42)",
        "States.MathAdd($.n, -1)",
        "States.StringSplit($.csv, ',')",
        "States.UUID()",
        "States.ArrayLength(States.StringSplit($.items[?(@.a == 'b, c')].x, ','))",
    ],
)
def test_valid_calls_have_no_findings(expression: str) -> None:
    assert _codes(expression) == []


@pytest.mark.parametrize(
    ("expression", "code"),
    [
        ("States.Formatt('{}', $.a)", "ASL604"),
        ("States.UUID(1)", "ASL605"),
        ("States.ArrayRange(1, 2)", "ASL605"),
        ("States.MathRandom(1, 2, 3, 4)", "ASL605"),
        ("States.Hash($.a, 'SHA-3')", "ASL605"),
        ("States.Format('{} {}', $.a)", "ASL608"),
        ("States.Format('{}', $.a", "ASL607"),
        ("States.Format('{}, $.a)", "ASL607"),
        ("States.JsonToString($.a[)", "ASL607"),
        ("States.JsonToString($.a..)", "ASL601"),
    ],
)
def test_broken_calls(expression: str, code: str) -> None:
    assert code in _codes(expression)


def test_nesting_deeper_than_ten_is_refused() -> None:
    ten = "States.Array(" * 10 + "1" + ")" * 10
    assert parse_call(ten).depth == 10
    assert _codes(ten) == []
    assert _codes("States.Array(" + ten + ")") == ["ASL606"]


def test_the_parser_keeps_arguments_and_offsets() -> None:
    call = parse_call("States.Format('a\\'b {}', States.MathAdd($.x, 1))")
    assert [argument.kind for argument in call.args] == ["string", "call"]
    assert [nested.name for nested in walk(call)] == ["States.Format", "States.MathAdd"]
    assert walk(call)[1].start == 25
    with pytest.raises(IntrinsicSyntaxError) as error:
        parse_call("States.Format(")
    assert error.value.offset == 14


def test_format_placeholders_skip_escaped_braces() -> None:
    assert format_placeholders("{} and \\{\\} and {}") == 2
