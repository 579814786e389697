"""Match one compiled pattern against decoded JSON events.

The pattern model is turned into nested closures once, so matching an event is a walk over
the fields the pattern names and nothing else. Semantics, from the EventBridge docs and
aws/event-ruler:

- a field's *leaf values* are its scalar value, or the scalars inside it when it is an array
  (nested arrays are crushed); an object or an empty array has none;
- a field matches when any leaf value matches any entry of the pattern's array; `exists: true`
  needs a leaf value, `exists: false` needs none (absent field, object or empty array);
- a nested pattern on an array of objects must hold inside one element (array consistency,
  as in `rulesForJSONEvent`); on a missing field or a scalar it is tested against `{}` so that
  `exists: false` further down can still match;
- `$or` needs one branch to hold on the same object.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from eventsmith.patterns._model import Condition, ExactValues, Exists, FieldTest, ObjectPattern

MISSING: Any = object()  # sentinel for "the event has no such key"
_EMPTY: dict[str, Any] = {}

ValueTest = Callable[[Any], bool]
RawTest = Callable[[Any], bool]
EventTest = Callable[[Mapping[str, Any]], bool]


def leaf_values(value: Any) -> list[Any]:
    """The scalars a field holds, arrays crushed; MISSING, objects and `[]` give none."""
    if value is MISSING or isinstance(value, dict):
        return []
    if not isinstance(value, list):
        return [value]
    return [item for item in crushed(value) if not isinstance(item, dict)]


def object_elements(value: list[Any]) -> list[dict[str, Any]]:
    """The objects inside an array, nested arrays crushed."""
    return [item for item in crushed(value) if isinstance(item, dict)]


def crushed(items: list[Any]) -> list[Any]:
    """The non-array items of an array, in order, however deep its arrays nest (no recursion:
    events may nest arrays deeper than Python's recursion limit)."""
    if not any(isinstance(item, list) for item in items):
        return items
    found: list[Any] = []
    stack = [iter(items)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, list):
                stack.append(iter(item))
                break
            found.append(item)
        else:
            stack.pop()
    return found


def expand_dotted(event: Any) -> Any:
    """The event with dotted keys read as nesting, as EventBridge reads them: it flattens
    event and pattern alike, so `{"state.status": "x"}` and `{"state": {"status": "x"}}` are
    the same field. Both spellings of one field keep both values (an array). The event
    itself comes back when no key has a dot, the common case."""
    if not _has_dotted_key(event):
        return event
    try:
        return _expanded(event)
    except RecursionError:  # absurdly deep events stay as they are
        return event


def _has_dotted_key(value: Any) -> bool:
    stack = [value]
    while stack:
        node = stack.pop()
        if node.__class__ is dict:
            for key, item in node.items():
                if "." in key:
                    return True
                if item.__class__ is dict or item.__class__ is list:
                    stack.append(item)
        elif node.__class__ is list:
            stack.extend(item for item in node if item.__class__ in (dict, list))
    return False


def _expanded(value: Any) -> Any:
    if isinstance(value, list):
        return [_expanded(item) for item in value]
    if not isinstance(value, dict):
        return value
    result: dict[str, Any] = {}
    for key, item in value.items():
        item = _expanded(item)
        parts = key.split(".") if isinstance(key, str) and "." in key else [key]
        if not all(parts):
            parts = [key]
        for part in reversed(parts[1:]):
            item = {part: item}
        _merge(result, parts[0], item)
    return result


def _merge(target: dict[str, Any], key: str, item: Any) -> None:
    if key not in target:
        target[key] = item
        return
    existing = target[key]
    if isinstance(existing, dict) and isinstance(item, dict):
        merged = dict(existing)
        for inner_key, inner_item in item.items():
            _merge(merged, inner_key, inner_item)
        target[key] = merged
        return
    before = existing if isinstance(existing, list) else [existing]
    after = item if isinstance(item, list) else [item]
    target[key] = [*before, *after]


def value_test(conditions: tuple[Condition, ...]) -> ValueTest:
    """Whether one leaf value satisfies any non-`exists` condition of a field."""
    tests = [condition for condition in conditions if not isinstance(condition, Exists)]
    if len(tests) == 1:
        only = tests[0]
        strings_only = isinstance(only, ExactValues) and not (
            only.numbers or only.true or only.false or only.null or only.addresses
        )
        if strings_only and isinstance(only, ExactValues):
            # The common case: a list of strings. Non-strings are never in a set of str.
            return only.strings.__contains__
        return only.test
    bound = [condition.test for condition in tests]
    return lambda value: any(test(value) for test in bound)


def single_value_test(field: FieldTest) -> ValueTest:
    """Whether one present leaf value satisfies the field (`exists: true` takes any)."""
    if any(isinstance(c, Exists) and c.present for c in field.conditions):
        return lambda _value: True
    return value_test(field.conditions)


def field_test(field: FieldTest) -> RawTest:
    """Whether the raw event value of a key (MISSING when absent) satisfies the field."""
    when_absent = any(isinstance(c, Exists) and not c.present for c in field.conditions)
    single = single_value_test(field)

    def check(raw: Any) -> bool:
        if isinstance(raw, list):
            values = leaf_values(raw)
            if not values:
                return when_absent
            return any(single(value) for value in values)
        if raw is MISSING or isinstance(raw, dict):
            return when_absent
        return single(raw)

    return check


def nested_test(inner: EventTest) -> RawTest:
    """Whether the raw event value of a key satisfies a nested pattern (see module notes)."""
    absent_result = inner(_EMPTY)  # fixed: only `exists: false` can hold on an empty object

    def check(raw: Any) -> bool:
        if isinstance(raw, dict):  # dict subclasses too, which generated code sends here
            return inner(raw)
        if isinstance(raw, list):
            elements = object_elements(raw)
            if elements:
                return any(inner(element) for element in elements)
        return absent_result

    return check


def object_test(node: ObjectPattern) -> EventTest:
    checks: list[tuple[str, RawTest]] = [(f.key, field_test(f)) for f in node.fields]
    checks += [(n.key, nested_test(object_test(n.pattern))) for n in node.nested]
    or_groups = [[object_test(branch) for branch in group.branches] for group in node.ors]

    if not or_groups and len(checks) == 1:
        ((key, only),) = checks
        return lambda event: only(event.get(key, MISSING))

    def check(event: Mapping[str, Any]) -> bool:
        get = event.get
        for key, test in checks:
            if not test(get(key, MISSING)):
                return False
        for branches in or_groups:
            for branch in branches:
                if branch(event):
                    break
            else:
                return False
        return True

    return check
