"""The outline of a document: nested state symbols, and the ranges an editor can fold."""

from __future__ import annotations

from dataclasses import dataclass

from eventsmith.asl.editor._document import EditorDocument, MachineView
from eventsmith.asl.editor._tree import Tree
from eventsmith.asl.syntax import Range, Scope


@dataclass(frozen=True)
class Symbol:
    """A state (detail: its type), a branch or processor, or a template's state machine."""

    name: str
    kind: str
    detail: str
    range: Range
    selection: Range
    children: tuple[Symbol, ...] = ()


def document_symbols(document: EditorDocument) -> tuple[Symbol, ...]:
    tree = document.tree
    symbols: list[Symbol] = []
    for view in document.machines:
        if view.machine is None:
            continue
        states = _scope_symbols(tree, view, view.machine.top)
        if view.source.name is None:
            symbols.extend(states)
            continue
        key = tree.keys.get(view.base[:2]) or tree.values.get(view.base, (0, 0))
        value = tree.values.get(view.base[:2], key)
        # From the logical id on: editors reject a selection outside the symbol's range.
        whole = (min(key[0], value[0]), max(key[1], value[1]))
        symbols.append(
            Symbol(
                view.source.name,
                "machine",
                "state machine",
                tree.range(whole),
                tree.range(key),
                states,
            )
        )
    return tuple(symbols)


def _scope_symbols(tree: Tree, view: MachineView, scope: Scope) -> tuple[Symbol, ...]:
    symbols: list[Symbol] = []
    for name, state in scope.states.items():
        path = view.absolute(state.path)
        key, value = tree.keys.get(path), tree.values.get(path)
        if key is None or value is None:
            continue
        children = []
        for child in scope.children:
            if child.owner is not state:
                continue
            child_span = tree.values.get(view.absolute(child.path))
            if child_span is None:
                continue
            last = child.path[-1]
            label = f"Branch {last + 1}" if isinstance(last, int) else str(last)
            inner = _scope_symbols(tree, view, child)
            whole = tree.range(child_span)
            children.append(Symbol(label, "scope", "", whole, whole, inner))
        symbols.append(
            Symbol(
                name,
                "state",
                state.type or "",
                tree.range((key[0], value[1])),
                tree.range(key),
                tuple(children),
            )
        )
    return tuple(symbols)


def folding_ranges(tree: Tree) -> tuple[tuple[int, int], ...]:
    """(first line, last line) of every object or array spanning lines, outermost first.

    The last line is the one before a closing bracket, so the bracket stays visible; of
    several ranges starting on one line only the widest is kept (editors fold by line).
    """
    found: dict[int, int] = {}
    text = tree.text
    for path in tree.containers:
        span = tree.values.get(path)
        if span is None:
            continue
        start = tree.lines.position(span[0]).line
        if path in tree.keys:
            start = tree.lines.position(tree.keys[path][0]).line
        end_offset = len(text[: span[1]].rstrip())
        end = tree.lines.position(end_offset).line
        closing_alone = not text[tree.lines.line_start(end) : end_offset - 1].strip()
        if tree.syntax == "json" and text[end_offset - 1 : end_offset] in "}]" and closing_alone:
            end -= 1
        if end > start:
            found[start] = max(end, found.get(start, end))
    return tuple(sorted(found.items()))
