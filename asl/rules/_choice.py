"""Choice rules (ASL3xx): one operator per rule, operand types, nested And/Or/Not, `Next` only
on top-level rules, `Condition` (JSONata) versus `Variable` + operator (JSONPath).
"""

from __future__ import annotations

from eventsmith.asl.rules._base import (
    RFC3339_TIMESTAMP,
    Context,
    did_you_mean,
    opaque,
    type_name,
)
from eventsmith.asl.rules._fields import is_jsonata
from eventsmith.asl.rules._paths import check_path
from eventsmith.asl.syntax._document import Path
from eventsmith.asl.syntax._model import State

_KINDS = {"String": "a string", "Numeric": "a number", "Timestamp": "a timestamp"}
_COMPARISONS = ("Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals")
OPERATORS: dict[str, str] = {
    **{f"{kind}{op}": expected for kind, expected in _KINDS.items() for op in _COMPARISONS},
    **{f"{kind}{op}Path": "a path" for kind in _KINDS for op in _COMPARISONS},
    "BooleanEquals": "a boolean",
    "BooleanEqualsPath": "a path",
    "StringMatches": "a string",
    **{
        test: "a boolean"
        for test in ("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp")
    },
}
_COMBINATORS = ("And", "Or", "Not")
_JSONPATH_RULE = ("Variable", "Next", "Comment", "Assign", *_COMBINATORS, *OPERATORS)
_JSONATA_RULE = ("Condition", "Next", "Comment", "Assign", "Output")


def check(context: Context) -> None:
    for state in context.machine.states():
        if state.type == "Choice":
            _choice(context, state)


def _choice(context: Context, state: State) -> None:
    choices = state.body.get("Choices")
    if not isinstance(choices, list):
        return  # missing or not an array: reported with the fields
    if not choices:
        context.report("ASL301", "'Choices' needs at least one rule", state.at("Choices"))
    for index, rule in enumerate(choices):
        path = state.at("Choices", index)
        if not isinstance(rule, dict):
            context.report(
                "ASL301", f"A Choice rule must be an object, not {type_name(rule)}", path
            )
            continue
        if "Next" not in rule:
            context.report("ASL306", "A top-level Choice rule needs 'Next'", path)
        elif not isinstance(rule["Next"], str):
            context.report("ASL204", "'Next' must be a state name", (*path, "Next"))
        if state.jsonata:
            _jsonata_rule(context, rule, path)
        else:
            _rule(context, rule, path, top=True)


def _jsonata_rule(context: Context, rule: dict[str, object], path: Path) -> None:
    for key in rule:
        if key not in _JSONATA_RULE:
            hint = " (JSONata rules use 'Condition')" if key in _JSONPATH_RULE else ""
            suffix, _ = did_you_mean(key, _JSONATA_RULE)
            context.report(
                "ASL308",
                f"A JSONata Choice rule has no field '{key}'{hint or suffix}",
                (*path, key),
                anchor="key",
                fix=context.remove_member_fix((*path, key)),
            )
    if "Condition" not in rule:
        context.report("ASL308", "A JSONata Choice rule needs 'Condition'", path)
        return
    condition = rule["Condition"]
    if not (isinstance(condition, bool) or is_jsonata(condition) or opaque(condition)):
        context.report(
            "ASL304",
            "'Condition' must be a {% JSONata %} expression or a boolean,"
            f" not {type_name(condition)}",
            (*path, "Condition"),
        )


def _rule(context: Context, rule: dict[str, object], path: Path, top: bool) -> None:
    operators = [key for key in rule if key in OPERATORS or key in _COMBINATORS]
    for key in rule:
        if key in OPERATORS or key in _COMBINATORS or key in ("Variable", "Comment"):
            continue
        if key in ("Next", "Assign") and top:
            continue
        if key in ("Next", "Assign"):
            context.report(
                "ASL306",
                f"'{key}' is only allowed on a top-level Choice rule, not inside And/Or/Not",
                (*path, key),
                anchor="key",
            )
        elif key == "Condition":
            context.report(
                "ASL308",
                "'Condition' is a JSONata field; JSONPath rules use 'Variable' and an operator",
                (*path, key),
                anchor="key",
            )
        else:
            suffix, suggestion = did_you_mean(key, (*OPERATORS, *_COMBINATORS))
            fix = context.rename_key_fix((*path, key), suggestion) if suggestion else None
            context.report(
                "ASL309",
                f"Unknown Choice rule field '{key}'{suffix}",
                (*path, key),
                anchor="key",
                fix=fix,
            )
    if not operators:
        context.report("ASL302", "A Choice rule needs one comparison operator, or And/Or/Not", path)
        return
    if len(operators) > 1:
        context.report(
            "ASL303",
            f"A Choice rule takes one operator, not {len(operators)} ({', '.join(operators)})",
            (*path, operators[1]),
            anchor="key",
        )
    operator = operators[0]
    if operator in _COMBINATORS:
        if "Variable" in rule:
            context.report(
                "ASL305",
                f"'Variable' has no meaning beside '{operator}'",
                (*path, "Variable"),
                anchor="key",
            )
        _combinator(context, operator, rule[operator], (*path, operator))
        return
    variable = rule.get("Variable")
    if "Variable" not in rule:
        context.report("ASL305", f"A '{operator}' rule needs 'Variable'", path)
    elif not isinstance(variable, str):
        context.report(
            "ASL305", f"'Variable' must be a path, not {type_name(variable)}", (*path, "Variable")
        )
    else:
        check_path(context, variable, (*path, "Variable"), reference=True)
    _operand(context, operator, rule[operator], (*path, operator))


def _combinator(context: Context, operator: str, value: object, path: Path) -> None:
    if operator == "Not":
        if isinstance(value, dict):
            _rule(context, value, path, top=False)
        else:
            context.report("ASL307", f"'Not' takes one rule object, not {type_name(value)}", path)
        return
    if not isinstance(value, list) or not value:
        context.report("ASL307", f"'{operator}' takes a non-empty array of rules", path)
        return
    for index, nested in enumerate(value):
        if isinstance(nested, dict):
            _rule(context, nested, (*path, index), top=False)
        else:
            context.report(
                "ASL307",
                f"Each rule in '{operator}' must be an object, not {type_name(nested)}",
                (*path, index),
            )


def _operand(context: Context, operator: str, value: object, path: Path) -> None:
    expected = OPERATORS[operator]
    if opaque(value):
        return
    if expected == "a path":
        if isinstance(value, str):
            check_path(context, value, path, reference=True)
            return
        ok = False
    elif expected == "a string":
        ok = isinstance(value, str)
    elif expected == "a number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif expected == "a boolean":
        ok = isinstance(value, bool)
    else:
        ok = isinstance(value, str) and RFC3339_TIMESTAMP.match(value) is not None
    if not ok:
        context.report(
            "ASL304", f"'{operator}' compares with {expected}, not {_shown(value)}", path
        )


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else type_name(value)
