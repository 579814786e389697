"""JSONata (ASL7xx): every `{% %}` string of a JSONata state parses (jsonata-python, the
JSONata 2.0 grammar Step Functions uses), `$eval` is refused, and the workflow variables an
expression reads are recorded for the variable rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .document import Path
from .model import State
from .rules_base import Context, opaque

_NESTED_SCOPES = ("ItemProcessor", "Iterator", "Branches")
# Names JSONata binds itself or Step Functions reserves; never workflow variables.
_NOT_VARIABLES = frozenset({"", "states"})


@dataclass(frozen=True)
class Expression:
    error: str | None
    error_offset: int
    variables: frozenset[str]
    uses_eval: bool


def check(context: Context) -> None:
    for state in context.machine.states():
        if state.jsonata:
            _walk(context, state, state.body, state.path, top=True)


def _walk(context: Context, state: State, value: Any, path: Path, top: bool = False) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if top and key in _NESTED_SCOPES:
                continue
            _walk(context, state, item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(context, state, item, (*path, index))
    elif isinstance(value, str) and "{%" in value and not opaque(value):
        _string(context, value, path)


def _string(context: Context, value: str, path: Path) -> None:
    text = value.strip()
    if not (text.startswith("{%") and text.endswith("%}")):
        context.report(
            "ASL704",
            'A JSONata expression must fill the whole string: "{% expression %}"',
            path,
        )
        return
    expression = parse_expression(text[2:-2])
    if expression.error is not None:
        context.report(
            "ASL701",
            f"JSONata syntax error at character {expression.error_offset + 1}: {expression.error}",
            path,
        )
        return
    if expression.uses_eval:
        context.report("ASL702", "$eval is not available in Step Functions; use $parse", path)
    for name in sorted(expression.variables):
        context.variable_uses.append((name, path))


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
    return Expression(None, 0, frozenset(free), "eval" in collector.functions)


class _Collector:
    """Walks jsonata-python's AST: variables read, names bound inside, functions called."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.bound: set[str] = set()
        self.functions: set[str] = set()
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
