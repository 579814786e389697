"""Turn one pattern into one generated Python function, for speed.

A tree of closures spends most of its time calling closures. The generated function reads
the event with inline `dict.get` calls, tests plain strings inline (the common case: `source`,
`detail-type` and string fields) and only calls the closures of `_match.py` for what is not a
plain string or a plain object: arrays, missing fields, numbers, nested arrays of objects.
The semantics are those of `_match.py`; tests compare the two on random patterns and events.
"""

from __future__ import annotations

import itertools
from typing import Any

from eventsmith.patterns._match import (
    MISSING,
    EventTest,
    field_test,
    nested_test,
    object_test,
    single_value_test,
)
from eventsmith.patterns._model import (
    NUMERIC_LIMIT,
    AnythingBut,
    EqualsIgnoreCase,
    ExactValues,
    Exists,
    FieldTest,
    Numeric,
    ObjectPattern,
    Prefix,
    Suffix,
    comparable,
)

_MAX_DEPTH = 24  # deeper patterns use the closures: Python limits nested blocks


def _depth(node: ObjectPattern) -> int:
    inner = [_depth(nested.pattern) for nested in node.nested]
    inner += [_depth(branch) for group in node.ors for branch in group.branches]
    return 1 + max(inner, default=0)


def _string_set(field: FieldTest) -> frozenset[str] | None:
    """The strings of a field made only of plain string values, else None."""
    if len(field.conditions) != 1 or not isinstance(field.conditions[0], ExactValues):
        return None
    exact = field.conditions[0]
    if exact.numbers or exact.true or exact.false or exact.null or exact.addresses:
        return None
    return exact.strings


def generate_matcher(root: ObjectPattern) -> EventTest:
    if _depth(root) > _MAX_DEPTH:
        return object_test(root)
    builder = _Builder()
    builder.object(root, "event", 1)
    source = "def match(event):\n" + "\n".join(builder.lines) + "\n    return True\n"
    namespace: dict[str, Any] = {"MISSING": MISSING, **builder.constants}
    exec(compile(source, "<event pattern>", "exec"), namespace)
    matcher: EventTest = namespace["match"]
    return matcher


class _Builder:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {}
        self._names = itertools.count()

    def name(self, prefix: str) -> str:
        return f"{prefix}{next(self._names)}"

    def constant(self, value: Any) -> str:
        name = self.name("c")
        self.constants[name] = value
        return name

    def _string_test(self, field: FieldTest, value: str) -> str:
        """A Python expression: does the string in `value` satisfy the field?"""
        strings = _string_set(field)
        if strings is not None:
            return f"{value} in {self.constant(strings)}"
        only = field.conditions[0] if len(field.conditions) == 1 else None
        if isinstance(only, Prefix | Suffix):
            method = "startswith" if isinstance(only, Prefix) else "endswith"
            if only.ignore_case:
                return f"{value}.lower().{method}({only.text.lower()!r})"
            return f"{value}.{method}({only.text!r})"
        if isinstance(only, Exists):  # a string is a leaf value: it exists
            return "True" if only.present else "False"
        if isinstance(only, EqualsIgnoreCase):
            return f"{value}.lower() == {only.text.lower()!r}"
        if isinstance(only, AnythingBut) and isinstance(only.excluded, ExactValues):
            return f"{value} not in {self.constant(only.excluded.strings)}"
        return f"{self.constant(single_value_test(field))}({value})"

    def object(self, node: ObjectPattern, var: str, indent: int) -> None:
        pad = "    " * indent
        emit = self.lines.append
        for field in node.fields:
            value = self.name("v")
            emit(f"{pad}{value} = {var}.get({field.key!r}, MISSING)")
            only = field.conditions[0] if len(field.conditions) == 1 else None
            if isinstance(only, Numeric):
                # Numbers inline, as model.Numeric.test does it (six decimals within ±5e9).
                emit(f"{pad}if {value}.__class__ is int or {value}.__class__ is float:")
                limits = f"{-NUMERIC_LIMIT!r} <= {value} <= {NUMERIC_LIMIT!r}"
                emit(f"{pad}    if not {limits}: return False")
                key = self.name("k")
                emit(f"{pad}    {key} = int(1e6 * ({NUMERIC_LIMIT!r} + {value}))")
                if only.lower is not None:
                    op = "<" if only.lower_inclusive else "<="
                    emit(f"{pad}    if {key} {op} {comparable(only.lower)}: return False")
                if only.upper is not None:
                    op = ">" if only.upper_inclusive else ">="
                    emit(f"{pad}    if {key} {op} {comparable(only.upper)}: return False")
            else:
                emit(f"{pad}if {value}.__class__ is str:")
                emit(f"{pad}    if not ({self._string_test(field, value)}): return False")
            emit(f"{pad}elif not {self.constant(field_test(field))}({value}): return False")
        for nested in node.nested:
            value = self.name("d")
            emit(f"{pad}{value} = {var}.get({nested.key!r}, MISSING)")
            emit(f"{pad}if {value}.__class__ is dict:")
            self.object(nested.pattern, value, indent + 1)
            fallback = self.constant(nested_test(object_test(nested.pattern)))
            emit(f"{pad}elif not {fallback}({value}): return False")
        for group in node.ors:
            branches = [self.constant(generate_matcher(branch)) for branch in group.branches]
            calls = " or ".join(f"{branch}({var})" for branch in branches)
            emit(f"{pad}if not ({calls}): return False")
