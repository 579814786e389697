"""JSONata (ASL7xx): every `{% %}` string of a JSONata state parses (jsonata-python, the
JSONata 2.0 grammar Step Functions uses), `$eval` is refused, and the workflow variables an
expression reads are recorded for the variable rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eventsmith.asl.rules._base import WARNING, Context, opaque
from eventsmith.asl.syntax._document import Path
from eventsmith.asl.syntax._model import State

_NESTED_SCOPES = ("ItemProcessor", "Iterator", "Branches")
# Fields that name states or types: never evaluated, so "{%" there is just part of a name.
_NAME_FIELDS = frozenset({"Next", "Default", "Type"})
# Names JSONata binds itself or Step Functions reserves; never workflow variables.
_NOT_VARIABLES = frozenset({"", "states"})
_ALWAYS = frozenset({"input", "context"})
_AFTER_RESULT = _ALWAYS | {"result"}
_IN_CATCH = _ALWAYS | {"errorOutput"}


@dataclass(frozen=True)
class Expression:
    error: str | None
    error_offset: int
    variables: frozenset[str]
    uses_eval: bool
    states_fields: frozenset[str] = frozenset()  # `x` of every `$states.x` read


def check(context: Context) -> None:
    for state in context.machine.states():
        if state.jsonata:
            _walk(context, state, state.body, state.path, top=True)


def _states_fields(state: State, path: Path) -> frozenset[str]:
    """The `$states` fields an expression at `path` may read (Step Functions' data model)."""
    where = path[len(state.path) :]
    if where[:1] == ("Catch",) and len(where) > 2 and where[2] in ("Output", "Assign"):
        return _IN_CATCH
    if where[:1] in (("Output",), ("Assign",)) and state.type in ("Task", "Parallel", "Map"):
        return _AFTER_RESULT
    return _ALWAYS


def _walk(context: Context, state: State, value: Any, path: Path, top: bool = False) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if (top and key in _NESTED_SCOPES) or (
                key in _NAME_FIELDS | {"Comment"} and _annotates(state, path)
            ):
                continue
            _walk(context, state, item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(context, state, item, (*path, index))
    elif isinstance(value, str) and "{%" in value and not opaque(value):
        _string(context, state, value, path)


def _annotates(state: State, path: Path) -> bool:
    """A field of the state itself, a Choice rule, a retrier or a catcher (its `Comment`, or a
    name such as `Next`): never evaluated (inside Arguments or Output it is payload like any
    other key)."""
    where = path[len(state.path) :]
    return not where or where[0] in ("Choices", "Retry", "Catch")


def _string(context: Context, state: State, value: str, path: Path) -> None:
    text = value.strip()
    if not (text.startswith("{%") and text.endswith("%}")):
        context.report(
            "ASL704",
            "This looks like a broken JSONata template: only a string that is all"
            ' "{% expression %}" is evaluated, so this one is passed on as plain text',
            path,
            severity=WARNING,
        )
        return
    source = text[2:-2]
    expression = parse_expression(source)
    if expression.error is not None:
        # Offsets of the expression count from after "{%" in the (stripped) string; an error
        # at the very end points at the expression's last character, not at the "%}".
        offset = min(expression.error_offset, max(0, len(source.rstrip()) - 1))
        at = len(value) - len(value.lstrip()) + 2 + offset
        context.report(
            "ASL701",
            f"JSONata syntax error at character {expression.error_offset + 1}: {expression.error}",
            path,
            within=(at, 1),
        )
        return
    if expression.uses_eval:
        context.report(
            "ASL702",
            "$eval is not available in Step Functions; use $parse",
            path,
            within=_find(value, r"\$eval\b"),
        )
    for name in sorted(expression.variables):
        context.variable_uses.append((name, path))
    allowed = _states_fields(state, path)
    for field in sorted(expression.states_fields - allowed):
        where = _find(value, rf"\$states\s*\.\s*{re.escape(field)}\b")
        context.report("ASL705", _misplaced_field(field, state), path, within=where)


def _find(text: str, pattern: str) -> tuple[int, int] | None:
    """(offset, length) of the first match in `text`, None to report on the whole value."""
    match = re.search(pattern, text)
    return (match.start(), match.end() - match.start()) if match else None


def _misplaced_field(field: str, state: State) -> str:
    if field == "result":
        return (
            "$states.result exists only in the Output and Assign of a Task, Parallel or Map"
            f" state, after it ran (not here in {state.type or 'this'} state '{state.name}')"
        )
    if field == "errorOutput":
        return "$states.errorOutput exists only in the Output and Assign of a Catch"
    return f"$states has no field '{field}' (it has input, result, errorOutput and context)"


@lru_cache(maxsize=4096)
def parse_expression(source: str) -> Expression:
    """Parse a JSONata expression (without the `{% %}`), never raising."""
    import jsonata
    from jsonata.jexception import JException

    if not source.strip():
        return Expression("the expression is empty", 0, frozenset(), False)
    try:
        ast = jsonata.Jsonata(source).ast
    except JException as error:
        message = str(error)
        offset = getattr(error, "location", 0)
        return Expression(message, offset if isinstance(offset, int) else 0, frozenset(), False)
    except Exception as error:  # the library raises plain errors on some malformed input
        return Expression(str(error) or type(error).__name__, 0, frozenset(), False)
    collector = _Collector()
    collector.visit(ast)
    free = collector.used - collector.bound - collector.functions - _NOT_VARIABLES
    return Expression(
        None, 0, frozenset(free), "eval" in collector.functions, frozenset(collector.states_fields)
    )


class _Collector:
    """Walks jsonata-python's AST: variables read, names bound inside, functions called."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.bound: set[str] = set()
        self.functions: set[str] = set()
        self.states_fields: set[str] = set()
        self.seen: set[int] = set()

    def visit(self, node: Any) -> None:
        if isinstance(node, list | tuple):
            for item in node:
                self.visit(item)
            return
        if not hasattr(node, "type") or id(node) in self.seen:
            return
        self.seen.add(id(node))
        kind = getattr(node, "type", None)
        if kind == "variable" and isinstance(node.value, str):
            self.used.add(node.value)
        elif kind == "bind":
            lhs: Any = getattr(node, "lhs", None)
            if getattr(lhs, "type", None) == "variable":
                self.bound.add(lhs.value)
        elif kind == "lambda":
            for argument in getattr(node, "arguments", None) or []:
                if getattr(argument, "type", None) == "variable":
                    self.bound.add(argument.value)
        elif kind == "path":
            steps: Any = getattr(node, "steps", None) or []
            if (
                len(steps) > 1
                and getattr(steps[0], "type", None) == "variable"
                and steps[0].value == "states"
                and getattr(steps[1], "type", None) == "name"
            ):
                self.states_fields.add(str(steps[1].value))
        elif kind in ("function", "partial"):
            procedure: Any = getattr(node, "procedure", None)
            if getattr(procedure, "type", None) == "variable":
                self.functions.add(procedure.value)
        for name in ("focus", "index"):
            binding = getattr(node, name, None)
            if isinstance(binding, str):
                self.bound.add(binding)
        for attribute, child in vars(node).items():
            if attribute not in ("value",) and child is not node:
                self.visit(child)
