"""Hover text (Markdown) for what is under the cursor: a field, a state, a resource, a function."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventsmith.asl.diagram import describe_resource
from eventsmith.asl.editor._catalog import FIELD_DOCS, INTRINSICS, JSONATA_FUNCTIONS, STATES_MEMBERS
from eventsmith.asl.editor._cursor import cursor_at
from eventsmith.asl.editor._document import EditorDocument
from eventsmith.asl.editor._names import name_at
from eventsmith.asl.rules._choice import OPERATORS as CHOICE_OPERATORS
from eventsmith.asl.syntax import Position, Range, State

_FUNCTION_WORD = re.compile(r"\$?[A-Za-z_][\w.]*")


@dataclass(frozen=True)
class HoverText:
    markdown: str
    range: Range


def workflow_hover(document: EditorDocument, position: Position) -> HoverText | None:
    site = name_at(document, position)
    if site is not None:
        state = site.scope.states.get(site.name)
        return HoverText(_state_text(site.name, state), site.range)
    tree = document.tree
    cursor = cursor_at(tree, position)
    if cursor.on == "key":
        key = cursor.path[-1] if cursor.path != cursor.container else None
        text = _field_text(key) if isinstance(key, str) else None
        return HoverText(text, tree.range(cursor.token)) if text else None
    value = tree.value_at(cursor.path)
    if cursor.key == "Resource" and isinstance(value, str):
        text = f"**Resource** `{value}`\n\n{describe_resource(value)}"
        return HoverText(text, tree.range(cursor.token))
    if not isinstance(value, str):
        return None
    offset = tree.offset(position)
    for match in _FUNCTION_WORD.finditer(tree.text, cursor.token[0], cursor.token[1]):
        if match.start() <= offset <= match.end():
            described = _function_text(match.group())
            if described:
                return HoverText(described, tree.range(match.span()))
    return None


def _field_text(key: str) -> str | None:
    name = key.removesuffix(".$")
    if name in FIELD_DOCS:
        return f"**{name}**\n\n{FIELD_DOCS[name]}"
    if name in CHOICE_OPERATORS:
        if name.endswith("Path"):
            what = "compares it with the value at this reference path"
        else:
            what = f"takes {CHOICE_OPERATORS[name]}"
        return f"**{name}**\n\nChoice rule test on the `Variable`: {what}."
    return None


def _function_text(word: str) -> str | None:
    if word in INTRINSICS:
        signature, doc = INTRINSICS[word]
        return f"```\n{signature}\n```\n{doc}"
    if word in JSONATA_FUNCTIONS:
        return f"```\n{JSONATA_FUNCTIONS[word]}\n```\nJSONata function"
    for member, doc in STATES_MEMBERS.items():
        if word == member or word.startswith(member + "."):
            return f"`{member}`: {doc}"
    return None


def _state_text(name: str, state: State | None) -> str:
    if state is None:
        return f"**{name}**: no state of this name in its scope"
    lines = [f"**{name}** ({state.type or 'no Type'})"]
    comment = state.body.get("Comment")
    if isinstance(comment, str):
        lines.append(comment)
    resource = state.body.get("Resource")
    if isinstance(resource, str):
        lines.append(f"Resource: `{resource}` ({describe_resource(resource)})")
    targets = sorted({target for target, _ in state.targets})
    if targets:
        lines.append("Goes to: " + ", ".join(targets))
    elif state.body.get("End") is True or state.type in ("Succeed", "Fail"):
        lines.append("Ends its scope")
    return "\n\n".join(lines)
